#!/usr/bin/env python3
"""The leasing benchmark: the monthly invoice run and the occupancy dashboard at 3,600 leases.

Builds (once; ``--fresh`` rebuilds) a SQLite file under ``bench/out/`` with the five demo
facilities, 3,000 private offices and five 120-seat open-office areas, 1,800 companies and
3,600 active leases (two per company: an office, and an office or one open seat), and
twelve months of invoices with most of them paid (the payments are bulk-loaded, so the
dashboard's money totals are then recounted with ``services.recount_totals``). Then it
times:

* the invoice run for the next month (3,600 lines on 1,800 invoices), repeated inside a
  transaction that is rolled back, so every round issues the same invoices;
* the occupancy dashboard (``/leasing/``) against a trivial view (``/healthz``), both through
  Django's WSGI handler, interleaved round by round like ``bench/run.py``.

    python bench/leasing/run.py [--rounds 50] [--runs 3] [--fresh] [--settings MODULE]
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
ROOT = Path(__file__).resolve().parent.parent.parent
OUT = ROOT / "bench" / "out"
COMPANIES = 1_800
OFFICES = 3_000
OPEN_AREAS_SEATS = 120
TARGET_RATIO = 5.0
HISTORY_MONTHS = 12
STAFF = "bench-staff@aihub.example"


def setup(database: Path, settings_module: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    os.environ["AIHUB_DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("AIHUB_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def months_back(month: datetime.date, count: int) -> list[datetime.date]:
    from aihub.leasing.billing import first_of_month

    months = [month]
    for _step in range(count - 1):
        months.append(first_of_month(months[-1] - datetime.timedelta(days=1)))
    return months[::-1]


def load() -> None:
    """Facilities, spaces, companies, leases and a year of invoices, unless already there."""
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from aihub.accounts import services as account_services
    from aihub.accounts.enums import Role
    from aihub.accounts.models import User
    from aihub.companies.models import Company
    from aihub.demo.seed import SeedReport, _seed_facilities
    from aihub.leasing import billing, services
    from aihub.leasing.enums import InvoiceStatus, LeaseStatus, PriceBasis
    from aihub.leasing.models import Invoice, Lease, Payment
    from aihub.spaces import services as space_services
    from aihub.spaces.enums import SpaceKind
    from aihub.spaces.models import Facility, Space

    call_command("migrate", verbosity=0)
    if Lease.objects.count() >= 2 * COMPANIES:
        return
    started = time.perf_counter()
    with transaction.atomic():
        staff = User.objects.filter(email=STAFF).first() or account_services.create_user(
            email=STAFF, password="bench-password-1234", full_name="벤치", roles=[Role.HUB_STAFF]
        )
        _seed_facilities(actor=staff, report=SeedReport())
        for basis, price in ((PriceBasis.PER_M2, 5_000), (PriceBasis.PER_SEAT, 60_000)):
            services.set_price(
                basis=basis,
                unit_price=price,
                effective_from=datetime.date(2017, 12, 1),
                actor=staff,
            )
        floors = [
            floor
            for facility in Facility.objects.prefetch_related("floors")
            for floor in facility.floors.all()
            if floor.level >= 1
        ]
        Space.objects.bulk_create(
            Space(
                facility_id=floors[i % len(floors)].facility_id,
                floor=floors[i % len(floors)],
                kind=SpaceKind.PRIVATE_OFFICE,
                code=f"{floors[i % len(floors)].label}-{i:04d}",
                name_ko=f"사무실 {i}",
                name_en=f"Office {i}",
                area_m2=20 + i % 40,
                desks=4 + i % 8,
            )
            for i in range(OFFICES)
        )
        for facility in Facility.objects.all():
            space_services.create_space(
                facility=facility,
                floor=facility.floors.get(level=1),
                kind=SpaceKind.OPEN_OFFICE,
                code="1F-OPEN",
                name_ko="오픈 오피스",
                name_en="Open office",
                area_m2=300,
                seats=OPEN_AREAS_SEATS,
                actor=staff,
            )
        Company.objects.bulk_create(
            Company(
                name_ko=f"벤치기업{i:04d}",
                name_en=f"Bench Company {i:04d}",
                registration_number=f"{9_000_000_000 + i}",
                founded_on=datetime.date(2020, 1, 1),
                representative="홍길동",
            )
            for i in range(COMPANIES)
        )
        companies = list(Company.objects.filter(name_ko__startswith="벤치기업").order_by("pk"))
        offices = list(Space.objects.filter(kind=SpaceKind.PRIVATE_OFFICE).order_by("pk"))
        areas = list(Space.objects.filter(kind=SpaceKind.OPEN_OFFICE).order_by("pk"))
        today = timezone.localdate()
        starts_on = months_back(billing.first_of_month(today), HISTORY_MONTHS)[0]
        common = {"starts_on": starts_on, "ends_on": today + datetime.timedelta(days=400)}
        leases = []
        for index, company in enumerate(companies):
            leases.append(
                Lease(company=company, basis=PriceBasis.PER_M2, space=offices[index], **common)
            )
            if index < OFFICES - COMPANIES:
                space, seats, basis = offices[COMPANIES + index], 0, PriceBasis.PER_M2
            else:
                space, seats, basis = areas[index % len(areas)], 1, PriceBasis.PER_SEAT
            leases.append(Lease(company=company, basis=basis, space=space, seats=seats, **common))
        for lease in leases:
            lease.status = LeaseStatus.ACTIVE
        Lease.objects.bulk_create(leases)
    for month in months_back(billing.first_of_month(today), HISTORY_MONTHS)[:-1]:
        services.issue_invoices(month=month, actor=staff, today=month, issued_on=month)
    paid = list(Invoice.objects.order_by("pk")[: int(Invoice.objects.count() * 0.9)])
    Payment.objects.bulk_create(
        Payment(invoice=invoice, paid_on=invoice.due_on, amount=invoice.total) for invoice in paid
    )
    Invoice.objects.filter(pk__in=[i.pk for i in paid]).update(status=InvoiceStatus.PAID)
    services.recount_totals()
    print(f"loaded the leasing benchmark in {time.perf_counter() - started:.0f} s")


def time_invoice_run(runs: int) -> tuple[float, int, int]:
    """Median seconds of the current month's run, its invoices and lines (rolled back)."""
    from django.db import transaction
    from django.utils import timezone

    from aihub.leasing import billing, services
    from aihub.leasing.models import InvoiceLine

    month = billing.first_of_month(timezone.localdate())
    timings, created, lines = [], 0, 0
    for _run in range(runs):
        with transaction.atomic():
            started = time.perf_counter()
            invoices = services.issue_invoices(month=month, actor=None)
            timings.append(time.perf_counter() - started)
            created = len(invoices)
            lines = InvoiceLine.objects.filter(invoice__in=invoices).count()
            transaction.set_rollback(True)
    return statistics.median(timings), created, lines


def time_pages(rounds: int) -> list[tuple[str, float, float]]:
    """Median and p95 of /healthz and the dashboard, interleaved round by round."""
    from timing import PageTimer, interleave

    from aihub.accounts.models import User

    timer = PageTimer(user=User.objects.get(email=STAFF))
    targets = {
        "trivial view (/healthz)": ("/healthz", ""),
        "occupancy dashboard": ("/leasing/", ""),
    }
    timer.check(targets)
    calls = {
        name: (lambda path=path, query=query: timer.get(path, query))
        for name, (path, query) in targets.items()
    }
    return interleave(calls, rounds)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--fresh", action="store_true", help="rebuild the benchmark database")
    parser.add_argument("--settings", default="aihub.settings.development")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    database = OUT / "leasing-3600.sqlite3"
    if args.fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    setup(database, args.settings)
    load()
    from aihub.leasing.models import Lease

    seconds, invoices, lines = time_invoice_run(args.runs)
    pages = time_pages(args.rounds)
    baseline_median, baseline_p95 = pages[0][1], pages[0][2]
    lines_out = [
        f"Leasing, {Lease.objects.count():,} active leases, 5 facilities, SQLite",
        f"invoice run: {invoices:,} invoices, {lines:,} lines in {seconds:.2f} s "
        f"(median of {args.runs}, rolled back)",
        f"{'page':<26}{'median ms':>10}{'p95 ms':>10}{'ratio':>8}{'p95 ratio':>11}",
    ]
    worst = 0.0
    for name, median, p95 in pages:
        ratio = median / baseline_median
        worst = max(worst, ratio)
        lines_out.append(
            f"{name:<26}{median:>10.2f}{p95:>10.2f}{ratio:>8.2f}{p95 / baseline_p95:>11.2f}"
        )
    verdict = "met" if worst <= TARGET_RATIO else "missed"
    lines_out.append(f"target: dashboard median ratio <= {TARGET_RATIO:g} — {verdict}")
    report = "\n".join(lines_out)
    print(report)
    (OUT / "leasing-latest.txt").write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
