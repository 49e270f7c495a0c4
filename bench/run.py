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
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(rounds: int) -> list[tuple[str, float, float]]:
    """Median and p95 server time of each page, calling Django's WSGI handler directly."""
    from io import BytesIO

    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import Client

    from aihub.accounts.models import User
    from aihub.companies.models import Company

    client = Client()
    client.force_login(User.objects.get(email="staff@aihub.example"))
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    company = Company.objects.filter(members__isnull=False).order_by("pk").first()
    targets = {
        "trivial view (/healthz)": "/healthz",
        "company list": "/companies/",
        "company page": company.get_absolute_url(),
        "staff home": "/home/",
        "companies API list": "/api/v1/companies/",
    }
    handler = WSGIHandler()

    def call(path: str) -> str:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "HTTP_HOST": "testserver",
            "HTTP_COOKIE": cookie,
            "wsgi.url_scheme": "http",
            "wsgi.input": BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        status: list[str] = []
        body = b"".join(handler(environ, lambda s, headers, *_: status.append(s)))
        if not body:
            raise SystemExit(f"{path} answered an empty body")
        return status[0]

    for url in targets.values():
        answer = call(url)
        if not answer.startswith("200"):
            raise SystemExit(f"{url} answered {answer}")
    timings: dict[str, list[float]] = {name: [] for name in targets}
    for _round in range(rounds):
        for name, url in targets.items():
            started = time.perf_counter()
            call(url)
            timings[name].append((time.perf_counter() - started) * 1000)
    return [
        (name, statistics.median(values), percentile(values, 0.95))
        for name, values in timings.items()
    ]


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
    from aihub.companies.models import Company

    results = measure(args.rounds)
    baseline_median, baseline_p95 = results[0][1], results[0][2]
    lines = [
        f"Server time, {Company.objects.count():,} companies, {args.rounds} rounds, SQLite",
        f"{'page':<26}{'median ms':>10}{'p95 ms':>10}{'ratio':>8}{'p95 ratio':>11}",
    ]
    worst = 0.0
    for name, median, p95 in results:
        ratio = median / baseline_median
        worst = max(worst, ratio)
        lines.append(
            f"{name:<26}{median:>10.2f}{p95:>10.2f}{ratio:>8.2f}{p95 / baseline_p95:>11.2f}"
        )
    verdict = "met" if worst <= TARGET_RATIO else "missed"
    lines.append(f"target: every median ratio <= {TARGET_RATIO:g} — {verdict} (worst {worst:.2f})")
    report = "\n".join(lines)
    print(report)
    (OUT / "latest.txt").write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
