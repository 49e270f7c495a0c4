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
COVER_EFFORTS = (300, 3_000)


class Improver:
    """Improvement moves on one timetable, stopping when ``deadline`` passes."""

    def __init__(
        self,
        table: Timetable,
        *,
        deadline: float,
        target: int | None = None,
        preferred: frozenset[int] = frozenset(),
    ) -> None:
        self.table = table
        self.problem = table.problem
        self.deadline = deadline
        self.target = target
        self.preferred = preferred
        self.effort: int | None = None

    def expired(self) -> bool:
        """Whether to stop: past the deadline, or the value reached the proven ``target``."""
        reached = self.target is not None and self.table.value >= self.target
        return reached or time.monotonic() > self.deadline

    def run(self, leftovers: list[int]) -> None:
        """Place ``leftovers`` where possible, then cover and exchange until nothing improves.

        Covering attempts get more effort each time a round finds nothing (``COVER_EFFORTS``).
        Stops early at the deadline or once the value reaches ``target`` (an upper bound).
        """
        for e in sorted(leftovers, key=lambda e: -self.table.gain(e)):
            if self.expired():
                return
            if self.table.slot_of[e] < 0 and self.table.has_room(e):
                self.insert(e)
        self.table.forget()
        level = 0
        while not self.expired():
            improved = self.cover_all(COVER_EFFORTS[level])
            improved = self.exchange_all() or improved
            if not improved:
                if level + 1 == len(COVER_EFFORTS):
                    return
                level += 1

    def insert(self, e: int, depth: int = MOVE_DEPTH) -> bool:
        """Place unplaced pair ``e``, moving blocking meetings if needed; False if impossible."""
        table = self.table
        if not self._spend():
            return False
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

    def _spend(self) -> bool:
        """Count one step against the current effort limit; False once it is used up."""
        if self.effort is None:
            return True
        self.effort -= 1
        return self.effort >= 0

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
        if not self._spend():
            return False
        for blocker in (table.inv_at[i].get(t), table.st_at[s].get(t)):
            if blocker is None or table.slot_of[blocker] != t:
                continue
            if blocker in frozen or not self._relocate(blocker, depth - 1, frozen):
                return False
        if table.load[t] < self.problem.tables[t]:
            return True
        for other in table.at_slot[t]:
            free = table.free_slots(other)
            if free and other not in frozen:
                table.move(other, table.quiet_slot(free))
                return True
        return False

    def cover_all(self, effort: int) -> bool:
        """Try to give every startup without a meeting its first one; True if any got one.

        Startups in ``preferred`` go first; each attempt may take at most ``effort``
        insertion and clearing steps, so hopeless startups cost little.
        """
        table, p = self.table, self.problem
        waiting = [
            s
            for s in range(len(p.st_cap))
            if table.st_count[s] == 0 and p.bonus(s) and p.st_cap[s] > 0 and p.st_pairs[s]
        ]
        waiting.sort(key=lambda s: (s not in self.preferred, len(p.st_pairs[s]), s))
        improved = False
        for s in waiting:
            if self.expired():
                break
            if table.st_count[s] == 0:
                before, mark = table.value, table.mark()
                self.effort = effort
                try:
                    covered = self.cover(s, CHAIN_DEPTH, {s})
                finally:
                    self.effort = None
                if covered and table.value > before:
                    improved = True
                    table.forget()
                else:
                    table.rollback(mark)
        return improved

    def cover(self, s: int, depth: int, visited: set[int]) -> bool:
        """Give startup ``s`` a meeting, displacing others along a chain of ``depth`` steps.

        ``visited`` (shared by the whole search, so each startup is displaced at most once)
        keeps the search linear in the number of startups.
        """
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
                visited.add(other)
                mark = table.mark()
                table.remove(victim)
                if self.insert(e):
                    if table.st_count[other] > 0 or not p.bonus(other):
                        return True
                    if depth > 0 and self.cover(other, depth - 1, visited):
                        return True
                table.rollback(mark)
                if self.expired():
                    return False
        return False

    def _victims(self, e: int) -> list[int]:
        """Meetings whose removal could make room for pair ``e``, cheapest first.

        Those of its investor when the investor is at their maximum; otherwise the
        investor's meetings in the pair's slots and the meetings of the pair's full slots.
        """
        table, p = self.table, self.problem
        i = p.pair_inv[e]
        found: set[int] = set()
        if table.inv_count[i] >= p.inv_cap[i]:
            found.update(table.inv_at[i].values())
        else:
            for t in slots_of(p.common[e]):
                if t in table.inv_at[i]:
                    found.add(table.inv_at[i][t])
                elif table.load[t] >= p.tables[t]:
                    found.update(table.at_slot[t])
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
                table.forget()
            else:
                table.rollback(mark)
        return improved

    def _exchange(self, e: int) -> bool:
        """Place ``e`` after removing the cheapest meeting of each of its people at maximum."""
        table, p = self.table, self.problem
        i, s = p.pair_inv[e], p.pair_st[e]
        full = []
        if table.inv_count[i] >= p.inv_cap[i]:
            full.append(table.inv_at[i])
        if table.st_count[s] >= p.st_cap[s]:
            full.append(table.st_at[s])
        gain, lost = table.gain(e), 0
        for meetings in full:
            cheapest = min(meetings.values(), key=lambda f: (table.loss(f), f))
            lost += table.loss(cheapest)
            if lost >= gain:
                return False
            table.remove(cheapest)
        return self.insert(e, depth=1)
