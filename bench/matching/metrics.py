"""Ranking metrics with graded relevance."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

CUTOFF = 10
RELEVANT_GRADE = 2


def ndcg(ranked: Sequence[str], grades: Mapping[str, int], cutoff: int = CUTOFF) -> float:
    """nDCG@cutoff with gain 2^grade - 1; 0 when nothing is relevant."""
    gains = sorted(grades.values(), reverse=True)[:cutoff]
    ideal = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))
    if ideal == 0:
        return 0.0
    found = sum(
        (2 ** grades.get(p, 0) - 1) / math.log2(i + 2) for i, p in enumerate(ranked[:cutoff])
    )
    return found / ideal


def recall(ranked: Sequence[str], grades: Mapping[str, int], cutoff: int = CUTOFF) -> float:
    """Share of the partners of grade 2 or 3 found in the first ``cutoff``."""
    relevant = {p for p, g in grades.items() if g >= RELEVANT_GRADE}
    if not relevant:
        return 0.0
    return len(relevant.intersection(ranked[:cutoff])) / len(relevant)


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else float("nan")
