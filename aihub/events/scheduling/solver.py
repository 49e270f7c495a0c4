"""The demo-day meeting scheduler.

``schedule`` maximises ``100 × (startups with at least one meeting) + Σ (investor score +
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
4. **Tighter proof.** If a gap remains and the full time-indexed model is small enough, it
   is solved exactly as a MIP (which may also improve the schedule), or else as an LP whose
   value is a tighter bound than the pair relaxation's.

The reported ``upper_bound`` is the smallest of the bounds proven; it is valid for every
schedule that keeps the pinned meetings. Everything runs within ``time_limit`` seconds of
wall-clock time (a step cut short falls back to a weaker but still valid result).
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from aihub.events.scheduling.assign import assign_slots
from aihub.events.scheduling.improve import Improver
from aihub.events.scheduling.instance import Instance, Meeting, PersonId
from aihub.events.scheduling.problem import COVERAGE_BONUS, Problem, build_problem
from aihub.events.scheduling.relaxations import pair_selection, time_indexed
from aihub.events.scheduling.timetable import Timetable

EXACT_COLUMNS = 6_000
LP_COLUMNS = 400_000


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
        """The schedule in the file format of ``demoday_schedule``."""
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
            "status": self.status,
            "below_minimum": [{"side": side, "id": pid} for side, pid in self.below_minimum],
        }


def schedule(
    instance: Instance, *, time_limit: float = 60, previous: Schedule | None = None
) -> Schedule:
    """Schedule the meetings of ``instance`` within ``time_limit`` seconds (no side effects).

    With ``previous``, every previous meeting still valid under ``instance`` is kept in its
    slot (treated as pinned) and only the rest is optimised; the bound is then the bound of
    that constrained problem.
    """
    deadline = time.monotonic() + time_limit
    if previous is not None:
        instance = keep_in_place(instance, previous.meetings)
    problem = build_problem(instance)
    table = Timetable(problem)
    selection = pair_selection(problem, time_limit=_share(deadline, 0.4))
    if selection is None:
        bound = problem.fixed_value + trivial_bound(problem)
        chosen = sorted(range(problem.n_pairs), key=lambda e: -problem.weight[e])
    else:
        bound = problem.fixed_value + selection.bound
        chosen = selection.pairs
    leftovers = assign_slots(table, chosen, deadline=time.monotonic() + _share(deadline, 0.5))
    Improver(table, deadline=time.monotonic() + _share(deadline, 0.6)).run(leftovers)
    table.forget()
    meetings = [(e, t) for e, t in table.placed()]
    value = problem.fixed_value + table.value
    if value < bound:
        columns = sum(both.bit_count() for both in problem.common)
        remaining = deadline - time.monotonic()
        if columns <= EXACT_COLUMNS and remaining > 0:
            exact = time_indexed(problem, integral=True, time_limit=remaining)
            if exact is not None:
                bound = min(bound, problem.fixed_value + exact.bound)
                if exact.value is not None and problem.fixed_value + exact.value > value:
                    meetings, value = exact.meetings, problem.fixed_value + exact.value
        elif columns <= LP_COLUMNS and remaining > 0:
            relaxed = time_indexed(problem, integral=False, time_limit=remaining)
            if relaxed is not None:
                bound = min(bound, problem.fixed_value + relaxed.bound)
    return _result(problem, meetings, bound)


def trivial_bound(problem: Problem) -> int:
    """A bound needing no solver: each startup's bonus plus its best pair scores."""
    total = 0
    for s, pairs in enumerate(problem.st_pairs):
        if pairs:
            best = sorted((problem.weight[e] for e in pairs), reverse=True)
            total += problem.bonus(s) + sum(best[: problem.st_cap[s]])
    return total


def keep_in_place(instance: Instance, meetings: tuple[Meeting, ...] | list[Meeting]) -> Instance:
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


def _share(deadline: float, fraction: float) -> float:
    return max(deadline - time.monotonic(), 0.0) * fraction


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
