"""Navigation entries of the calls app."""

from django.utils.translation import gettext_lazy as _

from aihub.core.navigation import NavEntry, register

register(
    NavEntry("calls.list", _("Open recruitment"), "calls:list", "public", 30),
    NavEntry("calls.queue", _("My reviews"), "calls:queue", "work", 60, roles=("judge",)),
    NavEntry("calls.mine", _("Applications"), "calls:mine", "work", 70, roles=("company_member",)),
    NavEntry("calls.manage", _("Calls"), "calls:manage_list", "staff", 60, roles=("hub_staff",)),
)
