import pytest

from aihub.matching.engine import (
    MAX_TEXT_CHARS,
    Demand,
    MatchingInputError,
    Partner,
    PartnerIndex,
    rank,
)


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_demand_blank_text_refused(text):
    with pytest.raises(MatchingInputError, match="demand 3: text is empty") as caught:
        Demand(id=3, title="제목은 있음", text=text)
    assert (caught.value.code, caught.value.field) == ("empty_text", "text")


def test_partner_blank_text_refused():
    with pytest.raises(MatchingInputError, match="partner 'p': text is empty"):
        Partner(id="p", name="Lab", text=" ")


def test_text_over_the_limit_refused_naming_the_limit():
    with pytest.raises(MatchingInputError, match="100,001 characters; the limit is 100,000"):
        Demand(id=1, text="a" * (MAX_TEXT_CHARS + 1))


def test_title_over_the_limit_refused():
    with pytest.raises(MatchingInputError, match="title has"):
        Demand(id=1, title="가" * (MAX_TEXT_CHARS + 1), text="본문")


def test_text_at_the_limit_is_ranked(index):
    sentence = "대규모 언어모델을 파인튜닝하려고 합니다. "
    text = (sentence * (MAX_TEXT_CHARS // len(sentence) + 1))[:MAX_TEXT_CHARS]
    [ranking] = rank([Demand(id=1, text=text)], index, top=1)
    assert [m.partner for m in ranking.matches] == ["mila"]


def test_unknown_tag_refused_naming_the_tag(index):
    demand = Demand(id="d1", text="언어모델", tags=["LLM", "블록체인"])
    with pytest.raises(MatchingInputError, match="demand 'd1': unknown tag '블록체인'"):
        rank([demand], index)


def test_partner_unknown_tag_refused_when_indexed():
    partner = Partner(id="p", text="Quantum computing", tags=["quantum"])
    with pytest.raises(MatchingInputError, match="partner 'p': unknown tag 'quantum'"):
        PartnerIndex([partner])


@pytest.mark.parametrize("capacity", [-1, -10])
def test_negative_capacity_refused(capacity):
    with pytest.raises(MatchingInputError, match="capacity must be 0 or more") as caught:
        Partner(id="p", text="Lab", capacity=capacity)
    assert caught.value.code == "bad_capacity"


@pytest.mark.parametrize("capacity", [1.5, "2", None, True])
def test_non_integer_capacity_refused(capacity):
    with pytest.raises(MatchingInputError, match="capacity must be an integer"):
        Partner(id="p", text="Lab", capacity=capacity)


def test_capacity_zero_allowed():
    assert Partner(id="p", text="Lab", capacity=0).capacity == 0


@pytest.mark.parametrize("bad_id", [None, "", " ", 1.5, True, ["x"]])
def test_bad_id_refused(bad_id):
    with pytest.raises(MatchingInputError, match="id must"):
        Demand(id=bad_id, text="text")


@pytest.mark.parametrize("tags", ["NLP", [""], [3], None])
def test_malformed_tags_refused(tags):
    with pytest.raises(MatchingInputError, match="tag"):
        Demand(id=1, text="text", tags=tags)


def test_non_string_text_refused():
    with pytest.raises(MatchingInputError, match="text must be a string"):
        Partner(id="p", text=42)


def test_duplicate_partner_ids_refused():
    with pytest.raises(MatchingInputError, match="Two partners have the id 'p'"):
        PartnerIndex([Partner(id="p", text="a lab"), Partner(id="p", text="another lab")])


def test_duplicate_demand_ids_refused(index):
    with pytest.raises(MatchingInputError, match="Two demands have the id 1"):
        rank([Demand(id=1, text="a"), Demand(id=1, text="b")], index)


def test_ids_of_different_types_are_different(index):
    rankings = rank([Demand(id=1, text="LLM"), Demand(id="1", text="LLM")], index)
    assert [r.demand for r in rankings] == [1, "1"]


def test_tags_are_stripped():
    assert Demand(id=1, text="t", tags=[" NLP "]).tags == ("NLP",)
