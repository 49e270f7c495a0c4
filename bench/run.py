#!/usr/bin/env python3
"""Server time of the busiest pages on a hub ten times the demo size.

Loads 3,600 companies (``seed_demo --scale 10``) into a SQLite file under ``bench/out/``
(kept between runs; ``--fresh`` rebuilds it), then times each page in-process through
Django's full request stack, interleaving the pages round by round so that they share the
machine's conditions. Every figure is compared with a trivial view measured in the same run.

    python bench/run.py [--rounds 200] [--fresh] [--scale 10]
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
OUT = ROOT / "bench" / "out"
TARGET_RATIO = 5.0


def setup(database: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "aihub.settings.development"
    os.environ.setdefault("AIHUB_DATABASE_URL", f"sqlite:///{database}")
    os.environ.setdefault("AIHUB_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def load(scale: int) -> None:
    from django.core.management import call_command

    from aihub.companies.models import Company
    from aihub.demo.seed import seed_demo

    call_command("migrate", verbosity=0)
    if Company.objects.count() < 360 * scale:
        started = time.perf_counter()
        seed_demo(scale=scale)
        print(f"loaded the hub at scale {scale} in {time.perf_counter() - started:.0f} s")


def measure(rounds: int) -> list[tuple[str, float, float]]:
    """Median and p95 server time of each page, through Django's WSGI handler."""
    from timing import PageTimer, interleave

    from aihub.accounts.models import User
    from aihub.companies.models import Company

    timer = PageTimer(user=User.objects.get(email="staff@aihub.example"))
    company = Company.objects.filter(members__isnull=False).order_by("pk").first()
    targets = {
        "trivial view (/healthz)": ("/healthz", ""),
        "company list": ("/companies/", ""),
        "company page": (company.get_absolute_url(), ""),
        "staff home": ("/home/", ""),
        "companies API list": ("/api/v1/companies/", ""),
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
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--fresh", action="store_true", help="rebuild the benchmark database")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    database = OUT / f"hub-x{args.scale}.sqlite3"
    if args.fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    setup(database)
    load(args.scale)
    from timing import ratio_table

    from aihub.companies.models import Company

    results = measure(args.rounds)
    table, _worst = ratio_table(results, target=TARGET_RATIO)
    heading = f"Server time, {Company.objects.count():,} companies, {args.rounds} rounds, SQLite"
    report = f"{heading}\n{table}"
    print(report)
    (OUT / "latest.txt").write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
