"""The dashboard's figures against a straightforward computation over every record, on
varied data; the kept money totals against a recount; the page's formatting."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.management import call_command
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import translation

from aihub.leasing import dashboard as figures
from aihub.leasing import display, services
from aihub.leasing.enums import InvoiceStatus, LeaseStatus, PriceBasis
from aihub.leasing.models import DueDateTotal, Invoice, Lease, MonthTotal, Payment
from aihub.leasing.services.totals import recount_totals, totals_from_records
from aihub.spaces import services as space_services
from aihub.spaces.enums import SpaceKind, SpaceStatus
from aihub.spaces.models import Facility, Space

pytestmark = pytest.mark.django_db
day = datetime.date
TODAY = day(2026, 11, 21)
CURRENT = (LeaseStatus.ACTIVE, LeaseStatus.ENDING)


def _office(facility, floor, code, area, status=SpaceStatus.AVAILABLE):
    return space_services.create_space(
        facility=facility,
        floor=floor,
        kind=SpaceKind.PRIVATE_OFFICE,
        code=code,
        name_ko=f"사무실 {code}",
        name_en=f"Office {code}",
        area_m2=area,
        desks=4,
        status=status,
        actor=None,
    )


def _lease(company, space, starts_on, ends_on, *, seats=0, activate=True):
    basis = PriceBasis.PER_SEAT if seats else PriceBasis.PER_M2
    return services.create_lease(
        company=company,
        basis=basis,
        space=space,
        seats=seats,
        starts_on=starts_on,
        ends_on=ends_on,
        activate=activate,
        actor=None,
    )


@pytest.fixture
def hub(facility, make_company, prices):
    """Two facilities; offices free, leased, reserved, under maintenance (one of them
    leased), half-decimal areas; an open area with seats leased; leases past, current,
    future, draft, cancelled, terminated, renewed and ending within each window; three
    months of invoices with a cancellation, a reissue, partial, full, late and
    future-dated payments; a membership lease without a space."""
    second = space_services.create_facility(
        slug="second",
        name_ko="AI 양재 허브 2관",
        name_en="AI Yangjae Hub 2",
        address_ko="서울특별시 서초구",
        address_en="Seocho-gu, Seoul",
        area_m2=4_000,
        opened_on=day(2020, 1, 1),
        lowest_level=1,
        highest_level=3,
        actor=None,
    )
    space_services.create_facility(
        slug="empty",
        name_ko="빈 건물",
        name_en="Empty building",
        address_ko="서울특별시",
        address_en="Seoul",
        area_m2=1_000,
        opened_on=day(2025, 1, 1),
        lowest_level=1,
        highest_level=1,
        actor=None,
    )
    floor6, floor2 = facility.floors.get(level=6), facility.floors.get(level=2)
    second1, second3 = second.floors.get(level=1), second.floors.get(level=3)
    offices = [
        _office(facility, floor6, "6F-01", 66),
        _office(facility, floor6, "6F-02", Decimal("20.5")),
        _office(facility, floor6, "6F-03", Decimal("33.5")),
        _office(facility, floor2, "2F-01", 120, SpaceStatus.RESERVED),
        _office(facility, floor2, "2F-02", 45),
        _office(second, second1, "1F-01", 30),
        _office(second, second1, "1F-02", 30),
        _office(second, second3, "3F-01", Decimal("12.25")),
    ]
    open_area = space_services.create_space(
        facility=second,
        floor=second1,
        kind=SpaceKind.OPEN_OFFICE,
        code="1F-OPEN",
        name_ko="오픈 오피스",
        name_en="Open office",
        area_m2=200,
        seats=12,
        actor=None,
    )
    space_services.create_space(
        facility=facility,
        floor=facility.floors.get(level=7),
        kind=SpaceKind.MEETING_ROOM,
        code="7F-M1",
        name_ko="회의실",
        name_en="Meeting room",
        area_m2=40,
        actor=None,
    )
    companies = [make_company(resident_at=facility) for _ in range(7)]
    a, b, c, d, e, f, g = companies
    _lease(a, offices[0], day(2026, 1, 1), TODAY + datetime.timedelta(days=20))
    _lease(b, offices[1], day(2026, 9, 15), TODAY + datetime.timedelta(days=45))
    renewed = _lease(c, offices[5], day(2026, 3, 1), TODAY + datetime.timedelta(days=80))
    services.renew_lease(lease=renewed, ends_on=day(2028, 2, 28), actor=None)
    _lease(d, offices[4], day(2026, 6, 1), day(2027, 5, 31))
    space_services.set_space_status(space=offices[4], status=SpaceStatus.MAINTENANCE, actor=None)
    _lease(e, offices[6], day(2026, 1, 1), day(2026, 10, 31))
    _lease(e, offices[6], day(2026, 12, 1), day(2027, 11, 30))
    _lease(f, offices[2], day(2026, 10, 1), day(2027, 9, 30), activate=False)
    cancelled = _lease(f, offices[7], day(2026, 10, 1), day(2027, 9, 30), activate=False)
    services.cancel_lease(lease=cancelled, actor=None)
    terminated = _lease(g, offices[7], day(2026, 11, 1), day(2027, 10, 31))
    services.terminate_lease(
        lease=terminated, ends_on=TODAY + datetime.timedelta(days=60), actor=None, today=TODAY
    )
    space_services.set_space_status(space=offices[7], status=SpaceStatus.MAINTENANCE, actor=None)
    for company, seats in ((a, 3), (d, 5), (g, 2)):
        _lease(company, open_area, day(2026, 8, 1), day(2027, 7, 31), seats=seats)
    services.create_lease(
        company=b,
        basis=PriceBasis.MEMBERSHIP,
        starts_on=day(2026, 1, 1),
        ends_on=day(2026, 12, 31),
        activate=True,
        actor=None,
    )
    for month in (day(2026, 8, 1), day(2026, 9, 1), day(2026, 10, 1), day(2026, 11, 1)):
        services.issue_invoices(month=month, actor=None, today=month, issued_on=month)
    invoices = list(Invoice.objects.order_by("month", "company_id"))
    services.cancel_invoice(invoice=invoices[0], reason="잘못 발행", actor=None)
    services.reissue_invoice(invoice=invoices[1], reason="면적 정정", actor=None, today=TODAY)
    live = list(Invoice.objects.filter(status=InvoiceStatus.ISSUED).order_by("month", "id"))
    for index, invoice in enumerate(live):
        if index % 3 == 0:
            paid_on = invoice.due_on - datetime.timedelta(days=index % 7)
            services.record_payment(
                invoice=invoice, amount=invoice.total, paid_on=paid_on, actor=None, today=TODAY
            )
        elif index % 3 == 1:
            services.record_payment(
                invoice=invoice,
                amount=invoice.total // 3,
                paid_on=min(invoice.due_on + datetime.timedelta(days=9), TODAY),
                actor=None,
                today=TODAY,
            )
    late = Invoice.objects.filter(status=InvoiceStatus.ISSUED).order_by("-id").first()
    services.record_payment(
        invoice=late, amount=1_000, paid_on=day(2026, 11, 28), actor=None, today=day(2026, 11, 30)
    )
    return facility


def expected(today: datetime.date) -> dict:
    """Every figure of the dashboard, computed record by record."""
    current = [
        lease
        for lease in Lease.objects.select_related("space")
        if lease.status in CURRENT and lease.starts_on <= today <= lease.ends_on and lease.space
    ]
    floors: dict[int, dict] = {}

    def row(floor_id):
        return floors.setdefault(
            floor_id,
            {"area": 0, "area_leased": 0, "offices": 0, "offices_leased": set(), "seats": 0}
            | {"seats_leased": 0},
        )

    for space in Space.objects.all():
        if space.kind == SpaceKind.PRIVATE_OFFICE:
            row(space.floor_id)["area"] += space.area_m2
            row(space.floor_id)["offices"] += 1
        elif space.kind == SpaceKind.OPEN_OFFICE:
            row(space.floor_id)["seats"] += space.seats
    for lease in current:
        if lease.space.kind == SpaceKind.PRIVATE_OFFICE:
            row(lease.space.floor_id)["area_leased"] += lease.space.area_m2
            row(lease.space.floor_id)["offices_leased"].add(lease.space_id)
        else:
            row(lease.space.floor_id)["seats_leased"] += lease.seats
    occupancy = []
    for facility in Facility.objects.order_by("-is_anchor", "opened_on", "id"):
        floor_rows = [
            (
                floor.label,
                {**floors[floor.pk], "offices_leased": len(floors[floor.pk]["offices_leased"])},
            )
            for floor in facility.floors.order_by("level")
            if floor.pk in floors
        ]
        occupancy.append((facility.name_ko, floor_rows))
    leased = {lease.space_id for lease in current}
    vacant = sorted(
        (
            space
            for space in Space.objects.select_related("facility", "floor")
            if space.kind == SpaceKind.PRIVATE_OFFICE
            and space.status != SpaceStatus.MAINTENANCE
            and space.pk not in leased
        ),
        key=lambda space: (space.facility.opened_on, space.floor.level, space.code),
    )
    ending = [
        lease
        for lease in Lease.objects.order_by("ends_on", "id")
        if lease.status in CURRENT
        and today <= lease.ends_on
        and not Lease.objects.filter(renewed_from=lease).exists()
    ]
    firsts = figures.month_firsts(today)
    invoices = list(Invoice.objects.all())
    payments = list(Payment.objects.select_related("invoice"))
    issued = [invoice for invoice in invoices if invoice.status == InvoiceStatus.ISSUED]

    def owed(invoice):
        return invoice.total - sum(p.amount for p in payments if p.invoice_id == invoice.pk)

    return {
        "occupancy": occupancy,
        "vacant": [space.pk for space in vacant[: figures.VACANT_SHOWN]],
        "vacant_count": len(vacant),
        "ending": {
            days: sum(1 for lease in ending if (lease.ends_on - today).days <= days)
            for days in figures.ENDING_WINDOWS
        },
        "ending_soon": [lease.pk for lease in ending if (lease.ends_on - today).days <= 90][:20],
        "revenue": [
            (
                first,
                sum(
                    i.total
                    for i in invoices
                    if i.month == first and i.status != InvoiceStatus.CANCELLED
                ),
                sum(
                    p.amount
                    for p in payments
                    if p.paid_on.replace(day=1) == first and p.paid_on <= today
                ),
            )
            for first in firsts
        ],
        "receivables": (
            sum(owed(i) for i in issued),
            sum(owed(i) for i in issued if i.due_on < today),
            sum(1 for i in issued if i.due_on < today),
        ),
    }


def actual(today: datetime.date) -> dict:
    data = figures.dashboard(today=today)
    fields = ("area", "area_leased", "offices", "offices_leased", "seats", "seats_leased")
    return {
        "occupancy": [
            (
                facility.name_ko,
                [
                    (floor.label, {name: getattr(floor.occupancy, name) for name in fields})
                    for floor in facility.floors
                ],
            )
            for facility in data.facilities
        ],
        "vacant": [space.pk for space in data.vacant],
        "vacant_count": data.vacant_count,
        "ending": data.ending,
        "ending_soon": [lease.pk for lease in data.ending_soon],
        "revenue": [(f.month, f.invoiced, f.received) for f in data.revenue],
        "receivables": (
            data.receivables.outstanding,
            data.receivables.overdue,
            data.receivables.overdue_count,
        ),
    }


@pytest.mark.parametrize(
    "today",
    [
        TODAY,
        day(2026, 11, 15),
        day(2026, 11, 30),
        day(2026, 10, 31),
        day(2026, 12, 1),
        day(2027, 2, 1),
    ],
)
def test_dashboard_figures_match_straightforward_computation(hub, today):
    assert actual(today) == expected(today)


def test_dashboard_totals_sum_facility_floors(hub):
    data = figures.dashboard(today=TODAY)
    total = figures.Occupancy()
    for facility in data.facilities:
        floors = figures.Occupancy()
        for floor in facility.floors:
            floors.add(floor.occupancy)
        assert facility.occupancy == floors
        total.add(floors)
    assert data.total == total


def test_dashboard_lists_facility_without_floors_in_use(hub):
    names = [(f.name_en, len(f.floors)) for f in figures.dashboard(today=TODAY).facilities]
    assert names == [("Seoul AI Hub", 2), ("AI Yangjae Hub 2", 2), ("Empty building", 0)]


def test_kept_totals_match_recount(hub):
    kept = (
        sorted(MonthTotal.objects.values_list("month", "invoiced", "received", "last_paid_on")),
        sorted(
            DueDateTotal.objects.exclude(owed=0, invoices=0).values_list(
                "due_on", "owed", "invoices"
            )
        ),
    )
    months, due_dates = totals_from_records()
    recounted = (
        [(r.month, r.invoiced, r.received, r.last_paid_on) for r in months],
        [(r.due_on, r.owed, r.invoices) for r in due_dates if r.owed or r.invoices],
    )
    assert kept == recounted


def test_recount_totals_repairs_bulk_loaded_payments(hub):
    before = actual(TODAY)
    MonthTotal.objects.all().delete()
    DueDateTotal.objects.update(owed=0)
    assert recount_totals() == (MonthTotal.objects.count(), DueDateTotal.objects.count())
    assert actual(TODAY) == before


def test_dashboard_revenue_excludes_payments_after_today(hub):
    late_month = figures.dashboard(today=TODAY).revenue[-1]
    later = figures.dashboard(today=day(2026, 11, 30)).revenue[-1]
    assert later.received - late_month.received == 1_000 + sum(
        Payment.objects.filter(paid_on__gt=TODAY, paid_on__lt=day(2026, 11, 28)).values_list(
            "amount", flat=True
        )
    )


def test_cancel_invoice_uncounts_month_and_due_date(invoice):
    services.cancel_invoice(invoice=invoice, reason="중복", actor=None)
    month = MonthTotal.objects.get(month=invoice.month)
    due = DueDateTotal.objects.get(due_on=invoice.due_on)
    assert (month.invoiced, due.owed, due.invoices) == (0, 0, 0)


def test_record_payment_counts_partial_then_settled(invoice):
    services.record_payment(
        invoice=invoice,
        amount=100_000,
        paid_on=day(2026, 12, 1),
        actor=None,
        today=day(2026, 12, 2),
    )
    due = DueDateTotal.objects.get(due_on=invoice.due_on)
    assert (due.owed, due.invoices) == (invoice.total - 100_000, 1)
    services.record_payment(
        invoice=invoice,
        amount=invoice.total - 100_000,
        paid_on=day(2026, 11, 30),
        actor=None,
        today=day(2026, 12, 2),
    )
    due.refresh_from_db()
    assert (due.owed, due.invoices) == (0, 0)
    rows = MonthTotal.objects.order_by("month").values_list("month", "received", "last_paid_on")
    assert list(rows) == [
        (day(2026, 11, 1), invoice.total - 100_000, day(2026, 11, 30)),
        (day(2026, 12, 1), 100_000, day(2026, 12, 1)),
    ]


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize(
    "value", [0, 7, 999, 1_000, -1_234_567, 12_345_678_901, Decimal("1234.5"), Decimal("0.4")]
)
def test_grouped_writes_numbers_as_intcomma(language, value):
    with translation.override(language):
        reference = (
            intcomma(floatformat(value, 0)) if isinstance(value, Decimal) else intcomma(value)
        )
        assert display.grouped()(value) == reference


def test_floor_and_lease_urls_match_reverse():
    assert (display.floor_url(12), display.lease_url(3, 45)) == (
        reverse("leasing:floor", kwargs={"floor_pk": 12}),
        reverse("leasing:lease", kwargs={"pk": 3, "lease_pk": 45}),
    )


@pytest.mark.parametrize("language", ["ko", "en"])
def test_dashboard_page_shows_figures(staff_client, staff, hub, language):
    staff.language = language
    staff.save(update_fields=["language"])
    data = figures.dashboard()
    page = staff_client.get(reverse("leasing:dashboard")).content.decode()
    with translation.override(language):
        rendered = display.dashboard_page(data)
    assert f'data-testid="area-occupancy">{data.total.area_percent}%<' in page
    assert all(str(row) in page for row in rendered.occupancy)
    assert rendered.chart.marks() in page
    assert f"<dd>{intcomma(data.receivables.outstanding)}</dd>" in page


def test_dashboard_page_escapes_names(staff_client, hub):
    Facility.objects.filter(slug="second").update(name_ko="<b>둘째</b>")
    page = staff_client.get(reverse("leasing:dashboard")).content.decode()
    assert "&lt;b&gt;둘째&lt;/b&gt;" in page
    assert "<b>둘째" not in page


def test_recount_command_rebuilds_totals(invoice):
    MonthTotal.objects.all().delete()
    out = io.StringIO()
    call_command("recount_leasing_totals", stdout=out)
    assert (out.getvalue(), MonthTotal.objects.get().invoiced) == (
        "1 months and 1 due dates recounted.\n",
        invoice.total,
    )


@pytest.mark.parametrize(
    ("today", "queries"),
    [(day(2026, 11, 30), 8), (TODAY, 9)],
    ids=["lists", "lists-and-payments-after-today"],
)
def test_dashboard_figures_query_count_with_lists(hub, django_assert_num_queries, today, queries):
    with django_assert_num_queries(queries):
        data = figures.dashboard(today=today)
    assert (len(data.vacant), len(data.ending_soon)) == (3, 4)


def test_dashboard_figures_query_count_without_lists(lease, django_assert_num_queries):
    with django_assert_num_queries(6):
        data = figures.dashboard(today=day(2026, 6, 1))
    assert (data.vacant, data.ending_soon) == ([], [])


def test_dashboard_vacant_list_spans_floors_in_order(facility, make_company, prices):
    """More than twenty vacancies on floors of two facilities opened the same day: the list
    reads the first floors in order until they hold twenty, and every floor at the same
    level as the last (its offices mix with it by code), not the floors after them."""
    twin = space_services.create_facility(
        slug="twin",
        name_ko="쌍둥이관",
        name_en="Twin",
        address_ko="서울특별시",
        address_en="Seoul",
        area_m2=2_000,
        opened_on=facility.opened_on,
        lowest_level=1,
        highest_level=3,
        actor=None,
    )
    for owner, level, prefix, count in (
        (twin, 1, "E", 15),
        (twin, 2, "B", 9),
        (facility, 2, "C", 9),
        (facility, 3, "A", 9),
    ):
        floor = owner.floors.get(level=level)
        for index in range(count):
            _office(owner, floor, f"{index:02d}-{prefix}", 20 + index)
    _lease(make_company(resident_at=facility), Space.objects.get(code="00-C"), TODAY, TODAY)
    occupancy = figures.occupancy_by_facility(TODAY)
    levels = sorted(
        Space.objects.filter(floor__in=occupancy.vacant_floors)
        .values_list("floor__facility__slug", "floor__level")
        .order_by()
        .distinct()
    )
    assert levels == [("anchor", 2), ("twin", 1), ("twin", 2)]
    assert (actual(TODAY)["vacant_count"], len(actual(TODAY)["vacant"])) == (41, 20)
    assert actual(TODAY) == expected(TODAY)
