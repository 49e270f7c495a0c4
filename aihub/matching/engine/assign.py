"""Capacity-aware assignment of partners to demands.

Each partner takes at most its capacity, each demand at most ``per_demand`` partners,
and the total score of the chosen pairs is as large as possible. The exact method solves
the bipartite b-matching as a linear programme with HiGHS (scipy ``linprog``, dual
simplex): its constraint matrix is totally unimodular, so the simplex method's vertex
optimum is integral (checked; a fractional answer raises ``RuntimeError`` rather than
being rounded). The greedy method takes pairs best first while both sides have room; it
is the baseline, and can be worse.

Candidate pairs are every pair with a positive score (the default, ``candidates=None``;
solved by pricing, see :func:`solve_exact`), or with ``candidates=N`` only each demand's
N best partners (exact on that smaller set only). A partner with capacity 0 is never
assigned. A demand without any candidate is listed in ``Assignment.no_candidates``; one
that had candidates but got nothing, because better uses took the capacity, in
``Assignment.unfilled``. Neither is an error."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_array, vstack

from aihub.matching.engine.errors import MatchingInputError
from aihub.matching.engine.index import PartnerIndex
from aihub.matching.engine.rank import top_columns
from aihub.matching.engine.records import Demand, Partner, RecordId

Method = Literal["exact", "greedy"]
START_CANDIDATES = 20
PRICE_TOLERANCE = 1e-9
INTEGRALITY_TOLERANCE = 1e-6


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


def _check(
    scores: np.ndarray, capacities: Sequence[int], per_demand: object, candidates: object
) -> None:
    _check_counts(per_demand, candidates)
    if scores.ndim != 2 or len(capacities) != scores.shape[1]:
        raise MatchingInputError(
            "scores must be a demands x partners matrix with one capacity per partner.",
            code="bad_argument",
        )
    if any(capacity < 0 for capacity in capacities):
        raise MatchingInputError("Capacities must be 0 or more.", code="bad_capacity")


def candidate_pairs(
    scores: np.ndarray, capacities: Sequence[int], candidates: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Rows and columns of the candidate pairs: positive score, partner capacity above 0."""
    usable = scores * (np.asarray(capacities) > 0)[np.newaxis, :]
    if candidates is None:
        rows, columns = np.nonzero(usable > 0)
        return rows, columns
    pairs = [
        (row, column)
        for row in range(len(usable))
        for column in top_columns(usable[row], candidates)
    ]
    if not pairs:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    rows, columns = (np.asarray(part, dtype=np.intp) for part in zip(*pairs, strict=True))
    return rows, columns


def _solve_lp(
    scores: np.ndarray,
    rows: np.ndarray,
    columns: np.ndarray,
    limits: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Chosen-edge mask and the row/column shadow prices of the LP on the given edges."""
    n_rows, n_columns = scores.shape
    edges = np.arange(len(rows))
    ones = np.ones(len(rows))
    matrix = vstack(
        [
            coo_array((ones, (rows, edges)), shape=(n_rows, len(rows))),
            coo_array((ones, (columns, edges)), shape=(n_columns, len(rows))),
        ]
    ).tocsr()
    gains = scores[rows, columns].astype(np.float64)
    result = linprog(-gains, A_ub=matrix, b_ub=limits, bounds=(0, 1), method="highs-ds")
    if result.status != 0:
        raise RuntimeError(f"The assignment solver failed: {result.message}")
    if np.any(np.minimum(result.x, 1 - result.x) > INTEGRALITY_TOLERANCE):
        raise RuntimeError("The assignment solver returned a fractional solution.")
    return result.x > 0.5, -result.ineqlin.marginals


def solve_exact(
    scores: np.ndarray,
    capacities: Sequence[int],
    per_demand: int,
    candidates: int | None = None,
) -> list[tuple[int, int]]:
    """The (row, column) pairs of a maximum-total assignment; see the module docstring.

    With ``candidates=None`` the programme starts from each row's best
    ``START_CANDIDATES`` pairs and adds every left-out pair whose score exceeds the shadow
    prices of its row and column, until none does: the LP optimality condition, so the
    result is optimal over all positive pairs without ever building the full programme.
    Raises :class:`MatchingInputError` for a bad count, a negative capacity or a
    capacity list that does not fit ``scores``.
    """
    _check(scores, capacities, per_demand, candidates)
    n_rows = scores.shape[0]
    scores = scores.astype(np.float64)
    limits = np.concatenate(
        [np.full(n_rows, per_demand, dtype=float), np.asarray(capacities, dtype=float)]
    )
    start = candidates if candidates is not None else max(START_CANDIDATES, 4 * per_demand)
    rows, columns = candidate_pairs(scores, capacities, start)
    if len(rows) == 0:
        return []
    usable = (scores > 0) & (np.asarray(capacities) > 0)[np.newaxis, :]
    while True:
        chosen, prices = _solve_lp(scores, rows, columns, limits)
        if candidates is not None:
            break
        reduced = scores - prices[:n_rows, np.newaxis] - prices[np.newaxis, n_rows:]
        improving = usable & (reduced > PRICE_TOLERANCE)
        improving[rows, columns] = False
        if not improving.any():
            break
        extra_rows, extra_columns = np.nonzero(improving)
        rows = np.concatenate([rows, extra_rows])
        columns = np.concatenate([columns, extra_columns])
    return list(zip(rows[chosen].tolist(), columns[chosen].tolist(), strict=True))


def solve_greedy(
    scores: np.ndarray,
    capacities: Sequence[int],
    per_demand: int,
    candidates: int | None = None,
) -> list[tuple[int, int]]:
    """Pairs taken best first while both sides have room (ties in row, then column order)."""
    _check(scores, capacities, per_demand, candidates)
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
    for an unknown method, for duplicate ids and for unknown tags.
    """
    _check_counts(per_demand, candidates)
    if method not in ("exact", "greedy"):
        raise MatchingInputError(
            f"method must be 'exact' or 'greedy', not {method!r}.", code="bad_argument"
        )
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
