"""The demo-day meeting scheduler.

``schedule`` maximises ``100 x (startups with at least one meeting) + Σ (investor score +
startup score)`` over the meetings, under the rules of ``checker.check``, and proves how far
from the best possible it can be:

1. **Bound and pairs.** The pair relaxation (``relaxations.pair_selection``: each pair at
   most once, per-person limits, total table capacity, coverage bonus) is solved with HiGHS.
   Its optimum is an upper bound on every schedule; its integral solution names the pairs to
   seat.
2. **Slots.** The chosen pairs get slots one slot at a time by capped bipartite matchings
   (``assign.assign_slots``).
3. **Repair and improvement.** Pairs left without a slot are inserted by moving others;
   startups still without a meeting are covered through exchange chains; better-scored
   pairs are swapped in (``improve.Improver``).
4. **Exact model.** If a gap remains, the full time-indexed model (one binary per pair and
   common slot, ``relaxations.time_indexed``) is solved as a MIP with the time left. Its
   schedule replaces the heuristic one only if better; its proven bound tightens the
   reported one.

Steps 1-3 take at most half of ``time_limit`` (the pair relaxation a quarter), so a valid
schedule and bound exist early; step 4 uses the rest, stopping once optimal (HiGHS's
default relative gap, 1e-4). The reported ``upper_bound`` is the smallest bound proven and
holds for every schedule that keeps the pinned meetings. A step cut short by the clock falls
back to a weaker but still valid result; the whole call ends within a fraction of a second
of ``time_limit`` (HiGHS checks its clock only between steps).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from aihub.events.scheduling.assign import assign_slots
from aihub.events.scheduling.improve import Improver
from aihub.events.scheduling.instance import Instance, Meeting, PersonId
from aihub.events.scheduling.problem import COVERAGE_BONUS, Problem, build_problem
from aihub.events.scheduling.relaxations import pair_selection, time_indexed
from aihub.events.scheduling.timetable import Timetable

MIP_COLUMNS = 1_000_000
STEPS = ("bound", "slots", "improve", "exact")
"""The steps of ``schedule``, in order, as ``progress`` names them."""


@dataclass(frozen=True)
class Schedule:
    """A set of meetings with its objective, proven upper bound and relative gap.

    ``status`` is ``"optimal"`` when the objective reaches the bound, else ``"feasible"``.
    ``below_minimum`` lists the people (as ``("investor" | "startup", id)``) left with fewer
    meetings than their ``min_meetings`` wish.
    """

    meetings: tuple[Meeting, ...]
    objective: int
    upper_bound: int
    covered_startups: int
    total_score: int
    gap: float
    status: str
    below_minimum: tuple[tuple[str, PersonId], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The schedule in the file format of ``demoday_schedule`` (issue 8, plus ``gap``)."""
        return {
            "meetings": [
                {"investor": m.investor, "startup": m.startup, "slot": m.slot}
                for m in self.meetings
            ],
            "objective": self.objective,
            "upper_bound": self.upper_bound,
            "covered_startups": self.covered_startups,
            "total_score": self.total_score,
            "gap": round(self.gap, 6),
        }


def schedule(
    instance: Instance,
    *,
    time_limit: float = 60,
    previous: Schedule | None = None,
    exact: bool = True,
    progress: Callable[[str], None] | None = None,
) -> Schedule:
    """Schedule the meetings of ``instance`` within ``time_limit`` seconds (no side effects).

    With ``previous``, every previous meeting still valid under ``instance`` is kept in its
    slot (treated as pinned) and only the rest is optimised; the bound is then the bound of
    that constrained problem. ``exact=False`` skips step 4 (the MIP), leaving the schedule
    and bound of the decomposition alone. ``progress`` is called with the name of each step
    (``STEPS``) as it begins.
    """
    report = progress or (lambda _step: None)
    started = time.monotonic()
    deadline = started + time_limit

    def until(fraction: float) -> float:
        return min(deadline, started + fraction * time_limit)

    if previous is not None:
        instance = keep_in_place(instance, previous.meetings)
    problem = build_problem(instance)
    report("bound")
    selection = pair_selection(problem, time_limit=until(0.25) - time.monotonic())
    if selection is None:
        bound = problem.fixed_value + trivial_bound(problem)
        chosen = sorted(range(problem.n_pairs), key=lambda e: -problem.weight[e])
    else:
        bound = problem.fixed_value + selection.bound
        chosen = selection.pairs
    table = Timetable(problem)
    report("slots")
    leftovers = assign_slots(table, chosen, deadline=until(0.35))
    report("improve")
    improver = Improver(
        table,
        deadline=until(0.5),
        target=bound - problem.fixed_value,
        preferred=frozenset(problem.pair_st[e] for e in chosen),
    )
    improver.run(leftovers)
    meetings = table.placed()
    value = problem.fixed_value + table.value
    columns = sum(both.bit_count() for both in problem.common)
    if exact and value < bound and columns <= MIP_COLUMNS and deadline > time.monotonic():
        report("exact")
        solved = time_indexed(problem, deadline=deadline)
        if solved is not None:
            bound = min(bound, problem.fixed_value + solved.bound)
            if solved.value is not None and problem.fixed_value + solved.value > value:
                meetings = solved.meetings
    return _result(problem, meetings, bound)


def trivial_bound(problem: Problem) -> int:
    """A bound needing no solver: each startup's bonus plus its best pair scores."""
    total = 0
    for s, pairs in enumerate(problem.st_pairs):
        if pairs:
            best = sorted((problem.weight[e] for e in pairs), reverse=True)
            total += problem.bonus(s) + sum(best[: problem.st_cap[s]])
    return total


def keep_in_place(instance: Instance, meetings: Iterable[Meeting]) -> Instance:
    """``instance`` with every still-valid meeting of ``meetings`` added to its pinned ones.

    A meeting is kept if its people exist, may meet, are both available in its slot, and it
    fits beside the pins and the meetings kept before it (one meeting per person and slot,
    maxima, tables); the others are left out, in the order given.
    """
    pinned = list(instance.pinned)
    investors = {p.id: p for p in instance.investors}
    startups = {p.id: p for p in instance.startups}
    busy = {(m.investor, "i", m.slot) for m in pinned} | {(m.startup, "s", m.slot) for m in pinned}
    pairs = {(m.investor, m.startup) for m in pinned}
    per_inv = Counter(m.investor for m in pinned)
    per_st = Counter(m.startup for m in pinned)
    per_slot = Counter(m.slot for m in pinned)
    for m in meetings:
        investor, startup = investors.get(m.investor), startups.get(m.startup)
        if (
            investor is None
            or startup is None
            or not instance.can_meet(m.investor, m.startup)
            or (m.investor, m.startup) in pairs
            or m.slot not in investor.available
            or m.slot not in startup.available
            or (m.investor, "i", m.slot) in busy
            or (m.startup, "s", m.slot) in busy
            or per_inv[m.investor] >= investor.max_meetings
            or per_st[m.startup] >= startup.max_meetings
            or per_slot[m.slot] >= instance.tables
        ):
            continue
        pinned.append(m)
        pairs.add((m.investor, m.startup))
        busy |= {(m.investor, "i", m.slot), (m.startup, "s", m.slot)}
        per_inv[m.investor] += 1
        per_st[m.startup] += 1
        per_slot[m.slot] += 1
    return replace(instance, pinned=tuple(pinned))


def _result(problem: Problem, extra: list[tuple[int, int]], bound: int) -> Schedule:
    instance = problem.instance
    meetings = list(instance.pinned) + [problem.meeting(e, t) for e, t in extra]
    inv_order = {p.id: k for k, p in enumerate(instance.investors)}
    st_order = {p.id: k for k, p in enumerate(instance.startups)}
    meetings.sort(key=lambda m: (m.slot, inv_order[m.investor], st_order[m.startup]))
    covered = len({m.startup for m in meetings})
    total_score = sum(instance.score(m.investor, m.startup) for m in meetings)
    objective = COVERAGE_BONUS * covered + total_score
    per_inv = Counter(m.investor for m in meetings)
    per_st = Counter(m.startup for m in meetings)
    below = [("investor", p.id) for p in instance.investors if per_inv[p.id] < p.min_meetings]
    below += [("startup", p.id) for p in instance.startups if per_st[p.id] < p.min_meetings]
    return Schedule(
        meetings=tuple(meetings),
        objective=objective,
        upper_bound=bound,
        covered_startups=covered,
        total_score=total_score,
        gap=(bound - objective) / bound if bound else 0.0,
        status="optimal" if objective == bound else "feasible",
        below_minimum=tuple(below),
    )
