"""Seeded demo-day instances, from 50 startups x 20 investors x 8 slots to 2,000 x 200 x 16.

Each instance is a plain dict in the ``demoday_schedule`` file format. What varies:

* **Investor time** (``regime``): ``scarce`` (investors' maxima add up to about 0.6 seats
  per startup and they are free in about 45 % of the slots), ``balanced`` (1.2 seats, 70 %)
  or ``abundant`` (2.5 seats before the cap of one meeting per slot, 95 %).
* **Uneven availability**: people free all day, only in the morning, only in the afternoon
  or in a scattered pattern, with random holes.
* **Popular investors**: popularity falls off with rank and the top 5 % are five times as
  sought after, so a few investors receive most startups' wishes.
* Tables are 80 % of the investor count; a few pairs are refused ("no thanks") and a few
  interests carry a score of 0 on both sides.

The same ``seed`` always gives the same instance.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

REGIMES = {
    # investor seats per startup (before the slot cap), share of slots an investor is free
    "scarce": (0.6, 0.45),
    "balanced": (1.2, 0.7),
    "abundant": (2.5, 0.95),
}


@dataclass(frozen=True)
class Spec:
    startups: int
    investors: int
    slots: int
    regime: str
    seed: int

    @property
    def name(self) -> str:
        return f"{self.startups}x{self.investors}x{self.slots} {self.regime}"


def window(rng: random.Random, slots: int, fraction: float, holes: float) -> list[int]:
    """Slots free in a morning, afternoon, all-day or scattered pattern with random holes."""
    length = max(1, round(fraction * slots))
    pattern = rng.choices(["day", "morning", "afternoon", "scattered"], [5, 2, 2, 1])[0]
    if pattern == "scattered":
        chosen = set(rng.sample(range(slots), length))
    else:
        if pattern == "day":
            start = rng.randint(0, slots - length)
        elif pattern == "morning":
            start = 0
        else:
            start = slots - length
        chosen = set(range(start, start + length))
    kept = sorted(t for t in chosen if rng.random() >= holes)
    return kept or [min(chosen)]


def generate(spec: Spec) -> dict[str, Any]:
    """The instance described by ``spec`` (deterministic in ``spec.seed``)."""
    rng = random.Random(spec.seed)
    slots = spec.slots
    seats, fraction = REGIMES[spec.regime]
    per_investor = seats * spec.startups / spec.investors
    investors = []
    for k in range(spec.investors):
        available = window(rng, slots, min(1.0, fraction * rng.uniform(0.8, 1.2)), 0.1)
        max_meetings = min(slots, max(1, round(per_investor * rng.uniform(0.7, 1.3))))
        investors.append({"id": f"inv-{k}", "available": available, "max_meetings": max_meetings})
    startups = []
    for k in range(spec.startups):
        shape = rng.random()
        fraction = 1.0 if shape < 0.7 else 0.5
        available = window(rng, slots, fraction, 0.05)
        max_meetings = rng.randint(1, max(2, slots // 4))
        entry = {"id": f"st-{k}", "available": available, "max_meetings": max_meetings}
        if rng.random() < 0.3:
            entry["min_meetings"] = 1
        startups.append(entry)

    popularity = [1.0 / (rank + 1) ** 0.8 for rank in range(spec.investors)]
    for rank in range(max(1, spec.investors // 20)):
        popularity[rank] *= 5
    order = list(range(spec.investors))
    rng.shuffle(order)
    weights = [popularity[order[k]] for k in range(spec.investors)]

    scores: dict[tuple[int, int], list[int]] = {}
    for s in range(spec.startups):
        wanted = set()
        for _ in range(rng.randint(3, 10)):
            wanted.add(rng.choices(range(spec.investors), weights)[0])
        for i in wanted:
            scores.setdefault((i, s), [0, 0])[1] = rng.choices([1, 2, 3, 4, 5], [1, 2, 3, 3, 2])[0]
    quality = [rng.betavariate(2, 3) for _ in range(spec.startups)]
    rated = max(3, 3 * spec.startups // spec.investors)
    for i in range(spec.investors):
        for s in rng.sample(range(spec.startups), min(spec.startups, rng.randint(1, rated))):
            score = min(5, max(0, round(quality[s] * 6 + rng.gauss(0, 1))))
            scores.setdefault((i, s), [0, 0])[0] = score

    interest, blocked = [], []
    for (i, s), (investor_score, startup_score) in sorted(scores.items()):
        if investor_score == 0 and startup_score > 0 and rng.random() < 0.08:
            blocked.append({"investor": f"inv-{i}", "startup": f"st-{s}"})
        interest.append(
            {
                "investor": f"inv-{i}",
                "startup": f"st-{s}",
                "investor_score": investor_score,
                "startup_score": startup_score,
            }
        )
    return {
        "slots": slots,
        "tables": max(1, round(0.8 * spec.investors)),
        "investors": investors,
        "startups": startups,
        "interest": interest,
        "blocked": blocked,
    }


SIZES = [
    (50, 20, 8),
    (200, 40, 10),
    (500, 80, 12),
    (1000, 120, 16),
    (2000, 200, 16),
]


def suite(seed: int = 1) -> list[Spec]:
    """The benchmark's instances: every size in every regime."""
    return [
        Spec(startups, investors, slots, regime, seed * 1000 + k)
        for k, (startups, investors, slots) in enumerate(SIZES)
        for regime in REGIMES
    ]
