"""Linear models of the residual problem, solved with HiGHS through SciPy.

Two models, both of the meetings left to schedule once the pinned ones are placed:

* ``pair_selection`` — the *pair relaxation*. It chooses pairs, not slots: each pair at
  most once, each person at most ``min(max_meetings, usable slots)`` meetings, all meetings
  together at most ``Σ_t min(tables_t, investors usable in t, startups usable in t)``, and a
  startup earns its coverage bonus once it has a meeting. Every schedule gives a feasible
  point of it with the same value, so its optimum bounds the optimum of the full problem.
  Written as a min-cost flow (source → investor → pair → startup → {bonus arc of capacity 1,
  plain arc} → sink, with the sink's inflow capped), its constraint matrix is a network
  matrix, so the simplex vertex HiGHS returns is integral and directly names a set of pairs.
* ``time_indexed`` — the full model, one binary variable per pair and common slot, solved
  as a MIP: its dual bound is at most its LP relaxation's, which is at most the pair
  relaxation's, and its solutions are schedules.

Both stop at a wall-clock limit; past it they return ``None`` rather than an unproven value.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import coo_array

from aihub.events.scheduling.problem import Problem, slots_of

INTEGER_TOLERANCE = 1e-6
# HiGHS looks at its clock between steps that grow with the model; stopping it this much
# earlier per matrix entry keeps the whole solve within the deadline.
HIGHS_RESERVE_PER_NONZERO = 1e-6


@dataclass(frozen=True)
class Selection:
    bound: int
    pairs: list[int]


@dataclass(frozen=True)
class TimeIndexed:
    """A time-indexed solve: its proven bound, and its best meetings as ``(pair, slot)``."""

    bound: int
    value: int | None
    meetings: list[tuple[int, int]]


def floor_bound(value: float) -> int:
    """The largest integer not above ``value`` up to solver tolerance (objectives are integral)."""
    return int(np.floor(value + INTEGER_TOLERANCE * max(1.0, abs(value))))


def reach(problem: Problem) -> tuple[list[int], list[int]]:
    """Per investor and per startup, the mask of slots in which some eligible pair could meet."""
    inv = [0] * len(problem.inv_cap)
    st = [0] * len(problem.st_cap)
    for e, both in enumerate(problem.common):
        inv[problem.pair_inv[e]] |= both
        st[problem.pair_st[e]] |= both
    return inv, st


def degree_limits(problem: Problem) -> tuple[list[int], list[int], int]:
    """Per-person meeting limits and the total meeting limit used by the pair relaxation."""
    inv_reach, st_reach = reach(problem)
    inv_limit = [min(c, r.bit_count()) for c, r in zip(problem.inv_cap, inv_reach, strict=True)]
    st_limit = [min(c, r.bit_count()) for c, r in zip(problem.st_cap, st_reach, strict=True)]
    total = 0
    for t in range(problem.slots):
        bit = 1 << t
        investors = sum(1 for r, c in zip(inv_reach, inv_limit, strict=True) if r & bit and c)
        startups = sum(1 for r, c in zip(st_reach, st_limit, strict=True) if r & bit and c)
        total += min(problem.tables[t], investors, startups)
    return inv_limit, st_limit, total


def pair_selection(problem: Problem, *, time_limit: float) -> Selection | None:
    """Solve the pair relaxation; ``None`` if HiGHS does not finish within ``time_limit``."""
    n_pairs, n_inv, n_st = problem.n_pairs, len(problem.inv_cap), len(problem.st_cap)
    if n_pairs == 0:
        return Selection(bound=0, pairs=[])
    inv_limit, st_limit, total = degree_limits(problem)
    weights = np.asarray(problem.weight, dtype=float)
    bonus = np.asarray([problem.bonus(s) for s in range(n_st)], dtype=float)
    cost = -np.concatenate([weights, bonus, np.zeros(n_st)])
    pair_ids = np.arange(n_pairs)
    bonus_ids = n_pairs + np.arange(n_st)
    plain_ids = n_pairs + n_st + np.arange(n_st)
    upper_rows = np.concatenate([np.asarray(problem.pair_inv), np.full(2 * n_st, n_inv)])
    upper_cols = np.concatenate([pair_ids, bonus_ids, plain_ids])
    a_ub = coo_array(
        (np.ones(len(upper_rows)), (upper_rows, upper_cols)),
        shape=(n_inv + 1, n_pairs + 2 * n_st),
    ).tocsr()
    b_ub = np.asarray([*inv_limit, total], dtype=float)
    eq_rows = np.concatenate([np.asarray(problem.pair_st), np.arange(n_st), np.arange(n_st)])
    eq_vals = np.concatenate([np.ones(n_pairs), -np.ones(2 * n_st)])
    a_eq = coo_array((eq_vals, (eq_rows, upper_cols)), shape=(n_st, n_pairs + 2 * n_st)).tocsr()
    limits = np.asarray(st_limit, dtype=float)
    upper = np.concatenate([np.ones(n_pairs), np.minimum(limits, 1), np.maximum(limits - 1, 0)])
    result = linprog(
        cost,
        A_ub=a_ub,
        b_ub=b_ub,
        A_eq=a_eq,
        b_eq=np.zeros(n_st),
        bounds=np.column_stack([np.zeros_like(upper), upper]),
        method="highs-ds",
        options={"time_limit": max(time_limit, 0.01), "presolve": True},
    )
    if result.status != 0:
        return None
    chosen = [int(e) for e in np.flatnonzero(result.x[:n_pairs] > 0.5)]
    return Selection(bound=floor_bound(-result.fun), pairs=chosen)


def time_indexed(problem: Problem, *, deadline: float) -> TimeIndexed | None:
    """Solve the full time-indexed model as a MIP, stopping at ``deadline`` (``time.monotonic``).

    Returns the proven bound and, when HiGHS found one, its best schedule as ``(pair, slot)``
    meetings (optimal unless the deadline stopped the search). Returns ``None`` when the
    deadline passes before HiGHS proves anything. HiGHS's presolve is off: on these models
    it gains little and does not watch the clock. HiGHS stops at its default relative gap of
    1e-4, so on large instances "optimal" means within 0.01 %.
    """
    n_pairs, n_inv, n_st, n_slots = (
        problem.n_pairs,
        len(problem.inv_cap),
        len(problem.st_cap),
        problem.slots,
    )
    if n_pairs == 0:
        return TimeIndexed(bound=0, value=0, meetings=[])
    pair_of, slot_of = [], []
    for e, both in enumerate(problem.common):
        for t in slots_of(both):
            pair_of.append(e)
            slot_of.append(t)
    pair = np.asarray(pair_of, dtype=np.int64)
    slot = np.asarray(slot_of, dtype=np.int64)
    n_z = len(pair)
    inv = np.asarray(problem.pair_inv, dtype=np.int64)[pair]
    st = np.asarray(problem.pair_st, dtype=np.int64)[pair]
    bonus_st = [s for s in range(n_st) if problem.st_pairs[s] and problem.bonus(s)]
    cover_of = np.full(n_st, -1, dtype=np.int64)
    cover_of[bonus_st] = np.arange(len(bonus_st))
    # Row blocks: pair, investor-slot, startup-slot, investor, startup, slot, cover.
    inv_slot0 = n_pairs
    st_slot0 = inv_slot0 + n_inv * n_slots
    inv0 = st_slot0 + n_st * n_slots
    st0 = inv0 + n_inv
    slot0 = st0 + n_st
    cover0 = slot0 + n_slots
    z = np.arange(n_z)
    covering = cover_of[st] >= 0
    y = np.arange(len(bonus_st))
    rows = np.concatenate(
        [
            pair,
            inv_slot0 + inv * n_slots + slot,
            st_slot0 + st * n_slots + slot,
            inv0 + inv,
            st0 + st,
            slot0 + slot,
            cover0 + cover_of[st[covering]],
            cover0 + y,
        ]
    )
    cols = np.concatenate([np.tile(z, 6), z[covering], n_z + y])
    vals = np.concatenate([np.ones(6 * n_z), -np.ones(int(covering.sum())), np.ones(len(y))])
    shape = (cover0 + len(bonus_st), n_z + len(bonus_st))
    matrix = coo_array((vals, (rows, cols)), shape=shape).tocsr()
    upper = np.concatenate(
        [
            np.ones(n_pairs + (n_inv + n_st) * n_slots),
            np.asarray(problem.inv_cap, dtype=float),
            np.asarray(problem.st_cap, dtype=float),
            np.asarray(problem.tables, dtype=float),
            np.zeros(len(bonus_st)),
        ]
    )
    cost = -np.concatenate(
        [
            np.asarray(problem.weight, dtype=float)[pair],
            np.asarray([problem.bonus(s) for s in bonus_st], dtype=float),
        ]
    )
    time_limit = deadline - time.monotonic() - HIGHS_RESERVE_PER_NONZERO * matrix.nnz
    if time_limit <= 0:
        return None
    result = milp(
        cost,
        constraints=LinearConstraint(matrix, -np.inf, upper),
        integrality=np.concatenate([np.ones(n_z), np.zeros(len(bonus_st))]),
        bounds=Bounds(0, 1),
        options={"time_limit": time_limit, "disp": False, "presolve": False},
    )
    dual = getattr(result, "mip_dual_bound", None)
    if dual is None or not np.isfinite(dual):
        return None
    if result.x is None:
        return TimeIndexed(bound=floor_bound(-dual), value=None, meetings=[])
    meetings = [(int(pair[k]), int(slot[k])) for k in np.flatnonzero(result.x[:n_z] > 0.5)]
    value = sum(problem.weight[e] for e, _ in meetings)
    value += sum(problem.bonus(s) for s in {problem.pair_st[e] for e, _ in meetings})
    return TimeIndexed(bound=floor_bound(-dual), value=value, meetings=meetings)
