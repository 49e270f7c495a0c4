"""Navigation entries of the spaces app."""

from django.utils.translation import gettext_lazy as _

from aihub.core.navigation import NavEntry, register

register(
    NavEntry("spaces.list", _("Facilities"), "spaces:list", "public", 10),
)
