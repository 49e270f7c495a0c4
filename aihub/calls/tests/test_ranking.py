"""The ranking arithmetic: weighted mean on 100 points, z-scores, cut-off, tie-break."""

import datetime

import pytest

from aihub.calls.enums import TieBreak
from aihub.calls.ranking import JudgeTotal, rank

T0 = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)


def at(minutes: int) -> datetime.datetime:
    return T0 + datetime.timedelta(minutes=minutes)


def test_rank_orders_by_mean_of_judges():
    totals = [
        JudgeTotal(1, 10, 50.0, 3, 5.0),
        JudgeTotal(1, 11, 70.0, 3, 7.0),
        JudgeTotal(2, 10, 80.0, 3, 8.0),
    ]
    ranked = rank(
        totals=totals,
        applications={1: at(0), 2: at(1)},
        criteria_count=3,
        normalise=False,
        cutoff=None,
        tie_break=TieBreak.HEAVIEST_CRITERION,
    )
    assert [(r.application_id, r.rank, r.score) for r in ranked] == [(2, 1, 80.0), (1, 2, 60.0)]


def test_rank_incomplete_sheets_do_not_count():
    totals = [JudgeTotal(1, 10, 90.0, 2, 9.0), JudgeTotal(2, 10, 40.0, 3, 4.0)]
    ranked = rank(
        totals=totals,
        applications={1: at(0), 2: at(1)},
        criteria_count=3,
        normalise=False,
        cutoff=None,
        tie_break=TieBreak.HEAVIEST_CRITERION,
    )
    assert [(r.application_id, r.score) for r in ranked] == [(2, 40.0), (1, None)]


def test_rank_tie_broken_by_heaviest_criterion_then_submission():
    totals = [
        JudgeTotal(1, 10, 70.0, 3, 6.0),
        JudgeTotal(2, 10, 70.0, 3, 8.0),
        JudgeTotal(3, 10, 70.0, 3, 8.0),
    ]
    ranked = rank(
        totals=totals,
        applications={1: at(0), 2: at(5), 3: at(2)},
        criteria_count=3,
        normalise=False,
        cutoff=None,
        tie_break=TieBreak.HEAVIEST_CRITERION,
    )
    assert [r.application_id for r in ranked] == [3, 2, 1]


def test_rank_tie_broken_by_submission_alone():
    totals = [JudgeTotal(1, 10, 70.0, 3, 6.0), JudgeTotal(2, 10, 70.0, 3, 8.0)]
    ranked = rank(
        totals=totals,
        applications={1: at(0), 2: at(5)},
        criteria_count=3,
        normalise=False,
        cutoff=None,
        tie_break=TieBreak.EARLIER_SUBMISSION,
    )
    assert [r.application_id for r in ranked] == [1, 2]


def test_rank_cutoff_marks_failing_rows():
    totals = [JudgeTotal(1, 10, 59.99, 1, 0.0), JudgeTotal(2, 10, 60.0, 1, 0.0)]
    ranked = rank(
        totals=totals,
        applications={1: at(0), 2: at(1)},
        criteria_count=1,
        normalise=False,
        cutoff=60,
        tie_break=TieBreak.HEAVIEST_CRITERION,
    )
    assert [(r.application_id, r.passes_cutoff) for r in ranked] == [(2, True), (1, False)]


def test_rank_normalisation_removes_judge_severity():
    """Judge 10 is harsh, judge 11 lenient; each sees A above B, and C only by one of them."""
    totals = [
        JudgeTotal(1, 10, 40.0, 1, 0.0),
        JudgeTotal(2, 10, 20.0, 1, 0.0),
        JudgeTotal(1, 11, 90.0, 1, 0.0),
        JudgeTotal(2, 11, 80.0, 1, 0.0),
        JudgeTotal(3, 10, 30.0, 1, 0.0),
    ]
    raw = rank(
        totals=totals,
        applications={1: at(0), 2: at(1), 3: at(2)},
        criteria_count=1,
        normalise=False,
        cutoff=None,
        tie_break=TieBreak.HEAVIEST_CRITERION,
    )
    normalised = rank(
        totals=totals,
        applications={1: at(0), 2: at(1), 3: at(2)},
        criteria_count=1,
        normalise=True,
        cutoff=None,
        tie_break=TieBreak.HEAVIEST_CRITERION,
    )
    assert [r.application_id for r in raw] == [1, 2, 3]
    assert [r.application_id for r in normalised] == [1, 3, 2]
    assert normalised[0].raw_score == pytest.approx(65.0)


def test_rank_normalisation_judge_with_one_total_contributes_zero():
    ranked = rank(
        totals=[JudgeTotal(1, 10, 80.0, 1, 0.0)],
        applications={1: at(0)},
        criteria_count=1,
        normalise=True,
        cutoff=None,
        tie_break=TieBreak.HEAVIEST_CRITERION,
    )
    assert ranked[0].score == pytest.approx(80.0)
