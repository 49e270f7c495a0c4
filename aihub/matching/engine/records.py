"""What the engine matches: demands (a company's problem) and partners (who can help).

Both validate themselves when built, so a record that exists is one the engine accepts,
apart from its tags, which are checked against the taxonomy when an index is built.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeAlias

from aihub.matching.engine.errors import MatchingInputError

RecordId: TypeAlias = str | int

MAX_TEXT_CHARS = 100_000
"""Longest accepted ``text`` or ``title``/``name``, in characters; longer ones are refused."""


def _check_id(value: object, kind: str) -> RecordId:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise MatchingInputError(
            f"A {kind} id must be a string or an integer, not {type(value).__name__}.",
            code="bad_id",
            field="id",
        )
    if isinstance(value, str) and not value.strip():
        raise MatchingInputError(f"A {kind} id must not be empty.", code="bad_id", field="id")
    return value


def _check_text(value: object, *, kind: str, record: RecordId, field: str, required: bool) -> str:
    if not isinstance(value, str):
        raise MatchingInputError(
            f"{kind} {record!r}: {field} must be a string, not {type(value).__name__}.",
            code="bad_field",
            record=record,
            field=field,
        )
    if required and not value.strip():
        raise MatchingInputError(
            f"{kind} {record!r}: {field} is empty.", code="empty_text", record=record, field=field
        )
    if len(value) > MAX_TEXT_CHARS:
        raise MatchingInputError(
            f"{kind} {record!r}: {field} has {len(value):,} characters; "
            f"the limit is {MAX_TEXT_CHARS:,}.",
            code="text_too_long",
            record=record,
            field=field,
        )
    return value


def _check_tags(value: object, *, kind: str, record: RecordId) -> tuple[str, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise MatchingInputError(
            f"{kind} {record!r}: tags must be a list of strings.",
            code="bad_field",
            record=record,
            field="tags",
        )
    tags = tuple(value)
    for tag in tags:
        if not isinstance(tag, str) or not tag.strip():
            raise MatchingInputError(
                f"{kind} {record!r}: every tag must be a non-empty string, not {tag!r}.",
                code="bad_field",
                record=record,
                field="tags",
            )
    return tuple(tag.strip() for tag in tags)


@dataclass(frozen=True, slots=True)
class Partner:
    """A researcher, lab, technology, mentor or consultant.

    ``text`` must not be blank; ``name`` may be. ``capacity`` is how many demands the
    partner can take in the assignment: 0 is allowed (ranked, never assigned), a negative
    number is refused. Tags are stripped of surrounding spaces.
    """

    id: RecordId
    text: str
    name: str = ""
    tags: tuple[str, ...] = ()
    capacity: int = 1

    def __post_init__(self) -> None:
        record = _check_id(self.id, "partner")
        _check_text(self.name, kind="partner", record=record, field="name", required=False)
        _check_text(self.text, kind="partner", record=record, field="text", required=True)
        object.__setattr__(self, "tags", _check_tags(self.tags, kind="partner", record=record))
        if isinstance(self.capacity, bool) or not isinstance(self.capacity, int):
            raise MatchingInputError(
                f"partner {record!r}: capacity must be an integer, not {self.capacity!r}.",
                code="bad_capacity",
                record=record,
                field="capacity",
            )
        if self.capacity < 0:
            raise MatchingInputError(
                f"partner {record!r}: capacity must be 0 or more, not {self.capacity}.",
                code="bad_capacity",
                record=record,
                field="capacity",
            )

    @property
    def document(self) -> str:
        """The text that is indexed: the name, then the profile."""
        return f"{self.name}\n{self.text}" if self.name else self.text


@dataclass(frozen=True, slots=True)
class Demand:
    """A company's technical problem.

    ``text`` must not be blank, even when there is a title; ``title`` may be empty.
    """

    id: RecordId
    text: str
    title: str = ""
    tags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        record = _check_id(self.id, "demand")
        _check_text(self.title, kind="demand", record=record, field="title", required=False)
        _check_text(self.text, kind="demand", record=record, field="text", required=True)
        object.__setattr__(self, "tags", _check_tags(self.tags, kind="demand", record=record))

    @property
    def document(self) -> str:
        """The text that is searched with: the title, then the description."""
        return f"{self.title}\n{self.text}" if self.title else self.text


def check_unique_ids(records: Iterable[Partner] | Iterable[Demand], kind: str) -> None:
    """Refuse two records of one kind with the same id (``1`` and ``"1"`` are different)."""
    seen: set[tuple[type, RecordId]] = set()
    for record in records:
        key = (type(record.id), record.id)
        if key in seen:
            raise MatchingInputError(
                f"Two {kind}s have the id {record.id!r}.", code="duplicate_id", record=record.id
            )
        seen.add(key)
