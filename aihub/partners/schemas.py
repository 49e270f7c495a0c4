import datetime

from ninja import Field, Schema

from aihub.core.api import PageMeta
from aihub.partners.enums import PartnerKind


class AgreementOut(Schema):
    id: int
    title: str
    signed_on: datetime.date
    items: list[str]


class PartnerOut(Schema):
    id: int
    name_ko: str
    name_en: str
    kind: PartnerKind
    country: str
    homepage: str


class PartnerDetailOut(PartnerOut):
    description_ko: str
    description_en: str
    agreements: list[AgreementOut]

    @staticmethod
    def resolve_agreements(obj: object) -> list[object]:
        return list(obj.agreements.all())


class PartnerPage(PageMeta):
    items: list[PartnerOut]


class PartnerIn(Schema):
    name_ko: str = Field(min_length=1, max_length=150)
    name_en: str = Field(min_length=1, max_length=150)
    kind: PartnerKind
    country: str = Field(min_length=2, max_length=2)
    homepage: str = Field("", max_length=200)
    description_ko: str = ""
    description_en: str = ""


class PartnerPatchIn(Schema):
    name_ko: str | None = Field(None, min_length=1, max_length=150)
    name_en: str | None = Field(None, min_length=1, max_length=150)
    kind: PartnerKind | None = None
    country: str | None = Field(None, min_length=2, max_length=2)
    homepage: str | None = Field(None, max_length=200)
    description_ko: str | None = None
    description_en: str | None = None


class AgreementIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    signed_on: datetime.date
    items: list[str] = []


class ContactIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    title: str = Field("", max_length=100)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=30)


class ContactOut(Schema):
    id: int
    name: str
    title: str
    email: str
    phone: str
