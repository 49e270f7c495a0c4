"""Free time: the windows a room can still be booked in, and rooms free at a given time.

Both read the rooms once and their bookings once, then work in Python, so the number of
queries does not grow with the rooms, days or bookings.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from aihub.bookings import policy, queries
from aihub.bookings.models import BookableRoom
from aihub.bookings.timeutil import at, days, local
from aihub.bookings.visibility import Viewer
from aihub.core.errors import ValidationFailed


@dataclass(frozen=True)
class Busy:
    """A use of a room as a calendar shows it; ``booking_id`` (bookings only) and ``title``
    only when visible."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime
    blocked_until: datetime.datetime
    visible: bool
    booking_id: int | None
    title: str

    @property
    def label(self) -> str:
        return self.title


@dataclass
class RoomAvailability:
    room: BookableRoom
    busy: list[Busy] = field(default_factory=list)
    free: list[tuple[datetime.datetime, datetime.datetime]] = field(default_factory=list)


def free_windows(
    room: BookableRoom,
    day: datetime.date,
    bookings: list[queries.Taken] | list[Busy],
    *,
    now: datetime.datetime,
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """Windows of ``day`` in which a booking of at least the room's shortest duration fits:
    open hours, minus each booking widened by the buffer on both sides, from now on, on the
    room's slot grid (in local time). ``bookings`` are the room's, ordered by start.

    Works in whole minutes since the epoch, shifted by the day's UTC offset for the grid.
    """
    if day.weekday() not in room.open_weekdays:
        return []
    opens_at = at(day, room.opens_at)
    offset = int(opens_at.utcoffset().total_seconds()) // 60
    slot, buffer = room.slot_minutes, room.buffer_minutes

    def minute(moment: datetime.datetime) -> int:
        return int(moment.timestamp()) // 60 + (moment.second > 0 or moment.microsecond > 0)

    def ceil(value: int) -> int:
        return value + (-(value + offset)) % slot

    opens, closes = minute(opens_at), minute(at(day, room.closes_at))
    cursor = max(opens, ceil(minute(now)))
    windows = []
    for booking in bookings:
        blocked_to = minute(booking.blocked_until)
        if blocked_to <= cursor:
            continue
        blocked_from = int(booking.starts_at.timestamp()) // 60 - buffer
        if blocked_from >= closes:
            break
        end = blocked_from - (blocked_from + offset) % slot
        if end > cursor:
            windows.append((cursor, end))
        cursor = max(cursor, ceil(blocked_to))
    if cursor < closes:
        windows.append((cursor, closes))
    zone = opens_at.tzinfo
    return [
        (
            datetime.datetime.fromtimestamp(start * 60, zone),
            datetime.datetime.fromtimestamp(end * 60, zone),
        )
        for start, end in windows
        if end - start >= room.min_minutes
    ]


def availability(
    *,
    rooms: list[BookableRoom],
    first_day: datetime.date,
    day_count: int,
    viewer: Viewer,
    now: datetime.datetime,
) -> list[RoomAvailability]:
    """Busy blocks (in full only where the viewer may see them) and free windows of each
    room for ``day_count`` days from ``first_day``."""
    start = at(first_day, datetime.time())
    end = at(first_day + datetime.timedelta(days=day_count), datetime.time())
    by_room: dict[int, list[Busy]] = defaultdict(list)
    for use in queries.busy(rooms=rooms, start=start, end=end):
        visible = viewer.sees_ids(use.company_id, use.held_by_id)
        by_room[use.room_id].append(
            Busy(
                use.starts_at,
                use.ends_at,
                use.blocked_until,
                visible,
                use.booking_id if visible else None,
                use.title if visible else "",
            )
        )
    result = []
    one_day = datetime.timedelta(days=1)
    for room in rooms:
        taken = by_room.get(room.pk, [])
        entry = RoomAvailability(room=room, busy=[b for b in taken if b.starts_at < end])
        by_day: dict[datetime.date, list[Busy]] = defaultdict(list)
        for busy in taken:
            by_day[local(busy.starts_at).date()].append(busy)
        for day in days(first_day, day_count):
            near = (
                by_day.get(day - one_day, []) + by_day.get(day, []) + by_day.get(day + one_day, [])
            )
            entry.free += free_windows(room, day, near, now=now)
        result.append(entry)
    return result


def free_rooms(
    *,
    rooms: list[BookableRoom],
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    capacity: int = 1,
    equipment: list[str] | None = None,
    now: datetime.datetime,
) -> list[BookableRoom]:
    """Rooms of ``rooms`` with the capacity and equipment whose rules allow the time and
    where no active booking, buffers included, meets it."""
    wanted = set(equipment or [])
    candidates = []
    for room in rooms:
        if room.capacity < capacity or not wanted <= set(room.equipment):
            continue
        try:
            policy.check_times(room, starts_at, ends_at, now=now)
        except ValidationFailed:
            continue
        candidates.append(room)
    longest_buffer = max((room.buffer for room in candidates), default=datetime.timedelta())
    taken: dict[int, list[queries.Taken]] = defaultdict(list)
    for use in queries.busy(
        rooms=candidates, start=starts_at - longest_buffer, end=ends_at + longest_buffer
    ):
        taken[use.room_id].append(use)
    return [
        room
        for room in candidates
        if not any(
            b.starts_at < ends_at + room.buffer and b.blocked_until > starts_at
            for b in taken[room.pk]
        )
    ]
