"""Navigation entries of the leasing app."""

from django.utils.translation import gettext_lazy as _

from aihub.core.navigation import NavEntry, register

register(
    NavEntry(
        "leasing.mine",
        _("Leases and invoices"),
        "leasing:mine",
        "work",
        80,
        roles=("company_member",),
    ),
    NavEntry(
        "leasing.dashboard",
        _("Spaces and billing"),
        "leasing:dashboard",
        "staff",
        30,
        roles=("hub_staff",),
    ),
)
