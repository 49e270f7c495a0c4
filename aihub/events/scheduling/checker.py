"""An independent check of a schedule against every rule, and its objective.

Written apart from the solver on purpose: it reads only the ``Instance`` (no index form,
no bit masks) and counts with plain dictionaries, so a bug in the solver's bookkeeping
cannot hide itself here. Used by the tests, the benchmark and anyone handed a schedule.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from aihub.events.scheduling.instance import Instance, Meeting

COVERAGE_WEIGHT = 100


@dataclass(frozen=True)
class Evaluation:
    objective: int
    covered_startups: int
    total_score: int


def evaluate(instance: Instance, meetings: Iterable[Meeting]) -> Evaluation:
    """``100 x (startups with a meeting) + Σ (investor score + startup score)``.

    Meetings of pairs without an interest entry count with score 0; the rules are not
    checked here (see ``check``).
    """
    scores = {
        (entry.investor, entry.startup): entry.investor_score + entry.startup_score
        for entry in instance.interests
    }
    meetings = list(meetings)
    covered = len({m.startup for m in meetings})
    total = sum(scores.get((m.investor, m.startup), 0) for m in meetings)
    return Evaluation(COVERAGE_WEIGHT * covered + total, covered, total)


def check(instance: Instance, meetings: Iterable[Meeting]) -> list[str]:
    """Every rule the meetings break, as readable sentences; empty when the schedule is valid.

    Rules: known people and slots; the pair is not refused or forbidden and its scores add up
    to more than 0; a pair meets at most once; both people are available in the slot; each
    person has at most one meeting per slot and at most ``max_meetings``; a slot holds at
    most ``tables`` meetings; every pinned meeting is present.
    """
    investors = {p.id: p for p in instance.investors}
    startups = {p.id: p for p in instance.startups}
    scores = {
        (entry.investor, entry.startup): entry.investor_score + entry.startup_score
        for entry in instance.interests
    }
    problems: list[str] = []
    pairs: Counter[tuple[object, object]] = Counter()
    investor_slots: Counter[tuple[object, int]] = Counter()
    startup_slots: Counter[tuple[object, int]] = Counter()
    per_investor: Counter[object] = Counter()
    per_startup: Counter[object] = Counter()
    per_slot: Counter[int] = Counter()
    present = set()
    for m in meetings:
        label = f"Meeting of investor {m.investor!r} and startup {m.startup!r} in slot {m.slot}"
        investor, startup = investors.get(m.investor), startups.get(m.startup)
        if investor is None:
            problems.append(f"{label}: unknown investor.")
        if startup is None:
            problems.append(f"{label}: unknown startup.")
        if not isinstance(m.slot, int) or not 0 <= m.slot < instance.slots:
            problems.append(f"{label}: the slot is outside 0..{instance.slots - 1}.")
            continue
        if investor is None or startup is None:
            continue
        pair = (m.investor, m.startup)
        present.add((m.investor, m.startup, m.slot))
        if pair in instance.blocked:
            problems.append(f"{label}: the pair refused to meet.")
        if pair in instance.forbidden:
            problems.append(f"{label}: staff forbade this pair.")
        if scores.get(pair, 0) <= 0:
            problems.append(f"{label}: the two scores do not add up to more than 0.")
        if m.slot not in investor.available:
            problems.append(f"{label}: the investor is not available then.")
        if m.slot not in startup.available:
            problems.append(f"{label}: the startup is not available then.")
        pairs[pair] += 1
        investor_slots[m.investor, m.slot] += 1
        startup_slots[m.startup, m.slot] += 1
        per_investor[m.investor] += 1
        per_startup[m.startup] += 1
        per_slot[m.slot] += 1
    for (investor_id, startup_id), n in pairs.items():
        if n > 1:
            problems.append(
                f"Investor {investor_id!r} and startup {startup_id!r} meet {n} times "
                "(at most once)."
            )
    for side, counts in (("Investor", investor_slots), ("Startup", startup_slots)):
        for (person, slot), n in counts.items():
            if n > 1:
                problems.append(f"{side} {person!r} has {n} meetings in slot {slot}.")
    for side, people, counts in (
        ("Investor", investors, per_investor),
        ("Startup", startups, per_startup),
    ):
        for person, n in counts.items():
            if n > people[person].max_meetings:
                problems.append(
                    f"{side} {person!r} has {n} meetings, above its maximum of "
                    f"{people[person].max_meetings}."
                )
    for slot, n in sorted(per_slot.items()):
        if n > instance.tables:
            problems.append(f"Slot {slot} has {n} meetings for {instance.tables} tables.")
    for pin in instance.pinned:
        if (pin.investor, pin.startup, pin.slot) not in present:
            problems.append(
                f"Pinned meeting of investor {pin.investor!r} and startup {pin.startup!r} in "
                f"slot {pin.slot} is missing."
            )
    return problems
