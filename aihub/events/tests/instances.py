"""Instance data for the scheduling tests: one small hand-made day and seeded random ones."""

import random
from typing import Any


def small_day() -> dict[str, Any]:
    """Two investors, three startups, three slots, two tables; every rule has a use."""
    return {
        "slots": 3,
        "tables": 2,
        "investors": [
            {"id": "kakao", "available": [0, 1, 2], "max_meetings": 2},
            {"id": "naver", "available": [1, 2], "max_meetings": 2, "min_meetings": 1},
        ],
        "startups": [
            {"id": "alpha", "available": [0, 1, 2], "max_meetings": 2},
            {"id": "beta", "available": [1], "max_meetings": 1},
            {"id": "gamma", "available": [0, 2], "max_meetings": 1},
        ],
        "interest": [
            {"investor": "kakao", "startup": "alpha", "investor_score": 5, "startup_score": 4},
            {"investor": "kakao", "startup": "beta", "investor_score": 2, "startup_score": 3},
            {"investor": "naver", "startup": "alpha", "investor_score": 3, "startup_score": 3},
            {"investor": "naver", "startup": "beta", "investor_score": 0, "startup_score": 5},
            {"investor": "naver", "startup": "gamma", "investor_score": 0, "startup_score": 0},
            {"investor": "kakao", "startup": "gamma", "investor_score": 1, "startup_score": 0},
        ],
        "blocked": [{"investor": "naver", "startup": "beta"}],
    }


def random_day(
    seed: int, *, investors: int, startups: int, slots: int, tables: int, density: float
) -> dict[str, Any]:
    """A random instance; ``density`` is the share of pairs with an interest entry."""
    rng = random.Random(seed)

    def person(prefix: str, k: int, most: int) -> dict[str, Any]:
        free = sorted(rng.sample(range(slots), rng.randint(1, slots)))
        return {"id": f"{prefix}{k}", "available": free, "max_meetings": rng.randint(0, most)}

    interest = [
        {
            "investor": f"i{i}",
            "startup": f"s{s}",
            "investor_score": rng.randint(0, 5),
            "startup_score": rng.randint(0, 5),
        }
        for i in range(investors)
        for s in range(startups)
        if rng.random() < density
    ]
    blocked = [
        {"investor": entry["investor"], "startup": entry["startup"]}
        for entry in interest
        if rng.random() < 0.1
    ]
    return {
        "slots": slots,
        "tables": tables,
        "investors": [person("i", k, slots) for k in range(investors)],
        "startups": [person("s", k, 2) for k in range(startups)],
        "interest": interest,
        "blocked": blocked,
    }
