#!/usr/bin/env python3
"""Server time of the hub figures over 144,000 outcome reports.

Builds 3,600 companies, each reporting every quarter for ten years (2016 to 2025), straight
into a SQLite file under ``bench/out/`` with ``bulk_create`` (kept between runs;
``--fresh`` rebuilds it). Then times, in-process through Django's WSGI handler and
round by round, the trivial view, the staff dashboard (whole history), the dashboard for
an arbitrary date range, and the public figures endpoint; each is compared with the
trivial view measured in the same run. The dashboard's query count is checked to be the
same for the whole history and for the short range.

    python bench/outcomes/run.py [--rounds 30] [--fresh]
"""

import argparse
import datetime
import os
import random
import sys
import time
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
ROOT = Path(__file__).resolve().parent.parent.parent
OUT = ROOT / "bench" / "out"
COMPANIES = 3_600
YEARS = range(2016, 2026)
STAFF_EMAIL = "bench-staff@aihub.example"


def setup(database: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "aihub.settings.development"
    os.environ["AIHUB_DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("AIHUB_ALLOWED_HOSTS", "testserver")
    from django.conf import settings

    if "aihub.outcomes" not in settings.INSTALLED_APPS:
        settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "aihub.outcomes"]
    import django

    django.setup()
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _mount_outcomes()


def _mount_outcomes() -> None:
    """Serve the outcomes pages and API even before the project's URLconf includes them."""
    from django.conf import settings
    from django.urls import include, path

    from aihub.api import api
    from aihub.outcomes.api import router

    if any(prefix == "/outcomes" for prefix, _router in api._routers):
        return
    api.add_router("/outcomes", router)
    from aihub import urls as project_urls

    module = types.ModuleType("bench_outcomes_urls")
    module.urlpatterns = [
        *project_urls.urlpatterns,
        path("outcomes/", include("aihub.outcomes.urls")),
    ]
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__


def build() -> None:
    """3,600 companies with membership periods and 144,000 accepted quarterly reports."""
    from django.db import connection, transaction

    from aihub.accounts.enums import Role
    from aihub.accounts.models import RoleAssignment, User
    from aihub.companies.models import AIDomain, Company, MembershipPeriod
    from aihub.outcomes.enums import PeriodKind, ReportStatus, VersionStatus
    from aihub.outcomes.models import CompanyFigureInput, Report, ReportingPeriod, ReportVersion
    from aihub.spaces.models import Facility

    rng = random.Random(2017)
    started = time.perf_counter()
    with transaction.atomic():
        staff = User.objects.create_user(STAFF_EMAIL, "bench", full_name="벤치 직원")
        RoleAssignment.objects.create(user=staff, role=Role.HUB_STAFF)
        facilities = Facility.objects.bulk_create(
            Facility(
                slug=f"bench-{n}",
                name_ko=f"시설 {n}",
                name_en=f"Facility {n}",
                address_ko="서울",
                address_en="Seoul",
                area_m2=1000,
                opened_on=datetime.date(2016, 1, 1),
            )
            for n in range(5)
        )
        domains = AIDomain.objects.bulk_create(
            AIDomain(code=f"bench-{n}", name_ko=f"분야 {n}", name_en=f"Domain {n}")
            for n in range(10)
        )
        companies = Company.objects.bulk_create(
            Company(
                name_ko=f"벤치기업{n:05d}",
                name_en=f"Bench {n:05d}",
                registration_number=f"{9_000_000_000 + n}",
                founded_on=datetime.date(2015, 1, 1),
                representative="홍길동",
            )
            for n in range(COMPANIES)
        )
        Company.ai_domains.through.objects.bulk_create(
            Company.ai_domains.through(company_id=c.pk, aidomain_id=d.pk)
            for c in companies
            for d in rng.sample(domains, rng.randint(1, 3))
        )
        periods = []
        for company in companies:
            resident = rng.random() < 0.4
            periods.append(
                MembershipPeriod(
                    company=company,
                    kind="resident" if resident else "membership",
                    facility=rng.choice(facilities) if resident else None,
                    starts_on=datetime.date(2016, 1, 1)
                    + datetime.timedelta(days=rng.randint(0, 300)),
                )
            )
        MembershipPeriod.objects.bulk_create(periods)
        quarters = ReportingPeriod.objects.bulk_create(
            ReportingPeriod(
                kind=PeriodKind.QUARTERLY,
                starts_on=datetime.date(year, 3 * q - 2, 1),
                ends_on=datetime.date(year + (q == 4), (3 * q) % 12 + 1, 1)
                - datetime.timedelta(days=1),
                deadline=datetime.date(year + (q == 4), (3 * q) % 12 + 1, 28),
                closed_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
            )
            for year in YEARS
            for q in (1, 2, 3, 4)
        )
        for period in quarters:
            reports = Report.objects.bulk_create(
                (Report(company=c, period=period, status=ReportStatus.ACCEPTED) for c in companies),
                batch_size=900,
            )
            ReportVersion.objects.bulk_create(
                (
                    ReportVersion(
                        report=r,
                        number=1,
                        status=VersionStatus.ACCEPTED,
                        is_counted=True,
                        company_id=r.company_id,
                        period_ends_on=period.ends_on,
                        period_year=period.ends_on.year,
                        revenue=rng.randint(10, 5_000) * 1_000_000,
                        investment=rng.choice((0, 0, 0, rng.randint(1, 300) * 10_000_000)),
                        headcount=rng.randint(2, 80),
                        new_hires=rng.randint(0, 4),
                        young_hires=0,
                        enterprise_value=rng.choice((None, rng.randint(1, 900) * 100_000_000)),
                    )
                    for r in reports
                ),
                batch_size=500,
            )
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE outcomes_report SET current_version_id = (SELECT v.id FROM "
                "outcomes_reportversion v WHERE v.report_id = outcomes_report.id)"
            )
        CompanyFigureInput.objects.all().delete()
    print(f"built {Report.objects.count():,} reports in {time.perf_counter() - started:.0f} s")


def load() -> None:
    from django.core.management import call_command

    from aihub.accounts.models import User

    call_command("migrate", verbosity=0)
    if not User.objects.filter(email=STAFF_EMAIL).exists():
        build()
    call_command("migrate", verbosity=0)
    from aihub.outcomes.models import CompanyFigureInput

    if not CompanyFigureInput.objects.exists():
        started = time.perf_counter()
        call_command("rebuild_outcome_summaries")
        print(f"rebuilt the outcome summaries in {time.perf_counter() - started:.0f} s")


def measure(rounds: int) -> tuple[list[tuple[str, float, float]], dict[str, int]]:
    """Median and p95 of each page, interleaved round by round, and its query count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from timing import PageTimer, interleave

    from aihub.accounts.models import User

    timer = PageTimer(user=User.objects.get(email=STAFF_EMAIL))
    span = "date_from=2019-04-01&date_to=2023-09-30"
    targets = {
        "trivial view (/healthz)": ("/healthz", ""),
        "dashboard, whole history": ("/outcomes/", ""),
        "dashboard, 2019-04..2023-09": ("/outcomes/", span),
        "public figures API, range": ("/api/v1/outcomes/public-figures", span),
    }
    queries = {}
    for name, (path, query) in targets.items():
        with CaptureQueriesContext(connection) as captured:
            answer = timer.get(path, query)
        if not answer.startswith("200"):
            raise SystemExit(f"{path}?{query} answered {answer}")
        queries[name] = len(captured)
    calls = {
        name: (lambda path=path, query=query: timer.get(path, query))
        for name, (path, query) in targets.items()
    }
    return interleave(calls, rounds), queries


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--fresh", action="store_true", help="rebuild the benchmark database")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    database = OUT / "outcomes-144k.sqlite3"
    if args.fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    setup(database)
    load()
    from aihub.outcomes.models import ReportVersion

    results, queries = measure(args.rounds)
    baseline_median, baseline_p95 = results[0][1], results[0][2]
    lines = [
        f"Hub figures over {ReportVersion.objects.filter(is_counted=True).count():,} accepted "
        f"reports, {args.rounds} rounds, SQLite",
        f"{'page':<30}{'median ms':>10}{'p95 ms':>10}{'ratio':>8}{'p95 ratio':>11}{'queries':>9}",
    ]
    for name, median, p95 in results:
        lines.append(
            f"{name:<30}{median:>10.2f}{p95:>10.2f}{median / baseline_median:>8.1f}"
            f"{p95 / baseline_p95:>11.1f}{queries[name]:>9}"
        )
    same = queries["dashboard, whole history"] == queries["dashboard, 2019-04..2023-09"]
    lines.append(f"dashboard query count constant across ranges: {'yes' if same else 'NO'}")
    report = "\n".join(lines)
    print(report)
    (OUT / "outcomes-latest.txt").write_text(report + "\n", encoding="utf-8")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
