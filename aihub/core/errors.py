"""The one error hierarchy of the hub.

Services raise these; HTML views show the message next to the field or as a page
message, the API turns them into JSON with the error's 4xx status.
"""

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _


class HubError(Exception):
    """A refusal the user can understand and act on."""

    status = 400
    code = "invalid"
    default_message = _("The request could not be carried out.")

    def __init__(
        self,
        message: str | None = None,
        *,
        field: str | None = None,
        errors: Mapping[str, list[str]] | None = None,
        code: str | None = None,
    ) -> None:
        self.message = message if message is not None else self.default_message
        self.field = field
        self.errors: dict[str, list[str]] = {k: list(v) for k, v in (errors or {}).items()}
        if field and not self.errors:
            self.errors = {field: [str(self.message)]}
        if code:
            self.code = code
        super().__init__(str(self.message))


class ValidationFailed(HubError):
    """Input that breaks a rule; ``errors`` maps field names to messages."""

    code = "validation_failed"
    default_message = _("Please correct the errors below.")


class NotFound(HubError):
    status = 404
    code = "not_found"
    default_message = _("The page or object you asked for does not exist.")


class PermissionDenied(HubError):
    status = 403
    code = "permission_denied"
    default_message = _("You do not have permission to do this.")


class Conflict(HubError):
    status = 409
    code = "conflict"
    default_message = _("This conflicts with the current state of the data.")


class Expired(HubError):
    status = 410
    code = "expired"
    default_message = _("This link has expired.")
