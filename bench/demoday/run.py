#!/usr/bin/env python3
"""Demo-day scheduler against the two baselines, on seeded instances up to 2,000 x 200 x 16.

For every instance of ``generator.suite`` (five sizes x scarce / balanced / abundant investor
time), runs the scheduler, first-come self-booking and greedy-by-score in the same process,
checks each result with the independent checker and prints, per method: the objective as a
percentage of the scheduler's proven upper bound, the startups left without a meeting, the
rule violations and the seconds taken. Exits non-zero if a target is missed: zero
violations, at least 99 % of the bound on every instance, at most 60 s for the largest.

    python bench/demoday/run.py [--seed 1] [--time-limit 60] [--only 2000x]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from generator import Spec, generate, suite  # noqa: E402 (needs the path set above)

from aihub.events.scheduling import (  # noqa: E402 (needs the path set above)
    Instance,
    Meeting,
    check,
    evaluate,
    greedy_by_score,
    parse_instance,
    schedule,
    self_booking,
)

TARGET_SHARE = 99.0
TARGET_SECONDS = 60.0
T = TypeVar("T")


@dataclass(frozen=True)
class Row:
    share: float
    uncovered: int
    violations: int
    seconds: float


def timed(run: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    value = run()
    return value, time.perf_counter() - started


def measure(instance: Instance, bound: int, meetings: Iterable[Meeting], seconds: float) -> Row:
    """Objective as a share of ``bound``, startups without a meeting, violations, seconds."""
    meetings = list(meetings)
    evaluation = evaluate(instance, meetings)
    return Row(
        share=100.0 * evaluation.objective / bound if bound else 100.0,
        uncovered=len(instance.startups) - evaluation.covered_startups,
        violations=len(check(instance, meetings)),
        seconds=seconds,
    )


def run_instance(spec: Spec, time_limit: float) -> tuple[Instance, int, list[Row]]:
    """The scheduler and both baselines on one instance, measured against the same bound."""
    instance = parse_instance(generate(spec))
    result, seconds = timed(lambda: schedule(instance, time_limit=time_limit))
    bound = result.upper_bound
    booked, booked_seconds = timed(lambda: self_booking(instance, seed=spec.seed))
    greedy, greedy_seconds = timed(lambda: greedy_by_score(instance))
    return (
        instance,
        bound,
        [
            measure(instance, bound, result.meetings, seconds),
            measure(instance, bound, booked, booked_seconds),
            measure(instance, bound, greedy, greedy_seconds),
        ],
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=TARGET_SECONDS)
    parser.add_argument("--only", default="", help="run the instances whose name contains this")
    args = parser.parse_args()

    methods = ("scheduler", "self-booking", "greedy by score")
    head = f"{'instance':<24} {'pairs':>6} {'bound':>8}"
    print(head + "".join(f" | {m:<28}" for m in methods))
    print(" " * len(head) + " | % bound  no mtg  viol      s" * len(methods))
    missed = []
    largest = max(s.startups * s.investors * s.slots for s in suite(args.seed))
    for spec in suite(args.seed):
        if args.only not in spec.name:
            continue
        instance, bound, rows = run_instance(spec, args.time_limit)
        label = f"{spec.name:<24} {len(instance.interests):>6} {bound:>8}"
        cells = "".join(
            f" | {r.share:6.2f}% {r.uncovered:>7} {r.violations:>5} {r.seconds:>6.1f}" for r in rows
        )
        print(label + cells, flush=True)
        solver = rows[0]
        if any(r.violations for r in rows):
            missed.append(f"{spec.name}: rule violations")
        if solver.share < TARGET_SHARE:
            missed.append(f"{spec.name}: scheduler at {solver.share:.2f}% of the bound")
        is_largest = spec.startups * spec.investors * spec.slots == largest
        if is_largest and solver.seconds > TARGET_SECONDS:
            missed.append(f"{spec.name}: scheduler took {solver.seconds:.0f} s")
    print()
    if missed:
        print("Targets missed:\n  " + "\n  ".join(missed))
        return 1
    print(
        f"Targets met: no violations, scheduler >= {TARGET_SHARE:.0f}% of the bound everywhere, "
        f"largest instance within {TARGET_SECONDS:.0f} s."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
