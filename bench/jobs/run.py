#!/usr/bin/env python3
"""The task queue's overhead: how long a no-op background job takes from start to done.

One real worker (``manage.py db_worker``, in a process of its own, as production runs it)
serves a fresh database; 50 rounds of ``start_job(kind="jobs.ping", …)`` each wait, polling
the ``Job`` row every 5 ms, until it is ``succeeded``. That round trip is measured with the
worker polling every 0.05 s (``--interval 0.05``) and with its default of 1 s. Before each
round the benchmark waits a random part of the interval, so that jobs arrive at any point of
the worker's sleep as people's clicks do (back to back, every job would wait a whole
interval). Baseline, in the same run: ``start_job`` alone, in process (median of 200 calls,
no worker running; those jobs are removed before the worker starts).

Runs on a SQLite file (WAL) under ``bench/out/`` and, when the PostgreSQL server programs
are installed, on a throwaway cluster started by ``scripts/run_tests.py``'s helpers (a Unix
socket in a temporary folder, fsync off; removed afterwards). Each database is measured in a
process of its own (``--measure``), since Django is set up once per process. No speed
target: exits 1 only when a job did not finish.

    python bench/jobs/run.py [--rounds 50] [--intervals 0.05,1] [--db sqlite|postgresql|both]
"""

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
OUT = ROOT / "bench" / "out"
SETTINGS = "aihub.settings.production"
POLL = 0.005
ROUND_TIMEOUT = 30.0
WARM_UP_TIMEOUT = 60.0
CHILD_TIMEOUT = 600.0


def environment(database_url: str) -> dict[str, str]:
    """Settings for the measuring process and its worker: production, a bench-only secret,
    the benchmark database, files kept under ``bench/out/``."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        AIHUB_SECRET_KEY="bench-only-not-a-secret-" + "x" * 40,
        AIHUB_ALLOWED_HOSTS="testserver",
        AIHUB_DATABASE_URL=database_url,
        AIHUB_MEDIA_ROOT=str(OUT / "media"),
        AIHUB_PRIVATE_ROOT=str(OUT / "private"),
    )
    return env


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float]:
    """Median and p95 in milliseconds."""
    return {
        "median": statistics.median(values) * 1000,
        "p95": percentile(values, 0.95) * 1000,
        "count": len(values),
    }


# The measuring process (``--measure``): one database, Django set up on it.


BEGAN = time.perf_counter()


def progress(text: str) -> None:
    print(f"  {time.perf_counter() - BEGAN:5.1f} s  {text}", file=sys.stderr, flush=True)


def time_start_job(calls: int) -> list[float]:
    """Seconds of each of ``calls`` calls of ``start_job`` with no worker; then the jobs and
    their tasks are removed, so the worker starts on an empty queue."""
    from django_tasks_db.models import DBTaskResult

    from aihub.jobs.models import Job
    from aihub.jobs.services import start_job

    timings = []
    for index in range(calls):
        started = time.perf_counter()
        start_job(kind="jobs.ping", key=f"baseline-{index}", actor=None)
        timings.append(time.perf_counter() - started)
    Job.objects.filter(key__startswith="baseline-").delete()
    DBTaskResult.objects.all().delete()
    return timings


def round_trip(key: str, timeout: float) -> float:
    """Seconds from ``start_job`` until its ``Job`` row reads ``succeeded``."""
    from aihub.jobs.enums import FINISHED_STATES, JobState
    from aihub.jobs.models import Job
    from aihub.jobs.services import start_job

    started = time.perf_counter()
    job = start_job(kind="jobs.ping", key=key, actor=None)
    rows = Job.objects.filter(pk=job.pk).values_list("state", flat=True)
    while True:
        state = rows.first()
        now = time.perf_counter()
        if state == JobState.SUCCEEDED:
            return now - started
        if state in FINISHED_STATES:
            raise SystemExit(f"job {key} ended {state}")
        if now - started > timeout:
            raise SystemExit(f"job {key} still {state} after {timeout:.0f} s")
        time.sleep(POLL)


def stop(worker: subprocess.Popen) -> None:
    """Stop the worker this process started: SIGTERM, then SIGKILL if it does not go."""
    if worker.poll() is not None:
        return
    worker.send_signal(signal.SIGTERM)
    try:
        worker.wait(timeout=15)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def time_worker(*, interval: float, rounds: int, label: str, env: dict[str, str]) -> list[float]:
    """Round trips of ``rounds`` ping jobs through one worker polling every ``interval``."""
    from django.db import connection

    log = OUT / f"jobs-worker-{label}-{interval:g}.log"
    command = [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"]
    command += ["--interval", f"{interval:g}"]
    connection.close()
    chance = random.Random(f"{label}-{interval}")
    with log.open("w", encoding="utf-8") as output:
        worker = subprocess.Popen(  # noqa: S603 (manage.py with fixed arguments)
            command, cwd=ROOT, env=env, stdout=output, stderr=output
        )
        try:
            waited = round_trip(f"warm-up-{interval:g}", WARM_UP_TIMEOUT)
            progress(f"worker (interval {interval:g} s) answered its first job in {waited:.1f} s")
            timings = []
            for index in range(rounds):
                time.sleep(chance.uniform(0, interval))
                timings.append(round_trip(f"bench-{interval:g}-{index}", ROUND_TIMEOUT))
        finally:
            stop(worker)
    return timings


def measure(args: argparse.Namespace) -> int:
    """Set Django up on ``--measure``'s database, time it, print the figures as JSON."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so the worker is stopped
    env = environment(args.measure)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    clock = time.perf_counter()
    call_command("migrate", verbosity=0)
    progress(f"migrated in {time.perf_counter() - clock:.1f} s")
    figures = {
        "vendor": connection.vendor,
        "version": ".".join(str(part) for part in connection.Database.sqlite_version_info)
        if connection.vendor == "sqlite"
        else f"{connection.pg_version // 10000}.{connection.pg_version % 10000}",
        "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
        "start_job": summary(time_start_job(args.baseline_calls)),
        "intervals": {},
    }
    for interval in args.interval_list:
        timings = time_worker(interval=interval, rounds=args.rounds, label=args.label, env=env)
        figures["intervals"][f"{interval:g}"] = summary(timings)
        progress(f"interval {interval:g} s measured")
    print(json.dumps(figures))
    return 0


# The orchestrating process: one measuring process per database.


def run_child(args: argparse.Namespace, *, label: str, database_url: str) -> dict | None:
    """Measure one database in a process of its own; its figures, or None when it failed."""
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", database_url]
    command += ["--label", label, "--rounds", str(args.rounds)]
    command += ["--intervals", args.intervals, "--baseline-calls", str(args.baseline_calls)]
    print(f"measuring on {label}…", file=sys.stderr, flush=True)
    child = subprocess.Popen(  # noqa: S603 (this script with fixed arguments)
        command, cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        output, _errors = child.communicate(timeout=CHILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        child.terminate()  # its SIGTERM handler stops the worker it started
        child.wait(timeout=30)
        print(f"{label}: gave up after {CHILD_TIMEOUT:.0f} s", file=sys.stderr)
        return None
    if child.returncode != 0:
        print(f"{label}: the measurement failed (exit {child.returncode})", file=sys.stderr)
        return None
    return json.loads(output.strip().splitlines()[-1])


def on_sqlite(args: argparse.Namespace) -> dict | None:
    database = OUT / "jobs.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    return run_child(args, label="sqlite", database_url=f"sqlite:///{database}")


def on_postgresql(args: argparse.Namespace) -> tuple[dict | None, str]:
    """The figures on a throwaway cluster, or None and why there are none."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import run_tests

    binaries = run_tests.find_postgres()
    if binaries is None:
        return None, "NOTICE: PostgreSQL server programs not found; the PostgreSQL run skipped"
    try:
        with run_tests.temporary_cluster(binaries) as cluster:
            figures = run_child(args, label="postgresql", database_url=cluster.database_url)
    except run_tests.ClusterError as error:
        return None, f"PROBLEM: could not start a PostgreSQL cluster: {error}"
    if figures is None:
        return None, "PROBLEM: the PostgreSQL measurement failed"
    return figures, ""


def report(results: list[tuple[str, dict]], args: argparse.Namespace) -> list[str]:
    lines = [
        f"Task queue round trip: start_job('jobs.ping') until the Job row reads succeeded "
        f"(polled every {POLL * 1000:g} ms), {args.rounds} rounds, one worker process "
        "(manage.py db_worker), each job arriving at a random point of the worker's sleep",
        f"{'database':<16}{'worker interval':>16}{'median ms':>11}{'p95 ms':>9}"
        f"{'ratio':>8}{'p95 ratio':>11}",
    ]
    for name, figures in results:
        base = figures["start_job"]
        lines.append(
            f"{name:<16}{'start_job alone':>16}{base['median']:>11.1f}{base['p95']:>9.1f}"
            f"{1:>8.2f}{1:>11.2f}"
        )
        for interval, trip in figures["intervals"].items():
            lines.append(
                f"{name:<16}{interval + ' s':>16}{trip['median']:>11.1f}{trip['p95']:>9.1f}"
                f"{trip['median'] / base['median']:>8.1f}{trip['p95'] / base['p95']:>11.1f}"
            )
    ages = sorted({str(figures["conn_max_age"]) for _name, figures in results})
    lines.append(
        f"worker and benchmark on CONN_MAX_AGE={'/'.join(ages)} (AIHUB_DB_CONN_MAX_AGE; 0 means "
        "the worker opens a new connection each time it looks for work)"
    )
    lines.append(
        f"baseline: start_job alone, in process, median and p95 of {args.baseline_calls} "
        "calls with no worker running; ratios are to it, measured on the same database"
    )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--intervals", default="0.05,1", help="worker intervals, in seconds")
    parser.add_argument("--baseline-calls", type=int, default=200)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--measure", metavar="DATABASE_URL", help=argparse.SUPPRESS)
    parser.add_argument("--label", default="sqlite", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.interval_list = [float(value) for value in args.intervals.split(",")]
    OUT.mkdir(parents=True, exist_ok=True)
    if args.measure:
        return measure(args)
    results: list[tuple[str, dict]] = []
    notes, failed = [], False
    if args.db in ("sqlite", "both"):
        figures = on_sqlite(args)
        failed |= figures is None
        if figures is not None:
            results.append((f"SQLite {figures['version']}", figures))
    if args.db in ("postgresql", "both"):
        figures, note = on_postgresql(args)
        failed |= note.startswith("PROBLEM")
        if figures is not None:
            results.append((f"PostgreSQL {figures['version']}", figures))
        if note:
            notes.append(note)
    text = "\n".join(report(results, args) + notes)
    print(text)
    (OUT / "jobs-latest.txt").write_text(text + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
