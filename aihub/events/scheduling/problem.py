"""The instance in index form, with the pinned meetings taken out.

Investors and startups become indices, slot sets become bit masks (bit ``t`` set means slot
``t``), and the pinned meetings are subtracted: their slots, their share of each person's
maximum and their tables are gone from what remains to schedule. Only the pairs that may
still meet somewhere are kept ("eligible" pairs), each with its score and the mask of slots
where both sides are free.
"""

from __future__ import annotations

from dataclasses import dataclass

from aihub.events.scheduling.instance import Instance, Meeting

COVERAGE_BONUS = 100


@dataclass(frozen=True)
class Problem:
    """What is left to schedule once the pinned meetings are placed.

    ``value`` of a set of extra meetings is ``COVERAGE_BONUS`` per newly covered startup
    (one without a pinned meeting) plus their scores; ``fixed_value`` is the pinned part.
    """

    instance: Instance
    slots: int
    tables: tuple[int, ...]
    inv_avail: tuple[int, ...]
    st_avail: tuple[int, ...]
    inv_cap: tuple[int, ...]
    st_cap: tuple[int, ...]
    pinned_covered: tuple[bool, ...]
    pinned: tuple[tuple[int, int, int], ...]
    pair_inv: tuple[int, ...]
    pair_st: tuple[int, ...]
    weight: tuple[int, ...]
    common: tuple[int, ...]
    inv_pairs: tuple[tuple[int, ...], ...]
    st_pairs: tuple[tuple[int, ...], ...]
    fixed_value: int

    @property
    def n_pairs(self) -> int:
        return len(self.weight)

    @property
    def all_slots(self) -> int:
        return (1 << self.slots) - 1

    def bonus(self, startup: int) -> int:
        """The coverage bonus a first extra meeting of ``startup`` earns (0 if pinned)."""
        return 0 if self.pinned_covered[startup] else COVERAGE_BONUS

    def meeting(self, pair: int, slot: int) -> Meeting:
        investor = self.instance.investors[self.pair_inv[pair]].id
        startup = self.instance.startups[self.pair_st[pair]].id
        return Meeting(investor, startup, slot)


def mask(slots: frozenset[int] | set[int]) -> int:
    result = 0
    for slot in slots:
        result |= 1 << slot
    return result


def slots_of(bits: int) -> list[int]:
    """The slots set in ``bits``, in increasing order."""
    result = []
    while bits:
        low = bits & -bits
        result.append(low.bit_length() - 1)
        bits ^= low
    return result


def build_problem(instance: Instance) -> Problem:
    """Index ``instance`` and subtract its pinned meetings (no side effects)."""
    inv_index = {p.id: k for k, p in enumerate(instance.investors)}
    st_index = {p.id: k for k, p in enumerate(instance.startups)}
    tables = [instance.tables] * instance.slots
    inv_avail = [mask(p.available) for p in instance.investors]
    st_avail = [mask(p.available) for p in instance.startups]
    inv_cap = [p.max_meetings for p in instance.investors]
    st_cap = [p.max_meetings for p in instance.startups]
    covered = [False] * len(instance.startups)
    pinned = []
    fixed_value = 0
    pinned_pairs = set()
    for meeting in instance.pinned:
        i, s, t = inv_index[meeting.investor], st_index[meeting.startup], meeting.slot
        pinned.append((i, s, t))
        pinned_pairs.add((i, s))
        tables[t] -= 1
        inv_avail[i] &= ~(1 << t)
        st_avail[s] &= ~(1 << t)
        inv_cap[i] -= 1
        st_cap[s] -= 1
        fixed_value += instance.score(meeting.investor, meeting.startup)
        if not covered[s]:
            covered[s] = True
            fixed_value += COVERAGE_BONUS
    open_slots = mask({t for t in range(instance.slots) if tables[t] > 0})
    pair_inv, pair_st, weight, common = [], [], [], []
    inv_pairs: list[list[int]] = [[] for _ in instance.investors]
    st_pairs: list[list[int]] = [[] for _ in instance.startups]
    for interest in instance.interests:
        i, s = inv_index[interest.investor], st_index[interest.startup]
        if (i, s) in pinned_pairs or not instance.can_meet(interest.investor, interest.startup):
            continue
        both = inv_avail[i] & st_avail[s] & open_slots
        if not both or inv_cap[i] <= 0 or st_cap[s] <= 0:
            continue
        inv_pairs[i].append(len(weight))
        st_pairs[s].append(len(weight))
        pair_inv.append(i)
        pair_st.append(s)
        weight.append(interest.score)
        common.append(both)
    return Problem(
        instance=instance,
        slots=instance.slots,
        tables=tuple(tables),
        inv_avail=tuple(inv_avail),
        st_avail=tuple(st_avail),
        inv_cap=tuple(inv_cap),
        st_cap=tuple(st_cap),
        pinned_covered=tuple(covered),
        pinned=tuple(pinned),
        pair_inv=tuple(pair_inv),
        pair_st=tuple(pair_st),
        weight=tuple(weight),
        common=tuple(common),
        inv_pairs=tuple(map(tuple, inv_pairs)),
        st_pairs=tuple(map(tuple, st_pairs)),
        fixed_value=fixed_value,
    )
