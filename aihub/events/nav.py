"""Navigation entries of the events app."""

from django.utils.translation import gettext_lazy as _

from aihub.core.navigation import NavEntry, register

register(
    NavEntry("events.list", _("Events"), "events:list", "public", 40),
    NavEntry("events.mine", _("My events"), "events:mine", "work", 40, signed_in=True),
)
