"""Demo-day scheduling instances: typed data, validation and parsing.

An instance holds the meeting slots (numbered ``0 .. slots - 1``), the tables available in
every slot, the two sides (investors and startups) with their availability and meeting
limits, the interest each side marked in the other (a score of 0 to 5 each), the pairs where
one side said "no thanks" (``blocked``), and the staff's review decisions: meetings pinned in
place and pairs forbidden to meet.

``Instance`` checks its own consistency when built, so an instance assembled from the
database is held to the same rules as one read from a file; ``parse_instance`` adds the type
checks of untrusted JSON. Every refusal is an ``InstanceError`` whose message names the entry
and the problem.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PersonId = str | int
MAX_SCORE = 5

REQUIRED_KEYS = ("slots", "tables", "investors", "startups", "interest")
OPTIONAL_KEYS = ("blocked", "pinned", "forbidden")


class InstanceError(ValueError):
    """An instance that cannot be scheduled as given; the message names the problem."""


@dataclass(frozen=True, slots=True)
class Person:
    """An investor or a startup: the slots they can meet in and their meeting limits.

    ``min_meetings`` is a wish reported back by the scheduler, not a rule it enforces.
    """

    id: PersonId
    available: frozenset[int]
    max_meetings: int
    min_meetings: int = 0


@dataclass(frozen=True, slots=True)
class Interest:
    """Both sides' scores for one investor-startup pair (0 means no interest)."""

    investor: PersonId
    startup: PersonId
    investor_score: int
    startup_score: int

    @property
    def score(self) -> int:
        return self.investor_score + self.startup_score


@dataclass(frozen=True, slots=True)
class Meeting:
    investor: PersonId
    startup: PersonId
    slot: int


@dataclass(frozen=True)
class Instance:
    """A complete, consistent demo-day instance; building one validates it.

    Raises ``InstanceError`` for an empty instance, duplicate ids, an unknown id, a slot
    outside ``0 .. slots - 1``, a negative limit, a minimum above the maximum, a score outside
    0-5, a pair scored twice, or pinned meetings that break a scheduling rule.
    """

    slots: int
    tables: int
    investors: tuple[Person, ...]
    startups: tuple[Person, ...]
    interests: tuple[Interest, ...]
    blocked: frozenset[tuple[PersonId, PersonId]]
    pinned: tuple[Meeting, ...] = ()
    forbidden: frozenset[tuple[PersonId, PersonId]] = frozenset()
    _investors_by_id: dict[PersonId, Person] = field(init=False, repr=False, compare=False)
    _startups_by_id: dict[PersonId, Person] = field(init=False, repr=False, compare=False)
    _interests_by_pair: dict[tuple[PersonId, PersonId], Interest] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for name in ("investors", "startups", "interests", "pinned"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        for name in ("blocked", "forbidden"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))
        if self.slots < 1:
            raise InstanceError(f"Empty instance: slots is {self.slots}, it must be at least 1.")
        if self.tables < 1:
            raise InstanceError(f"tables is {self.tables}, it must be at least 1.")
        if not self.investors:
            raise InstanceError("Empty instance: there are no investors.")
        if not self.startups:
            raise InstanceError("Empty instance: there are no startups.")
        object.__setattr__(self, "_investors_by_id", self._check_people("investor", self.investors))
        object.__setattr__(self, "_startups_by_id", self._check_people("startup", self.startups))
        object.__setattr__(self, "_interests_by_pair", self._check_interests())
        self._check_pairs("blocked", self.blocked)
        self._check_pairs("forbidden", self.forbidden)
        self._check_pinned()

    def investor(self, person_id: PersonId) -> Person:
        """The investor with this id; ``KeyError`` if there is none."""
        return self._investors_by_id[person_id]

    def startup(self, person_id: PersonId) -> Person:
        """The startup with this id; ``KeyError`` if there is none."""
        return self._startups_by_id[person_id]

    def score(self, investor: PersonId, startup: PersonId) -> int:
        """The pair's summed score, 0 when neither side marked interest."""
        interest = self._interests_by_pair.get((investor, startup))
        return interest.score if interest else 0

    def can_meet(self, investor: PersonId, startup: PersonId) -> bool:
        """Whether the pair may meet at all: not refused, not forbidden, scores above 0."""
        pair = (investor, startup)
        return pair not in self.blocked and pair not in self.forbidden and self.score(*pair) > 0

    def _check_people(self, side: str, people: tuple[Person, ...]) -> dict[PersonId, Person]:
        duplicates = [pid for pid, n in Counter(p.id for p in people).items() if n > 1]
        if duplicates:
            raise InstanceError(f"Duplicate {side} id {duplicates[0]!r}.")
        for person in people:
            label = f"{side} {person.id!r}"
            outside = sorted(s for s in person.available if not 0 <= s < self.slots)
            if outside:
                raise InstanceError(
                    f"{label}: slot {outside[0]} is outside the slot range 0..{self.slots - 1}."
                )
            if person.max_meetings < 0:
                raise InstanceError(f"{label}: max_meetings is negative ({person.max_meetings}).")
            if person.min_meetings < 0:
                raise InstanceError(f"{label}: min_meetings is negative ({person.min_meetings}).")
            if person.min_meetings > person.max_meetings:
                raise InstanceError(
                    f"{label}: min_meetings ({person.min_meetings}) is above max_meetings "
                    f"({person.max_meetings})."
                )
        return {p.id: p for p in people}

    def _check_known(self, where: str, investor: PersonId, startup: PersonId) -> None:
        if investor not in self._investors_by_id:
            raise InstanceError(f"{where}: unknown investor {investor!r}.")
        if startup not in self._startups_by_id:
            raise InstanceError(f"{where}: unknown startup {startup!r}.")

    def _check_interests(self) -> dict[tuple[PersonId, PersonId], Interest]:
        by_pair: dict[tuple[PersonId, PersonId], Interest] = {}
        for index, interest in enumerate(self.interests):
            where = f"interest[{index}]"
            self._check_known(where, interest.investor, interest.startup)
            for side in ("investor_score", "startup_score"):
                value = getattr(interest, side)
                if not 0 <= value <= MAX_SCORE:
                    raise InstanceError(f"{where}: {side} {value} is outside 0..{MAX_SCORE}.")
            pair = (interest.investor, interest.startup)
            if pair in by_pair:
                raise InstanceError(
                    f"{where}: the pair investor {pair[0]!r}, startup {pair[1]!r} is scored twice."
                )
            by_pair[pair] = interest
        return by_pair

    def _check_pairs(self, name: str, pairs: Iterable[tuple[PersonId, PersonId]]) -> None:
        for investor, startup in pairs:
            self._check_known(name, investor, startup)

    def _check_pinned(self) -> None:
        seen_pairs: set[tuple[PersonId, PersonId]] = set()
        busy: set[tuple[str, PersonId, int]] = set()
        per_slot: Counter[int] = Counter()
        per_person: Counter[tuple[str, PersonId]] = Counter()
        for index, meeting in enumerate(self.pinned):
            where = f"pinned[{index}]"
            self._check_known(where, meeting.investor, meeting.startup)
            if not 0 <= meeting.slot < self.slots:
                raise InstanceError(
                    f"{where}: slot {meeting.slot} is outside the slot range 0..{self.slots - 1}."
                )
            pair = (meeting.investor, meeting.startup)
            if not self.can_meet(*pair):
                raise InstanceError(
                    f"{where}: investor {pair[0]!r} and startup {pair[1]!r} may not meet "
                    "(refused, forbidden or no interest)."
                )
            if pair in seen_pairs:
                raise InstanceError(f"{where}: the pair is pinned twice.")
            seen_pairs.add(pair)
            for side, person in (
                ("investor", self.investor(meeting.investor)),
                ("startup", self.startup(meeting.startup)),
            ):
                if meeting.slot not in person.available:
                    raise InstanceError(
                        f"{where}: {side} {person.id!r} is not available in slot {meeting.slot}."
                    )
                if (side, person.id, meeting.slot) in busy:
                    raise InstanceError(
                        f"{where}: {side} {person.id!r} has two pinned meetings in slot "
                        f"{meeting.slot}."
                    )
                busy.add((side, person.id, meeting.slot))
                per_person[side, person.id] += 1
                if per_person[side, person.id] > person.max_meetings:
                    raise InstanceError(
                        f"{where}: {side} {person.id!r} has more pinned meetings than "
                        f"max_meetings ({person.max_meetings})."
                    )
            per_slot[meeting.slot] += 1
            if per_slot[meeting.slot] > self.tables:
                raise InstanceError(
                    f"{where}: slot {meeting.slot} has more pinned meetings than tables "
                    f"({self.tables})."
                )


def load_instance(path: str | Path) -> Instance:
    """Read and validate an instance from a JSON file.

    Raises ``InstanceError`` for an unreadable file, malformed JSON (naming line and column)
    or an invalid instance.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InstanceError(f"Cannot read {path}: {error}.") from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InstanceError(
            f"{path} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}."
        ) from error
    return parse_instance(data)


def parse_instance(data: Any) -> Instance:
    """Build an ``Instance`` from decoded JSON, checking every type on the way.

    Top-level keys other than the documented ones are refused (a misspelt optional section
    would otherwise be ignored silently); entries may carry extra keys such as names.
    """
    if not isinstance(data, dict):
        raise InstanceError(f"The instance must be a JSON object, got {_describe(data)}.")
    missing = [key for key in REQUIRED_KEYS if key not in data]
    if missing:
        raise InstanceError(f"The instance has no {missing[0]!r}.")
    unknown = sorted(set(data) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS))
    if unknown:
        allowed = ", ".join(REQUIRED_KEYS + OPTIONAL_KEYS)
        raise InstanceError(f"Unknown key {unknown[0]!r} in the instance (allowed: {allowed}).")
    return Instance(
        slots=_whole(data["slots"], "slots"),
        tables=_whole(data["tables"], "tables"),
        investors=tuple(_person(e, f"investors[{i}]") for i, e in _entries(data, "investors")),
        startups=tuple(_person(e, f"startups[{i}]") for i, e in _entries(data, "startups")),
        interests=tuple(_interest(e, f"interest[{i}]") for i, e in _entries(data, "interest")),
        blocked=frozenset(_pair(e, f"blocked[{i}]") for i, e in _entries(data, "blocked")),
        pinned=tuple(_meeting(e, f"pinned[{i}]") for i, e in _entries(data, "pinned")),
        forbidden=frozenset(_pair(e, f"forbidden[{i}]") for i, e in _entries(data, "forbidden")),
    )


def _entries(data: dict[str, Any], key: str) -> Iterable[tuple[int, dict[str, Any]]]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise InstanceError(f"{key} must be a list, got {_describe(value)}.")
    for index, entry in enumerate(value):
        if not isinstance(entry, dict):
            raise InstanceError(f"{key}[{index}] must be an object, got {_describe(entry)}.")
        yield index, entry


def _field(entry: dict[str, Any], key: str, where: str) -> Any:
    if key not in entry:
        raise InstanceError(f"{where} has no {key!r}.")
    return entry[key]


def _whole(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InstanceError(f"{where} must be a whole number, got {_describe(value)}.")
    return value


def _identifier(value: Any, where: str) -> PersonId:
    if isinstance(value, str) and value:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise InstanceError(
        f"{where} must be a non-empty text or a whole number, got {_describe(value)}."
    )


def _person(entry: dict[str, Any], where: str) -> Person:
    available = _field(entry, "available", where)
    if not isinstance(available, list):
        raise InstanceError(f"{where}.available must be a list, got {_describe(available)}.")
    return Person(
        id=_identifier(_field(entry, "id", where), f"{where}.id"),
        available=frozenset(
            _whole(slot, f"{where}.available[{i}]") for i, slot in enumerate(available)
        ),
        max_meetings=_whole(_field(entry, "max_meetings", where), f"{where}.max_meetings"),
        min_meetings=_whole(entry.get("min_meetings", 0), f"{where}.min_meetings"),
    )


def _interest(entry: dict[str, Any], where: str) -> Interest:
    investor, startup = _pair(entry, where)
    return Interest(
        investor=investor,
        startup=startup,
        investor_score=_whole(_field(entry, "investor_score", where), f"{where}.investor_score"),
        startup_score=_whole(_field(entry, "startup_score", where), f"{where}.startup_score"),
    )


def _pair(entry: dict[str, Any], where: str) -> tuple[PersonId, PersonId]:
    return (
        _identifier(_field(entry, "investor", where), f"{where}.investor"),
        _identifier(_field(entry, "startup", where), f"{where}.startup"),
    )


def _meeting(entry: dict[str, Any], where: str) -> Meeting:
    investor, startup = _pair(entry, where)
    return Meeting(investor, startup, _whole(_field(entry, "slot", where), f"{where}.slot"))


def _describe(value: Any) -> str:
    kinds = {
        type(None): "null",
        bool: "true/false",
        int: "a whole number",
        str: "text",
        float: "a decimal number",
        list: "a list",
        dict: "an object",
    }
    text = json.dumps(value, ensure_ascii=False, default=str)
    shown = text if len(text) <= 40 else text[:37] + "..."
    kind = kinds.get(type(value), type(value).__name__)
    return f"{kind} {shown}"
