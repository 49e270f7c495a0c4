"""Local improvement of a timetable: repairs, coverage chains and score exchanges.

Every step is tried on the timetable and kept only if it raises its value (or, for a pure
placement, keeps every rule); otherwise it is rolled back through the timetable's journal.

* ``insert`` places a pair, first in a free slot, else after moving the meetings that block
  it (the investor's, the startup's, or one of a full slot's) to other slots, recursively up
  to a small depth.
* ``cover`` gives a startup without meetings its first meeting: with an investor who has
  room, or by taking the place of a meeting whose startup keeps another one, or whose
  startup can in turn be covered elsewhere (an augmenting chain).
* ``exchange`` swaps the cheapest meetings of two people for a better-scored pair.
"""

from __future__ import annotations

import time

from aihub.events.scheduling.problem import slots_of
from aihub.events.scheduling.timetable import Timetable

MOVE_DEPTH = 2
CHAIN_DEPTH = 3


class Improver:
    """Improvement moves on one timetable, stopping when ``deadline`` passes."""

    def __init__(self, table: Timetable, *, deadline: float) -> None:
        self.table = table
        self.problem = table.problem
        self.deadline = deadline

    def expired(self) -> bool:
        return time.monotonic() > self.deadline

    def run(self, leftovers: list[int]) -> None:
        """Place ``leftovers`` where possible, then cover and exchange until nothing improves."""
        for e in sorted(leftovers, key=lambda e: -self.table.gain(e)):
            if self.expired():
                return
            if self.table.slot_of[e] < 0 and self.table.has_room(e):
                self.insert(e)
        improved = True
        while improved and not self.expired():
            improved = self.cover_all()
            improved = self.exchange_all() or improved

    def insert(self, e: int, depth: int = MOVE_DEPTH) -> bool:
        """Place unplaced pair ``e``, moving blocking meetings if needed; False if impossible."""
        table = self.table
        if not table.has_room(e):
            return False
        free = table.free_slots(e)
        if free:
            table.place(e, table.quiet_slot(free))
            return True
        if depth == 0:
            return False
        for t in slots_of(self.problem.common[e]):
            mark = table.mark()
            if self._clear(self.problem.pair_inv[e], self.problem.pair_st[e], t, depth, {e}):
                table.place(e, t)
                return True
            table.rollback(mark)
        return False

    def _relocate(self, e: int, depth: int, frozen: set[int]) -> bool:
        table = self.table
        free = table.free_slots(e)
        if free:
            table.move(e, table.quiet_slot(free))
            return True
        if depth == 0:
            return False
        frozen.add(e)
        try:
            here = 1 << table.slot_of[e]
            for t in slots_of(self.problem.common[e] & ~here):
                mark = table.mark()
                if self._clear(self.problem.pair_inv[e], self.problem.pair_st[e], t, depth, frozen):
                    table.move(e, t)
                    return True
                table.rollback(mark)
            return False
        finally:
            frozen.discard(e)

    def _clear(self, i: int, s: int, t: int, depth: int, frozen: set[int]) -> bool:
        """Free investor ``i``, startup ``s`` and one table in slot ``t`` by moving meetings."""
        table = self.table
        for blocker in (table.inv_at[i].get(t), table.st_at[s].get(t)):
            if blocker is None or table.slot_of[blocker] != t:
                continue
            if blocker in frozen or not self._relocate(blocker, depth - 1, frozen):
                return False
        if table.load[t] < self.problem.tables[t]:
            return True
        for other in sorted(table.at_slot[t]):
            if other not in frozen and self._relocate(other, 0, frozen):
                return True
        return False

    def cover_all(self) -> bool:
        """Try to give every startup without a meeting its first one; True if any got one."""
        table, p = self.table, self.problem
        waiting = [
            s for s in range(len(p.st_cap))
            if table.st_count[s] == 0 and p.bonus(s) and p.st_cap[s] > 0 and p.st_pairs[s]
        ]
        waiting.sort(key=lambda s: (len(p.st_pairs[s]), s))
        improved = False
        for s in waiting:
            if self.expired():
                break
            if table.st_count[s] == 0:
                before, mark = table.value, table.mark()
                if self.cover(s, CHAIN_DEPTH, {s}) and table.value > before:
                    improved = True
                else:
                    table.rollback(mark)
        return improved

    def cover(self, s: int, depth: int, visited: set[int]) -> bool:
        """Give startup ``s`` a meeting, displacing others along a chain of ``depth`` steps."""
        table, p = self.table, self.problem
        options = sorted(p.st_pairs[s], key=lambda e: -p.weight[e])
        for e in options:
            if table.inv_count[p.pair_inv[e]] < p.inv_cap[p.pair_inv[e]] and self.insert(e):
                return True
        for e in options:
            for victim in self._victims(e):
                other = p.pair_st[victim]
                if other in visited and table.st_count[other] == 1:
                    continue
                mark = table.mark()
                table.remove(victim)
                if self.insert(e):
                    if table.st_count[other] > 0 or not p.bonus(other):
                        return True
                    if depth > 0 and self.cover(other, depth - 1, visited | {other}):
                        return True
                table.rollback(mark)
                if self.expired():
                    return False
        return False

    def _victims(self, e: int) -> list[int]:
        """Meetings whose removal could make room for pair ``e``, cheapest first."""
        table, p = self.table, self.problem
        i = p.pair_inv[e]
        found: set[int] = set()
        if table.inv_count[i] >= p.inv_cap[i]:
            found.update(table.inv_at[i].values())
        else:
            for t in slots_of(p.common[e]):
                if table.load[t] >= p.tables[t] or t in table.inv_at[i]:
                    found.update(table.at_slot[t] if t not in table.inv_at[i]
                                 else {table.inv_at[i][t]})
        return sorted(found, key=lambda f: (table.loss(f), f))[:8]

    def exchange_all(self) -> bool:
        """Place or swap in better-scored pairs; True if the value rose."""
        table, p = self.table, self.problem
        improved = False
        unplaced = [e for e in range(p.n_pairs) if table.slot_of[e] < 0]
        unplaced.sort(key=lambda e: (-p.weight[e], e))
        for e in unplaced:
            if self.expired():
                break
            if table.slot_of[e] >= 0:
                continue
            before, mark = table.value, table.mark()
            if self._exchange(e) and table.value > before:
                improved = True
            else:
                table.rollback(mark)
        return improved

    def _exchange(self, e: int) -> bool:
        table, p = self.table, self.problem
        i, s = p.pair_inv[e], p.pair_st[e]
        gain = table.gain(e)
        if table.inv_count[i] >= p.inv_cap[i]:
            cheapest = min(table.inv_at[i].values(), key=lambda f: (table.loss(f), f))
            if table.loss(cheapest) >= gain:
                return False
            table.remove(cheapest)
        if table.st_count[s] >= p.st_cap[s]:
            cheapest = min(table.st_at[s].values(), key=lambda f: (table.loss(f), f))
            if table.loss(cheapest) >= table.gain(e):
                return False
            table.remove(cheapest)
        return self.insert(e, depth=1)
