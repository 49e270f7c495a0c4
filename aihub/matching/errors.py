"""Engine refusals as hub errors with translated messages."""

from django.utils.translation import gettext_lazy as _

from aihub.core.errors import Conflict, HubError, ValidationFailed
from aihub.core.lifecycle import TransitionRefused as CoreTransitionRefused
from aihub.matching.engine import MAX_TEXT_CHARS, MatchingInputError

MESSAGES = {
    "empty_text": _("Write a description; it must not be empty or only spaces."),
    "text_too_long": _("The text is too long; the limit is %(limit)s characters."),
    "unknown_tag": _("“%(tag)s” is not a known tag. Choose a tag from the list of AI topics."),
    "bad_capacity": _("The capacity must be 0 or more."),
}
FIELDS = {"text": "description", "title": "title", "name": "name", "tags": "tags"}


class NoCandidates(Conflict):
    code = "no_candidates"
    default_message = _(
        "No available expert matches this demand. Add tags or describe the problem in more "
        "detail, or ask staff to add experts."
    )


class TransitionRefused(CoreTransitionRefused):
    code = "bad_transition"
    default_message = _("This match cannot move to that status now.")


def from_engine(error: MatchingInputError, *, tag: str = "") -> HubError:
    """The :class:`HubError` for an engine refusal, naming the form field at fault."""
    template = MESSAGES.get(error.code, _("The matching engine refused this input."))
    message = str(template) % {"limit": f"{MAX_TEXT_CHARS:,}", "tag": tag}
    field = FIELDS.get(error.field or "")
    return ValidationFailed(message, field=field, code=error.code)
