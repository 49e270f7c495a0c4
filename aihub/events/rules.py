"""Who may do what with events and demo days.

An investor reaches only their own demo-day seat (``DemoDayInvestor``); a startup's seat
(``DemoDayStartup``) is reached only by members of its company; staff reach everything.
"""

import rules

from aihub.accounts.enums import Role
from aihub.accounts.rules import has_role, is_hub_staff
from aihub.companies.rules import _memberships
from aihub.events.models import DemoDayInvestor

is_investor = has_role(Role.INVESTOR)


@rules.predicate
def is_seat_holder(user: object, seat: object) -> bool:
    """The investor of an investor seat, or a member of the company of a startup seat."""
    if seat is None or not getattr(user, "is_authenticated", False):
        return False
    if hasattr(seat, "user_id"):
        return seat.user_id == user.pk
    return any(m.company_id == seat.company_id for m in _memberships(user))


@rules.predicate
def is_invited_investor(user: object, seat: object) -> bool:
    """An investor invited to the demo day of ``seat`` (a startup seat)."""
    if seat is None or not getattr(user, "is_authenticated", False):
        return False
    return DemoDayInvestor.objects.filter(demo_day_id=seat.demo_day_id, user_id=user.pk).exists()


@rules.predicate
def is_startup_seat(user: object, seat: object) -> bool:
    return seat is not None and hasattr(seat, "company_id")


@rules.predicate
def owns_registration(user: object, registration: object) -> bool:
    return registration is not None and registration.user_id == getattr(user, "pk", None)


rules.add_perm("events.manage_events", is_hub_staff)
rules.add_perm("events.register", rules.is_authenticated)
rules.add_perm("events.view_registration", is_hub_staff | owns_registration)
rules.add_perm("events.cancel_registration", is_hub_staff | owns_registration)
rules.add_perm("events.check_in", is_hub_staff)
rules.add_perm("events.manage_demoday", is_hub_staff)
rules.add_perm("events.view_seat", is_hub_staff | is_seat_holder)
rules.add_perm("events.mark_interest", is_seat_holder)
rules.add_perm("events.upload_pitch_deck", is_startup_seat & is_seat_holder)
rules.add_perm(
    "events.view_pitch_deck",
    is_startup_seat & (is_hub_staff | is_seat_holder | is_invited_investor),
)
rules.add_perm("events.withdraw_seat", is_hub_staff | is_seat_holder)
