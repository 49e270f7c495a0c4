import datetime

from ninja import Field, Schema

from aihub.companies.enums import CompanyStatus, MemberRole, MembershipKind, Stage
from aihub.core.api import PageMeta


class CompanyOut(Schema):
    id: int
    name_ko: str
    name_en: str
    registration_number: str
    founded_on: datetime.date
    representative: str
    stage: Stage
    headcount: int
    homepage: str
    status: CompanyStatus
    ai_domains: list[str]
    logo_url: str | None
    url: str

    @staticmethod
    def resolve_ai_domains(obj: object) -> list[str]:
        return [d.code for d in obj.ai_domains.all()]

    @staticmethod
    def resolve_logo_url(obj: object) -> str | None:
        return obj.logo.url if obj.logo else None

    @staticmethod
    def resolve_url(obj: object) -> str:
        return obj.get_absolute_url()


class MemberOut(Schema):
    id: int
    email: str = Field(alias="user.email")
    full_name: str = Field(alias="user.full_name")
    role: MemberRole


class PeriodOut(Schema):
    id: int
    kind: MembershipKind
    facility: str | None = Field(None, alias="facility.slug")
    starts_on: datetime.date
    ends_on: datetime.date | None


class CompanyDetailOut(CompanyOut):
    description_ko: str
    description_en: str
    members: list[MemberOut]
    membership_periods: list[PeriodOut]

    @staticmethod
    def resolve_members(obj: object) -> list[object]:
        return list(obj.members.all())

    @staticmethod
    def resolve_membership_periods(obj: object) -> list[object]:
        return list(obj.membership_periods.all())


class CompanyPage(PageMeta):
    items: list[CompanyOut]


class CompanyIn(Schema):
    name_ko: str = Field(min_length=1, max_length=100)
    name_en: str = Field(min_length=1, max_length=100)
    registration_number: str = Field(max_length=12)
    founded_on: datetime.date
    representative: str = Field(min_length=1, max_length=100)
    stage: Stage = Stage.SEED
    headcount: int = Field(1, ge=0)
    homepage: str = Field("", max_length=200)
    description_ko: str = ""
    description_en: str = ""
    ai_domains: list[str] = []


class CompanyPatchIn(Schema):
    name_ko: str | None = Field(None, min_length=1, max_length=100)
    name_en: str | None = Field(None, min_length=1, max_length=100)
    registration_number: str | None = Field(None, max_length=12)
    founded_on: datetime.date | None = None
    representative: str | None = Field(None, min_length=1, max_length=100)
    stage: Stage | None = None
    headcount: int | None = Field(None, ge=0)
    homepage: str | None = Field(None, max_length=200)
    description_ko: str | None = None
    description_en: str | None = None
    ai_domains: list[str] | None = None


class InvitationIn(Schema):
    email: str = Field(max_length=254)
    role: MemberRole = MemberRole.MEMBER


class InvitationOut(Schema):
    id: int
    email: str
    role: MemberRole
    expires_at: datetime.datetime


class PeriodIn(Schema):
    kind: MembershipKind
    facility: str | None = Field(None, description="Facility short name; required for residents")
    starts_on: datetime.date
    ends_on: datetime.date | None = None


class EndPeriodIn(Schema):
    ends_on: datetime.date
