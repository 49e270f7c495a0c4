"""Pieces every API router shares: authentication, JSON errors, pages."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import APIKeyCookie

from aihub.core.errors import HubError
from aihub.core.pagination import paginate


class SessionAuth(APIKeyCookie):
    """The browser's session cookie, with Django's CSRF check on writes."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None


class Error(Schema):
    message: str
    code: str
    errors: dict[str, list[str]] = {}


class PageMeta(Schema):
    count: int
    page: int
    pages: int


def page_of(queryset: Any, *, page: int, page_size: int) -> dict[str, Any]:
    """One page of ``queryset`` as the API returns it; NotFound outside the list."""
    result = paginate(queryset, page=page, per_page=page_size)
    return {
        "items": list(result.object_list),
        "count": result.paginator.count,
        "page": result.number,
        "pages": result.paginator.num_pages,
    }


def _field_message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        return _("This field is required.")
    if kind == "json_invalid":
        return _("The request body is not valid JSON.")
    if kind.endswith("_parsing") or kind.endswith("_type"):
        return _("This value has the wrong type.")
    if kind in {"value_error", "assertion_error"}:
        return str(error.get("msg", "")).removeprefix("Value error, ")
    if kind.startswith(("string_too", "too_")):
        return _("This value is too long or too short.")
    if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        return _("This value is out of range.")
    return _("This value is not valid.")


def install_error_handlers(api: NinjaAPI) -> None:
    """Every error leaves the API as ``{"message", "code", "errors"}`` with a 4xx status."""

    def respond(
        request: HttpRequest, status: int, message: str, code: str, errors: dict
    ) -> HttpResponse:
        return api.create_response(
            request, {"message": message, "code": code, "errors": errors}, status=status
        )

    @api.exception_handler(HubError)
    def hub_error(request: HttpRequest, exc: HubError) -> HttpResponse:
        return respond(request, exc.status, str(exc.message), exc.code, exc.errors)

    @api.exception_handler(NinjaValidationError)
    def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            location = [
                str(part)
                for part in error.get("loc", ())
                if part not in ("body", "query", "path", "payload", "form")
            ]
            key = ".".join(location) or "__all__"
            errors.setdefault(key, []).append(_field_message(error))
        return respond(
            request,
            422,
            _("Please correct the errors in the request."),
            "validation_failed",
            errors,
        )

    @api.exception_handler(AuthenticationError)
    def not_authenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return respond(
            request, 401, _("Sign in or send a valid API token."), "not_authenticated", {}
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(
            request, 404, _("The page or object you asked for does not exist."), "not_found", {}
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400:
            message = _("The request could not be read. Send a JSON body.")
        elif exc.status_code == 403:
            message = _("You do not have permission to do this.")
        else:
            message = str(exc)
        return respond(request, exc.status_code, message, "http_error", {})
