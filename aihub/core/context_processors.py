from django.http import HttpRequest


def hub(request: HttpRequest) -> dict[str, object]:
    """The signed-in user's roles, for the navigation."""
    user = getattr(request, "user", None)
    roles = user.role_set if user is not None and user.is_authenticated else frozenset()
    return {"user_roles": roles}
