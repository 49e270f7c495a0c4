"""iCalendar feeds of bookings: per company and per room, and the mail attachment.

A feed is read by calendar programs without a session, so its address carries a personal
token signed with the site's secret; the token stands for its user, who sees in the feed
exactly what they see on the pages (others' bookings as "busy").
"""

from collections.abc import Iterable

from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from aihub.accounts.models import User
from aihub.bookings.models import Booking
from aihub.bookings.visibility import Viewer, viewer_for

SALT = "aihub.bookings.feed"
DOMAIN = "aihub.example"


def feed_token(user: User) -> str:
    return signing.Signer(salt=SALT).sign(str(user.pk))


def user_for_token(token: str) -> User | None:
    """The active user a feed token stands for, or ``None``."""
    try:
        pk = int(signing.Signer(salt=SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


def calendar_bytes(bookings: Iterable[Booking], *, viewer: User | Viewer, name: str = "") -> bytes:
    """An iCalendar document; bookings the viewer may not see in full read "Busy"."""
    if isinstance(viewer, User):
        viewer = viewer_for(viewer)
    calendar = Calendar()
    calendar.add("prodid", "-//Seoul AI Hub//Room booking//KO")
    calendar.add("version", "2.0")
    if name:
        calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for booking in bookings:
        event = Event()
        event.add("uid", f"booking-{booking.pk}@{DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", booking.starts_at)
        event.add("dtend", booking.ends_at)
        room = booking.room
        event.add("location", f"{room.space.facility.name} {room.code} {room.name}")
        if viewer.sees(booking):
            event.add("summary", booking.title)
            event.add("description", f"{booking.number} · {booking.holder}")
            event.add("status", "TENTATIVE" if booking.status == "pending" else "CONFIRMED")
        else:
            event.add("summary", _("Busy"))
            event.add("class", "PRIVATE")
        calendar.add_component(event)
    return calendar.to_ical()
