"""Navigation entries of the matching app."""

from django.utils.translation import gettext_lazy as _

from aihub.core.navigation import NavEntry, register

register(
    NavEntry(
        "matching.demands", _("Technical matching"), "matching:demands", "work", 30, signed_in=True
    ),
    NavEntry(
        "matching.mine",
        _("My matches"),
        "matching:mine",
        "work",
        50,
        roles=("mentor", "researcher"),
    ),
    NavEntry(
        "matching.stats", _("Matching figures"), "matching:stats", "staff", 70, roles=("hub_staff",)
    ),
)
