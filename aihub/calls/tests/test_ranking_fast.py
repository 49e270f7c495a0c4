"""The ranking read from the kept totals equals the straightforward one over every score."""

import random
from decimal import Decimal

import pytest
from django.template.defaultfilters import floatformat
from django.utils import translation

from aihub.calls import services
from aihub.calls.display import points
from aihub.calls.enums import TieBreak
from aihub.calls.models import Assignment, Call, Criterion, Score, Stage
from aihub.calls.ranking import JudgeTotal, rank, rank_stage, refresh_totals

pytestmark = pytest.mark.django_db


def straightforward(stage: Stage, applications: dict) -> list:
    """Every score read one by one; each judge's total as the rubric states it."""
    criteria = list(Criterion.objects.filter(stage=stage).order_by("order", "id"))
    weights = sum(c.weight for c in criteria)
    tie = sorted(criteria, key=lambda c: (-c.weight, c.order, c.pk))[0]
    sheets: dict[tuple[int, int], list[Score]] = {}
    for score in Score.objects.filter(assignment__stage=stage).select_related(
        "assignment", "criterion"
    ):
        key = (score.assignment.application_id, score.assignment.judge_id)
        sheets.setdefault(key, []).append(score)
    totals = []
    for (application_id, judge_id), scores in sheets.items():
        total = sum(
            s.criterion.weight
            * (s.value - s.criterion.min_score)
            / (s.criterion.max_score - s.criterion.min_score)
            for s in scores
        )
        tie_value = next((s.value for s in scores if s.criterion_id == tie.pk), 0)
        totals.append(
            JudgeTotal(application_id, judge_id, total * 100 / weights, len(scores), tie_value)
        )
    stage.refresh_from_db()
    return rank(
        totals=totals,
        applications=applications,
        criteria_count=len(criteria),
        normalise=stage.normalise,
        cutoff=stage.cutoff,
        tie_break=Call.objects.get(pk=stage.call_id).tie_break,
    )


def assert_same(fast: list, slow: list) -> None:
    assert [(r.application_id, r.rank, r.judges, r.passes_cutoff) for r in fast] == [
        (r.application_id, r.rank, r.judges, r.passes_cutoff) for r in slow
    ]
    for f, s in zip(fast, slow, strict=True):
        assert (f.score is None) == (s.score is None)
        if s.score is not None:
            assert f.score == pytest.approx(s.score, abs=1e-9)
            assert f.raw_score == pytest.approx(s.raw_score, abs=1e-9)
            assert f.tie_value == s.tie_value


@pytest.fixture
def scored(stage, make_submitted, judges, staff):
    """Eight applications, three judges: ties, a half-scored sheet, a recused judge."""
    rng = random.Random(7)
    applications = make_submitted(8)
    criteria = list(stage.criteria.all())
    same = {c.pk: rng.randint(c.min_score, c.max_score) for c in criteria}
    for index, application in enumerate(applications):
        for judge in judges:
            assignment = services.assign_judge(
                stage=stage, application=application, judge=judge, actor=staff
            )
            if index in (0, 1):
                values = same
            else:
                values = {c.pk: rng.randint(c.min_score, c.max_score) for c in criteria}
            if index == 2 and judge == judges[1]:
                values = {criteria[0].pk: values[criteria[0].pk]}
            if index == 7 and judge == judges[2]:
                continue
            services.set_scores(
                assignment=assignment,
                scores=[{"criterion": pk, "value": v} for pk, v in values.items()],
                actor=judge,
            )
    services.recuse(
        assignment=Assignment.objects.get(application=applications[3], judge=judges[0]),
        reason="전 직장",
        actor=judges[0],
    )
    return stage, {a.pk: a.submitted_at for a in applications}


@pytest.mark.parametrize("normalise", [False, True])
@pytest.mark.parametrize("cutoff", [None, Decimal("55.00")])
@pytest.mark.parametrize("tie_break", [TieBreak.HEAVIEST_CRITERION, TieBreak.EARLIER_SUBMISSION])
def test_rank_stage_equals_straightforward(scored, normalise, cutoff, tie_break):
    stage, applications = scored
    Stage.objects.filter(pk=stage.pk).update(normalise=normalise, cutoff=cutoff)
    Call.objects.filter(pk=stage.call_id).update(tie_break=tie_break)
    stage = Stage.objects.select_related("call").get(pk=stage.pk)
    fast = rank_stage(stage, applications)
    assert_same(fast, straightforward(stage, applications))
    assert [r.judges for r in fast if r.application_id in list(applications)[:2]] == [3, 3]


@pytest.mark.parametrize("normalise", [False, True])
def test_rank_stage_subset_equals_straightforward(scored, normalise):
    stage, applications = scored
    Stage.objects.filter(pk=stage.pk).update(normalise=normalise)
    stage = Stage.objects.select_related("call").get(pk=stage.pk)
    subset = dict(list(applications.items())[2:])
    assert_same(rank_stage(stage, subset), straightforward(stage, subset))


def test_rank_stage_submission_places_equal_times(scored):
    stage, applications = scored
    places = {pk: n for n, pk in enumerate(sorted(applications, key=applications.get), 1)}
    assert [r.application_id for r in rank_stage(stage, places)] == [
        r.application_id for r in rank_stage(stage, applications)
    ]


def test_rank_stage_judge_giving_one_total_contributes_zero(scored, judges):
    stage, applications = scored
    Stage.objects.filter(pk=stage.pk).update(normalise=True)
    for score in Score.objects.filter(assignment__stage=stage, assignment__judge=judges[2]):
        score.value = score.criterion.max_score
        score.save()
    refresh_totals(stage=stage)
    stage = Stage.objects.select_related("call").get(pk=stage.pk)
    assert_same(rank_stage(stage, applications), straightforward(stage, applications))


def test_refresh_totals_equals_kept_totals(scored):
    stage, _applications = scored
    kept = dict(Assignment.objects.filter(stage=stage).values_list("pk", "total"))
    Assignment.objects.filter(stage=stage).update(total=None, tie_value=None)
    refresh_totals(stage=stage)
    assert dict(Assignment.objects.filter(stage=stage).values_list("pk", "total")) == kept


@pytest.mark.parametrize("language", ["ko", "en"])
def test_points_equals_floatformat(language):
    rng = random.Random(3)
    values = [
        2.675,
        0.005,
        -0.001,
        99.995,
        1e-20,
        60.0,
        59.994999,
        *(rng.uniform(-5, 120) for _ in range(500)),
    ]
    with translation.override(language):
        assert [points(v) for v in values] == [floatformat(v, 2) for v in values]
