"""Where to go after a form: a ``next`` address only when it stays on this site."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, candidate: str | None, fallback: str) -> str:
    """``candidate`` when it is an address on this host (and scheme), else ``fallback``.

    Refuses other hosts, protocol-relative ``//host`` addresses, ``javascript:`` and
    backslash tricks, as Django's own sign-in view does."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback
