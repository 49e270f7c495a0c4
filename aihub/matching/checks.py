"""Checks of user input shared by the demand and expert services: tags and bilingual text.

They raise :class:`~aihub.core.errors.ValidationFailed` naming the form field at fault and
write nothing.
"""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from aihub.core.errors import ValidationFailed
from aihub.matching.engine import MAX_TEXT_CHARS, MatchingInputError, default_taxonomy
from aihub.matching.engine import Demand as EngineDemand
from aihub.matching.errors import from_engine


def resolve_tags(tags: Iterable[str]) -> list[str]:
    """Taxonomy concept ids for tags written as ids, names, terms or abbreviations.

    Blank tags are dropped and repeats kept once; an unknown tag raises ValidationFailed.
    """
    taxonomy = default_taxonomy()
    resolved: list[str] = []
    for tag in tags:
        if not str(tag).strip():
            continue
        concept = taxonomy.resolve_tag(str(tag))
        if concept is None:
            message = _("“%(tag)s” is not a known tag. Choose a tag from the list of AI topics.")
            raise ValidationFailed(message % {"tag": tag}, field="tags", code="unknown_tag")
        if concept not in resolved:
            resolved.append(concept)
    return resolved


def joined(ko: str, en: str) -> str:
    return "\n".join(part for part in (ko.strip(), en.strip()) if part)


def check_text(*, title: str, ko: str, en: str, field: str) -> None:
    for value in (title, ko, en):
        if len(value) > MAX_TEXT_CHARS:
            message = _("The text is too long; the limit is %(limit)s characters.")
            raise ValidationFailed(
                message % {"limit": f"{MAX_TEXT_CHARS:,}"}, field=field, code="text_too_long"
            )
    try:
        EngineDemand(id=0, title=title, text=joined(ko, en))
    except MatchingInputError as error:
        raise (
            from_engine(error)
            if error.code != "empty_text"
            else ValidationFailed(
                _("Write a description in Korean, in English or in both; it must not be empty."),
                field=field,
                code="empty_text",
            )
        ) from error
