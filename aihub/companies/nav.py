"""Navigation entries of the companies app."""

from django.utils.translation import gettext_lazy as _

from aihub.core.navigation import NavEntry, register

register(
    NavEntry("companies.list", _("Companies"), "companies:list", "staff", 10, roles=("hub_staff",)),
)
