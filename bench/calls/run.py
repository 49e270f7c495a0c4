#!/usr/bin/env python3
"""The calls benchmark: ranking 2,000 applications scored by 5 judges on 6 criteria.

Builds (once; ``--fresh`` rebuilds) a SQLite file under ``bench/out/`` with one closed call,
one stage of six weighted criteria, five judges, 2,000 applicant companies and their submitted
applications, each assigned to all five judges with a full score sheet (60,000 scores), all
written with ``bulk_create``. Then it times, interleaved round by round like ``bench/run.py``:

* the ranking itself (``ranking.rank_stage``: grouped queries over the judges' kept totals), plain
  and with per-judge z-score normalisation;
* the staff ranking page (``/calls/manage/stages/<pk>/``, the first page of 100 rows of the
  full ranking) and a trivial view (``/healthz``), both through Django's WSGI handler.

    python bench/calls/run.py [--rounds 30] [--fresh] [--settings MODULE]
"""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
ROOT = Path(__file__).resolve().parent.parent.parent
OUT = ROOT / "bench" / "out"
APPLICATIONS = 2_000
JUDGES = 5
CRITERIA = 6
STAFF = "bench-calls-staff@aihub.example"
TITLE = "Bench call: 2,000 applications"


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


def _number(serial: int) -> str:
    from aihub.companies.validators import registration_check_digit

    first9 = f"31{serial:07d}"
    return first9 + str(registration_check_digit(first9))


def load() -> int:
    """The bench data, unless already there; returns the stage's id."""
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from aihub.accounts import services as account_services
    from aihub.accounts.enums import Role
    from aihub.accounts.models import User
    from aihub.calls import services
    from aihub.calls.enums import ApplicationStatus, CallKind
    from aihub.calls.models import Application, Assignment, Call, Score
    from aihub.calls.ranking import refresh_totals
    from aihub.companies.models import Company, CompanyMember

    call_command("migrate", verbosity=0)
    existing = Call.objects.filter(title_en=TITLE).first()
    if existing is not None and existing.applications.count() == APPLICATIONS:
        return existing.stages.get().pk
    started = time.perf_counter()
    rng = random.Random(2026)
    with transaction.atomic():
        staff = User.objects.filter(email=STAFF).first() or account_services.create_user(
            email=STAFF, password=None, full_name="Bench staff", roles=[Role.HUB_STAFF]
        )
        judges = [
            User.objects.filter(email=f"bench-judge{n}@judges{n}.example").first()
            or account_services.create_user(
                email=f"bench-judge{n}@judges{n}.example",
                password=None,
                full_name=f"Judge {n}",
                roles=[Role.JUDGE],
            )
            for n in range(1, JUDGES + 1)
        ]
        now = timezone.now()
        call = services.create_call(
            kind=CallKind.PROGRAMME,
            title_ko="벤치마크 공모",
            title_en=TITLE,
            places=50,
            opens_at=now - datetime.timedelta(days=30),
            closes_at=now + datetime.timedelta(days=1),
            actor=staff,
        )
        stage = services.add_stage(
            call=call, name_ko="서류 심사", name_en="Document review", normalise=True, actor=staff
        )
        criteria = [
            services.add_criterion(
                stage=stage,
                name_ko=f"기준 {n}",
                name_en=f"Criterion {n}",
                weight=(10, 20, 15, 25, 20, 10)[n - 1],
                max_score=(10, 10, 5, 10, 20, 10)[n - 1],
                actor=staff,
            )
            for n in range(1, CRITERIA + 1)
        ]
        services.publish_call(call=call, actor=staff, now=now - datetime.timedelta(days=31))
        Call.objects.filter(pk=call.pk).update(closes_at=now - datetime.timedelta(hours=1))
        owners = User.objects.bulk_create(
            User(email=f"owner{i}@bench{i}.example", full_name=f"Owner {i}", password="!")
            for i in range(APPLICATIONS)
        )
        companies = Company.objects.bulk_create(
            Company(
                name_ko=f"벤치기업{i}",
                name_en=f"Bench Company {i}",
                registration_number=_number(i),
                founded_on=datetime.date(2022, 1, 1),
                representative=f"Owner {i}",
            )
            for i in range(APPLICATIONS)
        )
        CompanyMember.objects.bulk_create(
            CompanyMember(company=c, user=u, role="owner")
            for c, u in zip(companies, owners, strict=True)
        )
        applications = Application.objects.bulk_create(
            Application(
                call=call,
                company=company,
                applicant=owner,
                status=ApplicationStatus.SUBMITTED,
                stage=stage,
                head_office="seoul",
                consented_at=now - datetime.timedelta(days=10),
                retain_until=datetime.date(now.year + 3, 1, 1),
                submitted_at=now - datetime.timedelta(days=10, seconds=i),
            )
            for i, (company, owner) in enumerate(zip(companies, owners, strict=True))
        )
        assignments = Assignment.objects.bulk_create(
            Assignment(stage=stage, application=a, judge=j) for a in applications for j in judges
        )
        Score.objects.bulk_create(
            (
                Score(
                    assignment=assignment,
                    criterion=c,
                    value=rng.randint(c.min_score, c.max_score),
                )
                for assignment in assignments
                for c in criteria
            ),
            batch_size=5_000,
        )
        refresh_totals(stage=stage)
    print(
        f"built {APPLICATIONS:,} applications and {Score.objects.count():,} scores "
        f"in {time.perf_counter() - started:.0f} s"
    )
    return stage.pk


def measure(stage_pk: int, rounds: int) -> list[tuple[str, float, float]]:
    """The ranking itself and the pages, against /healthz, interleaved round by round."""
    from timing import PageTimer, interleave

    from aihub.accounts.models import User
    from aihub.calls.models import Stage
    from aihub.calls.ranking import rank_stage

    timer = PageTimer(user=User.objects.get(email=STAFF))
    page = f"/calls/manage/stages/{stage_pk}/"
    timer.check({"trivial view": ("/healthz", ""), "ranking page": (page, "")})

    def ranking(normalise: bool) -> None:
        stage = Stage.objects.select_related("call").prefetch_related("criteria").get(pk=stage_pk)
        stage.normalise = normalise
        times = dict(stage.call.applications.values_list("pk", "submitted_at"))
        ranked = rank_stage(stage, times)
        if len(ranked) != APPLICATIONS or ranked[0].judges != JUDGES:
            raise SystemExit("the ranking is incomplete")

    calls = {
        "trivial view (/healthz)": lambda: timer.get("/healthz"),
        "ranking (weighted mean)": lambda: ranking(False),
        "ranking (z-score)": lambda: ranking(True),
        "ranking page (100 rows)": lambda: timer.get(page),
    }
    for run in calls.values():
        run()
    return interleave(calls, rounds)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--fresh", action="store_true", help="rebuild the benchmark database")
    parser.add_argument("--settings", default="aihub.settings.development")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    database = OUT / "calls-2000.sqlite3"
    if args.fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    setup(database, args.settings)
    stage_pk = load()
    results = measure(stage_pk, args.rounds)
    baseline = results[0][1]
    lines = [
        f"Calls: {APPLICATIONS:,} applications × {JUDGES} judges × {CRITERIA} criteria, "
        f"{args.rounds} rounds, SQLite",
        f"{'measure':<26}{'median ms':>10}{'p95 ms':>10}{'ratio':>8}",
    ]
    for name, median, p95 in results:
        lines.append(f"{name:<26}{median:>10.2f}{p95:>10.2f}{median / baseline:>8.1f}")
    report = "\n".join(lines)
    print(report)
    (OUT / "calls-latest.txt").write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
