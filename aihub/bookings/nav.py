"""Navigation entries of the bookings app."""

from django.utils.translation import gettext_lazy as _

from aihub.core.navigation import NavEntry, register

register(
    NavEntry("bookings.index", _("Room booking"), "bookings:index", "work", 20, signed_in=True),
    NavEntry(
        "bookings.approvals",
        _("Booking approvals"),
        "bookings:approvals",
        "staff",
        40,
        roles=("hub_staff",),
    ),
)
