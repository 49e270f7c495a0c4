"""Ranking the applications of a stage from the judges' scores.

Each judge's total for an application is the weighted mean of their criterion scores, each
scaled to 0-100 within its range: Σ wᵢ·(sᵢ - minᵢ)/(maxᵢ - minᵢ) · 100 / Σ wᵢ. Only complete
score sheets count. The application's score is the mean of its judges' totals. With
normalisation, each judge's totals become z-scores over the applications that judge scored
(a judge who gave everyone the same total contributes 0), the application takes the mean of
its z-scores, and that is mapped back to points as overall mean + overall deviation * z, so a
cut-off keeps its meaning in points. Ties are broken as the call states: by the mean score on
the most heavily weighted criterion (the first one in the rubric when weights are equal),
higher first, then by earlier submission; or by earlier submission alone.
"""

import datetime
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Count, F, FloatField, Sum, Value, When
from django.db.models.functions import Cast

from aihub.calls.enums import TieBreak
from aihub.calls.models import Criterion, Score, Stage


@dataclass(frozen=True)
class JudgeTotal:
    application_id: int
    judge_id: int
    total: float
    scores: int
    tie_value: float


@dataclass
class Ranked:
    application_id: int
    rank: int = 0
    score: float | None = None
    raw_score: float | None = None
    judges: int = 0
    tie_value: float | None = None
    passes_cutoff: bool = False
    totals: dict[int, float] = field(default_factory=dict)


def tie_criterion(criteria: list[Criterion]) -> Criterion | None:
    """The most heavily weighted criterion, the first in rubric order among equals."""
    if not criteria:
        return None
    return sorted(criteria, key=lambda c: (-c.weight, c.order, c.pk))[0]


def judge_totals(stage: Stage, criteria: list[Criterion]) -> list[JudgeTotal]:
    """Every judge's weighted total per application at the stage, in one grouped query."""
    if not criteria:
        return []
    weight_sum = sum(c.weight for c in criteria)
    tie = tie_criterion(criteria)
    scaled = Cast(F("value") - F("criterion__min_score"), FloatField()) * Cast(
        F("criterion__weight"), FloatField()
    )
    span = Cast(F("criterion__max_score") - F("criterion__min_score"), FloatField())
    rows = (
        Score.objects.filter(assignment__stage=stage)
        .values("assignment__application_id", "assignment__judge_id")
        .annotate(
            total=Sum(scaled * Value(100.0) / (span * Value(float(weight_sum)))),
            scores=Count("id"),
            tie_value=Sum(
                Case(
                    When(criterion_id=tie.pk, then=Cast(F("value"), FloatField())),
                    default=Value(0.0),
                    output_field=FloatField(),
                )
            ),
        )
        .order_by()
        .values_list(
            "assignment__application_id", "assignment__judge_id", "total", "scores", "tie_value"
        )
    )
    return [JudgeTotal(a, j, float(t or 0), n, float(v or 0)) for a, j, t, n, v in rows]


def rank(
    *,
    totals: Iterable[JudgeTotal],
    applications: dict[int, datetime.datetime | None],
    criteria_count: int,
    normalise: bool,
    cutoff: Decimal | float | None,
    tie_break: str,
) -> list[Ranked]:
    """The applications in rank order; those without a complete score sheet come last.

    ``applications`` maps every application to rank to its submission time.
    """
    complete = [
        t for t in totals if t.scores == criteria_count and t.application_id in applications
    ]
    by_application: dict[int, list[JudgeTotal]] = defaultdict(list)
    for total in complete:
        by_application[total.application_id].append(total)
    z_of: dict[tuple[int, int], float] = {}
    if normalise and complete:
        by_judge: dict[int, list[JudgeTotal]] = defaultdict(list)
        for total in complete:
            by_judge[total.judge_id].append(total)
        for judge_totals_ in by_judge.values():
            values = [t.total for t in judge_totals_]
            mean = statistics.fmean(values)
            deviation = statistics.pstdev(values) if len(values) > 1 else 0.0
            for t in judge_totals_:
                z_of[(t.application_id, t.judge_id)] = (
                    (t.total - mean) / deviation if deviation else 0.0
                )
        all_values = [t.total for t in complete]
        overall_mean = statistics.fmean(all_values)
        overall_deviation = statistics.pstdev(all_values) if len(all_values) > 1 else 0.0
    ranked = []
    for application_id in applications:
        row = Ranked(application_id=application_id)
        sheets = by_application.get(application_id, [])
        if sheets:
            row.judges = len(sheets)
            row.totals = {t.judge_id: round(t.total, 2) for t in sheets}
            row.raw_score = statistics.fmean(t.total for t in sheets)
            row.tie_value = statistics.fmean(t.tie_value for t in sheets)
            if normalise:
                z = statistics.fmean(z_of[(t.application_id, t.judge_id)] for t in sheets)
                row.score = overall_mean + overall_deviation * z
            else:
                row.score = row.raw_score
            row.passes_cutoff = cutoff is None or row.score >= float(cutoff) - 1e-9
        ranked.append(row)
    far = datetime.datetime.max.replace(tzinfo=datetime.UTC)

    def key(row: Ranked) -> tuple:
        submitted = applications[row.application_id] or far
        tie = (row.tie_value or 0.0) if tie_break == TieBreak.HEAVIEST_CRITERION else 0.0
        scored = row.score is not None
        points = -round(row.score, 6) if scored else 0.0
        return (not scored, points, -tie, submitted, row.application_id)

    ranked.sort(key=key)
    for position, row in enumerate(ranked, start=1):
        row.rank = position
    return ranked


def rank_stage(stage: Stage, applications: dict[int, datetime.datetime | None]) -> list[Ranked]:
    """Rank ``applications`` (id → submission time) at ``stage``: two queries."""
    criteria = list(stage.criteria.all())
    return rank(
        totals=judge_totals(stage, criteria),
        applications=applications,
        criteria_count=len(criteria),
        normalise=stage.normalise,
        cutoff=stage.cutoff,
        tie_break=stage.call.tie_break,
    )
