"""A room's booking rules applied to one requested time; no database access.

Each check raises ``ValidationFailed`` naming the field to correct, with the limit that was
broken in the message, in the active language.
"""

import datetime

from django.utils import formats
from django.utils.translation import gettext as _

from aihub.bookings.enums import BookerKind
from aihub.bookings.models import BookableRoom
from aihub.bookings.timeutil import local, show
from aihub.core.errors import ValidationFailed


def _weekday_names(weekdays: list[int]) -> str:
    names = [formats.date_format(datetime.date(2024, 1, 1 + day), "D") for day in sorted(weekdays)]
    return ", ".join(names)


def check_kind(room: BookableRoom, kind: str) -> None:
    """Refuse a booker kind the room does not admit; the hub may always book."""
    if kind != BookerKind.HUB and kind not in room.allowed_bookers:
        raise ValidationFailed(
            _("%(kind)s cannot book this room. It is open to: %(allowed)s.")
            % {
                "kind": BookerKind(kind).label,
                "allowed": ", ".join(room.booker_labels()) or "—",
            },
            field="room",
            code="booker_not_allowed",
        )


def check_attendees(room: BookableRoom, attendees: int) -> None:
    if attendees < 1:
        raise ValidationFailed(_("Enter at least one attendee."), field="attendees")
    if attendees > room.capacity:
        raise ValidationFailed(
            _("This room holds at most %(capacity)d people.") % {"capacity": room.capacity},
            field="attendees",
            code="over_capacity",
        )


def check_times(
    room: BookableRoom,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    *,
    now: datetime.datetime,
) -> None:
    """End after start, not in the past, inside the booking window, the room's duration
    limits and slot grid, and within its open hours on an open day."""
    if ends_at <= starts_at:
        raise ValidationFailed(
            _("The end must be after the start."), field="ends_at", code="ends_before_start"
        )
    if starts_at < now:
        raise ValidationFailed(
            _("The start %(start)s is in the past.") % {"start": show(starts_at)},
            field="starts_at",
            code="in_the_past",
        )
    latest = local(now).date() + datetime.timedelta(days=room.window_days)
    if local(starts_at).date() > latest:
        raise ValidationFailed(
            _("This room can be booked at most %(days)d days ahead, until %(latest)s.")
            % {"days": room.window_days, "latest": latest.isoformat()},
            field="starts_at",
            code="beyond_window",
        )
    minutes = (ends_at - starts_at).total_seconds() / 60
    if minutes < room.min_minutes or minutes > room.max_minutes:
        raise ValidationFailed(
            _(
                "A booking of this room lasts from %(min)d to %(max)d minutes; "
                "this one is %(minutes)d."
            )
            % {"min": room.min_minutes, "max": room.max_minutes, "minutes": minutes},
            field="ends_at",
            code="duration_limit",
        )
    start, end = local(starts_at), local(ends_at)
    if (
        (start.hour * 60 + start.minute) % room.slot_minutes
        or start.second
        or minutes % room.slot_minutes
    ):
        raise ValidationFailed(
            _(
                "Bookings of this room start and end on the %(slot)d-minute grid, "
                "like 10:00 or 10:%(slot)02d."
            )
            % {"slot": room.slot_minutes},
            field="starts_at",
            code="off_grid",
        )
    if (
        start.weekday() not in room.open_weekdays
        or start.date() != end.date()
        or start.time() < room.opens_at
        or end.time() > room.closes_at
    ):
        raise ValidationFailed(
            _("The room is open from %(opens)s to %(closes)s on %(days)s.")
            % {
                "opens": room.opens_at.strftime("%H:%M"),
                "closes": room.closes_at.strftime("%H:%M"),
                "days": _weekday_names(room.open_weekdays),
            },
            field="starts_at",
            code="outside_open_hours",
        )
