from aihub.matching.engine.text import analyse, english_norm, kiwi, tokenize


def norms(text: str) -> list[str]:
    return [token.norm for token in tokenize(text)]


def test_tokenize_korean_yields_lemmas():
    assert norms("연구실을 찾았습니다") == ["연구실", "찾다"]


def test_tokenize_korean_drops_particles_and_endings():
    assert norms("언어모델을 파인튜닝하고 싶어요") == ["언어", "모델", "파인", "튜닝"]


def test_tokenize_korean_glues_noun_prefix_and_suffix():
    assert norms("초거대 모델을 경량화하는 방법") == ["초거대", "모델", "경량화", "방법"]


def test_tokenize_english_stems_and_drops_stop_words():
    assert norms("Fine-tuning of the models") == ["fine", "tune", "model"]


def test_tokenize_english_keeps_capitalised_stop_words_and_singularises_acronyms():
    assert norms("OR for LLMs") == ["or", "llm"]


def test_tokenize_mixed_text_keeps_reading_order():
    tokens = tokenize("AI 반도체용 NPU 컴파일러")
    assert [(t.norm, t.surface) for t in tokens] == [
        ("ai", "AI"),
        ("반도체", "반도체"),
        ("npu", "NPU"),
        ("컴파일러", "컴파일러"),
    ]


def test_tokenize_punctuation_only_gives_nothing():
    assert tokenize("?! … —") == []


def test_english_norm_drops_single_letters_but_keeps_digits():
    assert (english_norm("a"), english_norm("x"), english_norm("4")) == (None, None, "4")


def test_analyse_finds_concepts_in_both_languages():
    assert dict(analyse("대규모 언어모델 파인튜닝").concepts) == {"llm": 1, "fine_tuning": 1}
    assert dict(analyse("fine-tuning large language models (LLM)").concepts) == {
        "fine_tuning": 1,
        "llm": 2,
    }


def test_analyse_keeps_first_surface_of_each_term():
    assert analyse("Models and the model").surfaces == {"model": "Models"}


def test_kiwi_is_one_shared_instance():
    assert kiwi() is kiwi()


def test_tokenize_full_width_latin_reads_as_ascii():
    analysis = analyse("\uff2c\uff2c\uff2d 파인튜닝")
    assert analysis.terms[0] == "llm"
    assert set(analysis.concepts) == {"llm", "fine_tuning"}
