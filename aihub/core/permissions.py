"""The one permission check of views and API endpoints alike.

Permissions are django-rules predicates registered in each app's ``rules.py``; a view or an
endpoint asks for one by name (``"bookings.manage_rooms"``), with the object when the rule
depends on it. A refusal is ``PermissionDenied``: a page with status 403, or JSON in the API.
"""

from typing import Any

from django.http import HttpRequest

from aihub.core.errors import PermissionDenied


def require(request: HttpRequest, perm: str, obj: Any = None) -> None:
    """Raise ``PermissionDenied`` unless the signed-in user holds ``perm`` (on ``obj``)."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied()
