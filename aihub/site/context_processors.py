from functools import lru_cache

from django.http import HttpRequest
from django.urls import get_script_prefix, reverse

from aihub.core import navigation

FIXED = ("site:home", "site:language", "accounts:profile", "accounts:login", "accounts:logout")
"""Addresses of the header that are not menu entries: the brand, the language switch and the
account corner."""


@lru_cache(maxsize=8)
def _fixed_urls(script_prefix: str) -> dict[str, str]:
    """The header's own addresses, resolved once per script prefix."""
    return {name.replace(":", "_"): reverse(name) for name in FIXED}


def hub(request: HttpRequest) -> dict[str, object]:
    """The signed-in user's roles, the menus they may see and the notices of every page."""
    user = getattr(request, "user", None)
    authenticated = bool(user is not None and user.is_authenticated)
    roles = user.role_set if authenticated else frozenset()
    prefix = get_script_prefix()
    return {
        "user_roles": roles,
        "menus": navigation.menus_for(
            authenticated=authenticated, roles=roles, script_prefix=prefix
        ),
        "site_urls": _fixed_urls(prefix),
        "hub_notices": navigation.notices() if authenticated else (),
    }
