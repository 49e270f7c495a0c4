"""Booking fixtures: rooms on the anchor facility, set up through the services, and times
that lie on an open weekday ahead of the real clock."""

import datetime

import pytest
from django.utils import timezone

from aihub.bookings import services
from aihub.bookings.enums import BookerKind
from aihub.bookings.timeutil import at
from aihub.spaces import services as space_services
from aihub.spaces.enums import SpaceKind


def next_weekday(days_ahead: int = 1) -> datetime.date:
    """The first Monday to Friday at least ``days_ahead`` days after today."""
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def slot(day: datetime.date, start: str, end: str) -> tuple[datetime.datetime, datetime.datetime]:
    return (
        at(day, datetime.time.fromisoformat(start)),
        at(day, datetime.time.fromisoformat(end)),
    )


@pytest.fixture
def english(member):
    member.language = "en"
    member.save(update_fields=["language"])
    return member


@pytest.fixture
def make_room(facility):
    def make(code: str = "5F-M1", *, kind: str = SpaceKind.MEETING_ROOM, seats: int = 8, **rules):
        space = space_services.create_space(
            facility=facility,
            floor=facility.floors.get(level=5),
            kind=kind,
            code=code,
            name_ko=f"회의실 {code}",
            name_en=f"Meeting room {code}",
            area_m2=30,
            seats=seats,
            actor=None,
        )
        return services.set_up_room(space=space, actor=None, **rules)

    return make


@pytest.fixture
def room(make_room):
    return make_room(
        equipment=["display", "video"],
        allowed_bookers=[BookerKind.RESIDENT, BookerKind.MEMBERSHIP, BookerKind.PARTNER],
    )


@pytest.fixture
def day() -> datetime.date:
    return next_weekday(2)
