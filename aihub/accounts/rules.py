"""Predicates about a user's roles."""

import rules

from aihub.accounts.enums import Role


def has_role(role: Role) -> rules.Predicate:
    @rules.predicate(name=f"has_role:{role.value}")
    def predicate(user: object) -> bool:
        return bool(getattr(user, "is_authenticated", False)) and role in user.role_set

    return predicate


is_hub_staff = has_role(Role.HUB_STAFF)
is_signed_in = rules.is_authenticated

rules.add_perm("accounts.manage_users", is_hub_staff)
