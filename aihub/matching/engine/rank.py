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

MAX_REASON_TERMS = 8
MAX_RELATED = 5


@dataclass(frozen=True, slots=True)
class Reasons:
    """Why a partner was proposed.

    ``terms``: words both texts use (as the demand writes them), rarest first;
    ``concepts``: concepts both name, in text or tags, with both display names;
    ``related``: a demand concept next to a broader or narrower concept of the partner;
    ``tags``: the demand's tags that the partner's tags cover, exactly or through the
    hierarchy.
    """

    terms: tuple[str, ...] = ()
    concepts: tuple[dict[str, str], ...] = ()
    related: tuple[dict[str, dict[str, str]], ...] = ()
    tags: tuple[dict[str, str], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "terms": list(self.terms),
            "concepts": list(self.concepts),
            "related": list(self.related),
            "tags": list(self.tags),
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
    shared_terms = set(demand.analysis.terms) & set(theirs.analysis.terms)
    terms = sorted(shared_terms, key=lambda norm: (index.term_df[norm], norm))
    ours_c, theirs_c = demand.concepts, theirs.concepts
    idf = dict(zip(taxonomy.ids, index.concept_idf.tolist(), strict=True))
    shared = sorted(ours_c & theirs_c, key=lambda cid: (-idf[cid], cid))
    related = [
        {"demand": taxonomy.concepts[a].ref(), "partner": taxonomy.concepts[b].ref()}
        for a in sorted(ours_c - theirs_c)
        for b in sorted(theirs_c - ours_c)
        if taxonomy.distance(a, b)
    ]
    tags = [taxonomy.concepts[t].ref() for t in demand.tags if index.tag_cover(partner, t) > 0]
    return Reasons(
        terms=tuple(demand.analysis.surface_of(norm) for norm in terms[:MAX_REASON_TERMS]),
        concepts=tuple(taxonomy.concepts[cid].ref() for cid in shared),
        related=tuple(related[:MAX_RELATED]),
        tags=tuple(tags),
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
