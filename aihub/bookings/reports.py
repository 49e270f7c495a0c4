"""Use of rooms and facilities over a period: hours booked, occupancy and no-shows.

Hours booked count confirmed, checked-in and released (no-show) bookings that start in the
period; occupancy is hours booked over the room's open hours in the period.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from aihub.bookings.enums import BookingStatus
from aihub.bookings.models import BookableRoom, Booking
from aihub.bookings.timeutil import at, days

USED_STATUSES = (BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN, BookingStatus.RELEASED)


@dataclass
class Usage:
    facility: str
    room: str
    bookings: int = 0
    minutes: int = 0
    open_minutes: int = 0
    no_shows: int = 0

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)

    @property
    def open_hours(self) -> float:
        return round(self.open_minutes / 60, 1)

    @property
    def occupancy(self) -> float:
        """Percent of the open hours booked, one decimal."""
        return round(100 * self.minutes / self.open_minutes, 1) if self.open_minutes else 0.0


def open_minutes(room: BookableRoom, first: datetime.date, last: datetime.date) -> int:
    daily = (room.closes_at.hour * 60 + room.closes_at.minute) - (
        room.opens_at.hour * 60 + room.opens_at.minute
    )
    count = (last - first).days + 1
    return sum(daily for day in days(first, count) if day.weekday() in room.open_weekdays)


def usage(
    *, rooms: list[BookableRoom], first: datetime.date, last: datetime.date
) -> tuple[list[Usage], list[Usage]]:
    """Use per room and per facility from ``first`` to ``last`` (inclusive), in two lists
    in the order of ``rooms``; one query for the bookings."""
    per_room: dict[int, Usage] = {}
    per_facility: dict[int, Usage] = {}
    for room in rooms:
        facility = room.space.facility
        per_room[room.pk] = Usage(
            facility.name, f"{room.code} {room.name}", open_minutes=open_minutes(room, first, last)
        )
        total = per_facility.setdefault(facility.pk, Usage(facility.name, str(_("All rooms"))))
        total.open_minutes += per_room[room.pk].open_minutes
    spans = Booking.objects.filter(
        room_id__in=list(per_room),
        status__in=USED_STATUSES,
        starts_at__gte=at(first, datetime.time()),
        starts_at__lt=at(last + datetime.timedelta(days=1), datetime.time()),
    ).values_list("room_id", "starts_at", "ends_at", "status")
    facility_of = {room.pk: room.space.facility_id for room in rooms}
    for room_id, starts_at, ends_at, status in spans.iterator(chunk_size=5000):
        minutes = int((ends_at - starts_at).total_seconds() // 60)
        for entry in (per_room[room_id], per_facility[facility_of[room_id]]):
            entry.bookings += 1
            entry.minutes += minutes
            entry.no_shows += status == BookingStatus.RELEASED
    return list(per_room.values()), list(per_facility.values())


def headers() -> list[str]:
    return [
        str(_("Facility")),
        str(_("Room")),
        str(_("Bookings")),
        str(_("Hours booked")),
        str(_("Open hours")),
        str(_("Occupancy (%)")),
        str(_("No-shows")),
    ]


def rows(entries: list[Usage]) -> list[list[object]]:
    return [
        [e.facility, e.room, e.bookings, e.hours, e.open_hours, e.occupancy, e.no_shows]
        for e in entries
    ]
