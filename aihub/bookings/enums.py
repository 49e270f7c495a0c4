"""Choices of the bookings app; labels are translated with a context."""

from django.db import models
from django.utils.translation import pgettext_lazy

from aihub.core.lifecycle import Lifecycle


class BookerKind(models.TextChoices):
    """Who a booking is for; a room lists the kinds that may book it."""

    RESIDENT = "resident", pgettext_lazy("booker kind", "Resident company")
    MEMBERSHIP = "membership", pgettext_lazy("booker kind", "Membership company")
    PARTNER = "partner", pgettext_lazy("booker kind", "Partner")
    OUTSIDE = "outside", pgettext_lazy("booker kind", "Outside organisation")
    HUB = "hub", pgettext_lazy("booker kind", "Hub")


PAYING_KINDS = (BookerKind.OUTSIDE,)
"""Kinds that pay for every hour; companies pay only beyond their free monthly hours."""


class BookingStatus(models.TextChoices):
    """pending → confirmed → checked in; or rejected, cancelled, released (no-show)."""

    PENDING = "pending", pgettext_lazy("booking status", "Awaiting approval")
    CONFIRMED = "confirmed", pgettext_lazy("booking status", "Confirmed")
    CHECKED_IN = "checked_in", pgettext_lazy("booking status", "Checked in")
    CANCELLED = "cancelled", pgettext_lazy("booking status", "Cancelled")
    REJECTED = "rejected", pgettext_lazy("booking status", "Rejected")
    RELEASED = "released", pgettext_lazy("booking status", "Released (no-show)")


BOOKING_LIFECYCLE = Lifecycle(
    thing=pgettext_lazy("lifecycle", "booking"),
    states=BookingStatus,
    moves={
        BookingStatus.PENDING: {
            BookingStatus.CONFIRMED,
            BookingStatus.REJECTED,
            BookingStatus.CANCELLED,
        },
        BookingStatus.CONFIRMED: {
            BookingStatus.CHECKED_IN,
            BookingStatus.CANCELLED,
            BookingStatus.RELEASED,
            BookingStatus.PENDING,
        },
        BookingStatus.CHECKED_IN: {BookingStatus.CANCELLED},
    },
)
"""A request is approved, rejected or withdrawn; a confirmed booking is checked in to,
cancelled, released when nobody came, or asks for approval again when its booker moves it;
staff may still cancel a booking in use."""

ACTIVE_STATUSES = (BookingStatus.PENDING, BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN)
"""Bookings that hold their room: no two of one room may overlap, buffers included."""

COUNTED_STATUSES = (*ACTIVE_STATUSES, BookingStatus.RELEASED)
"""Bookings that use a company's free hours; a no-show still uses them."""


class Equipment(models.TextChoices):
    PROJECTOR = "projector", pgettext_lazy("equipment", "Projector")
    DISPLAY = "display", pgettext_lazy("equipment", "Large display")
    VIDEO = "video", pgettext_lazy("equipment", "Video conferencing")
    WHITEBOARD = "whiteboard", pgettext_lazy("equipment", "Whiteboard")
    MICROPHONE = "microphone", pgettext_lazy("equipment", "Microphones and speakers")
    PCS = "pcs", pgettext_lazy("equipment", "PCs for trainees")
    STREAMING = "streaming", pgettext_lazy("equipment", "Live streaming")


class ChargeStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("booking charge status", "To be billed")
    INVOICED = "invoiced", pgettext_lazy("booking charge status", "Invoiced")
    CANCELLED = "cancelled", pgettext_lazy("booking charge status", "Cancelled")


class HoldPurpose(models.TextChoices):
    """What a room's time is held for: every use of a room goes through one hold."""

    BOOKING = "booking", pgettext_lazy("room use", "Booking")
    EVENT = "event", pgettext_lazy("room use", "Event")
    MATCHING_SESSION = "matching_session", pgettext_lazy("room use", "Expert session")
    COURSE_SESSION = "course_session", pgettext_lazy("room use", "Class")
    DATA_ROOM = "data_room", pgettext_lazy("room use", "Secure data room")
    CLOSURE = "closure", pgettext_lazy("room use", "Closed by the hub")


class HoldState(models.TextChoices):
    """A held range blocks the room; a released one no longer does. A clashing one was
    recorded before the room had one owner of its time and overlaps another: it blocks
    nothing until staff resolve the clash."""

    HELD = "held", pgettext_lazy("hold state", "Held")
    RELEASED = "released", pgettext_lazy("hold state", "Released")
    CLASHING = "clashing", pgettext_lazy("hold state", "Clashes with another use")
