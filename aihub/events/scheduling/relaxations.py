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
* ``time_indexed`` — the full model, one variable per pair and common slot. Solved as a
  MIP for small instances (exact optimum and a tight bound), or as an LP for a bound that
  is at least as tight as the pair relaxation's.

Both accept a wall-clock budget; past it they return ``None`` rather than an unproven value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import coo_array

from aihub.events.scheduling.problem import Problem, slots_of

INTEGER_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Selection:
    bound: int
    pairs: list[int]


@dataclass(frozen=True)
class TimeIndexed:
    """A time-indexed solve: its bound, and its meetings as ``(pair, slot)`` when integral."""

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


def pair_selection(
    problem: Problem, *, time_limit: float, tie_break: list[float] | None = None
) -> Selection | None:
    """Solve the pair relaxation; ``None`` if HiGHS does not finish within ``time_limit``.

    ``tie_break`` (one small non-negative number per pair) is added to the pair weights to
    prefer some optimal selections over others; the reported bound then includes it, which
    only loosens it, so callers wanting the exact relaxation value pass ``None``.
    """
    n_pairs, n_inv, n_st = problem.n_pairs, len(problem.inv_cap), len(problem.st_cap)
    if n_pairs == 0:
        return Selection(bound=0, pairs=[])
    inv_limit, st_limit, total = degree_limits(problem)
    weights = np.asarray(problem.weight, dtype=float)
    if tie_break is not None:
        weights = weights + np.asarray(tie_break)
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
    a_eq = coo_array(
        (eq_vals, (eq_rows, upper_cols)), shape=(n_st, n_pairs + 2 * n_st)
    ).tocsr()
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


def time_indexed(problem: Problem, *, integral: bool, time_limit: float) -> TimeIndexed | None:
    """Solve the full time-indexed model, as a MIP when ``integral`` else as an LP.

    Returns ``None`` when HiGHS proves nothing within ``time_limit``. A MIP stopped by the
    time limit still returns its best meetings and its proven bound.
    """
    n_pairs, n_inv, n_st, n_slots = (
        problem.n_pairs,
        len(problem.inv_cap),
        len(problem.st_cap),
        problem.slots,
    )
    if n_pairs == 0:
        return TimeIndexed(bound=0, value=0, meetings=[])
    columns = [(e, t) for e in range(n_pairs) for t in slots_of(problem.common[e])]
    n_z = len(columns)
    covered_st = [s for s in range(n_st) if problem.st_pairs[s] and problem.bonus(s)]
    y_index = {s: n_z + k for k, s in enumerate(covered_st)}
    # Row blocks: pair, investor-slot, startup-slot, investor, startup, slot, cover.
    inv_slot0 = n_pairs
    st_slot0 = inv_slot0 + n_inv * n_slots
    inv0 = st_slot0 + n_st * n_slots
    st0 = inv0 + n_inv
    slot0 = st0 + n_st
    cover0 = slot0 + n_slots
    n_rows = cover0 + len(covered_st)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for k, (e, t) in enumerate(columns):
        i, s = problem.pair_inv[e], problem.pair_st[e]
        entries = [e, inv_slot0 + i * n_slots + t, st_slot0 + s * n_slots + t, inv0 + i, st0 + s]
        entries.append(slot0 + t)
        rows.extend(entries)
        cols.extend([k] * len(entries))
        vals.extend([1.0] * len(entries))
        if s in y_index:
            rows.append(cover0 + y_index[s] - n_z)
            cols.append(k)
            vals.append(-1.0)
    for s, column in y_index.items():
        rows.append(cover0 + column - n_z)
        cols.append(column)
        vals.append(1.0)
    n_vars = n_z + len(covered_st)
    matrix = coo_array((vals, (rows, cols)), shape=(n_rows, n_vars)).tocsr()
    upper = np.concatenate(
        [
            np.ones(n_pairs + (n_inv + n_st) * n_slots),
            np.asarray(problem.inv_cap, dtype=float),
            np.asarray(problem.st_cap, dtype=float),
            np.asarray(problem.tables, dtype=float),
            np.zeros(len(covered_st)),
        ]
    )
    cost = -np.concatenate(
        [
            np.asarray([problem.weight[e] for e, _ in columns], dtype=float),
            np.asarray([problem.bonus(s) for s in covered_st], dtype=float),
        ]
    )
    if not integral:
        result = linprog(
            cost,
            A_ub=matrix,
            b_ub=upper,
            bounds=(0, 1),
            method="highs",
            options={"time_limit": max(time_limit, 0.01)},
        )
        if result.status != 0:
            return None
        return TimeIndexed(bound=floor_bound(-result.fun), value=None, meetings=[])
    result = milp(
        cost,
        constraints=LinearConstraint(matrix, -np.inf, upper),
        integrality=np.concatenate([np.ones(n_z), np.zeros(len(covered_st))]),
        bounds=Bounds(0, 1),
        options={"time_limit": max(time_limit, 0.01), "disp": False},
    )
    if result.x is None or getattr(result, "mip_dual_bound", None) is None:
        return None
    meetings = [columns[k] for k in np.flatnonzero(result.x[:n_z] > 0.5)]
    value = sum(problem.weight[e] for e, _ in meetings)
    value += sum(problem.bonus(s) for s in {problem.pair_st[e] for e, _ in meetings})
    return TimeIndexed(bound=floor_bound(-result.mip_dual_bound), value=value, meetings=meetings)
