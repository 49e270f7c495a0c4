from functools import lru_cache

from django.http import HttpRequest
from django.urls import get_script_prefix, reverse

NAVIGATION = (
    "core:home",
    "core:dashboard",
    "core:language",
    "spaces:list",
    "partners:list",
    "companies:list",
    "leasing:dashboard",
    "leasing:mine",
    "bookings:index",
    "bookings:mine",
    "bookings:approvals",
    "bookings:report",
    "outcomes:dashboard",
    "outcomes:public",
    "calls:list",
    "calls:manage_list",
    "calls:queue",
    "calls:mine",
    "matching:demands",
    "matching:mine",
    "matching:stats",
    "events:list",
    "events:mine",
    "accounts:profile",
    "accounts:people",
    "accounts:login",
    "accounts:logout",
    "admin:index",
)


@lru_cache(maxsize=8)
def _navigation_urls(script_prefix: str) -> dict[str, str]:
    """The addresses every page links to, resolved once per script prefix."""
    return {name.replace(":", "_"): reverse(name) for name in NAVIGATION}


def hub(request: HttpRequest) -> dict[str, object]:
    """The signed-in user's roles and the navigation's addresses."""
    user = getattr(request, "user", None)
    roles = user.role_set if user is not None and user.is_authenticated else frozenset()
    return {"user_roles": roles, "nav": _navigation_urls(get_script_prefix())}
