import pytest

from aihub.matching.engine import MatchingInputError
from aihub.matching.engine.taxonomy import Concept, Taxonomy, TaxonomyError, default_taxonomy
from aihub.matching.engine.text import analyse


def concepts_in(text: str) -> set[str]:
    return set(analyse(text).concepts)


def test_default_taxonomy_has_bilingual_concepts():
    taxonomy = default_taxonomy()
    assert len(taxonomy.ids) >= 60
    assert all(c.ko and c.en and c.ko != c.id for c in taxonomy.concepts.values())


def test_find_concepts_korean_spacing_variants_meet():
    assert concepts_in("자연어처리") == concepts_in("자연어 처리") == {"nlp"}
    assert concepts_in("불량검출 장비") == concepts_in("불량 검출 장비") == {"visual_inspection"}


def test_find_concepts_abbreviations_and_synonyms_in_both_languages():
    assert concepts_in("STT 엔진") == concepts_in("speech-to-text") == {"speech_recognition"}
    assert concepts_in("음성인식") == concepts_in("automatic speech recognition")


def test_find_concepts_prefers_the_longest_phrase():
    assert concepts_in("의료 영상 분석") == {"medical_imaging"}


def test_find_concepts_short_abbreviation_only_in_capitals():
    assert concepts_in("OR for scheduling trucks") == {"optimization"}
    assert concepts_in("trucks or vans") == set()


def test_resolve_tag_accepts_ids_names_and_synonyms_in_any_case():
    taxonomy = default_taxonomy()
    tags = ["nlp", "자연어 처리", "Natural Language Processing", "Large Language Models", "cv"]
    assert [taxonomy.resolve_tag(tag) for tag in tags] == [
        "nlp",
        "nlp",
        "nlp",
        "llm",
        "computer_vision",
    ]


def test_resolve_tags_unknown_tag_names_it():
    with pytest.raises(MatchingInputError, match="unknown tag 'quantum sorcery'") as caught:
        default_taxonomy().resolve_tags(["NLP", "quantum sorcery"], kind="demand", record=7)
    assert (caught.value.code, caught.value.record, caught.value.field) == (
        "unknown_tag",
        7,
        "tags",
    )


def test_distance_follows_broader_links_both_ways():
    taxonomy = default_taxonomy()
    assert taxonomy.distance("llm", "nlp") == taxonomy.distance("nlp", "llm") == 1
    assert taxonomy.distance("rag", "nlp") == 2
    assert taxonomy.distance("llm", "robotics") is None


def test_taxonomy_unknown_broader_refused():
    with pytest.raises(TaxonomyError, match="unknown broader 'nowhere'"):
        Taxonomy([Concept("a", "가", "A concept", broader=("nowhere",))])


def test_taxonomy_cycle_refused():
    with pytest.raises(TaxonomyError, match="its own broader"):
        Taxonomy(
            [
                Concept("a", "가나", "Alpha", broader=("b",)),
                Concept("b", "다라", "Beta", broader=("a",)),
            ]
        )


def test_taxonomy_term_of_two_concepts_refused():
    with pytest.raises(TaxonomyError, match="belongs to both"):
        Taxonomy(
            [
                Concept("a", "가나", "Alpha", terms_en=("shared words",)),
                Concept("b", "다라", "Beta", terms_en=("Shared  words",)),
            ]
        )
