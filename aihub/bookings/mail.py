"""Mail about bookings, in the booker's language, sent after the transaction commits.

Confirmations, approvals and changes carry the booking as an iCalendar attachment.
"""

import contextlib
import contextvars
from collections.abc import Iterator

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from aihub.bookings.models import Booking
from aihub.bookings.timeutil import show_range

WITH_CALENDAR = {"confirmed", "approved", "changed"}
_muted = contextvars.ContextVar("bookings_mail_muted", default=False)


@contextlib.contextmanager
def muted() -> Iterator[None]:
    """No booking mail inside: the demo writes a year of history without mailing anyone."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def booking_link(booking: Booking) -> str:
    if booking.company_id:
        path = reverse(
            "bookings:booking", kwargs={"pk": booking.company_id, "booking_pk": booking.pk}
        )
    else:
        path = reverse("bookings:personal", kwargs={"booking_pk": booking.pk})
    return settings.AIHUB_SITE_URL + path


def send_booking_mail(*, booking_pk: int, kind: str) -> None:
    """One message to the person who booked; ``kind`` is ``confirmed``, ``requested``,
    ``approved``, ``rejected``, ``changed``, ``cancelled`` or ``released``."""
    from aihub.bookings.ical import calendar_bytes

    booking = (
        Booking.objects.select_related("room__space__facility", "company", "booked_by")
        .filter(pk=booking_pk)
        .first()
    )
    if booking is None or not booking.booked_by.is_active:
        return
    user = booking.booked_by
    with translation.override(user.language):
        subjects = {
            "confirmed": _("Booking confirmed: %(room)s, %(when)s"),
            "requested": _("Booking request received: %(room)s, %(when)s"),
            "approved": _("Booking approved: %(room)s, %(when)s"),
            "rejected": _("Booking not approved: %(room)s, %(when)s"),
            "changed": _("Booking changed: %(room)s, %(when)s"),
            "cancelled": _("Booking cancelled: %(room)s, %(when)s"),
            "released": _("Booking released, nobody checked in: %(room)s, %(when)s"),
        }
        when = show_range(booking.starts_at, booking.ends_at)
        room = f"{booking.room.space.facility.name} {booking.room.code} {booking.room.name}"
        context = {
            "booking": booking,
            "kind": kind,
            "user": user,
            "room": room,
            "when": when,
            "link": booking_link(booking),
        }
        message = EmailMessage(
            subject=subjects[kind] % {"room": room, "when": when},
            body=render_to_string("bookings/email/booking.txt", context),
            to=[user.email],
        )
        if kind in WITH_CALENDAR:
            message.attach("booking.ics", calendar_bytes([booking], viewer=user), "text/calendar")
        message.send()


def on_commit(booking: Booking, kind: str) -> None:
    """Send the mail once the current transaction commits (unless ``muted``)."""
    if _muted.get():
        return
    pk = booking.pk
    transaction.on_commit(lambda: send_booking_mail(booking_pk=pk, kind=kind))
