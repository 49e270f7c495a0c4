"""Refusals particular to booking: a taken slot, a used-up quota."""

from django.utils.translation import gettext_lazy as _

from aihub.core.errors import Conflict


class BookingConflict(Conflict):
    """The room is already held at that time (buffers included); the message names when."""

    code = "booking_conflict"
    default_message = _("The room is already booked at this time.")

    def __init__(self, message=None, *, conflicts: list[str] | None = None, **kwargs) -> None:
        super().__init__(message, **kwargs)
        self.conflicts = list(conflicts or [])


class QuotaExceeded(Conflict):
    """The company's free hours in the room are used up and the room cannot be paid for."""

    code = "quota_exceeded"
    default_message = _("Your company has used up its free hours in this room this month.")
