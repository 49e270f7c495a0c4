from django.utils.translation import gettext_lazy as _

from aihub.companies.enums import MemberRole, MembershipKind
from aihub.core import audit

audit.register(
    {
        "companies.company.registered": _("Company registered"),
        "companies.company.changed": _("Company details changed: {fields}"),
        "companies.company.logo_changed": _("Logo changed"),
        "companies.member.invited": _("{email} invited as {member_role}"),
        "companies.member.invitation_revoked": _("Invitation to {email} revoked"),
        "companies.member.joined": _("{email} joined as {member_role}"),
        "companies.member.added": _("{email} added as {member_role}"),
        "companies.member.removed": _("{email} removed from the company"),
        "companies.membership.recorded": _("{kind} from {starts_on} recorded ({facility})"),
        "companies.membership.ended": _("{kind} ended on {ends_on}"),
    }
)
audit.register_labels({"member_role": MemberRole, "kind": MembershipKind})
