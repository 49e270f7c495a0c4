import itertools
import random
from collections import Counter

import numpy as np
import pytest

from aihub.matching.engine import Demand, MatchingInputError, assign
from aihub.matching.engine.assign import solve_exact, solve_greedy


def total(scores: np.ndarray, chosen) -> float:
    return sum(float(scores[row, column]) for row, column in chosen)


def feasible(chosen, capacities, per_demand) -> bool:
    by_row = Counter(row for row, _ in chosen)
    by_column = Counter(column for _, column in chosen)
    return (
        len(set(chosen)) == len(chosen)
        and all(n <= per_demand for n in by_row.values())
        and all(n <= capacities[column] for column, n in by_column.items())
    )


def brute_force(scores: np.ndarray, capacities, per_demand) -> float:
    edges = [(r, c) for r, c in zip(*np.nonzero(scores > 0), strict=True) if capacities[c] > 0]
    best = 0.0
    for size in range(len(edges) + 1):
        for subset in itertools.combinations(edges, size):
            if feasible(subset, capacities, per_demand):
                best = max(best, total(scores, subset))
    return best


def random_instance(seed: int) -> tuple[np.ndarray, list[int], int]:
    rng = random.Random(seed)
    rows, columns = rng.randint(1, 4), rng.randint(1, 3)
    scores = np.array(
        [[rng.choice([0.0, rng.random()]) for _ in range(columns)] for _ in range(rows)]
    )
    return scores, [rng.randint(0, 2) for _ in range(columns)], rng.randint(1, 2)


@pytest.mark.parametrize("seed", range(40))
def test_solve_exact_equals_brute_force_optimum(seed):
    scores, capacities, per_demand = random_instance(seed)
    chosen = solve_exact(scores, capacities, per_demand)
    assert feasible(chosen, capacities, per_demand)
    assert total(scores, chosen) == pytest.approx(brute_force(scores, capacities, per_demand))


def test_solve_exact_respects_capacities_and_per_demand_on_a_large_instance():
    rng = np.random.default_rng(7)
    scores = rng.random((300, 80)) ** 3
    capacities = rng.integers(0, 4, 80).tolist()
    chosen = solve_exact(scores, capacities, 2)
    assert feasible(chosen, capacities, 2)
    assert not any(capacities[column] == 0 for _, column in chosen)
    assert total(scores, chosen) >= total(scores, solve_greedy(scores, capacities, 2))


def test_solve_exact_pricing_matches_solving_on_every_pair():
    rng = np.random.default_rng(3)
    scores = rng.random((60, 40)) ** 4
    capacities = rng.integers(0, 3, 40).tolist()
    everything = solve_exact(scores, capacities, 3, candidates=40)
    assert total(scores, solve_exact(scores, capacities, 3)) == pytest.approx(
        total(scores, everything)
    )


def test_solve_greedy_can_be_worse_than_exact():
    scores = np.array([[1.0, 0.9], [0.9, 0.0]])
    assert solve_greedy(scores, [1, 1], 1) == [(0, 0)]
    assert sorted(solve_exact(scores, [1, 1], 1)) == [(0, 1), (1, 0)]


def test_solve_exact_candidates_keep_each_rows_best_only():
    scores = np.array([[1.0, 0.9, 0.8]])
    assert sorted(solve_exact(scores, [1, 1, 1], 3, candidates=2)) == [(0, 0), (0, 1)]


def test_assign_never_uses_a_partner_of_capacity_zero(index):
    demand = Demand(id="t", text="세무 회계 자문과 연구개발 세액공제가 필요합니다")
    result = assign([demand], index, per_demand=3)
    assert "tax" not in {pair.partner for pair in result.pairs}


def test_assign_reports_demand_without_candidates(index, llm_demand):
    empty = Demand(id="none", text="???")
    result = assign([llm_demand, empty], index, per_demand=1)
    assert [(p.demand, p.partner) for p in result.pairs] == [(1, "mila")]
    assert (result.no_candidates, result.unfilled) == (("none",), ())


def test_assign_reports_demand_left_without_a_partner(partners):
    first = Demand(id="a", text="Surface defect detection for our production lines")
    second = Demand(id="b", text="defect detection")
    result = assign([first, second], partners[1:2], per_demand=1)
    assert [p.demand for p in result.pairs] == ["a"]
    assert (result.no_candidates, result.unfilled) == ((), ("b",))


def test_assign_greedy_method_and_total(index, llm_demand):
    exact = assign([llm_demand], index, per_demand=2)
    greedy = assign([llm_demand], index, per_demand=2, method="greedy")
    assert exact.total == pytest.approx(greedy.total)
    assert exact.total == pytest.approx(sum(p.score for p in exact.pairs), abs=1e-5)


@pytest.mark.parametrize(("per_demand", "candidates"), [(0, None), (2, 0), (True, None)])
def test_assign_bad_counts_refused(index, llm_demand, per_demand, candidates):
    with pytest.raises(MatchingInputError, match="must be 1 or more"):
        assign([llm_demand], index, per_demand=per_demand, candidates=candidates)


def test_solve_exact_negative_capacity_refused():
    with pytest.raises(MatchingInputError, match="Capacities must be 0 or more"):
        solve_exact(np.ones((1, 2)), [1, -1], 1)


def test_solve_greedy_capacities_must_fit_the_scores():
    with pytest.raises(MatchingInputError, match="one capacity per partner"):
        solve_greedy(np.ones((1, 2)), [1], 1)


def test_assign_unknown_method_refused(index, llm_demand):
    with pytest.raises(MatchingInputError, match="method must be"):
        assign([llm_demand], index, method="hungarian")
