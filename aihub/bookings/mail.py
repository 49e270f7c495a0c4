"""Mail about bookings, in the booker's language, through the outbox.

Confirmations, approvals and changes carry the booking as an iCalendar attachment.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy

from aihub.bookings.models import Booking
from aihub.bookings.timeutil import show_range
from aihub.outbox.services import Attachment, is_suppressed, queue_mail

WITH_CALENDAR = {"confirmed", "approved", "changed"}
SUBJECTS = {
    "confirmed": gettext_lazy("Booking confirmed: %(room)s, %(when)s"),
    "requested": gettext_lazy("Booking request received: %(room)s, %(when)s"),
    "approved": gettext_lazy("Booking approved: %(room)s, %(when)s"),
    "rejected": gettext_lazy("Booking not approved: %(room)s, %(when)s"),
    "changed": gettext_lazy("Booking changed: %(room)s, %(when)s"),
    "cancelled": gettext_lazy("Booking cancelled: %(room)s, %(when)s"),
    "released": gettext_lazy("Booking released, nobody checked in: %(room)s, %(when)s"),
}


def booking_link(booking: Booking) -> str:
    if booking.company_id:
        path = reverse(
            "bookings:booking", kwargs={"pk": booking.company_id, "booking_pk": booking.pk}
        )
    else:
        path = reverse("bookings:personal", kwargs={"booking_pk": booking.pk})
    return settings.AIHUB_SITE_URL + path


def notify(booking: Booking, kind: str) -> None:
    """Queue one message to the person who booked; ``kind`` is a key of ``SUBJECTS``.

    Called inside the booking's transaction, after the change it announces."""
    from aihub.bookings.ical import calendar_bytes

    if is_suppressed():
        return
    booking = Booking.objects.select_related("room__space__facility", "company", "booked_by").get(
        pk=booking.pk
    )
    user = booking.booked_by

    def room(_recipient: object) -> str:
        return f"{booking.room.space.facility.name} {booking.room.code} {booking.room.name}"

    def context(recipient: object) -> dict:
        return {
            "booking": booking,
            "kind": kind,
            "user": user,
            "room": room(recipient),
            "when": show_range(booking.starts_at, booking.ends_at),
            "link": booking_link(booking),
        }

    def attachments(_recipient: object) -> list[Attachment]:
        if kind not in WITH_CALENDAR:
            return []
        return [Attachment("booking.ics", calendar_bytes([booking], viewer=user), "text/calendar")]

    queue_mail(
        recipients=[user],
        subject=lambda recipient: (
            str(SUBJECTS[kind])
            % {"room": room(recipient), "when": show_range(booking.starts_at, booking.ends_at)}
        ),
        template="bookings/email/booking.txt",
        context=context,
        attachments=attachments,
        related=booking,
    )
