#!/usr/bin/env python3
"""The room-booking benchmark: availability search and concurrent booking.

1. Availability search: a SQLite file under ``bench/out/`` (built once; ``--fresh``
   rebuilds) with the five demo facilities, 100 bookable rooms and 200,000 bookings over
   a year. Times ``/api/v1/bookings/availability`` for one week over all 100 rooms against
   a trivial view (``/healthz``), both through Django's WSGI handler, interleaved round by
   round like ``bench/run.py``.
2. Concurrent booking on PostgreSQL: a temporary cluster (``scripts/run_tests.py``'s
   helpers) where 8 clients, each a thread on its own connection, book random overlapping
   slots of 20 rooms through ``services.book_room``. Reports bookings per second and checks
   that no two active bookings of a room overlap. Skipped with a notice when the PostgreSQL
   server binaries are missing.

    python bench/bookings/run.py [--rounds 50] [--fresh] [--settings MODULE] [--attempts 400]
"""

import argparse
import datetime
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
OUT = ROOT / "bench" / "out"
ROOMS = 100
BOOKINGS = 200_000
TARGET_RATIO = 5.0
CLIENTS = 8
STAFF = "bench-staff@aihub.example"


def setup(database_url: str, settings_module: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    os.environ["AIHUB_DATABASE_URL"] = database_url
    os.environ.setdefault("AIHUB_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def make_rooms(count: int):
    """Facilities, ``count`` meeting rooms (open every day 08:00 to 22:00) and a staff account."""
    from aihub.accounts import services as account_services
    from aihub.accounts.enums import Role
    from aihub.accounts.models import User
    from aihub.bookings.enums import BookerKind
    from aihub.bookings.models import BookableRoom
    from aihub.demo.seed import SeedReport, _seed_facilities
    from aihub.spaces.enums import SpaceKind
    from aihub.spaces.models import Facility, Space

    staff = User.objects.filter(email=STAFF).first() or account_services.create_user(
        email=STAFF, password="bench-password-1234", full_name="벤치", roles=[Role.HUB_STAFF]
    )
    _seed_facilities(actor=staff, report=SeedReport())
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
            kind=SpaceKind.MEETING_ROOM,
            code=f"{floors[i % len(floors)].label}-R{i:03d}",
            name_ko=f"회의실 {i}",
            name_en=f"Meeting room {i}",
            area_m2=30,
            seats=8,
        )
        for i in range(count)
    )
    BookableRoom.objects.bulk_create(
        BookableRoom(
            space=space,
            capacity=8,
            open_weekdays=[0, 1, 2, 3, 4, 5, 6],
            allowed_bookers=[BookerKind.RESIDENT, BookerKind.MEMBERSHIP, BookerKind.PARTNER],
            window_days=400,
        )
        for space in Space.objects.filter(kind=SpaceKind.MEETING_ROOM).order_by("pk")
    )
    return staff, list(BookableRoom.objects.order_by("pk"))


def _with_holds(bookings: list) -> None:
    """Store ``bookings`` and the room hold each of them takes, as the booking service does."""
    from django.contrib.contenttypes.models import ContentType

    from aihub.bookings.models import Booking, RoomHold

    made = Booking.objects.bulk_create(bookings, batch_size=5_000)
    booking_type = ContentType.objects.get_for_model(Booking)
    RoomHold.objects.bulk_create(
        [
            RoomHold(
                space_id=b.room.space_id,
                purpose="booking",
                title_ko=b.title,
                title_en=b.title,
                starts_at=b.starts_at,
                ends_at=b.ends_at,
                blocked_until=b.blocked_until,
                owner_type=booking_type,
                owner_id=b.pk,
                held_by_id=b.booked_by_id,
            )
            for b in made
        ],
        batch_size=5_000,
    )


def load() -> None:
    """100 rooms and 200,000 one-hour bookings (each with its room hold) spread over the year
    around today."""
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from aihub.bookings.models import Booking, RoomHold
    from aihub.bookings.timeutil import at

    call_command("migrate", verbosity=0)
    if Booking.objects.count() >= BOOKINGS and RoomHold.objects.count() >= BOOKINGS:
        return
    started = time.perf_counter()
    rng = random.Random(2026)
    with transaction.atomic():
        staff, rooms = make_rooms(ROOMS)
        first = timezone.localdate() - datetime.timedelta(days=182)
        per_room = BOOKINGS // ROOMS
        batch = []
        for room in rooms:
            made, day = 0, first
            while made < per_room:
                hours = sorted(rng.sample(range(8, 22), 6))
                for hour in hours:
                    if made == per_room:
                        break
                    starts_at = at(day, datetime.time(hour))
                    ends_at = starts_at + datetime.timedelta(hours=1)
                    batch.append(
                        Booking(
                            room=room,
                            booked_by=staff,
                            booker_kind="hub",
                            title="벤치 회의",
                            starts_at=starts_at,
                            ends_at=ends_at,
                            blocked_until=ends_at,
                        )
                    )
                    made += 1
                day += datetime.timedelta(days=1)
            if len(batch) >= 20_000:
                _with_holds(batch)
                batch = []
        _with_holds(batch)
    print(f"loaded the booking benchmark in {time.perf_counter() - started:.0f} s")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def time_search(rounds: int) -> list[tuple[str, float, float]]:
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import Client
    from django.utils import timezone

    from aihub.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email=STAFF))
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    targets = {
        "trivial view (/healthz)": ("/healthz", ""),
        "availability, 100 rooms × 7 days": (
            "/api/v1/bookings/availability",
            f"start={monday.isoformat()}&days=7",
        ),
    }
    handler = WSGIHandler()

    def call(path: str, query: str) -> tuple[str, bytes]:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
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
        return status[0], body

    for path, query in targets.values():
        answer, body = call(path, query)
        if not answer.startswith("200"):
            raise SystemExit(f"{path} answered {answer}: {body[:300]!r}")
    timings: dict[str, list[float]] = {name: [] for name in targets}
    for _round in range(rounds):
        for name, (path, query) in targets.items():
            started = time.perf_counter()
            call(path, query)
            timings[name].append((time.perf_counter() - started) * 1000)
    return [(name, statistics.median(v), percentile(v, 0.95)) for name, v in timings.items()]


def pg_worker(attempts: int) -> None:
    """Inside the PostgreSQL run: 8 clients race for 20 rooms; prints one result line."""
    from django.core.management import call_command
    from django.db import connection, connections
    from django.utils import timezone

    from aihub.bookings import services
    from aihub.bookings.errors import BookingConflict
    from aihub.bookings.timeutil import at

    call_command("migrate", verbosity=0)
    staff, rooms = make_rooms(20)
    day = timezone.localdate() + datetime.timedelta(days=2)
    made, refused = [0] * CLIENTS, [0] * CLIENTS
    barrier = threading.Barrier(CLIENTS)

    def client(index: int) -> None:
        rng = random.Random(index)
        barrier.wait()
        try:
            for _attempt in range(attempts // CLIENTS):
                room = rng.choice(rooms)
                start = at(day + datetime.timedelta(days=rng.randrange(30)), datetime.time(8))
                start += datetime.timedelta(minutes=30 * rng.randrange(24))
                try:
                    services.book_room(
                        room=room,
                        starts_at=start,
                        ends_at=start + datetime.timedelta(hours=1),
                        title="race",
                        actor=staff,
                    )
                    made[index] += 1
                except BookingConflict:
                    refused[index] += 1
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM bookings_booking a JOIN bookings_booking b "
            "ON a.room_id = b.room_id AND a.id < b.id "
            "AND a.starts_at < b.blocked_until AND b.starts_at < a.blocked_until "
            "WHERE a.status IN ('pending','confirmed','checked_in') "
            "AND b.status IN ('pending','confirmed','checked_in')"
        )
        overlaps = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM bookings_roomhold a JOIN bookings_roomhold b "
            "ON a.space_id = b.space_id AND a.id < b.id "
            "AND a.starts_at < b.blocked_until AND b.starts_at < a.blocked_until "
            "WHERE a.state = 'held' AND b.state = 'held'"
        )
        overlaps += cursor.fetchone()[0]
    print(
        f"RESULT {sum(made)} {sum(refused)} {seconds:.3f} {overlaps}",
        flush=True,
    )


def run_postgresql(attempts: int, settings_module: str) -> str:
    sys.path.insert(0, str(ROOT / "scripts"))
    from run_tests import ClusterError, find_postgres, temporary_cluster

    binaries = find_postgres()
    if binaries is None:
        return (
            "NOTICE: PostgreSQL server binaries not found; the concurrent booking run was skipped."
        )
    try:
        with temporary_cluster(binaries) as cluster:
            output = subprocess.run(  # noqa: S603 (this script with fixed arguments)
                [
                    sys.executable,
                    __file__,
                    "--pg-worker",
                    cluster.database_url,
                    "--settings",
                    settings_module,
                    "--attempts",
                    str(attempts),
                ],
                capture_output=True,
                text=True,
                env=os.environ.copy(),
                check=False,
            )
    except ClusterError as error:
        return f"NOTICE: the PostgreSQL cluster could not be set up ({error}); skipped."
    line = next((x for x in output.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        return f"PostgreSQL run failed:\n{output.stdout[-2000:]}\n{output.stderr[-2000:]}"
    made, refused, seconds, overlaps = line.split()[1:]
    verdict = "zero overlaps" if overlaps == "0" else f"{overlaps} OVERLAPS"
    return (
        f"PostgreSQL {binaries.version}, {CLIENTS} concurrent clients, 20 rooms: "
        f"{int(made) + int(refused)} attempts, {made} booked, {refused} refused as conflicts "
        f"in {float(seconds):.2f} s = {int(made) / float(seconds):.0f} bookings/s "
        f"({(int(made) + int(refused)) / float(seconds):.0f} attempts/s); {verdict}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--attempts", type=int, default=800)
    parser.add_argument("--fresh", action="store_true", help="rebuild the benchmark database")
    parser.add_argument("--settings", default="aihub.settings.development")
    parser.add_argument("--pg-worker", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pg_worker:
        setup(args.pg_worker, args.settings)
        pg_worker(args.attempts)
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    database = OUT / "bookings-200k.sqlite3"
    if args.fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    setup(f"sqlite:///{database}", args.settings)
    load()
    from aihub.bookings.models import Booking

    pages = time_search(args.rounds)
    baseline_median, baseline_p95 = pages[0][1], pages[0][2]
    lines = [
        f"Room booking, {Booking.objects.count():,} bookings, {ROOMS} rooms, SQLite",
        f"{'request':<36}{'median ms':>10}{'p95 ms':>10}{'ratio':>8}{'p95 ratio':>11}",
    ]
    worst = 0.0
    for name, median, p95 in pages:
        ratio = median / baseline_median
        worst = max(worst, ratio)
        lines.append(
            f"{name:<36}{median:>10.2f}{p95:>10.2f}{ratio:>8.2f}{p95 / baseline_p95:>11.2f}"
        )
    lines.append(
        f"target: search median ratio <= {TARGET_RATIO:g} — "
        f"{'met' if worst <= TARGET_RATIO else 'missed'} (ratio {worst:.2f})"
    )
    lines.append(run_postgresql(args.attempts, args.settings))
    report = "\n".join(lines)
    print(report)
    (OUT / "bookings-latest.txt").write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
