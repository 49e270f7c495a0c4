"""The partner index: one BM25 index over words and concepts, plus concept and tag profiles.

A partner's document is its name and text as tokens, followed by one ``c:<concept>``
token per concept mention, so that a Korean demand and an English profile that name the
same concept meet in BM25 even when they share no word. Next to BM25 the index keeps, per
partner, an IDF-weighted concept profile (text concepts and tags, each broader concept
added at ``weights.decay`` per level) and a tag cover (how well its tags cover each
concept: 1 for the tag itself, ``decay`` per level up or down the hierarchy).

:meth:`PartnerIndex.score` returns the combined score of every demand and partner pair:

    (bm25 * B + concepts * C + tags * T) / (B + C + T)

where ``bm25`` is divided by the demand's best BM25 score, ``concepts`` is the cosine of
the two concept profiles and ``tags`` the mean cover of the demand's tags by the
partner's tags (0 when the demand has no tags). Every part lies in [0, 1], so does the
score. No partner means a matrix with no columns; a demand with no known word and no
concept scores 0 everywhere.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import bm25s
import numpy as np

from aihub.matching.engine.errors import MatchingInputError
from aihub.matching.engine.records import Demand, Partner, check_unique_ids
from aihub.matching.engine.taxonomy import Taxonomy, default_taxonomy
from aihub.matching.engine.text import Analysis, analyse_many

CONCEPT_PREFIX = "c:"

logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s itself sets DEBUG on import


@dataclass(frozen=True, slots=True)
class Weights:
    """Weights of the score's three parts and the credit per hierarchy level.

    Negative weights, three zero weights or a decay outside [0, 1] are refused.
    """

    bm25: float = 1.0
    concepts: float = 1.0
    tags: float = 0.5
    decay: float = 0.5

    def __post_init__(self) -> None:
        parts = (self.bm25, self.concepts, self.tags)
        if min(parts) < 0 or sum(parts) <= 0 or not 0 <= self.decay <= 1:
            raise MatchingInputError(
                "Weights must be 0 or more with a positive sum, and decay between 0 and 1.",
                code="bad_argument",
            )


@dataclass(frozen=True, slots=True)
class Profile:
    """What the index knows of one record: its analysis, its tags as concept ids, and the
    sets of its terms and of its concepts (named in the text or as tags)."""

    analysis: Analysis
    tags: tuple[str, ...]
    terms: frozenset[str] = field(init=False)
    concepts: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", frozenset(self.analysis.terms))
        object.__setattr__(self, "concepts", frozenset(self.analysis.concepts) | set(self.tags))


@dataclass(frozen=True, slots=True)
class ScoreTable:
    """Scores of demands (rows) against the index's partners (columns): ``total`` is the
    combined score, ``bm25`` the raw BM25 part before it is divided by the row's best."""

    demands: tuple[Demand, ...]
    profiles: tuple[Profile, ...]
    total: np.ndarray
    bm25: np.ndarray


class PartnerIndex:
    """Partners analysed and indexed once, to be scored against any number of demands.

    Raises :class:`MatchingInputError` for duplicate partner ids or an unknown tag.
    """

    def __init__(
        self,
        partners: Sequence[Partner],
        *,
        taxonomy: Taxonomy | None = None,
        weights: Weights | None = None,
    ) -> None:
        self.partners = tuple(partners)
        check_unique_ids(self.partners, "partner")
        self.taxonomy = taxonomy or default_taxonomy()
        self.weights = weights or Weights()
        self.profiles = self._profiles(self.partners, "partner")
        self._columns = {cid: n for n, cid in enumerate(self.taxonomy.ids)}
        self._decay = self._decay_matrix()
        self.term_df: Counter[str] = Counter()
        for profile in self.profiles:
            self.term_df.update(profile.terms)
        presence = self._concept_counts(self.profiles) @ self._decay > 0
        df = presence.sum(axis=0)
        count = len(self.partners)
        self.concept_idf = np.log1p((count - df + 0.5) / (df + 0.5)).astype(np.float32)
        self.idf_of = dict(zip(self.taxonomy.ids, self.concept_idf.tolist(), strict=True))
        self._concept_vectors = self._unit(self._concept_counts(self.profiles))
        self._tag_cover = self._cover(self.profiles)
        self._bm25 = self._build_bm25() if self.partners else None

    def _profiles(self, records: Sequence[Partner | Demand], kind: str) -> tuple[Profile, ...]:
        tags = [self.taxonomy.resolve_tags(r.tags, kind=kind, record=r.id) for r in records]
        analyses = analyse_many((r.document for r in records), self.taxonomy)
        return tuple(Profile(a, t) for a, t in zip(analyses, tags, strict=True))

    def _decay_matrix(self) -> np.ndarray:
        """M[c, a] = decay ** distance when a is c or broader than c, else 0."""
        size = len(self.taxonomy.ids)
        matrix = np.zeros((size, size), dtype=np.float32)
        for cid, row in self._columns.items():
            matrix[row, row] = 1.0
            for ancestor, depth in self.taxonomy.ancestors(cid).items():
                matrix[row, self._columns[ancestor]] = self.weights.decay**depth
        return matrix

    def _concept_counts(self, profiles: Sequence[Profile]) -> np.ndarray:
        """Per record, 1 + log(mentions) for each concept named in its text or tags."""
        counts = np.zeros((len(profiles), len(self._columns)), dtype=np.float32)
        for row, profile in enumerate(profiles):
            mentions = Counter(profile.analysis.concepts)
            mentions.update(profile.tags)
            for cid, n in mentions.items():
                counts[row, self._columns[cid]] = 1.0 + math.log(n)
        return counts

    def _unit(self, counts: np.ndarray) -> np.ndarray:
        """Concept profiles: broader concepts added with decay, IDF-weighted, unit length."""
        expanded = np.zeros_like(counts)
        for column in range(counts.shape[1]):
            np.maximum(expanded, counts[:, [column]] * self._decay[column], out=expanded)
        weighted = expanded * self.concept_idf
        norms = np.linalg.norm(weighted, axis=1, keepdims=True)
        return np.divide(weighted, norms, out=np.zeros_like(weighted), where=norms > 0)

    def _cover(self, profiles: Sequence[Profile]) -> np.ndarray:
        """cover[p, c]: decay ** levels between c and the nearest of p's tags (0 if none)."""
        related = np.maximum(self._decay, self._decay.T)
        cover = np.zeros((len(profiles), len(self._columns)), dtype=np.float32)
        for row, profile in enumerate(profiles):
            for tag in profile.tags:
                np.maximum(cover[row], related[self._columns[tag]], out=cover[row])
        return cover

    def _build_bm25(self) -> bm25s.BM25:
        corpus = [self.bm25_tokens(profile.analysis) for profile in self.profiles]
        retriever = bm25s.BM25()
        retriever.index(corpus, show_progress=False)
        return retriever

    @staticmethod
    def bm25_tokens(analysis: Analysis) -> list[str]:
        """The terms of a text followed by one concept token per concept mention."""
        concepts = [CONCEPT_PREFIX + cid for cid, n in analysis.concepts.items() for _ in range(n)]
        return [*analysis.terms, *concepts]

    def _bm25_scores(self, profiles: Sequence[Profile]) -> np.ndarray:
        scores = np.zeros((len(profiles), len(self.partners)), dtype=np.float32)
        if self._bm25 is None:
            return scores
        vocabulary = self._bm25.vocab_dict
        for row, profile in enumerate(profiles):
            ids = list(
                dict.fromkeys(
                    vocabulary[token]
                    for token in self.bm25_tokens(profile.analysis)
                    if token in vocabulary
                )
            )
            if ids:
                scores[row] = self._bm25.get_scores_from_ids(ids)
        return scores

    def profile_demands(self, demands: Sequence[Demand]) -> tuple[Profile, ...]:
        """Analyse demands and resolve their tags (refusing duplicate ids and unknown tags)."""
        check_unique_ids(demands, "demand")
        return self._profiles(demands, "demand")

    def score(self, demands: Sequence[Demand]) -> ScoreTable:
        """The combined score of every demand against every partner, in [0, 1]."""
        demands = tuple(demands)
        profiles = self.profile_demands(demands)
        bm25 = self._bm25_scores(profiles)
        best = bm25.max(axis=1, keepdims=True, initial=0.0)
        bm25_part = np.divide(bm25, best, out=np.zeros_like(bm25), where=best > 0)
        concept_part = self._unit(self._concept_counts(profiles)) @ self._concept_vectors.T
        tag_part = self._tag_part(profiles)
        w = self.weights
        total = (w.bm25 * bm25_part + w.concepts * concept_part + w.tags * tag_part) / (
            w.bm25 + w.concepts + w.tags
        )
        return ScoreTable(demands, profiles, np.clip(total, 0.0, 1.0), bm25)

    def _tag_part(self, profiles: Sequence[Profile]) -> np.ndarray:
        chosen = np.zeros((len(profiles), len(self._columns)), dtype=np.float32)
        for row, profile in enumerate(profiles):
            for tag in profile.tags:
                chosen[row, self._columns[tag]] = 1.0 / len(profile.tags)
        return chosen @ self._tag_cover.T

    def tag_cover(self, partner: int, cid: str) -> float:
        """How well partner number ``partner``'s tags cover concept ``cid`` (0 to 1)."""
        return float(self._tag_cover[partner, self._columns[cid]])
