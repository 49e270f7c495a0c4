"""Who may do what with demands, experts, matches and sessions.

A demand is seen by staff, by the members of its company and by the experts it was
shared with (a match reviewed by staff); a demand that is not confidential is also seen
by every user with the researcher or mentor role. Object permissions take the demand,
match or session.
"""

import rules

from aihub.accounts.enums import Role
from aihub.accounts.rules import has_role, is_hub_staff, is_signed_in
from aihub.companies.rules import is_company_member
from aihub.matching.enums import SHARED_STATUSES


@rules.predicate
def is_demand_company_member(user: object, demand: object) -> bool:
    return demand is not None and is_company_member(user, demand.company)


@rules.predicate
def is_matched_expert(user: object, demand: object) -> bool:
    if demand is None or not getattr(user, "is_authenticated", False):
        return False
    return demand.matches.filter(expert__user=user, status__in=SHARED_STATUSES).exists()


is_expert_user = has_role(Role.RESEARCHER) | has_role(Role.MENTOR)


@rules.predicate
def is_public_demand(user: object, demand: object) -> bool:
    return demand is not None and not demand.confidential


@rules.predicate
def is_match_company_member(user: object, match: object) -> bool:
    return match is not None and is_company_member(user, match.demand.company)


@rules.predicate
def is_match_expert(user: object, match: object) -> bool:
    return (
        match is not None
        and getattr(user, "is_authenticated", False)
        and match.expert.user_id == user.pk
    )


@rules.predicate
def is_session_party(user: object, session: object) -> bool:
    return session is not None and (
        is_match_company_member(user, session.match) or is_match_expert(user, session.match)
    )


rules.add_perm("matching.list_demands", is_signed_in)
rules.add_perm("matching.post_demand", is_company_member)
rules.add_perm(
    "matching.view_demand",
    is_hub_staff
    | is_demand_company_member
    | is_matched_expert
    | (is_expert_user & is_public_demand),
)
rules.add_perm("matching.view_proposals", is_hub_staff)
rules.add_perm("matching.run_engine", is_hub_staff)
rules.add_perm("matching.review_match", is_hub_staff)
rules.add_perm("matching.respond_match", is_hub_staff | is_match_expert)
rules.add_perm("matching.advance_match", is_hub_staff | is_match_expert | is_match_company_member)
rules.add_perm("matching.book_session", is_hub_staff | is_match_company_member)
rules.add_perm("matching.note_session", is_hub_staff | is_session_party)
rules.add_perm("matching.manage_experts", is_hub_staff)
rules.add_perm("matching.view_stats", is_hub_staff)
