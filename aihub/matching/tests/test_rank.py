import numpy as np
import pytest

from aihub.matching.engine import Demand, MatchingInputError, PartnerIndex, Weights, rank
from aihub.matching.engine.rank import top_columns


def ids(ranking) -> list:
    return [match.partner for match in ranking.matches]


def test_rank_korean_demand_finds_english_only_partner(index, llm_demand):
    [ranking] = rank([llm_demand], index, top=3)
    assert ranking.demand == 1
    assert ids(ranking)[0] == "mila"


def test_rank_reasons_list_matched_concepts_in_both_languages(index, llm_demand):
    [ranking] = rank([llm_demand], index, top=1)
    reasons = ranking.matches[0].reasons.as_dict()
    assert {"id": "llm", "ko": "대규모 언어모델", "en": "Large language model"} in reasons[
        "concepts"
    ]
    assert {c["id"] for c in reasons["concepts"]} == {"llm", "fine_tuning"}
    assert reasons["tags"] == [{"id": "llm", "ko": "대규모 언어모델", "en": "Large language model"}]


def test_rank_reasons_list_shared_terms_as_the_demand_writes_them(index):
    demand = Demand(id="d", text="Defect detection on production lines for our cameras")
    [ranking] = rank([demand], index, top=1)
    assert ids(ranking) == ["vision"]
    assert set(ranking.matches[0].reasons.terms) >= {"lines", "cameras", "production"}


def test_rank_reasons_relate_broader_and_narrower_concepts(index):
    demand = Demand(id="d", text="Ideas for generative AI in our product?")
    [ranking] = rank([demand], index, top=4)
    [mila] = [match for match in ranking.matches if match.partner == "mila"]
    related = [(a.id, b.id) for a, b in mila.reasons.related]
    assert related == [("generative_ai", "llm")]
    assert mila.reasons.as_dict()["related"][0]["partner"] == {
        "id": "llm",
        "ko": "대규모 언어모델",
        "en": "Large language model",
    }


def test_rank_scores_are_between_0_and_1_best_first(index, llm_demand):
    [ranking] = rank([llm_demand], index, top=4)
    scores = [match.score for match in ranking.matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < score <= 1 for score in scores)


def test_rank_demand_matching_nothing_gets_an_empty_list(index):
    [ranking] = rank([Demand(id="d", text="!!! ???")], index)
    assert ranking.matches == ()


def test_rank_without_partners_gives_empty_lists(llm_demand):
    assert rank([llm_demand], [], top=5)[0].matches == ()


def test_rank_accepts_partner_records_and_keeps_demand_order(partners, llm_demand):
    other = Demand(id=2, text="콜센터 통화를 텍스트로 바꾸는 STT가 필요합니다")
    rankings = rank([other, llm_demand], partners, top=1)
    assert [(r.demand, ids(r)) for r in rankings] == [(2, ["speech"]), (1, ["mila"])]


@pytest.mark.parametrize("top", [0, -1, True, 2.5])
def test_rank_top_below_one_refused(index, llm_demand, top):
    with pytest.raises(MatchingInputError, match="top must be 1 or more"):
        rank([llm_demand], index, top=top)


def test_top_columns_ties_keep_column_order():
    row = np.array([0.5, 0.9, 0.5, 0.0, 0.5])
    assert top_columns(row, 3) == [1, 0, 2]
    assert top_columns(row, 10) == [1, 0, 2, 4]


def test_partner_index_scores_every_pair(index, llm_demand):
    table = index.score([llm_demand, Demand(id=2, text="세무 자문")])
    assert table.total.shape == (2, 4)
    assert table.total[1].argmax() == 3


def test_partner_index_without_partners_has_no_columns(llm_demand):
    assert PartnerIndex([]).score([llm_demand]).total.shape == (1, 0)


@pytest.mark.parametrize(
    "weights",
    [{"bm25": -1.0}, {"bm25": 0.0, "concepts": 0.0, "tags": 0.0}, {"decay": 1.5}],
)
def test_weights_out_of_range_refused(weights):
    with pytest.raises(MatchingInputError, match="Weights must be"):
        Weights(**weights)


def test_weights_change_the_ranking(partners):
    demand = Demand(id="d", text="production lines", tags=("음성인식",))
    by_words = PartnerIndex(partners, weights=Weights(concepts=0.0, tags=0.0))
    by_tags = PartnerIndex(partners, weights=Weights(bm25=0.0, concepts=0.0, tags=1.0))
    assert [m.partner for m in rank([demand], by_words, top=1)[0].matches] == ["vision"]
    assert [m.partner for m in rank([demand], by_tags, top=1)[0].matches] == ["speech"]
