"""Slots for a chosen set of pairs: one bipartite matching per slot.

Giving every chosen pair a slot is a list edge-colouring of a bipartite graph (each pair
may only take a slot both sides share, each person once per slot, at most ``tables``
meetings per slot). Slots are filled one at a time, least sought-after first (fewest
chosen pairs able to use them per table), so the pairs that can only go there are seated
before the busy slots are decided; each slot takes a maximum-weight matching, capped at its
free tables, among the pairs still waiting. The weights favour pairs with few slots left
and people whose waiting meetings outnumber their remaining slots — the people a later slot
could no longer serve. A matching with a
cardinality cap is an intersection of two matroids, so the LP that HiGHS solves for it has
integral vertices.
"""

from __future__ import annotations

import time

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_array

from aihub.events.scheduling.problem import slots_of
from aihub.events.scheduling.timetable import Timetable


def assign_slots(table: Timetable, pairs: list[int], *, deadline: float) -> list[int]:
    """Place as many of ``pairs`` as possible into ``table``; return those left unplaced.

    Mutates ``table``. Pairs whose people have no room left are returned unplaced.
    """
    p = table.problem
    waiting = [e for e in pairs if table.slot_of[e] < 0]
    demand = [0] * p.slots
    for e in waiting:
        for t in slots_of(p.common[e]):
            demand[t] += 1
    order = sorted(range(p.slots), key=lambda t: (demand[t] / max(p.tables[t], 1), t))
    remaining = p.all_slots
    for t in order:
        if time.monotonic() > deadline:
            break
        bit = 1 << t
        options = {e: table.free_slots(e) & remaining for e in waiting if table.has_room(e)}
        candidates = [e for e, free in options.items() if free & bit]
        room = p.tables[t] - table.load[t]
        if candidates and room > 0:
            pressure_inv, pressure_st = _pressure(table, options)
            weights = [
                1.0
                + 2.0 * (pressure_inv[p.pair_inv[e]] + pressure_st[p.pair_st[e]])
                + 1.0 / options[e].bit_count()
                + table.gain(e) / 1000.0
                for e in candidates
            ]
            for e in _matching(table, candidates, weights, room, deadline):
                table.place(e, t)
        remaining &= ~bit
        waiting = [e for e in waiting if table.slot_of[e] < 0]
    return waiting


def _pressure(
    table: Timetable, options: dict[int, int]
) -> tuple[dict[int, float], dict[int, float]]:
    """Per person: waiting meetings divided by the slots still open to them (1+ is urgent)."""
    p = table.problem
    inv_need: dict[int, int] = {}
    st_need: dict[int, int] = {}
    inv_open: dict[int, int] = {}
    st_open: dict[int, int] = {}
    for e, free in options.items():
        i, s = p.pair_inv[e], p.pair_st[e]
        inv_need[i] = inv_need.get(i, 0) + 1
        st_need[s] = st_need.get(s, 0) + 1
        inv_open[i] = inv_open.get(i, 0) | free
        st_open[s] = st_open.get(s, 0) | free
    inv = {
        i: min(n, p.inv_cap[i] - table.inv_count[i]) / max(inv_open[i].bit_count(), 1)
        for i, n in inv_need.items()
    }
    st = {
        s: min(n, p.st_cap[s] - table.st_count[s]) / max(st_open[s].bit_count(), 1)
        for s, n in st_need.items()
    }
    return inv, st


def _matching(
    table: Timetable, candidates: list[int], weights: list[float], room: int, deadline: float
) -> list[int]:
    """A maximum-weight matching of ``candidates`` with at most ``room`` pairs."""
    p = table.problem
    inv_rows = {i: k for k, i in enumerate(sorted({p.pair_inv[e] for e in candidates}))}
    st_rows = {
        s: len(inv_rows) + k for k, s in enumerate(sorted({p.pair_st[e] for e in candidates}))
    }
    n_rows = len(inv_rows) + len(st_rows) + 1
    n = len(candidates)
    rows = np.concatenate(
        [
            [inv_rows[p.pair_inv[e]] for e in candidates],
            [st_rows[p.pair_st[e]] for e in candidates],
            np.full(n, n_rows - 1),
        ]
    )
    cols = np.tile(np.arange(n), 3)
    matrix = coo_array((np.ones(3 * n), (rows, cols)), shape=(n_rows, n)).tocsr()
    limits = np.ones(n_rows)
    limits[-1] = room
    result = linprog(
        -np.asarray(weights),
        A_ub=matrix,
        b_ub=limits,
        bounds=(0, 1),
        method="highs-ds",
        options={"time_limit": max(deadline - time.monotonic(), 0.01)},
    )
    if result.status != 0:
        return []
    chosen = []
    used_inv: set[int] = set()
    used_st: set[int] = set()
    for k in np.flatnonzero(result.x > 0.5):
        e = candidates[int(k)]
        i, s = p.pair_inv[e], p.pair_st[e]
        if i in used_inv or s in used_st or len(chosen) >= room:
            continue
        used_inv.add(i)
        used_st.add(s)
        chosen.append(e)
    return chosen
