"""API authentication with a personal token made on the profile page."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone, translation
from ninja.security import HttpBearer

from aihub.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>`` with a token made on the profile page."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash_key(token), user__is_active=True)
            .first()
        )
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        if not request.headers.get("Accept-Language"):
            translation.activate(found.user.language)
        return found.user
