"""Navigation entries of the jobs app."""

from django.utils.translation import gettext_lazy as _

from aihub.core.navigation import NavEntry, register

register(NavEntry("jobs.list", _("Background work"), "jobs:list", "account", 10, signed_in=True))
