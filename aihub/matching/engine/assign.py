"""Capacity-aware assignment of partners to demands.

Each partner takes at most its capacity, each demand at most ``per_demand`` partners,
and the total score of the chosen pairs is as large as possible. The exact method solves
the bipartite b-matching as a linear programme with HiGHS (scipy ``milp``); its
constraint matrix is totally unimodular, so the relaxation already has an integral
optimum and the solver proves it at the root (the integrality requirement and a zero
gap are kept so that a fractional answer can never come back). The greedy method takes
pairs best first while both sides have room; it is the baseline, and can be worse.

Candidate pairs are every pair with a positive score, unless ``candidates=N`` keeps only
each demand's N best partners (smaller programmes, still exact on that candidate set).
A partner with capacity 0 is never assigned. A demand without any candidate is listed in
``Assignment.no_candidates``; one that had candidates but got nothing, because better
uses took the capacity, in ``Assignment.unfilled``. Neither is an error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array, vstack

from aihub.matching.engine.errors import MatchingInputError
from aihub.matching.engine.index import PartnerIndex
from aihub.matching.engine.records import Demand, Partner, RecordId
from aihub.matching.engine.rank import top_columns

Method = Literal["exact", "greedy"]


@dataclass(frozen=True, slots=True)
class Pair:
    demand: RecordId
    partner: RecordId
    score: float


@dataclass(frozen=True, slots=True)
class Assignment:
    """Chosen pairs (in demand order, best first within a demand) and what got nothing."""

    pairs: tuple[Pair, ...]
    total: float
    no_candidates: tuple[RecordId, ...]
    unfilled: tuple[RecordId, ...]


def _check_counts(per_demand: object, candidates: object) -> None:
    if isinstance(per_demand, bool) or not isinstance(per_demand, int) or per_demand < 1:
        raise MatchingInputError(
            f"per_demand must be 1 or more, not {per_demand!r}.", code="bad_argument"
        )
    if candidates is not None and (
        isinstance(candidates, bool) or not isinstance(candidates, int) or candidates < 1
    ):
        raise MatchingInputError(
            f"candidates must be 1 or more, or None, not {candidates!r}.", code="bad_argument"
        )


def candidate_pairs(
    scores: np.ndarray, capacities: Sequence[int], candidates: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Rows and columns of the candidate pairs: positive score, partner capacity above 0."""
    usable = scores * (np.asarray(capacities) > 0)[np.newaxis, :]
    if candidates is None:
        rows, columns = np.nonzero(usable > 0)
        return rows, columns
    pairs = [(row, column) for row in range(len(usable)) for column in top_columns(usable[row], candidates)]
    if not pairs:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    rows, columns = (np.asarray(part, dtype=np.intp) for part in zip(*pairs, strict=True))
    return rows, columns


def solve_exact(
    scores: np.ndarray,
    capacities: Sequence[int],
    per_demand: int,
    candidates: int | None = None,
) -> list[tuple[int, int]]:
    """The (row, column) pairs of a maximum-total assignment; see the module docstring."""
    rows, columns = candidate_pairs(scores, capacities, candidates)
    if len(rows) == 0:
        return []
    n_rows, n_columns = scores.shape
    edges = np.arange(len(rows))
    ones = np.ones(len(rows))
    by_demand = coo_array((ones, (rows, edges)), shape=(n_rows, len(rows)))
    by_partner = coo_array((ones, (columns, edges)), shape=(n_columns, len(rows)))
    limits = np.concatenate(
        [np.full(n_rows, per_demand, dtype=float), np.asarray(capacities, dtype=float)]
    )
    result = milp(
        c=-scores[rows, columns].astype(np.float64),
        constraints=LinearConstraint(vstack([by_demand, by_partner]).tocsr(), -np.inf, limits),
        bounds=Bounds(0, 1),
        integrality=ones,
        options={"mip_rel_gap": 0.0},
    )
    if result.status != 0 or result.x is None:
        raise RuntimeError(f"The assignment solver failed: {result.message}")
    chosen = result.x > 0.5
    return list(zip(rows[chosen].tolist(), columns[chosen].tolist(), strict=True))


def solve_greedy(
    scores: np.ndarray,
    capacities: Sequence[int],
    per_demand: int,
    candidates: int | None = None,
) -> list[tuple[int, int]]:
    """Pairs taken best first while both sides have room (ties in row, then column order)."""
    rows, columns = candidate_pairs(scores, capacities, candidates)
    order = np.lexsort((columns, rows, -scores[rows, columns]))
    room_demand = np.full(scores.shape[0], per_demand)
    room_partner = np.asarray(capacities, dtype=np.int64).copy()
    chosen = []
    for edge in order.tolist():
        row, column = int(rows[edge]), int(columns[edge])
        if room_demand[row] > 0 and room_partner[column] > 0:
            room_demand[row] -= 1
            room_partner[column] -= 1
            chosen.append((row, column))
    return chosen


def assign(
    demands: Sequence[Demand],
    partners: Sequence[Partner] | PartnerIndex,
    per_demand: int = 3,
    *,
    candidates: int | None = None,
    method: Method = "exact",
) -> Assignment:
    """Assign partners to demands, maximising the total score (exactly, or greedily).

    Raises :class:`MatchingInputError` when ``per_demand`` or ``candidates`` is below 1,
    for duplicate ids and for unknown tags.
    """
    _check_counts(per_demand, candidates)
    index = partners if isinstance(partners, PartnerIndex) else PartnerIndex(partners)
    table = index.score(demands)
    capacities = [partner.capacity for partner in index.partners]
    solver = solve_exact if method == "exact" else solve_greedy
    chosen = solver(table.total, capacities, per_demand, candidates)
    return assignment_from(table.total, chosen, table.demands, index.partners, capacities)


def assignment_from(
    scores: np.ndarray,
    chosen: Sequence[tuple[int, int]],
    demands: Sequence[Demand],
    partners: Sequence[Partner],
    capacities: Sequence[int],
) -> Assignment:
    """An :class:`Assignment` from chosen (row, column) pairs of a score matrix."""
    by_row: dict[int, list[int]] = {}
    for row, column in chosen:
        by_row.setdefault(row, []).append(column)
    rows_with_candidates = set(candidate_pairs(scores, capacities)[0].tolist())
    pairs = []
    for row, demand in enumerate(demands):
        for column in sorted(by_row.get(row, ()), key=lambda c: (-scores[row, c], c)):
            pairs.append(Pair(demand.id, partners[column].id, round(float(scores[row, column]), 6)))
    return Assignment(
        pairs=tuple(pairs),
        total=float(sum(float(scores[row, column]) for row, column in chosen)),
        no_candidates=tuple(d.id for r, d in enumerate(demands) if r not in rows_with_candidates),
        unfilled=tuple(
            d.id for r, d in enumerate(demands) if r in rows_with_candidates and r not in by_row
        ),
    )
