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

``rank`` is the arithmetic over a list of judge totals, as written above. ``rank_stage``
gets the same ranking from the database: each judge's total is kept on the assignment by
the scoring service (``sheet_total``, exact to the last bit, so equal sheets give equal
totals), and two grouped queries over those totals give the per-judge mean and deviation
and, per application, the number of judges, the sums of totals, tie-break scores and
z-scores. Sums taken by the database differ from ``statistics.fmean``/``pstdev`` only in
the last bits; the order compares scores rounded to six decimals, as ``rank`` does.
"""

import datetime
import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Case, Count, F, FloatField, Max, Min, QuerySet, Sum, Value, When

from aihub.calls.enums import TieBreak
from aihub.calls.models import Assignment, Criterion, Score, Stage


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


def tie_criterion(criteria: list[Criterion]) -> Criterion | None:
    """The most heavily weighted criterion, the first in rubric order among equals."""
    if not criteria:
        return None
    return sorted(criteria, key=lambda c: (-c.weight, c.order, c.pk))[0]


def sheet_total(
    criteria: list[Criterion], values: Mapping[int, int]
) -> tuple[float | None, int | None]:
    """A judge's total on 100 points and score on the tie-break criterion, from ``values``
    (criterion id → score); ``(None, None)`` unless every criterion is scored.

    Computed exactly and rounded once, so sheets with the same weighted sum get the same
    float whatever the order of their criteria.
    """
    if not criteria or any(c.pk not in values for c in criteria):
        return None, None
    weighted = sum(
        Fraction(c.weight * (values[c.pk] - c.min_score), c.max_score - c.min_score)
        for c in criteria
    )
    total = float(weighted * 100 / sum(c.weight for c in criteria))
    return total, values[tie_criterion(criteria).pk]


def refresh_totals(*, stage: Stage, assignment_ids: Iterable[int] | None = None) -> int:
    """Recompute the kept totals of the stage's assignments (or of ``assignment_ids``) from
    their scores; for data written around ``services.set_scores`` (bulk loads). Returns the
    number of assignments written. Three queries and one bulk update."""
    criteria = list(Criterion.objects.filter(stage=stage).order_by("order", "id"))
    assignments = Assignment.objects.filter(stage=stage)
    if assignment_ids is not None:
        assignments = assignments.filter(pk__in=list(assignment_ids))
    sheets: dict[int, dict[int, int]] = {pk: {} for pk in assignments.values_list("pk", flat=True)}
    for assignment_id, criterion_id, value in Score.objects.filter(
        assignment_id__in=assignments.values("pk")
    ).values_list("assignment_id", "criterion_id", "value"):
        sheets[assignment_id][criterion_id] = value
    rows = []
    for pk, values in sheets.items():
        total, tie = sheet_total(criteria, values)
        rows.append(Assignment(pk=pk, total=total, tie_value=tie))
    Assignment.objects.bulk_update(rows, ["total", "tie_value"], batch_size=1000)
    return len(rows)


def _order(
    ranked: list[Ranked],
    applications: Mapping[int, datetime.datetime | int | None],
    tie_break: str,
) -> list[Ranked]:
    """Sort in place by score (six decimals), the tie-break, submission, id; number ranks.

    ``applications`` gives each application's submission time (None sorts last) or, all
    the same, its place in submission order counted from 1."""
    far = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    by_criterion = tie_break == TieBreak.HEAVIEST_CRITERION

    def key(row: Ranked) -> tuple:
        submitted = applications[row.application_id] or far
        tie = (row.tie_value or 0.0) if by_criterion else 0.0
        scored = row.score is not None
        points = -round(row.score, 6) if scored else 0.0
        return (not scored, points, -tie, submitted, row.application_id)

    ranked.sort(key=key)
    for position, row in enumerate(ranked, start=1):
        row.rank = position
    return ranked


def _passes(score: float, cutoff: Decimal | float | None) -> bool:
    return cutoff is None or score >= float(cutoff) - 1e-9


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
            row.raw_score = statistics.fmean(t.total for t in sheets)
            row.tie_value = statistics.fmean(t.tie_value for t in sheets)
            if normalise:
                z = statistics.fmean(z_of[(t.application_id, t.judge_id)] for t in sheets)
                row.score = overall_mean + overall_deviation * z
            else:
                row.score = row.raw_score
            row.passes_cutoff = _passes(row.score, cutoff)
        ranked.append(row)
    return _order(ranked, applications, tie_break)


@dataclass(frozen=True)
class _Spread:
    count: int
    mean: float
    squares: float
    """The sum of squared distances from the mean; exactly 0 when every total is the same."""
    low: float
    high: float

    @property
    def deviation(self) -> float:
        return math.sqrt(self.squares / self.count) if self.squares else 0.0


def _spread(count: int, total: float, squares: float, low: float, high: float) -> _Spread:
    if low == high:
        return _Spread(count, low, 0.0, low, high)
    mean = total / count
    return _Spread(count, mean, max(squares - total * mean, 0.0), low, high)


def _judge_spreads(sheets: QuerySet[Assignment]) -> dict[int, _Spread]:
    """Each judge's count, mean and squared distances over their complete sheets: one query
    (COUNT, SUM, SUM of squares, MIN, MAX per judge)."""
    rows = (
        sheets.values("judge_id")
        .annotate(
            n=Count("id"),
            s=Sum("total"),
            q=Sum(F("total") * F("total"), output_field=FloatField()),
            lo=Min("total"),
            hi=Max("total"),
        )
        .order_by()
        .values_list("judge_id", "n", "s", "q", "lo", "hi")
    )
    return {judge: _spread(n, s, q, lo, hi) for judge, n, s, q, lo, hi in rows}


def _overall(spreads: dict[int, _Spread]) -> tuple[float, float]:
    """Mean and population deviation of every complete total, combined from the judges'
    (0 when every total is the same)."""
    parts = list(spreads.values())
    count = sum(s.count for s in parts)
    if min(s.low for s in parts) == max(s.high for s in parts):
        return parts[0].low, 0.0
    mean = math.fsum(s.mean * s.count for s in parts) / count
    squares = math.fsum(s.squares + s.count * (s.mean - mean) ** 2 for s in parts)
    return mean, math.sqrt(squares / count)


def _application_sums(
    sheets: QuerySet[Assignment], spreads: dict[int, _Spread] | None
) -> list[tuple[int, int, float, int, float]]:
    """Per application: judges, sum of totals, sum of tie-break scores and sum of z-scores
    (0 without ``spreads``, and for judges whose totals are all the same); one query."""
    cases = [
        When(judge_id=judge, then=(F("total") - Value(s.mean)) / Value(s.deviation))
        for judge, s in (spreads or {}).items()
        if s.deviation
    ]
    grouped = (
        sheets.values("application_id")
        .annotate(n=Count("id"), s=Sum("total"), tie=Sum("tie_value"))
        .order_by()
    )
    if not cases:
        return [(*row, 0.0) for row in grouped.values_list("application_id", "n", "s", "tie")]
    return list(
        grouped.annotate(
            z=Sum(Case(*cases, default=Value(0.0), output_field=FloatField()))
        ).values_list("application_id", "n", "s", "tie", "z")
    )


def _standings(
    stage: Stage, applications: Mapping[int, datetime.datetime | int | None], restrict: bool
) -> tuple[list[tuple[int, int, float, int, float]], float, float] | None:
    sheets = Assignment.objects.filter(stage=stage, total__isnull=False)
    if restrict:
        sheets = sheets.filter(application_id__in=list(applications))
    spreads = _judge_spreads(sheets) if stage.normalise else None
    sums = _application_sums(sheets, spreads)
    if not restrict and any(row[0] not in applications for row in sums):
        return None
    mean, deviation = _overall(spreads) if spreads else (0.0, 0.0)
    return sums, mean, deviation


def rank_stage(
    stage: Stage, applications: Mapping[int, datetime.datetime | int | None]
) -> list[Ranked]:
    """Rank ``applications`` (id → submission time, or place in submission order from 1)
    at ``stage``, as ``rank`` would from the
    judges' totals. One query (two with normalisation) when ``applications`` holds every
    application scored at the stage; otherwise the statistics are taken over ``applications``
    only, like ``rank``, with the queries repeated on them."""
    standings = _standings(stage, applications, restrict=False) or _standings(
        stage, applications, restrict=True
    )
    sums, overall_mean, overall_deviation = standings
    cutoff = stage.cutoff
    ranked = {pk: Ranked(application_id=pk) for pk in applications}
    for application_id, count, total, tie, z in sums:
        row = ranked[application_id]
        row.judges = count
        row.raw_score = total / count
        row.tie_value = tie / count
        row.score = (
            overall_mean + overall_deviation * (z / count) if stage.normalise else (row.raw_score)
        )
        row.passes_cutoff = _passes(row.score, cutoff)
    return _order(list(ranked.values()), applications, stage.call.tie_break)
