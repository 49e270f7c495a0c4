"""The bilingual AI-domain taxonomy: concepts, their names in both languages, and links.

Each concept has a Korean and an English display name, more terms in either language,
abbreviations and broader concepts. Text is mapped to concepts by matching every name and
term, tokenised like any text, against the text's tokens: the leftmost longest match wins,
and the tokens are compared joined without spaces, so ``언어모델``, ``언어 모델`` and a
compound Kiwi cut in three all meet. Abbreviations of up to three characters (``CV``,
``OR``, ``IP``) match only as written in capitals, since their lowercase forms are common
words; longer ones match like terms. Tags are resolved more leniently: a concept id, or
any name, term or abbreviation in any case and spacing.

The data file is ``data/taxonomy.json``; a broken file (unknown broader id, a cycle, one
term for two concepts, a term that tokenises to nothing) raises :class:`TaxonomyError`
when loaded.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from aihub.matching.engine.errors import MatchingInputError
from aihub.matching.engine.records import RecordId
from aihub.matching.engine.text import Token, tokenize_many

DATA_FILE = Path(__file__).resolve().parent / "data" / "taxonomy.json"
SHORT_ABBREVIATION = 3
MAX_PHRASE_TOKENS = 6


class TaxonomyError(ValueError):
    """The taxonomy data itself is inconsistent."""


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    ko: str
    en: str
    broader: tuple[str, ...] = ()
    terms_ko: tuple[str, ...] = ()
    terms_en: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Concept:
        terms = data.get("terms", {})
        return cls(
            id=data["id"],
            ko=data["ko"],
            en=data["en"],
            broader=tuple(data.get("broader", ())),
            terms_ko=tuple(terms.get("ko", ())),
            terms_en=tuple(terms.get("en", ())),
            abbreviations=tuple(data.get("abbreviations", ())),
        )

    @property
    def phrases(self) -> tuple[str, ...]:
        """Names, terms and the longer abbreviations: everything matched after tokenising."""
        long_abbreviations = tuple(a for a in self.abbreviations if len(a) > SHORT_ABBREVIATION)
        return (self.ko, self.en, *self.terms_ko, *self.terms_en, *long_abbreviations)

    def ref(self) -> dict[str, str]:
        """The concept as shown in reasons: id and both display names."""
        return {"id": self.id, "ko": self.ko, "en": self.en}


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def _key(tokens: Sequence[Token]) -> str:
    return "".join(token.norm for token in tokens)


class Taxonomy:
    """Concepts by id, with phrase matching over tokens and tag resolution."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        self.concepts: dict[str, Concept] = {}
        for concept in concepts:
            if concept.id in self.concepts:
                raise TaxonomyError(f"Concept id {concept.id!r} appears twice.")
            self.concepts[concept.id] = concept
        self.ids: tuple[str, ...] = tuple(self.concepts)
        self._check_links()
        self._ancestors = {cid: self._walk_up(cid) for cid in self.ids}
        self._short: dict[str, str] = {}
        self._labels: dict[str, str] = {}
        self._keys: dict[str, str] = {}
        self._build_lookups()
        self._prefixes = {key[:n] for key in self._keys for n in range(1, len(key) + 1)}

    @classmethod
    def from_file(cls, path: Path = DATA_FILE) -> Taxonomy:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(Concept.from_dict(item) for item in data["concepts"])

    def _check_links(self) -> None:
        for concept in self.concepts.values():
            for parent in concept.broader:
                if parent not in self.concepts:
                    raise TaxonomyError(f"{concept.id!r} names an unknown broader {parent!r}.")

    def _walk_up(self, cid: str) -> dict[str, int]:
        """Ancestors of ``cid`` with their distance (1 for a direct broader concept)."""
        found: dict[str, int] = {}
        frontier, depth = [cid], 0
        while frontier:
            depth += 1
            nxt = []
            for current in frontier:
                for parent in self.concepts[current].broader:
                    if parent == cid:
                        raise TaxonomyError(f"{cid!r} is its own broader concept.")
                    if parent not in found:
                        found[parent] = depth
                        nxt.append(parent)
            frontier = nxt
        return found

    def _claim(self, table: dict[str, str], key: str, cid: str, what: str) -> None:
        owner = table.setdefault(key, cid)
        if owner != cid:
            raise TaxonomyError(f"{what} {key!r} belongs to both {owner!r} and {cid!r}.")

    def _build_lookups(self) -> None:
        pending: list[tuple[str, str]] = []
        for concept in self.concepts.values():
            self._claim(self._labels, _label(concept.id), concept.id, "Label")
            for abbreviation in concept.abbreviations:
                self._claim(self._labels, _label(abbreviation), concept.id, "Label")
                if len(abbreviation) <= SHORT_ABBREVIATION:
                    self._claim(self._short, abbreviation, concept.id, "Abbreviation")
            for phrase in concept.phrases:
                self._claim(self._labels, _label(phrase), concept.id, "Label")
                pending.append((phrase, concept.id))
        for (phrase, cid), tokens in zip(
            pending, tokenize_many(p for p, _ in pending), strict=True
        ):
            if not tokens or len(tokens) > MAX_PHRASE_TOKENS:
                raise TaxonomyError(f"Term {phrase!r} of {cid!r} gives {len(tokens)} tokens.")
            self._claim(self._keys, _key(tokens), cid, "Term")

    def ancestors(self, cid: str) -> Mapping[str, int]:
        """Broader concepts of ``cid`` at any distance, with that distance."""
        return self._ancestors[cid]

    def distance(self, a: str, b: str) -> int | None:
        """0 for the same concept, n when one is n levels broader than the other, else None."""
        if a == b:
            return 0
        return self._ancestors[a].get(b) or self._ancestors[b].get(a)

    def resolve_tag(self, tag: str) -> str | None:
        """The concept id a tag stands for, or None when the taxonomy does not know it."""
        found = self._labels.get(_label(tag))
        if found is None:
            tokens = tokenize_many([tag])[0]
            found = self._keys.get(_key(tokens)) if tokens else None
        return found

    def resolve_tags(self, tags: Iterable[str], *, kind: str, record: RecordId) -> tuple[str, ...]:
        """Concept ids of ``tags`` in order without repeats; an unknown tag is refused."""
        resolved: dict[str, None] = {}
        for tag in tags:
            cid = self.resolve_tag(tag)
            if cid is None:
                raise MatchingInputError(
                    f"{kind} {record!r}: unknown tag {tag!r}; use a concept id of the taxonomy "
                    "or one of its names, terms or abbreviations in Korean or English.",
                    code="unknown_tag",
                    record=record,
                    field="tags",
                )
            resolved[cid] = None
        return tuple(resolved)

    def find_concepts(self, tokens: Sequence[Token]) -> Counter[str]:
        """How often each concept is named in ``tokens`` (leftmost longest, no overlaps)."""
        found: Counter[str] = Counter()
        i, n = 0, len(tokens)
        while i < n:
            best_end, best = i + 1, self._short.get(tokens[i].surface)
            joined = ""
            for j in range(i, min(n, i + MAX_PHRASE_TOKENS)):
                joined += tokens[j].norm
                if joined not in self._prefixes:
                    break
                cid = self._keys.get(joined)
                if cid is not None:
                    best_end, best = j + 1, cid
            if best is not None:
                found[best] += 1
                i = best_end
            else:
                i += 1
        return found


@cache
def default_taxonomy() -> Taxonomy:
    """The taxonomy bundled with the engine, loaded once."""
    return Taxonomy.from_file()
