"""Two simple ways of filling a demo day, to compare the scheduler with.

* ``self_booking`` — what event apps do: startups arrive in random order and each books its
  favourite investors (highest startup score first) in the earliest slot both still have
  free, while tables, the investor's maximum and its own maximum allow.
* ``greedy_by_score`` — staff sort all allowed pairs by their summed score and seat each in
  the earliest slot that still fits.

Both keep the pinned meetings, obey every rule and have no side effects.
"""

from __future__ import annotations

import random
from collections import Counter

from aihub.events.scheduling.instance import Instance, Meeting, PersonId


class _Board:
    """Who is busy when, how many meetings each person has, how full each slot is."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.meetings: list[Meeting] = []
        self.busy: set[tuple[str, PersonId, int]] = set()
        self.pairs: set[tuple[PersonId, PersonId]] = set()
        self.count: Counter[tuple[str, PersonId]] = Counter()
        self.load: Counter[int] = Counter()
        for pin in instance.pinned:
            self.add(Meeting(pin.investor, pin.startup, pin.slot))

    def add(self, meeting: Meeting) -> None:
        self.meetings.append(meeting)
        self.busy |= {("i", meeting.investor, meeting.slot), ("s", meeting.startup, meeting.slot)}
        self.pairs.add((meeting.investor, meeting.startup))
        self.count["i", meeting.investor] += 1
        self.count["s", meeting.startup] += 1
        self.load[meeting.slot] += 1

    def book(self, investor: PersonId, startup: PersonId) -> bool:
        """Seat the pair in the earliest slot that fits; False if none does."""
        inst = self.instance
        investor_person, startup_person = inst.investor(investor), inst.startup(startup)
        if (
            (investor, startup) in self.pairs
            or not inst.can_meet(investor, startup)
            or self.count["i", investor] >= investor_person.max_meetings
            or self.count["s", startup] >= startup_person.max_meetings
        ):
            return False
        for slot in sorted(investor_person.available & startup_person.available):
            if (
                self.load[slot] < inst.tables
                and ("i", investor, slot) not in self.busy
                and ("s", startup, slot) not in self.busy
            ):
                self.add(Meeting(investor, startup, slot))
                return True
        return False


def self_booking(instance: Instance, *, seed: int = 0) -> list[Meeting]:
    """First-come self-booking by the startups, in an order drawn from ``seed``."""
    rng = random.Random(seed)
    board = _Board(instance)
    wishes: dict[PersonId, list[tuple[int, float, PersonId]]] = {}
    for entry in instance.interests:
        if entry.startup_score > 0:
            wishes.setdefault(entry.startup, []).append(
                (-entry.startup_score, rng.random(), entry.investor)
            )
    order = [p.id for p in instance.startups]
    rng.shuffle(order)
    for startup in order:
        for _, _, investor in sorted(wishes.get(startup, [])):
            if board.count["s", startup] >= instance.startup(startup).max_meetings:
                break
            board.book(investor, startup)
    return board.meetings


def greedy_by_score(instance: Instance) -> list[Meeting]:
    """Seat pairs by decreasing summed score (ties in the order of the interests)."""
    board = _Board(instance)
    ranked = sorted(enumerate(instance.interests), key=lambda item: (-item[1].score, item[0]))
    for _, entry in ranked:
        if entry.score > 0:
            board.book(entry.investor, entry.startup)
    return board.meetings
