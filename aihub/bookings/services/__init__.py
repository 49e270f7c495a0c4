"""Writes of the bookings app: keyword-only, typed, one transaction each, audited."""

from aihub.bookings.services.bookings import (
    approve_booking,
    book_room,
    book_series,
    booker_kind,
    cancel_booking,
    cancel_series,
    change_booking,
    check_in,
    reject_booking,
    release_no_shows,
    set_booking_status,
)
from aihub.bookings.services.rooms import change_room, edit_room, set_room_photo, set_up_room

__all__ = [
    "approve_booking",
    "book_room",
    "book_series",
    "booker_kind",
    "cancel_booking",
    "cancel_series",
    "change_booking",
    "change_room",
    "check_in",
    "edit_room",
    "reject_booking",
    "release_no_shows",
    "set_booking_status",
    "set_room_photo",
    "set_up_room",
]
