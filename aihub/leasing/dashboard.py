"""The staff dashboard's figures: occupancy, vacancies, leases ending, revenue, receivables.

Occupancy and leases ending are aggregate queries over spaces and leases; revenue and
receivables are read from the money totals the invoice and payment services keep
(``MonthTotal``, ``DueDateTotal``), so the page costs the same few queries whatever the
number of leases, invoices and payments. The querysets are built once, at import; each
request clones them with its dates, which spares the ORM most of its work per request.
The figures carry no labels in any language (``display.py`` turns them into rows).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Sum
from django.utils import timezone

from aihub.leasing import billing
from aihub.leasing.models import DueDateTotal, Lease, MonthTotal, Payment
from aihub.leasing.queries import CURRENT_STATUSES
from aihub.spaces.enums import SpaceKind, SpaceStatus
from aihub.spaces.models import Facility, Space

ENDING_WINDOWS = (30, 60, 90)
VACANT_SHOWN = 20
MONTHS_SHOWN = 12

SPACE_TOTALS = (
    Space.objects.filter(kind__in=(SpaceKind.PRIVATE_OFFICE, SpaceKind.OPEN_OFFICE))
    .values("floor_id", "kind", "status")
    .annotate(area=Sum("area_m2"), seats=Sum("seats"), count=Count("id"))
    .order_by()
    .values_list("floor_id", "kind", "status", "area", "seats", "count")
)
SIGNED_ON_SPACES = Lease.objects.filter(status__in=CURRENT_STATUSES, space__isnull=False)
LEASED_TOTALS = (
    SIGNED_ON_SPACES.values("space__floor_id", "space__kind", "space__status")
    .annotate(area=Sum("space__area_m2"), seats=Sum("seats"), count=Count("space", distinct=True))
    .order_by()
    .values_list("space__floor_id", "space__kind", "space__status", "area", "seats", "count")
)
FLOORS = Facility.objects.order_by("-is_anchor", "opened_on", "id", "floors__level").values_list(
    "pk", "name_ko", "name_en", "opened_on", "floors__pk", "floors__label", "floors__level"
)
NOT_RENEWED = Lease.objects.filter(status__in=CURRENT_STATUSES, renewal__isnull=True)
ENDING_BY_DAY = NOT_RENEWED.values_list("ends_on").annotate(count=Count("id")).order_by()
ENDING_FIRST = NOT_RENEWED.order_by("ends_on", "id").values_list(
    "pk", "company_id", "company__name_ko", "company__name_en", "ends_on"
)
OFFICES_IN_USE = (
    Space.objects.filter(kind=SpaceKind.PRIVATE_OFFICE)
    .exclude(status=SpaceStatus.MAINTENANCE)
    .order_by("facility__opened_on", "floor__level", "code")
    .values_list(
        "pk",
        "floor_id",
        "code",
        "name_ko",
        "name_en",
        "area_m2",
        "status",
        "facility__name_ko",
        "facility__name_en",
        "floor__label",
    )
)
MONTH_TOTALS = MonthTotal.objects.values_list("month", "invoiced", "received", "last_paid_on")
DUE_TOTALS = DueDateTotal.objects.exclude(owed=0, invoices=0).values_list(
    "due_on", "owed", "invoices"
)


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
    pk: int
    name_ko: str
    name_en: str
    occupancy: Occupancy = field(default_factory=Occupancy)
    floors: list[FloorRow] = field(default_factory=list)


@dataclass
class OccupancyFigures:
    facilities: list[FacilityRow]
    total: Occupancy
    vacant_count: int
    vacant_floors: list[int]


def occupancy_by_facility(today: datetime.date) -> OccupancyFigures:
    """Occupancy per facility and floor, by office area and by open seats, and the number of
    vacant offices (not under maintenance, no signed lease covering ``today``) and the floors
    the first of them are on: three queries.

    Leased figures count every signed lease covering ``today`` by the kind of its space:
    offices leased are distinct private offices, area leased adds each lease's office area,
    seats leased add the seats of leases of any other kind of space. Floors with neither
    offices, open seats nor such leases are left out; facilities are always listed.
    """
    by_floor: dict[int, Occupancy] = {}
    available: dict[int, int] = defaultdict(int)
    for floor_id, kind, status, area, seats, count in SPACE_TOTALS.all():
        occupancy = by_floor.get(floor_id) or by_floor.setdefault(floor_id, Occupancy())
        if kind == SpaceKind.PRIVATE_OFFICE:
            occupancy.area += area or 0
            occupancy.offices += count
            if status != SpaceStatus.MAINTENANCE:
                available[floor_id] += count
        else:
            occupancy.seats += seats or 0
    for floor_id, kind, status, area, seats, count in LEASED_TOTALS.filter(
        starts_on__lte=today, ends_on__gte=today
    ):
        occupancy = by_floor.get(floor_id) or by_floor.setdefault(floor_id, Occupancy())
        if kind == SpaceKind.PRIVATE_OFFICE:
            occupancy.area_leased += area or 0
            occupancy.offices_leased += count
            if status != SpaceStatus.MAINTENANCE:
                available[floor_id] -= count
        else:
            occupancy.seats_leased += seats or 0
    rows: dict[int, FacilityRow] = {}
    vacant_order = []
    for pk, name_ko, name_en, opened_on, floor_pk, label, level in FLOORS.all():
        row = rows.get(pk) or rows.setdefault(pk, FacilityRow(pk, name_ko, name_en))
        if available.get(floor_pk):
            vacant_order.append(((opened_on, level), floor_pk))
        occupancy = by_floor.get(floor_pk)
        if occupancy is None:
            continue
        row.floors.append(FloorRow(pk=floor_pk, label=label, occupancy=occupancy))
        row.occupancy.add(occupancy)
    total = Occupancy()
    for row in rows.values():
        total.add(row.occupancy)
    return OccupancyFigures(
        list(rows.values()), total, sum(available.values()), _first_floors(vacant_order, available)
    )


def _first_floors(order: list[tuple[tuple, int]], vacant: dict[int, int]) -> list[int]:
    """The floors that hold the first ``VACANT_SHOWN`` vacant offices in the list's order
    (facility opening date, floor level, code): floors in that order until they hold enough,
    with every floor that ties with the last one taken (their offices mix by code).

    A space's facility is its floor's (``create_space`` refuses others)."""
    order.sort()
    floors, held = [], 0
    for index, (key, floor) in enumerate(order):
        if held >= VACANT_SHOWN and key != order[index - 1][0]:
            break
        floors.append(floor)
        held += vacant[floor]
    return floors


@dataclass(frozen=True)
class MonthFigure:
    month: datetime.date
    invoiced: int
    received: int


def month_firsts(today: datetime.date, months: int = MONTHS_SHOWN) -> list[datetime.date]:
    """The first days of the ``months`` months up to and including ``today``'s, oldest first."""
    firsts = [billing.first_of_month(today)]
    for _step in range(months - 1):
        firsts.append(billing.first_of_month(firsts[-1] - datetime.timedelta(days=1)))
    return firsts[::-1]


def monthly_revenue(today: datetime.date, months: int = MONTHS_SHOWN) -> list[MonthFigure]:
    """Invoiced (non-cancelled totals by billed month) and received (payments by month paid,
    up to ``today``), read from the months' totals the services keep: one query, and a
    second only when ``today``'s month holds payments dated after ``today``.
    """
    firsts = month_firsts(today, months)
    stored = {
        row[0]: row for row in MONTH_TOTALS.filter(month__gte=firsts[0], month__lte=firsts[-1])
    }
    this_month = stored.get(firsts[-1])
    if this_month and this_month[3] and this_month[3] > today:
        received = Payment.objects.filter(paid_on__gte=firsts[-1], paid_on__lte=today).aggregate(
            total=Sum("amount")
        )["total"]
        stored[firsts[-1]] = (firsts[-1], this_month[1], received or 0, today)
    return [
        MonthFigure(first, *stored[first][1:3]) if first in stored else MonthFigure(first, 0, 0)
        for first in firsts
    ]


@dataclass(frozen=True)
class Receivables:
    outstanding: int
    overdue: int
    overdue_count: int


def receivables(today: datetime.date) -> Receivables:
    """What issued invoices still owe, in total and past their due date (before ``today``),
    read from the due dates' totals the services keep: one query."""
    owed = late = late_count = 0
    for due_on, amount, count in DUE_TOTALS.all():
        owed += amount
        if due_on < today:
            late += amount
            late_count += count
    return Receivables(owed, late, late_count)


@dataclass(frozen=True)
class EndingLease:
    pk: int
    company_id: int
    company_name_ko: str
    company_name_en: str
    ends_on: datetime.date

    @property
    def number(self) -> str:
        return str(Lease(pk=self.pk))


@dataclass(frozen=True)
class Ending:
    counts: dict[int, int]
    soonest: list[EndingLease]


def ending(today: datetime.date, limit: int = 20) -> Ending:
    """Signed leases without a renewal that end within 30, 60 and 90 days: how many (one
    query, a row per day on which some end), and the ``limit`` that end first (a second
    query, only when there are any)."""
    window = {
        "ends_on__gte": today,
        "ends_on__lte": today + datetime.timedelta(days=max(ENDING_WINDOWS)),
    }
    by_day = list(ENDING_BY_DAY.filter(**window))
    counts = {
        days: sum(count for ends_on, count in by_day if (ends_on - today).days <= days)
        for days in ENDING_WINDOWS
    }
    soonest = [EndingLease(*row) for row in ENDING_FIRST.filter(**window)[:limit]] if by_day else []
    return Ending(counts, soonest)


@dataclass(frozen=True)
class VacantOffice:
    pk: int
    floor_id: int
    code: str
    name_ko: str
    name_en: str
    area_m2: Decimal
    status: str
    facility_name_ko: str
    facility_name_en: str
    floor_label: str


def vacant_list(today: datetime.date, floors: list[int]) -> list[VacantOffice]:
    """The first ``VACANT_SHOWN`` vacant offices (as ``queries.vacant_offices`` orders them)
    among those on ``floors``; one query, none without floors."""
    if not floors:
        return []
    leased = SIGNED_ON_SPACES.filter(space=OuterRef("pk"), starts_on__lte=today, ends_on__gte=today)
    offices = OFFICES_IN_USE.filter(floor__in=floors).exclude(Exists(leased))
    return [VacantOffice(*row) for row in offices[:VACANT_SHOWN]]


@dataclass
class Dashboard:
    today: datetime.date
    facilities: list[FacilityRow]
    total: Occupancy
    vacant: list[VacantOffice]
    vacant_count: int
    ending: dict[int, int]
    ending_soon: list[EndingLease]
    revenue: list[MonthFigure]
    receivables: Receivables


def dashboard(*, today: datetime.date | None = None) -> Dashboard:
    """Everything the staff dashboard shows, on ``today`` (Seoul's date by default).

    Six queries, and one more for each of the lists of vacant offices (read only on the floors
    that hold the first of them) and of leases ending soon, unless the counts show that the
    list is empty.
    """
    today = today or timezone.localdate()
    occupancy = occupancy_by_facility(today)
    vacant = vacant_list(today, occupancy.vacant_floors)
    leases_ending = ending(today)
    return Dashboard(
        today=today,
        facilities=occupancy.facilities,
        total=occupancy.total,
        vacant=vacant,
        vacant_count=occupancy.vacant_count,
        ending=leases_ending.counts,
        ending_soon=leases_ending.soonest,
        revenue=monthly_revenue(today),
        receivables=receivables(today),
    )
