"""Reads of the leasing app. Company-owned rows start from the companies gate."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    BigIntegerField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from aihub.accounts.models import User
from aihub.companies.models import Company
from aihub.companies.queries import companies_for_user, company_for_user
from aihub.core.errors import NotFound
from aihub.leasing.enums import InvoiceStatus, LeaseStatus
from aihub.leasing.models import Invoice, Lease, Payment
from aihub.spaces.enums import SpaceKind, SpaceStatus
from aihub.spaces.models import Floor, Space

CURRENT_STATUSES = (LeaseStatus.ACTIVE, LeaseStatus.ENDING)


def current_leases(today: datetime.date) -> QuerySet[Lease]:
    """Signed leases that cover ``today``."""
    return Lease.objects.filter(
        status__in=CURRENT_STATUSES, starts_on__lte=today, ends_on__gte=today
    )


def spaces_for_user(
    *, user: User, facility: str = "", kind: str = "", status: str = ""
) -> QuerySet[Space]:
    """Every space, for anyone signed in; filtered by facility slug, kind and status."""
    if not user.is_authenticated:
        return Space.objects.none()
    spaces = Space.objects.select_related("facility", "floor")
    if facility:
        spaces = spaces.filter(facility__slug=facility)
    if kind:
        spaces = spaces.filter(kind=kind)
    if status:
        spaces = spaces.filter(status=status)
    return spaces.order_by("facility__opened_on", "facility_id", "floor__level", "code")


def space_for_user(*, user: User, pk: int) -> Space:
    space = spaces_for_user(user=user).filter(pk=pk).first()
    if space is None:
        raise NotFound()
    return space


@dataclass(frozen=True)
class LeaseFilters:
    status: str = ""
    facility: str = ""
    company: int | None = None
    q: str = ""


def leases_for_user(*, user: User, filters: LeaseFilters | None = None) -> QuerySet[Lease]:
    """Leases of the companies the user may see, with company and space joined."""
    filters = filters or LeaseFilters()
    leases = Lease.objects.filter(company__in=companies_for_user(user=user)).select_related(
        "company", "space__facility", "space__floor"
    )
    if filters.status:
        leases = leases.filter(status=filters.status)
    if filters.facility:
        leases = leases.filter(space__facility__slug=filters.facility)
    if filters.company:
        leases = leases.filter(company_id=filters.company)
    if filters.q:
        term = filters.q.strip()
        leases = leases.filter(
            Q(company__name_ko__icontains=term)
            | Q(company__name_en__icontains=term)
            | Q(space__code__icontains=term)
        )
    return leases.order_by("-starts_on", "-id")


def lease_for_user(*, user: User, company_pk: int, pk: int) -> Lease:
    """One lease of the company in the URL, if the user may see that company; 404 otherwise."""
    lease = (
        leases_for_user(user=user)
        .filter(company_id=company_pk, pk=pk)
        .select_related("renewed_from", "renewal")
        .first()
    )
    if lease is None:
        raise NotFound()
    return lease


def with_balance(invoices: QuerySet[Invoice]) -> QuerySet[Invoice]:
    """Annotate ``paid`` (sum of payments) and ``balance`` (what is still owed)."""
    paid = (
        Payment.objects.filter(invoice=OuterRef("pk"))
        .order_by()
        .values("invoice")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return invoices.annotate(
        paid=Coalesce(Subquery(paid, output_field=BigIntegerField()), Value(0))
    ).annotate(balance=ExpressionWrapper(F("total") - F("paid"), output_field=BigIntegerField()))


@dataclass(frozen=True)
class InvoiceFilters:
    month: datetime.date | None = None
    status: str = ""
    company: int | None = None
    q: str = ""


OVERDUE = "overdue"


def invoices_for_user(
    *, user: User, filters: InvoiceFilters | None = None, today: datetime.date | None = None
) -> QuerySet[Invoice]:
    """Invoices of the companies the user may see, with ``paid`` and ``balance``.

    The status filter also takes ``overdue``: issued, unpaid, and past the due date.
    """
    filters = filters or InvoiceFilters()
    invoices = with_balance(
        Invoice.objects.filter(company__in=companies_for_user(user=user)).select_related("company")
    )
    if filters.month:
        invoices = invoices.filter(month=filters.month)
    if filters.status == OVERDUE:
        invoices = invoices.filter(
            status=InvoiceStatus.ISSUED, due_on__lt=today or timezone.localdate()
        )
    elif filters.status:
        invoices = invoices.filter(status=filters.status)
    if filters.company:
        invoices = invoices.filter(company_id=filters.company)
    if filters.q:
        term = filters.q.strip()
        invoices = invoices.filter(
            Q(company__name_ko__icontains=term) | Q(company__name_en__icontains=term)
        )
    return invoices.order_by("-month", "-year", "-number")


def invoice_for_user(*, user: User, company_pk: int, pk: int) -> Invoice:
    """One invoice of the company in the URL with its lines and payments; 404 otherwise."""
    invoice = (
        invoices_for_user(user=user)
        .filter(company_id=company_pk, pk=pk)
        .select_related("replaces")
        .prefetch_related(
            "lines",
            Prefetch("payments", queryset=Payment.objects.select_related("recorded_by")),
        )
        .first()
    )
    if invoice is None:
        raise NotFound()
    return invoice


def payments_for_user(*, user: User) -> QuerySet[Payment]:
    return (
        Payment.objects.filter(invoice__company__in=companies_for_user(user=user))
        .select_related("invoice__company")
        .order_by("-paid_on", "-id")
    )


def company_leasing_for_user(*, user: User, pk: int) -> Company:
    """The company in the URL through the gate; 404 when the user may not see it."""
    return company_for_user(user=user, pk=pk)


def floor_with_spaces(*, floor_pk: int, today: datetime.date | None = None) -> Floor:
    """A floor with its spaces, each with the signed leases covering ``today`` and their
    companies (``space.current``)."""
    today = today or timezone.localdate()
    floor = (
        Floor.objects.select_related("facility")
        .prefetch_related(
            Prefetch(
                "spaces",
                queryset=Space.objects.order_by("code").prefetch_related(
                    Prefetch(
                        "leases",
                        queryset=current_leases(today).select_related("company"),
                        to_attr="current",
                    )
                ),
            )
        )
        .filter(pk=floor_pk)
        .first()
    )
    if floor is None:
        raise NotFound()
    return floor


def vacant_offices(*, today: datetime.date | None = None) -> QuerySet[Space]:
    """Private offices not under maintenance with no signed lease covering ``today``."""
    today = today or timezone.localdate()
    return (
        Space.objects.filter(kind=SpaceKind.PRIVATE_OFFICE)
        .exclude(status=SpaceStatus.MAINTENANCE)
        .exclude(Exists(current_leases(today).filter(space=OuterRef("pk"))))
        .select_related("facility", "floor")
        .order_by("facility__opened_on", "floor__level", "code")
    )
