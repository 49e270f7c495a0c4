"""Demo spaces, leases, months of invoices and payments, built through the services.

Call ``seed_leasing`` after the demo companies exist. The default demo invoices the last
``INVOICE_MONTHS`` months; ``full=True`` the last ``FULL_INVOICE_MONTHS`` (two years), and
a full run after a default one adds the older months. Everything derives from fixed seeds
and the demo's reference date, so every run plans the same data; spaces, prices and leases
are keyed by natural keys and payments are only added to invoices without any, so running
it again creates nothing new. Invoices come from the billing service's monthly run, which
itself skips companies already invoiced for a month.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass
from typing import Protocol

from django.db import transaction
from django.utils import translation

from aihub.accounts.models import User
from aihub.companies.enums import MembershipKind
from aihub.companies.models import MembershipPeriod
from aihub.demo.seed import ANCHOR_SLUG, FACILITIES, REFERENCE_DATE, STAFF_EMAIL
from aihub.leasing import billing, services
from aihub.leasing.enums import InvoiceStatus, PaymentMethod, PriceBasis
from aihub.leasing.models import Invoice, Lease, PriceRule
from aihub.outbox.services import suppressed
from aihub.spaces import services as space_services
from aihub.spaces.enums import SpaceKind, SpaceStatus
from aihub.spaces.models import Facility, Space

PRICES = (
    (PriceBasis.PER_M2, 5_000, datetime.date(2017, 12, 1)),
    (PriceBasis.PER_SEAT, 60_000, datetime.date(2017, 12, 1)),
    (PriceBasis.MEMBERSHIP, 50_000, datetime.date(2017, 12, 1)),
)
"""The hub's published prices (2020): 5,000 KRW per m² and 60,000 KRW per seat a month."""

INVOICE_MONTHS = 6
FULL_INVOICE_MONTHS = 24
_SEED = 2024


class _Writer(Protocol):
    def write(self, text: str, /) -> object: ...


@dataclass(frozen=True)
class SpacePlan:
    facility: str
    level: int
    kind: SpaceKind
    code: str
    name_ko: str
    name_en: str
    area_m2: int
    desks: int = 0
    seats: int = 0
    status: SpaceStatus = SpaceStatus.AVAILABLE


_OFFICE_FLOORS = {
    ANCHOR_SLUG: (4, 5),
    "yangjae-main": (2, 3),
    "yangjae-global": (2, 3),
    "yangjae-growth": (2, 3, 4),
}
_OFFICES_PER_FLOOR = {ANCHOR_SLUG: 10, "yangjae-main": 12, "yangjae-global": 6, "yangjae-growth": 8}


def _label(level: int) -> str:
    return f"B{-level}" if level < 0 else f"{level}F"


def plan_spaces(*, scale: int = 1) -> list[SpacePlan]:
    """The spaces of the five demo facilities; offices per floor grow with ``scale``."""
    rng = random.Random(_SEED)
    plans: list[SpacePlan] = []
    for seed in FACILITIES:
        slug = seed.slug
        for level in range(seed.lowest_level, seed.highest_level + 1):
            if level == 0:
                continue
            floor = _label(level)
            if level >= 1:
                plans.append(
                    SpacePlan(
                        slug,
                        level,
                        SpaceKind.LOUNGE,
                        f"{floor}-L",
                        f"{floor} 오픈 라운지",
                        f"{floor} open lounge",
                        120,
                    )
                )
            for number in range(1, _OFFICES_PER_FLOOR.get(slug, 0) * scale + 1):
                if level not in _OFFICE_FLOORS.get(slug, ()):
                    break
                area = rng.choice((25, 30, 33, 40, 45, 50, 60))
                plans.append(
                    SpacePlan(
                        slug,
                        level,
                        SpaceKind.PRIVATE_OFFICE,
                        f"{floor}-{number:02d}",
                        f"{floor} {number}호 사무실",
                        f"{floor} office {number}",
                        area,
                        desks=area // 5,
                    )
                )
        top = seed.highest_level
        plans.append(
            SpacePlan(
                slug,
                1,
                SpaceKind.OPEN_OFFICE,
                "1F-OPEN",
                "1층 오픈 오피스",
                "1F open office",
                200,
                desks=40,
                seats=40 * scale,
            )
        )
        plans.append(
            SpacePlan(
                slug,
                top,
                SpaceKind.MEETING_ROOM,
                f"{_label(top)}-M",
                "대회의실",
                "Large meeting room",
                80,
                seats=30,
            )
        )
    anchor = [
        SpacePlan(
            ANCHOR_SLUG,
            -1,
            SpaceKind.HALL,
            "B1-HALL",
            "다목적홀",
            "Multi-purpose hall",
            400,
            seats=250,
        ),
        SpacePlan(
            ANCHOR_SLUG,
            2,
            SpaceKind.EDUCATION_ROOM,
            "2F-E1",
            "교육장 1",
            "Education room 1",
            110,
            seats=40,
        ),
        SpacePlan(
            ANCHOR_SLUG,
            2,
            SpaceKind.EDUCATION_ROOM,
            "2F-E2",
            "교육장 2",
            "Education room 2",
            110,
            seats=40,
        ),
        SpacePlan(
            ANCHOR_SLUG,
            3,
            SpaceKind.EDUCATION_ROOM,
            "3F-E1",
            "교육장 3",
            "Education room 3",
            110,
            seats=40,
        ),
    ]
    for number in range(1, 5):
        anchor.append(
            SpacePlan(
                ANCHOR_SLUG,
                6,
                SpaceKind.PRIVATE_OFFICE,
                f"6F-G{number}",
                f"성장기업 사무실 {number}",
                f"Growth-stage office {number}",
                100,
                desks=20,
                status=SpaceStatus.RESERVED if number == 4 else SpaceStatus.AVAILABLE,
            )
        )
    return plans + anchor


def _seed_prices(actor: User | None, counts: Counter) -> None:
    for basis, price, since in PRICES:
        if PriceRule.objects.filter(basis=basis, effective_from=since).exists():
            continue
        services.set_price(basis=basis, unit_price=price, effective_from=since, actor=actor)
        counts["price_rules"] += 1


def _seed_spaces(plans: list[SpacePlan], actor: User | None, counts: Counter) -> None:
    facilities = {f.slug: f for f in Facility.objects.prefetch_related("floors")}
    existing = set(Space.objects.values_list("facility__slug", "code"))
    for plan in plans:
        facility = facilities.get(plan.facility)
        if facility is None or (plan.facility, plan.code) in existing:
            continue
        floor = next(f for f in facility.floors.all() if f.level == plan.level)
        space_services.create_space(
            facility=facility,
            floor=floor,
            kind=plan.kind,
            code=plan.code,
            name_ko=plan.name_ko,
            name_en=plan.name_en,
            area_m2=plan.area_m2,
            desks=plan.desks,
            seats=plan.seats,
            status=plan.status,
            actor=actor,
        )
        counts["spaces"] += 1


def _free_offices() -> dict[int, list[Space]]:
    """Private offices without any lease, per facility id; not the growth-stage ones."""
    free: dict[int, list[Space]] = {}
    for space in (
        Space.objects.filter(
            kind=SpaceKind.PRIVATE_OFFICE, status=SpaceStatus.AVAILABLE, leases__isnull=True
        )
        .exclude(code__startswith="6F-G")
        .order_by("facility_id", "floor__level", "code")
    ):
        free.setdefault(space.facility_id, []).append(space)
    return free


def _seed_leases(actor: User | None, counts: Counter) -> None:
    rng = random.Random(_SEED + 1)
    residents = (
        MembershipPeriod.objects.filter(
            kind=MembershipKind.RESIDENT, ends_on__isnull=True, starts_on__lte=REFERENCE_DATE
        )
        .select_related("company", "facility")
        .order_by("company_id")
    )
    leased = set(Lease.objects.values_list("company_id", flat=True))
    free = _free_offices()
    growth = list(
        Space.objects.filter(
            code__startswith="6F-G", facility__slug=ANCHOR_SLUG, status=SpaceStatus.AVAILABLE
        ).order_by("code")
    )
    open_areas = {s.facility_id: s for s in Space.objects.filter(kind=SpaceKind.OPEN_OFFICE)}
    seats_taken: Counter = Counter()
    for index, period in enumerate(residents):
        draw = rng.random(), rng.randint(20, 420), rng.randint(0, 9)
        if period.company_id in leased:
            continue
        starts_on = max(period.starts_on, period.facility.opened_on)
        ends_on = REFERENCE_DATE + datetime.timedelta(days=draw[1])
        discount = 10 if draw[2] == 0 else 0
        office = None
        if period.facility.slug == ANCHOR_SLUG and growth and index % 7 == 3:
            office = growth.pop(0)
        elif free.get(period.facility_id) and draw[0] < 0.8:
            office = free[period.facility_id].pop(0)
        common = {
            "company": period.company,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "discount_percent": discount,
            "activate": True,
            "actor": actor,
        }
        if office is not None:
            services.create_lease(
                basis=PriceBasis.PER_M2,
                space=office,
                deposit=int(office.area_m2) * 5_000 * 3,
                **common,
            )
        else:
            area = open_areas.get(period.facility_id)
            seats = 2 + draw[2] % 4
            if area is None or seats_taken[area.pk] + seats > area.seats:
                services.create_lease(basis=PriceBasis.MEMBERSHIP, **common)
            else:
                seats_taken[area.pk] += seats
                services.create_lease(basis=PriceBasis.PER_SEAT, space=area, seats=seats, **common)
        counts["leases"] += 1


def _months(*, full: bool) -> list[datetime.date]:
    """The invoiced months, oldest first, up to the month of the reference date."""
    months, month = [], billing.first_of_month(REFERENCE_DATE)
    for _step in range(FULL_INVOICE_MONTHS if full else INVOICE_MONTHS):
        months.append(month)
        month = billing.first_of_month(month - datetime.timedelta(days=1))
    return months[::-1]


def _seed_invoices(actor: User | None, counts: Counter, *, full: bool) -> None:
    for month in _months(full=full):
        created = services.issue_invoices(month=month, actor=actor, today=month, issued_on=month)
        counts["invoices"] += len(created)


def _seed_payments(actor: User | None, counts: Counter) -> None:
    """Most invoices paid on time, some in two parts, a few left overdue.

    Each invoice's fate depends on its number alone, so a second run changes nothing.
    """
    invoices = Invoice.objects.filter(
        status=InvoiceStatus.ISSUED, payments__isnull=True, issued_on__lt=REFERENCE_DATE
    ).order_by("month", "year", "number")
    methods = (PaymentMethod.BANK_TRANSFER, PaymentMethod.VIRTUAL_ACCOUNT, PaymentMethod.CARD)
    for invoice in invoices:
        rng = random.Random(f"{_SEED}-{invoice.year}-{invoice.number}")
        draw, method = rng.random(), rng.choice(methods)
        recent = invoice.month >= billing.first_of_month(
            REFERENCE_DATE - datetime.timedelta(days=40)
        )
        if draw < (0.35 if recent else 0.03):
            continue
        paid_on = invoice.issued_on + datetime.timedelta(days=rng.randint(3, 13))
        if draw < (0.5 if recent else 0.08):
            first = invoice.total // 2
            services.record_payment(
                invoice=invoice,
                amount=first,
                paid_on=paid_on,
                method=method,
                actor=actor,
                today=paid_on,
            )
            counts["payments"] += 1
            if not recent:
                later = paid_on + datetime.timedelta(days=20)
                services.record_payment(
                    invoice=invoice,
                    amount=invoice.total - first,
                    paid_on=later,
                    method=method,
                    actor=actor,
                    today=later,
                )
                counts["payments"] += 1
            continue
        services.record_payment(
            invoice=invoice,
            amount=invoice.total,
            paid_on=paid_on,
            method=method,
            actor=actor,
            today=paid_on,
        )
        counts["payments"] += 1


def _summary(counts: Counter) -> str:
    made = [f"{n} {kind}" for kind, n in sorted(counts.items()) if n]
    return ", ".join(made) or "nothing new"


def _say(stdout: _Writer | None, text: str) -> None:
    if stdout is not None:
        stdout.write(text + "\n")


@suppressed()
def seed_leasing(
    *,
    scale: int = 1,
    full: bool = False,
    invoices: bool = True,
    stdout: _Writer | None = None,
) -> Counter:
    """Create the demo's spaces, prices, leases, invoices and payments; returns what it made.

    Invoices cover the last six months, or two years with ``full``. With ``invoices=False``
    it stops after the leases: ``seed_demo`` books the rooms first and then calls
    ``seed_invoices``, so that the invoice run carries the bookings' charges at once
    (rather than on the next run).

    Needs the demo facilities and companies (``seed_demo``); facilities that are missing are
    skipped. Runs in one transaction per step, in Korean, acting as the demo hub staff.
    """
    counts: Counter = Counter()
    actor = User.objects.filter(email=STAFF_EMAIL).first()
    with translation.override("ko"):
        _say(stdout, "Leasing: prices and spaces…")
        with transaction.atomic():
            _seed_prices(actor, counts)
            _seed_spaces(plan_spaces(scale=scale), actor, counts)
        _say(stdout, "Leasing: leases…")
        with transaction.atomic():
            _seed_leases(actor, counts)
            services.sync_lease_statuses(today=REFERENCE_DATE, actor=actor)
    if invoices:
        counts.update(seed_invoices(full=full))
    _say(stdout, f"Leasing: {_summary(counts)}")
    return counts


@suppressed()
def seed_invoices(*, full: bool = False, stdout: _Writer | None = None) -> Counter:
    """Run the monthly invoicing for the demo months and pay most of the invoices.

    The last six months up to the reference date, or two years with ``full``; each run
    carries the open charges of its month (room bookings). Returns what it made.
    """
    counts: Counter = Counter()
    actor = User.objects.filter(email=STAFF_EMAIL).first()
    _say(stdout, "Leasing: invoices and payments…")
    with translation.override("ko"), transaction.atomic():
        _seed_invoices(actor, counts, full=full)
        _seed_payments(actor, counts)
    _say(stdout, f"Leasing: {_summary(counts)}")
    return counts
