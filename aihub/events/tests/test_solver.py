import dataclasses
from collections import Counter

import pytest

from aihub.events.scheduling import Meeting, check, evaluate, parse_instance, schedule
from aihub.events.scheduling.problem import build_problem
from aihub.events.scheduling.relaxations import pair_selection
from aihub.events.tests.instances import random_day, small_day


def brute_force_optimum(instance):
    """The best objective over every valid schedule, by exhaustive search."""
    investors = {p.id: p for p in instance.investors}
    startups = {p.id: p for p in instance.startups}
    pinned_pairs = {(m.investor, m.startup) for m in instance.pinned}
    pairs = [
        (entry.investor, entry.startup)
        for entry in instance.interests
        if entry.investor_score + entry.startup_score > 0
        and (entry.investor, entry.startup) not in instance.blocked | instance.forbidden
        and (entry.investor, entry.startup) not in pinned_pairs
    ]
    current = list(instance.pinned)
    busy = {("i", m.investor, m.slot) for m in current} | {
        ("s", m.startup, m.slot) for m in current
    }
    count = Counter([("i", m.investor) for m in current] + [("s", m.startup) for m in current])
    load = Counter(m.slot for m in current)
    best = [evaluate(instance, current).objective]

    def search(k):
        if k == len(pairs):
            best[0] = max(best[0], evaluate(instance, current).objective)
            return
        search(k + 1)
        investor, startup = pairs[k]
        if count["i", investor] >= investors[investor].max_meetings:
            return
        if count["s", startup] >= startups[startup].max_meetings:
            return
        for slot in investors[investor].available & startups[startup].available:
            taken = {("i", investor, slot), ("s", startup, slot)}
            if load[slot] >= instance.tables or taken & busy:
                continue
            current.append(Meeting(investor, startup, slot))
            busy.update(taken)
            count.update([("i", investor), ("s", startup)])
            load[slot] += 1
            search(k + 1)
            load[slot] -= 1
            count.subtract([("i", investor), ("s", startup)])
            busy.difference_update(taken)
            current.pop()

    search(0)
    return best[0]


def tiny(seed):
    return parse_instance(
        random_day(seed, investors=3, startups=3, slots=3, tables=1 + seed % 2, density=0.8)
    )


# Seeds 109 and 162 are instances where slot assignment and local search alone stop short.
@pytest.mark.parametrize("seed", [*range(25), 109, 162])
def test_schedule_reaches_the_brute_force_optimum_on_tiny_instances(seed):
    instance = tiny(seed)
    result = schedule(instance, time_limit=10)
    optimum = brute_force_optimum(instance)
    assert check(instance, result.meetings) == []
    assert result.objective == optimum
    assert result.upper_bound == optimum
    assert result.status == "optimal"


@pytest.mark.parametrize("seed", range(25))
def test_pair_relaxation_bounds_the_optimum_on_tiny_instances(seed):
    instance = tiny(seed)
    selection = pair_selection(build_problem(instance), time_limit=10)
    assert selection.bound >= brute_force_optimum(instance)


@pytest.mark.parametrize("seed", range(5))
def test_schedule_without_the_exact_step_is_valid_and_bounded(seed):
    instance = parse_instance(
        random_day(seed, investors=8, startups=30, slots=6, tables=5, density=0.3)
    )
    result = schedule(instance, time_limit=10, exact=False)
    evaluation = evaluate(instance, result.meetings)
    assert check(instance, result.meetings) == []
    assert result.objective == evaluation.objective
    assert result.covered_startups == evaluation.covered_startups
    assert result.total_score == evaluation.total_score
    assert result.upper_bound >= result.objective
    assert result.gap == (result.upper_bound - result.objective) / result.upper_bound


def test_schedule_of_the_small_day_is_optimal():
    instance = parse_instance(small_day())
    result = schedule(instance)
    assert check(instance, result.meetings) == []
    assert result.objective == brute_force_optimum(instance)
    assert result.covered_startups == 3
    assert result.gap == 0.0


def test_schedule_keeps_pinned_meetings():
    data = small_day()
    data["pinned"] = [{"investor": "naver", "startup": "alpha", "slot": 2}]
    instance = parse_instance(data)
    result = schedule(instance)
    assert Meeting("naver", "alpha", 2) in result.meetings
    assert check(instance, result.meetings) == []
    assert result.objective == brute_force_optimum(instance)


def test_schedule_never_seats_a_forbidden_pair():
    data = small_day()
    data["forbidden"] = [{"investor": "kakao", "startup": "alpha"}]
    instance = parse_instance(data)
    result = schedule(instance)
    assert [m for m in result.meetings if (m.investor, m.startup) == ("kakao", "alpha")] == []
    assert result.objective == brute_force_optimum(instance)


def test_schedule_reports_people_below_their_minimum():
    data = small_day()
    data["startups"][2]["min_meetings"] = 1
    data["interest"][5]["investor_score"] = 0  # gamma can now meet nobody
    result = schedule(parse_instance(data))
    assert result.below_minimum == (("startup", "gamma"),)


def test_schedule_without_possible_pairs_is_empty_and_optimal():
    data = small_day()
    for entry in data["interest"]:
        entry["investor_score"] = entry["startup_score"] = 0
    result = schedule(parse_instance(data))
    assert result.meetings == ()
    assert (result.objective, result.upper_bound, result.gap) == (0, 0, 0.0)
    assert result.status == "optimal"


def test_schedule_with_almost_no_time_is_still_valid():
    instance = parse_instance(
        random_day(7, investors=10, startups=40, slots=8, tables=6, density=0.3)
    )
    result = schedule(instance, time_limit=0.001)
    assert check(instance, result.meetings) == []
    assert result.upper_bound >= result.objective


def test_schedule_to_dict_has_the_file_format():
    result = schedule(parse_instance(small_day()))
    data = result.to_dict()
    assert list(data) == [
        "meetings",
        "objective",
        "upper_bound",
        "covered_startups",
        "total_score",
        "gap",
    ]
    assert data["meetings"][0] == dataclasses.asdict(result.meetings[0])
