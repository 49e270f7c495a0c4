"""A mutable timetable of extra meetings over a ``Problem``, with undo.

Every change (place, remove, move) is checked against the rules it can break — person busy
in the slot, person at their maximum, table capacity, pair availability — and recorded in a
journal, so compound changes can be tried and rolled back with ``mark`` / ``rollback``.
"""

from __future__ import annotations

from aihub.events.scheduling.problem import Problem, slots_of


class Timetable:
    """The extra meetings placed so far; ``value`` is their objective contribution."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        n_inv, n_st = len(problem.inv_cap), len(problem.st_cap)
        self.slot_of = [-1] * problem.n_pairs
        self.inv_busy = [0] * n_inv
        self.st_busy = [0] * n_st
        self.inv_at: list[dict[int, int]] = [{} for _ in range(n_inv)]
        self.st_at: list[dict[int, int]] = [{} for _ in range(n_st)]
        self.at_slot: list[set[int]] = [set() for _ in range(problem.slots)]
        self.load = [0] * problem.slots
        self.full = sum(1 << t for t in range(problem.slots) if problem.tables[t] <= 0)
        self.inv_count = [0] * n_inv
        self.st_count = [0] * n_st
        self.value = 0
        self._journal: list[tuple[int, int]] = []

    def placed(self) -> list[tuple[int, int]]:
        """The placed meetings as ``(pair, slot)``, ordered by slot then pair."""
        return sorted(
            ((e, t) for e, t in enumerate(self.slot_of) if t >= 0), key=lambda m: (m[1], m[0])
        )

    def has_room(self, e: int) -> bool:
        """Whether both people of pair ``e`` are below their maximum."""
        p = self.problem
        return (
            self.inv_count[p.pair_inv[e]] < p.inv_cap[p.pair_inv[e]]
            and self.st_count[p.pair_st[e]] < p.st_cap[p.pair_st[e]]
        )

    def free_slots(self, e: int) -> int:
        """Mask of the slots where pair ``e`` could be placed or moved right now."""
        p = self.problem
        busy = self.inv_busy[p.pair_inv[e]] | self.st_busy[p.pair_st[e]] | self.full
        return p.common[e] & ~busy

    def gain(self, e: int) -> int:
        """What placing unplaced pair ``e`` would add to ``value``."""
        s = self.problem.pair_st[e]
        return self.problem.weight[e] + (self.problem.bonus(s) if self.st_count[s] == 0 else 0)

    def loss(self, e: int) -> int:
        """What removing placed pair ``e`` would take from ``value``."""
        s = self.problem.pair_st[e]
        return self.problem.weight[e] + (self.problem.bonus(s) if self.st_count[s] == 1 else 0)

    def quiet_slot(self, free: int) -> int:
        """Among the slots in mask ``free``, the one with the most free tables (lowest first)."""
        tables = self.problem.tables
        return max(slots_of(free), key=lambda t: (tables[t] - self.load[t], -t))

    def place(self, e: int, t: int) -> None:
        if self.slot_of[e] >= 0 or not self.has_room(e) or not self.free_slots(e) >> t & 1:
            raise ValueError(f"pair {e} cannot be placed in slot {t}")
        self._put(e, t)
        self._journal.append((e, -1))

    def remove(self, e: int) -> None:
        t = self.slot_of[e]
        if t < 0:
            raise ValueError(f"pair {e} is not placed")
        self._take(e)
        self._journal.append((e, t))

    def move(self, e: int, t: int) -> None:
        old = self.slot_of[e]
        if old < 0 or not self.free_slots(e) >> t & 1:
            raise ValueError(f"pair {e} cannot move to slot {t}")
        self._take(e)
        self._put(e, t)
        self._journal.append((e, old))

    def mark(self) -> int:
        return len(self._journal)

    def rollback(self, mark: int) -> None:
        """Undo every change made since ``mark``."""
        while len(self._journal) > mark:
            e, old = self._journal.pop()
            if self.slot_of[e] >= 0:
                self._take(e)
            if old >= 0:
                self._put(e, old)

    def forget(self) -> None:
        """Drop the journal (the current state becomes the new starting point)."""
        self._journal.clear()

    def _put(self, e: int, t: int) -> None:
        p = self.problem
        i, s, bit = p.pair_inv[e], p.pair_st[e], 1 << t
        self.slot_of[e] = t
        self.inv_busy[i] |= bit
        self.st_busy[s] |= bit
        self.inv_at[i][t] = e
        self.st_at[s][t] = e
        self.at_slot[t].add(e)
        self.load[t] += 1
        if self.load[t] >= p.tables[t]:
            self.full |= bit
        if self.st_count[s] == 0:
            self.value += p.bonus(s)
        self.inv_count[i] += 1
        self.st_count[s] += 1
        self.value += p.weight[e]

    def _take(self, e: int) -> None:
        p = self.problem
        i, s, t = p.pair_inv[e], p.pair_st[e], self.slot_of[e]
        bit = 1 << t
        self.slot_of[e] = -1
        self.inv_busy[i] &= ~bit
        self.st_busy[s] &= ~bit
        del self.inv_at[i][t]
        del self.st_at[s][t]
        self.at_slot[t].discard(e)
        self.load[t] -= 1
        self.full &= ~bit
        self.inv_count[i] -= 1
        self.st_count[s] -= 1
        if self.st_count[s] == 0:
            self.value -= p.bonus(s)
        self.value -= p.weight[e]
