"""The staff dashboard's figures: occupancy, vacancies, leases ending, revenue, receivables.

Every figure is an aggregate query, so the page costs the same number of queries whatever
the number of leases.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from aihub.leasing import billing
from aihub.leasing.enums import InvoiceStatus, SpaceKind
from aihub.leasing.models import Invoice, Lease, Payment, Space
from aihub.leasing.queries import CURRENT_STATUSES, current_leases, vacant_offices
from aihub.spaces.models import Facility

ENDING_WINDOWS = (30, 60, 90)
VACANT_SHOWN = 20
MONTHS_SHOWN = 12


def percent(part: Decimal | int, whole: Decimal | int) -> int:
    return round(100 * part / whole) if whole else 0


@dataclass
class Occupancy:
    """Office area and open seats of a floor or facility, in total and leased today."""

    area: Decimal = Decimal(0)
    area_leased: Decimal = Decimal(0)
    offices: int = 0
    offices_leased: int = 0
    seats: int = 0
    seats_leased: int = 0

    def add(self, other: "Occupancy") -> None:
        self.area += other.area
        self.area_leased += other.area_leased
        self.offices += other.offices
        self.offices_leased += other.offices_leased
        self.seats += other.seats
        self.seats_leased += other.seats_leased

    @property
    def area_percent(self) -> int:
        return percent(self.area_leased, self.area)

    @property
    def seats_percent(self) -> int:
        return percent(self.seats_leased, self.seats)


@dataclass
class FloorRow:
    pk: int
    label: str
    occupancy: Occupancy


@dataclass
class FacilityRow:
    facility: Facility
    occupancy: Occupancy = field(default_factory=Occupancy)
    floors: list[FloorRow] = field(default_factory=list)


def occupancy_by_facility(today: datetime.date) -> list[FacilityRow]:
    """Occupancy per facility and floor, by office area and by open seats, in three queries."""
    by_floor: dict[int, Occupancy] = {}
    for row in (
        Space.objects.filter(kind__in=(SpaceKind.PRIVATE_OFFICE, SpaceKind.OPEN_OFFICE))
        .values("floor_id", "kind")
        .annotate(area=Sum("area_m2"), seats=Sum("seats"), count=Count("id"))
        .order_by()
    ):
        occupancy = by_floor.setdefault(row["floor_id"], Occupancy())
        if row["kind"] == SpaceKind.PRIVATE_OFFICE:
            occupancy.area += row["area"] or 0
            occupancy.offices += row["count"]
        else:
            occupancy.seats += row["seats"] or 0
    for row in (
        current_leases(today)
        .filter(space__isnull=False)
        .values("space__floor_id", "space__kind")
        .annotate(
            area=Sum("space__area_m2"), seats=Sum("seats"), count=Count("space", distinct=True)
        )
        .order_by()
    ):
        occupancy = by_floor.setdefault(row["space__floor_id"], Occupancy())
        if row["space__kind"] == SpaceKind.PRIVATE_OFFICE:
            occupancy.area_leased += row["area"] or 0
            occupancy.offices_leased += row["count"]
        else:
            occupancy.seats_leased += row["seats"] or 0
    rows: dict[int, FacilityRow] = {}
    for facility in Facility.objects.prefetch_related("floors").order_by(
        "-is_anchor", "opened_on", "id"
    ):
        row = rows.setdefault(facility.pk, FacilityRow(facility=facility))
        for floor in facility.floors.all():
            occupancy = by_floor.get(floor.pk)
            if occupancy is None:
                continue
            row.floors.append(FloorRow(pk=floor.pk, label=floor.label, occupancy=occupancy))
            row.occupancy.add(occupancy)
    return list(rows.values())


@dataclass(frozen=True)
class MonthFigure:
    month: datetime.date
    invoiced: int
    received: int


def monthly_revenue(today: datetime.date, months: int = MONTHS_SHOWN) -> list[MonthFigure]:
    """Invoiced (non-cancelled totals by billed month) and received (payments by month paid).

    Two queries; payments are summed per month with one conditional sum per month, so the
    database needs no date function.
    """
    last = billing.first_of_month(today)
    firsts = [last]
    for _step in range(months - 1):
        firsts.insert(0, billing.first_of_month(firsts[0] - datetime.timedelta(days=1)))
    invoiced = dict(
        Invoice.objects.filter(month__gte=firsts[0], month__lte=last)
        .exclude(status=InvoiceStatus.CANCELLED)
        .values("month")
        .annotate(invoiced=Sum("total"))
        .order_by()
        .values_list("month", "invoiced")
    )
    received = Payment.objects.filter(paid_on__gte=firsts[0], paid_on__lte=today).aggregate(
        **{
            f"m{index}": Sum(
                "amount", filter=Q(paid_on__gte=first, paid_on__lt=billing.next_month(first))
            )
            for index, first in enumerate(firsts)
        }
    )
    return [
        MonthFigure(first, invoiced.get(first, 0), received[f"m{index}"] or 0)
        for index, first in enumerate(firsts)
    ]


@dataclass(frozen=True)
class Receivables:
    outstanding: int
    overdue: int
    overdue_count: int


def receivables(today: datetime.date) -> Receivables:
    """What issued invoices still owe, in total and past their due date: invoiced minus
    paid, in two aggregate queries."""
    overdue = Q(due_on__lt=today)
    invoiced = Invoice.objects.filter(status=InvoiceStatus.ISSUED).aggregate(
        owed=Sum("total"), late=Sum("total", filter=overdue), late_count=Count("id", filter=overdue)
    )
    paid = Payment.objects.filter(invoice__status=InvoiceStatus.ISSUED).aggregate(
        owed=Sum("amount"), late=Sum("amount", filter=Q(invoice__due_on__lt=today))
    )
    return Receivables(
        (invoiced["owed"] or 0) - (paid["owed"] or 0),
        (invoiced["late"] or 0) - (paid["late"] or 0),
        invoiced["late_count"] or 0,
    )


def ending_counts(today: datetime.date) -> dict[int, int]:
    """How many signed leases without a renewal end within 30, 60 and 90 days."""
    leases = Lease.objects.filter(
        status__in=CURRENT_STATUSES, ends_on__gte=today, renewal__isnull=True
    )
    counts = leases.aggregate(
        **{
            f"d{days}": Count("id", filter=Q(ends_on__lte=today + datetime.timedelta(days=days)))
            for days in ENDING_WINDOWS
        }
    )
    return {days: counts[f"d{days}"] for days in ENDING_WINDOWS}


def ending_leases(today: datetime.date, days: int = ENDING_WINDOWS[-1], limit: int = 20):
    return (
        Lease.objects.filter(
            status__in=CURRENT_STATUSES,
            ends_on__gte=today,
            ends_on__lte=today + datetime.timedelta(days=days),
            renewal__isnull=True,
        )
        .select_related("company", "space__facility")
        .order_by("ends_on", "id")[:limit]
    )


@dataclass
class Dashboard:
    today: datetime.date
    facilities: list[FacilityRow]
    total: Occupancy
    vacant: list[Space]
    vacant_count: int
    ending: dict[int, int]
    ending_soon: list[Lease]
    revenue: list[MonthFigure]
    receivables: Receivables


def dashboard(*, today: datetime.date | None = None) -> Dashboard:
    """Everything the staff dashboard shows, on ``today`` (Seoul's date by default)."""
    today = today or timezone.localdate()
    facilities = occupancy_by_facility(today)
    total = Occupancy()
    for row in facilities:
        total.add(row.occupancy)
    vacant = vacant_offices(today=today)
    vacant_list = list(vacant[:VACANT_SHOWN])
    vacant_count = (
        len(vacant_list) if len(vacant_list) < VACANT_SHOWN else vacant.order_by().count()
    )
    return Dashboard(
        today=today,
        facilities=facilities,
        total=total,
        vacant=vacant_list,
        vacant_count=vacant_count,
        ending=ending_counts(today),
        ending_soon=list(ending_leases(today)),
        revenue=monthly_revenue(today),
        receivables=receivables(today),
    )
