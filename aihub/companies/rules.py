"""Who may do what with a company and the objects it owns."""

import rules

from aihub.accounts.rules import is_hub_staff
from aihub.companies.enums import MemberRole


@rules.predicate
def is_company_member(user: object, company: object) -> bool:
    if company is None or not getattr(user, "is_authenticated", False):
        return False
    return any(m.company_id == company.pk for m in _memberships(user))


@rules.predicate
def is_company_owner(user: object, company: object) -> bool:
    if company is None or not getattr(user, "is_authenticated", False):
        return False
    return any(
        m.company_id == company.pk and m.role == MemberRole.OWNER for m in _memberships(user)
    )


def _memberships(user: object) -> list:
    """The user's company memberships, read once per user object."""
    cached = getattr(user, "_company_memberships_cache", None)
    if cached is None:
        cached = list(user.company_memberships.all())
        user._company_memberships_cache = cached
    return cached


rules.add_perm("companies.list_companies", is_hub_staff)
rules.add_perm("companies.add_company", is_hub_staff)
rules.add_perm("companies.export_companies", is_hub_staff)
rules.add_perm("companies.view_company", is_hub_staff | is_company_member)
rules.add_perm("companies.change_company", is_hub_staff | is_company_member)
rules.add_perm("companies.manage_members", is_hub_staff | is_company_owner)
rules.add_perm("companies.record_membership", is_hub_staff)
rules.add_perm("companies.view_history", is_hub_staff | is_company_member)
