"""Navigation entries of the site app: the signed-in person's home and the admin."""

from django.utils.translation import gettext_lazy as _

from aihub.core.navigation import NavEntry, register

register(
    NavEntry("site.dashboard", _("My home"), "site:dashboard", "work", 10, signed_in=True),
    NavEntry("site.admin", _("Admin"), "admin:index", "staff", 900, roles=("hub_staff",)),
)
