"""Audit action codes of the matching app and how they read in both languages."""

from django.utils.translation import gettext_lazy as _

from aihub.core import audit
from aihub.matching.enums import MatchStatus

audit.register(
    {
        "matching.demand.posted": _("Demand {title} posted"),
        "matching.demand.closed": _("Demand {title} closed"),
        "matching.expert.created": _("Expert profile {name} created"),
        "matching.expert.updated": _("Expert profile {name} updated"),
        "matching.demand.proposed": _("{count} partners proposed for {title}"),
        "matching.match.status_changed": _("Match with {expert} is now {match_status}"),
        "matching.session.booked": _("Session booked on {starts_at} ({minutes} minutes)"),
        "matching.session.noted": _("Session notes saved"),
    }
)
audit.register_labels({"match_status": MatchStatus})
