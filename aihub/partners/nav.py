"""Navigation entries of the partners app."""

from django.utils.translation import gettext_lazy as _

from aihub.core.navigation import NavEntry, register

register(
    NavEntry("partners.list", _("Partners"), "partners:list", "public", 20),
)
