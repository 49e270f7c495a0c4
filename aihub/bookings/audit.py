"""Audit action codes of the bookings app and how they read in both languages."""

from django.utils.translation import gettext_lazy as _

from aihub.bookings.enums import BookerKind, BookingStatus, HoldPurpose
from aihub.core import audit

audit.register(
    {
        "bookings.room.set_up": _("Room {code} set up for booking"),
        "bookings.room.changed": _("Booking rules of room {code} changed: {fields}"),
        "bookings.booking.created": _("Booking {booking} of {code} from {starts_at} to {ends_at}"),
        "bookings.booking.requested": _(
            "Booking {booking} of {code} requested from {starts_at} to {ends_at}"
        ),
        "bookings.booking.changed": _("Booking {booking} moved to {starts_at} – {ends_at}"),
        "bookings.booking.approved": _("Booking {booking} approved"),
        "bookings.booking.rejected": _("Booking {booking} rejected: {note}"),
        "bookings.booking.cancelled": _("Booking {booking} cancelled"),
        "bookings.booking.checked_in": _("Checked in to booking {booking}"),
        "bookings.booking.released": _("Booking {booking} released: nobody checked in"),
        "bookings.series.created": _("Weekly series {series} of {weeks} bookings created"),
        "bookings.series.cancelled": _("Weekly series {series} cancelled ({count} bookings)"),
        "bookings.charge.created": _("Charge {charge} of {total} KRW for booking {booking}"),
        "bookings.charge.cancelled": _("Charge {charge} cancelled"),
        "bookings.charge.invoiced": _("Charge {charge} billed on invoice {invoice}"),
        "bookings.charge.released": _("Charge {charge} taken off cancelled invoice {invoice}"),
        "bookings.hold.created": _("Room {code} held for {hold_purpose}, {starts_at} – {ends_at}"),
        "bookings.hold.moved": _("Hold on room {code} moved to {starts_at} – {ends_at}"),
        "bookings.hold.released": _("Room {code} released ({hold_purpose})"),
    }
)
audit.register_labels(
    {"booker_kind": BookerKind, "booking_status": BookingStatus, "hold_purpose": HoldPurpose}
)
