"""Day and week calendars as tables: rows are times, columns are rooms or days.

Every use of a room — a booking, an event, an expert session, a class — spans the rows it
covers (``rowspan``); free cells link to the booking form with the start filled in. Those who
may see a use see what it is for; everyone else sees "busy". Built from one read of the rooms
and one of their holds.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import formats

from aihub.bookings import queries
from aihub.bookings.enums import HoldPurpose
from aihub.bookings.models import BookableRoom
from aihub.bookings.timeutil import at, days, local
from aihub.bookings.visibility import Viewer

ROW_MINUTES = 30


@dataclass
class Cell:
    state: str
    """``free``, ``past``, ``closed``, ``busy`` (someone else's), ``own`` or ``pending`` (a
    booking the viewer may see) or ``use`` (another use the viewer may see: an event…)."""
    room: BookableRoom
    starts_at: datetime.datetime
    rowspan: int = 1
    use: queries.Taken | None = None
    label: str = ""
    link: str = ""

    @property
    def purpose_label(self) -> str:
        return str(HoldPurpose(self.use.purpose).label) if self.use else ""


@dataclass
class Row:
    time: datetime.time
    cells: list[Cell | None] = field(default_factory=list)


@dataclass
class Column:
    room: BookableRoom
    day: datetime.date
    label: str


@dataclass
class Grid:
    columns: list[Column]
    rows: list[Row]


def _bounds(rooms: list[BookableRoom]) -> tuple[datetime.time, datetime.time]:
    opens = min((room.opens_at for room in rooms), default=datetime.time(8))
    closes = max((room.closes_at for room in rooms), default=datetime.time(22))
    opens = opens.replace(minute=opens.minute - opens.minute % ROW_MINUTES)
    return opens, closes


def _times(opens: datetime.time, closes: datetime.time) -> list[datetime.time]:
    times, minutes = [], opens.hour * 60 + opens.minute
    end = closes.hour * 60 + closes.minute
    while minutes < end:
        times.append(datetime.time(minutes // 60, minutes % 60))
        minutes += ROW_MINUTES
    return times


def _state(room: BookableRoom, day: datetime.date, time: datetime.time, now) -> str:
    if day.weekday() not in room.open_weekdays or not room.opens_at <= time < room.closes_at:
        return "closed"
    return "past" if at(day, time) < now else "free"


def build(columns: list[Column], *, viewer: Viewer, now: datetime.datetime) -> Grid:
    """The grid of ``columns``; each booking sits in the row of its start and spans the
    rows it covers."""
    rooms = list({column.room.pk: column.room for column in columns}.values())
    opens, closes = _bounds(rooms)
    times = _times(opens, closes)
    first = min((column.day for column in columns), default=local(now).date())
    last = max((column.day for column in columns), default=first)
    taken: dict[tuple[int, datetime.date], list[queries.Taken]] = defaultdict(list)
    uses = queries.busy(
        rooms=rooms,
        start=at(first, datetime.time()),
        end=at(last + datetime.timedelta(days=1), datetime.time()),
    )
    for use in uses:
        taken[(use.room_id, local(use.starts_at).date())].append(use)
    visible = [u for u in uses if viewer.sees_ids(u.company_id, u.held_by_id)]
    links = queries.owner_links(visible) if any(u.booking_id is None for u in visible) else {}
    rows = [Row(time) for time in times]
    for column in columns:
        placed: dict[int, Cell] = {}
        covered: set[int] = set()
        base = opens.hour * 60 + opens.minute
        for use in taken[(column.room.pk, column.day)]:
            start, end = local(use.starts_at), local(use.ends_at)
            first_row = max(0, (start.hour * 60 + start.minute - base) // ROW_MINUTES)
            end_minutes = end.hour * 60 + end.minute if end.date() == column.day else 24 * 60
            last_row = min(len(times), -(-(end_minutes - base) // ROW_MINUTES))
            if first_row >= len(times) or first_row in covered or first_row in placed:
                continue
            span = max(1, last_row - first_row)
            sees = viewer.sees_ids(use.company_id, use.held_by_id)
            if not sees:
                state = "busy"
            elif use.booking_id is None:
                state = "use"
            elif use.is_pending:
                state = "pending"
            else:
                state = "own"
            placed[first_row] = Cell(
                state,
                column.room,
                use.starts_at,
                span,
                use if sees else None,
                use.title if sees else "",
                links.get(use.hold_id, ""),
            )
            covered.update(range(first_row + 1, first_row + span))
        for index, row in enumerate(rows):
            if index in covered:
                row.cells.append(None)
            elif index in placed:
                row.cells.append(placed[index])
            else:
                state = _state(column.room, column.day, row.time, now)
                row.cells.append(Cell(state, column.room, at(column.day, row.time)))
    return Grid(columns, rows)


def day_label(day: datetime.date) -> str:
    return formats.date_format(day, "D n/j")


def room_week(room: BookableRoom, monday: datetime.date) -> list[Column]:
    return [Column(room, day, day_label(day)) for day in days(monday, 7)]


def rooms_day(rooms: list[BookableRoom], day: datetime.date) -> list[Column]:
    return [Column(room, day, f"{room.code} {room.name}") for room in rooms]
