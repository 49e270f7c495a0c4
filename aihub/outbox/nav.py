"""Navigation entries of the outbox app."""

from django.utils.translation import gettext_lazy as _

from aihub.core.navigation import NavEntry, register

register(
    NavEntry("outbox.list", _("Mail outbox"), "outbox:list", "staff", 80, roles=("hub_staff",))
)
