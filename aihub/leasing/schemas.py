"""API schemas of the leasing endpoints: one ``…In`` per write, ``…Out`` per answer."""

import datetime
from decimal import Decimal

from django.utils import timezone
from ninja import Field, Schema

from aihub.core.api import PageMeta
from aihub.jobs.schemas import JobOut
from aihub.leasing.enums import InvoiceStatus, LeaseStatus, PaymentMethod, PriceBasis
from aihub.spaces.enums import SpaceKind, SpaceStatus


class SpaceOut(Schema):
    id: int
    facility: str = Field(alias="facility.slug")
    floor: str = Field(alias="floor.label")
    kind: SpaceKind
    code: str
    name_ko: str
    name_en: str
    area_m2: Decimal
    desks: int
    seats: int
    status: SpaceStatus


class SpacePage(PageMeta):
    items: list[SpaceOut]


class SpaceIn(Schema):
    facility: str = Field(description="The facility's short name")
    floor: str = Field(description="The floor's label, for example 6F or B1")
    kind: SpaceKind
    code: str = Field(min_length=1, max_length=20)
    name_ko: str = Field("", max_length=100)
    name_en: str = Field("", max_length=100)
    area_m2: Decimal = Field(max_digits=8, decimal_places=2)
    desks: int = 0
    seats: int = 0
    status: SpaceStatus = SpaceStatus.AVAILABLE


class SpaceStatusIn(Schema):
    status: SpaceStatus


class LeaseOut(Schema):
    id: int
    number: str
    company: int = Field(alias="company_id")
    company_name: str = Field(alias="company.name")
    basis: PriceBasis
    space: int | None = Field(None, alias="space_id")
    space_code: str | None = Field(None, alias="space.code")
    seats: int
    starts_on: datetime.date
    ends_on: datetime.date
    deposit: int
    discount_percent: int
    status: LeaseStatus
    renewed_from: int | None = Field(None, alias="renewed_from_id")


class LeasePage(PageMeta):
    items: list[LeaseOut]


class LeaseIn(Schema):
    company: int = Field(description="The company's id")
    basis: PriceBasis
    space: int | None = Field(None, description="The space's id; none for a membership")
    seats: int = Field(0, ge=0)
    starts_on: datetime.date
    ends_on: datetime.date
    deposit: int = Field(0, ge=0)
    discount_percent: int = Field(0, ge=0, le=100)
    notes: str = ""
    activate: bool = False


class EndDateIn(Schema):
    ends_on: datetime.date


class InvoiceLineOut(Schema):
    position: int
    description_ko: str
    description_en: str
    basis: PriceBasis | None = None
    quantity: Decimal
    unit_price: int
    days: int
    days_in_month: int
    gross: int
    discount: int
    amount: int
    source_ref: str = ""

    @staticmethod
    def resolve_basis(obj: object) -> str | None:
        return obj.basis or None


class InvoiceOut(Schema):
    id: int
    number: str = Field(alias="display_number")
    company: int = Field(alias="company_id")
    company_name: str = Field(alias="company.name")
    month: str
    issued_on: datetime.date
    due_on: datetime.date
    subtotal: int
    vat: int
    total: int
    paid: int = 0
    balance: int = 0
    status: InvoiceStatus
    overdue: bool = False

    @staticmethod
    def resolve_month(obj: object) -> str:
        return obj.month.strftime("%Y-%m")

    @staticmethod
    def resolve_overdue(obj: object) -> bool:
        return obj.status == InvoiceStatus.ISSUED and obj.due_on < timezone.localdate()


class InvoiceDetailOut(InvoiceOut):
    lines: list[InvoiceLineOut]
    cancel_reason: str
    replaces: int | None = Field(None, alias="replaces_id")

    @staticmethod
    def resolve_lines(obj: object) -> list[object]:
        return list(obj.lines.all())


class InvoicePage(PageMeta):
    items: list[InvoiceOut]


class InvoiceRunIn(Schema):
    month: str = Field(pattern=r"^\d{4}-\d{2}$", description="The month, like 2026-11")


class InvoiceRunOut(Schema):
    month: str
    job: JobOut


class InvoiceChangeIn(Schema):
    subtotal: int | None = None
    due_on: datetime.date | None = None


class CancelIn(Schema):
    reason: str = Field(min_length=1, max_length=200)
    reissue: bool = False


class CancelOut(Schema):
    cancelled: InvoiceOut
    reissued: InvoiceOut | None


class PaymentIn(Schema):
    amount: int
    paid_on: datetime.date
    method: PaymentMethod = PaymentMethod.BANK_TRANSFER
    reference: str = Field("", max_length=100)


class PaymentOut(Schema):
    id: int
    invoice: int = Field(alias="invoice_id")
    invoice_number: str = Field(alias="invoice.display_number")
    company: int = Field(alias="invoice.company_id")
    paid_on: datetime.date
    amount: int
    method: PaymentMethod
    reference: str


class PaymentPage(PageMeta):
    items: list[PaymentOut]
