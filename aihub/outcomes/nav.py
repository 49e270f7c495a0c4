"""Navigation entries of the outcomes app."""

from django.utils.translation import gettext_lazy as _

from aihub.core.navigation import NavEntry, register, register_notice

register(
    NavEntry("outcomes.public", _("Outcomes"), "outcomes:public", "public", 50),
    NavEntry(
        "outcomes.dashboard",
        _("Hub figures"),
        "outcomes:dashboard",
        "staff",
        50,
        roles=("hub_staff",),
    ),
)

register_notice("outcomes/_pending_notice.html")
