import datetime

import pytest
from django.utils import timezone

from aihub.bookings import demo
from aihub.bookings.models import BookableRoom, Booking
from aihub.demo.seed import STAFF_EMAIL
from aihub.spaces import services as space_services
from aihub.spaces.enums import SpaceKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_spaces(facility, member, company, make_user, monkeypatch):
    from aihub.accounts.enums import Role

    make_user(STAFF_EMAIL, roles=(Role.HUB_STAFF,))
    monkeypatch.setattr(demo, "HISTORY_DAYS", 20)
    monkeypatch.setattr(demo, "AHEAD_DAYS", 5)
    for kind, code in ((SpaceKind.MEETING_ROOM, "7F-M"), (SpaceKind.HALL, "B1-HALL")):
        space_services.create_space(
            facility=facility,
            floor=facility.floors.get(level=1),
            kind=kind,
            code=code,
            name_ko=code,
            name_en=code,
            area_m2=80,
            seats=30,
            actor=None,
        )


def test_seed_bookings_builds_rooms_and_bookings_then_nothing_more(demo_spaces):
    first = demo.seed_bookings()
    assert first["rooms"] == 2
    assert first["bookings"] > 20
    statuses = set(Booking.objects.values_list("status", flat=True))
    assert "checked_in" in statuses
    before = Booking.objects.count()
    second = demo.seed_bookings()
    assert (second["rooms"], second["bookings"]) == (0, 0)
    assert Booking.objects.count() == before


def test_seed_bookings_plan_is_deterministic(demo_spaces):
    demo.seed_bookings()
    rooms = list(BookableRoom.objects.select_related("space"))

    def describe(plan):
        return [(room.pk, day, start, hours) for room, day, start, hours, *_ in plan]

    today = timezone.localdate()
    assert describe(demo._plan(rooms, 1, today=today)) == describe(
        demo._plan(rooms, 1, today=today)
    )


def test_seed_bookings_plan_of_a_day_same_in_any_window(demo_spaces):
    demo.seed_bookings()
    rooms = list(BookableRoom.objects.select_related("space"))
    today = timezone.localdate()
    later = today + datetime.timedelta(days=3)

    def on(day, plan):
        return [(room.pk, start, hours) for room, d, start, hours, *_ in plan if d == day]

    assert on(today, demo._plan(rooms, 1, today=today)) == on(
        today, demo._plan(rooms, 1, today=later)
    )


def test_seed_bookings_around_today(demo_spaces):
    demo.seed_bookings()
    today = timezone.localdate()
    days = {timezone.localdate(b.starts_at) for b in Booking.objects.all()}
    assert min(days) < today < max(days)
    assert max(days) < today + datetime.timedelta(days=demo.AHEAD_DAYS)
    assert min(days) >= today - datetime.timedelta(days=demo.HISTORY_DAYS)
