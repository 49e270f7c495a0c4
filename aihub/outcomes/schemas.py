import datetime

from ninja import Field, Schema

from aihub.core.api import PageMeta
from aihub.outcomes.enums import Basis, PeriodKind, ReportStatus, RoundStage, VersionStatus

AMOUNT = 10**16


class PeriodIn(Schema):
    kind: PeriodKind
    year: int = Field(ge=2000, le=2100)
    quarter: int | None = Field(None, ge=1, le=4, description="1–4, for a quarterly period")
    deadline: datetime.date
    include_alumni: bool = False


class PeriodOut(Schema):
    id: int
    kind: PeriodKind
    label: str
    starts_on: datetime.date
    ends_on: datetime.date
    deadline: datetime.date
    closed: bool

    @staticmethod
    def resolve_closed(obj: object) -> bool:
        return obj.closed_at is not None


class PeriodPage(PageMeta):
    items: list[PeriodOut]


class RoundIn(Schema):
    closed_on: datetime.date
    stage: RoundStage
    investors: str = Field(min_length=1, max_length=300)
    amount: int = Field(gt=0, le=AMOUNT, description="KRW")


class RoundOut(Schema):
    closed_on: datetime.date
    stage: RoundStage
    investors: str
    amount: int


class ReportIn(Schema):
    revenue: int = Field(ge=0, le=AMOUNT, description="KRW")
    export_sales: int = Field(0, ge=0, le=AMOUNT, description="KRW")
    headcount: int = Field(ge=0, le=10_000_000, description="at the end of the period")
    new_hires: int = Field(0, ge=0, le=10_000_000)
    young_hires: int = Field(0, ge=0, le=10_000_000, description="of the new hires, aged 15–34")
    ip_filed: int = Field(0, ge=0, le=10_000_000)
    ip_registered: int = Field(0, ge=0, le=10_000_000)
    products_launched: int = Field(0, ge=0, le=10_000_000)
    enterprise_value: int | None = Field(None, ge=0, le=AMOUNT, description="KRW, if known")
    note: str = Field("", max_length=5000)
    rounds: list[RoundIn] = []


class SubmitIn(Schema):
    confirm_warnings: bool = Field(
        False, description="Confirm the figures flagged by the plausibility checks"
    )


class ReturnIn(Schema):
    comment: str = Field(min_length=1, max_length=2000)


class ConsentIn(Schema):
    granted: bool


class ConsentOut(Schema):
    granted: bool


class VersionOut(Schema):
    number: int
    status: VersionStatus
    revenue: int
    investment: int
    export_sales: int
    headcount: int
    new_hires: int
    young_hires: int
    ip_filed: int
    ip_registered: int
    products_launched: int
    enterprise_value: int | None
    note: str
    review_comment: str
    rounds: list[RoundOut]

    @staticmethod
    def resolve_rounds(obj: object) -> list[object]:
        return list(obj.rounds.all())


class ReportOut(Schema):
    id: int
    company_id: int
    company: str
    period: PeriodOut
    status: ReportStatus
    during_membership: bool
    current_version: VersionOut | None = None

    @staticmethod
    def resolve_company(obj: object) -> str:
        return obj.company.name


class ReportSummaryOut(Schema):
    id: int
    company_id: int
    company: str
    period: PeriodOut
    status: ReportStatus

    @staticmethod
    def resolve_company(obj: object) -> str:
        return obj.company.name


class ReportPage(PageMeta):
    items: list[ReportSummaryOut]


class TotalsOut(Schema):
    revenue: int
    investment: int
    new_hires: int
    young_hires: int
    export_sales: int
    ip_filed: int
    ip_registered: int
    products_launched: int
    enterprise_value: int
    reporting_companies: int


class YearOut(Schema):
    year: str
    active_companies: int
    supported_to_date: int
    revenue: int
    investment: int
    new_hires: int
    enterprise_value: int
    cumulative_revenue: int
    cumulative_investment: int


class GroupOut(Schema):
    key: str
    label: str
    companies: int
    revenue: int
    investment: int


class FiguresOut(Schema):
    date_from: datetime.date
    date_to: datetime.date
    basis: Basis
    supported_in_range: int
    supported_to_date: int
    totals: TotalsOut
    years: list[YearOut]
    by_kind: list[GroupOut]
    by_facility: list[GroupOut]
    by_domain: list[GroupOut]
    by_cohort: list[GroupOut]


class NamedCompanyOut(Schema):
    name: str
    revenue: int
    investment: int
    new_hires: int


class PublicFiguresOut(FiguresOut):
    companies_by_name: list[NamedCompanyOut]


class PointOut(Schema):
    label: str
    ends_on: datetime.date
    revenue: int
    investment: int
    headcount: int
    new_hires: int
    enterprise_value: int | None


class CompanyFiguresOut(Schema):
    company_id: int
    publication_consent: bool
    periods: list[PointOut]
