"""Many conflicting bookings fired at once from threads, each on its own connection:
exactly one wins, every other gets a ``BookingConflict`` naming the taken time.

On PostgreSQL the checks run concurrently and the exclusion constraint decides; on SQLite
the IMMEDIATE transactions queue the writers, so each later one sees the winner.
"""

import sqlite3
import threading

import pytest
from django.db import connection, connections

from aihub.bookings import services
from aihub.bookings.enums import ACTIVE_STATUSES
from aihub.bookings.errors import BookingConflict
from aihub.bookings.models import Booking
from aihub.bookings.tests.conftest import slot
from aihub.companies import services as company_services
from aihub.companies.enums import MemberRole

pytestmark = pytest.mark.django_db(transaction=True)
CLIENTS = 8


def _race(targets) -> list[object]:
    barrier = threading.Barrier(len(targets))
    results: list[object] = [None] * len(targets)

    def run(index: int, target) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = target()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, t)) for i, t in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def shared_database(tmp_path):
    """Make threads' connections reach the data this test made.

    PostgreSQL threads reach the test database already. SQLite's test database lives in
    memory with a shared cache, where writers fail at once instead of queueing; the race
    runs on a file copy of it instead, as SQLite runs in production (WAL, IMMEDIATE).
    Yields a function that runs a callable in a fresh thread (on its own connection).
    """

    def in_thread(target):
        return _race([target])[0]

    if connection.vendor != "sqlite":
        yield in_thread
        return
    settings_dict = connections.settings["default"]
    memory_name = settings_dict["NAME"]
    path = tmp_path / "race.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.close()
    settings_dict["NAME"] = str(path)
    try:
        yield in_thread
    finally:
        settings_dict["NAME"] = memory_name


@pytest.fixture
def bookers(company, make_user):
    users = []
    for _index in range(CLIENTS):
        user = make_user()
        company_services.add_member(company=company, user=user, role=MemberRole.MEMBER, actor=None)
        users.append(user)
    return users


def test_conflicting_bookings_same_moment_exactly_one_wins(
    room, company, bookers, day, shared_database
):
    # Each client asks for a different but overlapping hour, so each loser's message must
    # name the winner's time.
    starts = ["10:00", "10:30", "10:00", "10:30", "10:00", "10:30", "10:00", "10:30"]

    def booking_for(user, start):
        hour, minute = start.split(":")
        end = f"{int(hour) + 1:02d}:{minute}"
        starts_at, ends_at = slot(day, start, end)
        return lambda: services.book_room(
            room=room,
            starts_at=starts_at,
            ends_at=ends_at,
            title="Race",
            actor=user,
            company=company,
        )

    results = _race([booking_for(u, s) for u, s in zip(bookers, starts, strict=True)])
    winners = [r for r in results if isinstance(r, Booking)]
    losers = [r for r in results if isinstance(r, BookingConflict)]
    assert (len(winners), len(losers)) == (1, CLIENTS - 1), results
    winner = winners[0]
    start_text = winner.starts_at.astimezone().strftime("%H:%M")
    assert all(start_text in str(loser.message) for loser in losers)
    active = shared_database(
        lambda: Booking.objects.filter(room=room, status__in=ACTIVE_STATUSES).count()
    )
    assert active == 1


def test_conflicting_series_same_moment_one_wins(room, company, bookers, day, shared_database):
    def series_for(user):
        starts_at, ends_at = slot(day, "15:00", "16:00")
        return lambda: services.book_series(
            room=room,
            starts_at=starts_at,
            ends_at=ends_at,
            weeks=3,
            title="Race",
            actor=user,
            company=company,
        )

    results = _race([series_for(user) for user in bookers[:4]])
    assert sorted(type(r).__name__ for r in results) == ["BookingConflict"] * 3 + ["BookingSeries"]
    assert shared_database(lambda: Booking.objects.filter(room=room).count()) == 3


def test_event_and_bookings_racing_for_one_room_exactly_one_wins(
    room, company, bookers, staff, day, shared_database
):
    """A demo day and seven bookings of the same afternoon at the same moment: one use holds
    the room, every other is refused, and no two held ranges overlap."""
    from aihub.bookings.enums import HoldState
    from aihub.bookings.models import RoomHold
    from aihub.events import services as event_services
    from aihub.events.enums import EventKind

    starts_at, ends_at = slot(day, "14:00", "17:00")

    def event():
        return event_services.create_event(
            kind=EventKind.DEMO_DAY,
            title_ko="데모데이",
            title_en="Demo day",
            starts_at=starts_at,
            ends_at=ends_at,
            capacity=40,
            space=room.space,
            actor=staff,
        )

    def booking_for(user):
        one_start, one_end = slot(day, "15:00", "16:00")
        return lambda: services.book_room(
            room=room,
            starts_at=one_start,
            ends_at=one_end,
            title="Race",
            actor=user,
            company=company,
        )

    results = _race([event, *[booking_for(u) for u in bookers[:7]]])
    refused = [r for r in results if isinstance(r, BookingConflict)]
    assert len(refused) == 7, results
    held = shared_database(
        lambda: list(
            RoomHold.objects.filter(space=room.space, state=HoldState.HELD).values_list(
                "starts_at", "blocked_until"
            )
        )
    )
    assert len(held) == 1
