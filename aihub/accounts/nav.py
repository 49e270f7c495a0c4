"""Navigation entries of the accounts app."""

from django.utils.translation import gettext_lazy as _

from aihub.core.navigation import NavEntry, register

register(
    NavEntry("accounts.people", _("People"), "accounts:people", "staff", 20, roles=("hub_staff",)),
)
