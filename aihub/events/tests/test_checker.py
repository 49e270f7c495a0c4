import dataclasses

import pytest

from aihub.events.scheduling import Evaluation, Meeting, check, evaluate, parse_instance
from aihub.events.tests.instances import small_day

VALID = [
    Meeting("kakao", "alpha", 0),
    Meeting("kakao", "beta", 1),
    Meeting("naver", "alpha", 1),
]


@pytest.fixture
def day():
    return parse_instance(small_day())


def test_check_accepts_a_valid_schedule(day):
    assert check(day, VALID) == []


def test_evaluate_counts_coverage_and_both_scores(day):
    assert evaluate(day, VALID) == Evaluation(objective=220, covered_startups=2, total_score=20)


def test_evaluate_of_no_meetings_is_zero(day):
    assert evaluate(day, []) == Evaluation(0, 0, 0)


VIOLATIONS = [
    (
        "unknown investor",
        [Meeting("ghost", "alpha", 0)],
        "Meeting of investor 'ghost' and startup 'alpha' in slot 0: unknown investor.",
    ),
    (
        "unknown startup",
        [Meeting("kakao", "ghost", 0)],
        "Meeting of investor 'kakao' and startup 'ghost' in slot 0: unknown startup.",
    ),
    (
        "slot outside",
        [Meeting("kakao", "alpha", 3)],
        "Meeting of investor 'kakao' and startup 'alpha' in slot 3: the slot is outside 0..2.",
    ),
    (
        "refused pair",
        [Meeting("naver", "beta", 1)],
        "Meeting of investor 'naver' and startup 'beta' in slot 1: the pair refused to meet.",
    ),
    (
        "scores add to zero",
        [Meeting("naver", "gamma", 2)],
        "Meeting of investor 'naver' and startup 'gamma' in slot 2: the two scores do not add "
        "up to more than 0.",
    ),
    (
        "investor unavailable",
        [Meeting("naver", "alpha", 0)],
        "Meeting of investor 'naver' and startup 'alpha' in slot 0: the investor is not "
        "available then.",
    ),
    (
        "startup unavailable",
        [Meeting("kakao", "beta", 0)],
        "Meeting of investor 'kakao' and startup 'beta' in slot 0: the startup is not "
        "available then.",
    ),
    (
        "pair twice",
        [Meeting("kakao", "alpha", 0), Meeting("kakao", "alpha", 2)],
        "Investor 'kakao' and startup 'alpha' meet 2 times (at most once).",
    ),
    (
        "investor double-booked",
        [Meeting("kakao", "alpha", 1), Meeting("kakao", "beta", 1)],
        "Investor 'kakao' has 2 meetings in slot 1.",
    ),
    (
        "startup double-booked",
        [Meeting("kakao", "alpha", 1), Meeting("naver", "alpha", 1)],
        "Startup 'alpha' has 2 meetings in slot 1.",
    ),
    (
        "investor over maximum",
        [Meeting("kakao", "alpha", 0), Meeting("kakao", "beta", 1), Meeting("kakao", "gamma", 2)],
        "Investor 'kakao' has 3 meetings, above its maximum of 2.",
    ),
]


@pytest.mark.parametrize(
    ("meetings", "message"), [v[1:] for v in VIOLATIONS], ids=[v[0] for v in VIOLATIONS]
)
def test_check_reports_each_broken_rule(day, meetings, message):
    assert check(day, meetings) == [message]


def test_check_reports_startup_over_maximum(day):
    smaller = dataclasses.replace(
        day, startups=(dataclasses.replace(day.startups[0], max_meetings=1), *day.startups[1:])
    )
    assert check(smaller, [Meeting("kakao", "alpha", 0), Meeting("naver", "alpha", 1)]) == [
        "Startup 'alpha' has 2 meetings, above its maximum of 1."
    ]


def test_check_reports_forbidden_pair(day):
    forbidding = dataclasses.replace(day, forbidden=frozenset({("kakao", "alpha")}))
    assert check(forbidding, [Meeting("kakao", "alpha", 0)]) == [
        "Meeting of investor 'kakao' and startup 'alpha' in slot 0: staff forbade this pair."
    ]


def test_check_reports_too_many_meetings_for_the_tables(day):
    one_table = dataclasses.replace(day, tables=1)
    assert check(one_table, [Meeting("kakao", "beta", 1), Meeting("naver", "alpha", 1)]) == [
        "Slot 1 has 2 meetings for 1 tables."
    ]


def test_check_reports_a_missing_pinned_meeting(day):
    pinned = dataclasses.replace(day, pinned=(Meeting("naver", "alpha", 2),))
    assert check(pinned, VALID) == [
        "Pinned meeting of investor 'naver' and startup 'alpha' in slot 2 is missing."
    ]
