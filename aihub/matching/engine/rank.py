"""Ranked partners per demand, each with the reasons for its place.

Only partners with a positive score are listed, so a list may be shorter than ``top``
or empty (a demand whose words and concepts appear in no profile). Ties keep the
partners' input order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from aihub.matching.engine.errors import MatchingInputError
from aihub.matching.engine.index import PartnerIndex, Profile, ScoreTable
from aihub.matching.engine.records import Demand, Partner, RecordId
from aihub.matching.engine.taxonomy import Concept

MAX_REASON_TERMS = 8
MAX_RELATED = 5


@dataclass(frozen=True, slots=True)
class Reasons:
    """Why a partner was proposed.

    ``terms``: words both texts use (as the demand writes them), rarest first;
    ``concepts``: concepts both name, in text or tags, most specific (rarest) first;
    ``related``: (demand concept, partner concept) pairs where one is broader than the
    other; ``tags``: the demand's tags that the partner's tags cover, exactly or through
    the hierarchy. :meth:`as_dict` shows concepts with their names in both languages.
    """

    terms: tuple[str, ...] = ()
    concepts: tuple[Concept, ...] = ()
    related: tuple[tuple[Concept, Concept], ...] = ()
    tags: tuple[Concept, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "terms": list(self.terms),
            "concepts": [concept.ref() for concept in self.concepts],
            "related": [{"demand": a.ref(), "partner": b.ref()} for a, b in self.related],
            "tags": [concept.ref() for concept in self.tags],
        }


@dataclass(frozen=True, slots=True)
class Match:
    partner: RecordId
    score: float
    reasons: Reasons = field(default_factory=Reasons)


@dataclass(frozen=True, slots=True)
class Ranking:
    """The best partners of one demand, best first."""

    demand: RecordId
    matches: tuple[Match, ...]


def top_columns(row: np.ndarray, top: int) -> list[int]:
    """Columns of the ``top`` highest positive values, highest first, ties in column order."""
    positive = np.flatnonzero(row > 0)
    if len(positive) > top:
        keep = np.argpartition(-row[positive], top - 1)[:top]
        cutoff = row[positive[keep]].min()
        positive = positive[row[positive] >= cutoff]
    ordered = positive[np.argsort(-row[positive], kind="stable")]
    return [int(column) for column in ordered[:top]]


def explain(index: PartnerIndex, demand: Profile, partner: int) -> Reasons:
    """The reasons for proposing partner number ``partner`` to ``demand``."""
    taxonomy = index.taxonomy
    theirs = index.profiles[partner]
    terms = sorted(demand.terms & theirs.terms, key=lambda norm: (index.term_df[norm], norm))
    wanted, offered = demand.concepts, theirs.concepts
    shared = sorted(wanted & offered, key=lambda cid: (-index.idf_of[cid], cid))
    related = [
        (taxonomy.concepts[a], taxonomy.concepts[b])
        for a in sorted(wanted - offered)
        for b in sorted(offered - wanted)
        if taxonomy.distance(a, b)
    ]
    return Reasons(
        terms=tuple(demand.analysis.surfaces[norm] for norm in terms[:MAX_REASON_TERMS]),
        concepts=tuple(taxonomy.concepts[cid] for cid in shared),
        related=tuple(related[:MAX_RELATED]),
        tags=tuple(taxonomy.concepts[t] for t in demand.tags if index.tag_cover(partner, t) > 0),
    )


def rankings_from(index: PartnerIndex, table: ScoreTable, top: int) -> list[Ranking]:
    """Rankings with reasons from an already computed score table."""
    rankings = []
    for row, (demand, profile) in enumerate(zip(table.demands, table.profiles, strict=True)):
        matches = tuple(
            Match(
                partner=index.partners[column].id,
                score=round(float(table.total[row, column]), 6),
                reasons=explain(index, profile, column),
            )
            for column in top_columns(table.total[row], top)
        )
        rankings.append(Ranking(demand=demand.id, matches=matches))
    return rankings


def rank(
    demands: Sequence[Demand], partners: Sequence[Partner] | PartnerIndex, top: int = 10
) -> list[Ranking]:
    """The ``top`` partners of each demand, in the demands' order.

    ``partners`` may be a built :class:`PartnerIndex`, to rank many batches against one
    index. Raises :class:`MatchingInputError` when ``top`` is below 1, for duplicate ids
    and for unknown tags.
    """
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise MatchingInputError(f"top must be 1 or more, not {top!r}.", code="bad_argument")
    index = partners if isinstance(partners, PartnerIndex) else PartnerIndex(partners)
    return rankings_from(index, index.score(demands), top)
