import pytest

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

    assert describe(demo._plan(rooms, 1)) == describe(demo._plan(rooms, 1))
