"""Tests for the synthetic demo-data generators (pure Python, no database)."""

import random
import re

import pytest

from aihub.demo import names

HANGUL = re.compile(r"^[가-힣]+$")
DOMAIN_CODES = [domain.code for domain in names.AI_DOMAINS]


def reference_check_digit(number: str) -> int:
    """Independent implementation of the 사업자등록번호 checksum."""
    weights = [1, 3, 7, 1, 3, 7, 1, 3, 5]
    products = [int(number[i]) * weights[i] for i in range(9)]
    total = sum(products) + (int(number[8]) * 5) // 10
    return (10 - total % 10) % 10


def strip_legal_form(name_ko: str, name_en: str) -> tuple[str, str]:
    for form in ("(주)", "주식회사 "):
        name_ko = name_ko.removeprefix(form)
    for form in (" Inc.", " Co., Ltd."):
        name_en = name_en.removesuffix(form)
    return name_ko, name_en


# --- Business registration numbers -----------------------------------------------------


@pytest.mark.parametrize(
    ("number", "expected"),
    [("220-81-62517", 7), ("124-81-00998", 8)],
)
def test_check_digit_on_real_numbers(number, expected):
    digits = number.replace("-", "")
    assert names._check_digit(digits[:9]) == expected == int(digits[9])
    assert reference_check_digit(digits) == expected


@pytest.mark.parametrize("bad", ["12345678", "1234567890", "12345678a", "１２３４５６７８９"])
def test_check_digit_rejects_malformed_input(bad):
    with pytest.raises(ValueError, match="nine ASCII digits"):
        names._check_digit(bad)


def test_generated_registration_numbers_are_valid():
    rng = random.Random(20240601)
    numbers = [names.make_business_registration_number(rng=rng) for _ in range(100)]
    for number in numbers:
        assert re.fullmatch(r"\d{10}", number)
        assert int(number[9]) == reference_check_digit(number)
        assert number[3:5] in {"81", "86", "87", "88"}
        assert number[0] != "0"
    assert len(set(numbers)) > 90


def test_registration_numbers_are_deterministic():
    first = [names.make_business_registration_number(rng=random.Random(7)) for _ in range(3)]
    second = [names.make_business_registration_number(rng=random.Random(7)) for _ in range(3)]
    assert first == second


# --- Company names ---------------------------------------------------------------------


def test_company_names_are_unique_and_at_least_400_are_possible():
    pairs = names.company_names(rng=random.Random(1), count=400)
    assert len(pairs) == 400
    bases = [strip_legal_form(ko, en) for ko, en in pairs]
    assert len({ko for ko, _ in bases}) == 400
    assert len({re.sub(r"[^a-z]", "", en.lower()) for _, en in bases}) == 400


def test_company_names_are_deterministic_per_seed():
    assert names.company_names(rng=random.Random(42), count=50) == names.company_names(
        rng=random.Random(42), count=50
    )
    assert names.company_names(rng=random.Random(42), count=50) != names.company_names(
        rng=random.Random(43), count=50
    )


def test_company_names_are_well_formed_and_bilingual():
    pairs = names.company_names(rng=random.Random(3), count=1000)
    legal_ko = legal_en = 0
    for name_ko, name_en in pairs:
        has_ko_form = name_ko.startswith(("(주)", "주식회사 "))
        has_en_form = name_en.endswith((" Inc.", " Co., Ltd."))
        assert has_ko_form == has_en_form, (name_ko, name_en)
        legal_ko += has_ko_form
        legal_en += has_en_form
        base_ko, base_en = strip_legal_form(name_ko, name_en)
        assert HANGUL.match(base_ko), name_ko
        assert re.fullmatch(r"[A-Z][A-Za-z]*( [A-Z][A-Za-z]*)?", base_en), name_en
    assert 0 < legal_ko < len(pairs) // 2


def test_company_names_follow_their_parts():
    ko_by_en = {
        en.lower(): ko for ko, en in names._NAME_PREFIXES + names._NAME_CORES + names._NAME_SUFFIXES
    }
    prefixes_en = sorted((en for _, en in names._NAME_PREFIXES), key=len, reverse=True)
    for name_ko, name_en in names.company_names(rng=random.Random(5), count=300):
        base_ko, base_en = strip_legal_form(name_ko, name_en)
        stem, _, suffix = base_en.partition(" ")
        prefix = next(p for p in prefixes_en if stem.startswith(p))
        expected = ko_by_en[prefix.lower()]
        if stem != prefix:
            expected += ko_by_en[stem[len(prefix) :].lower()]
        if suffix:
            expected += ko_by_en[suffix.lower()]
        assert base_ko == expected, (name_ko, name_en)


def test_company_names_avoid_existing_companies():
    for name_ko, name_en in names.company_names(rng=random.Random(11), count=3000):
        base = re.sub(r"[^a-z]", "", strip_legal_form(name_ko, name_en)[1].lower())
        stem = re.sub(r"[^a-z]", "", strip_legal_form(name_ko, name_en)[1].split(" ")[0].lower())
        assert base not in names._EXISTING_NAMES
        assert stem not in names._EXISTING_NAMES


def test_company_names_count_limits():
    assert names.company_names(rng=random.Random(0), count=0) == []
    with pytest.raises(ValueError, match="negative"):
        names.company_names(rng=random.Random(0), count=-1)
    with pytest.raises(ValueError, match="at most"):
        names.company_names(rng=random.Random(0), count=1_000_000)


# --- People and contacts ---------------------------------------------------------------


def test_person_names():
    rng = random.Random(9)
    people = [names.person_name(rng=rng) for _ in range(300)]
    for name_ko, romanised in people:
        assert HANGUL.match(name_ko)
        assert len(name_ko) == 3
        assert re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", romanised)
        assert re.fullmatch(r"[a-z]+\.[a-z]+", names.email_local_part(romanised=romanised))
    surnames = [name_ko[0] for name_ko, _ in people]
    assert surnames.count("김") > surnames.count("하")
    assert len(set(people)) > 200


def test_person_name_is_deterministic():
    first = names.person_name(rng=random.Random(2024))
    assert first == names.person_name(rng=random.Random(2024))


@pytest.mark.parametrize(
    ("romanised", "expected"),
    [
        ("Minjun Kim", "minjun.kim"),
        ("Min-jun Kim", "minjun.kim"),
        ("  Seo Yeon  Park ", "seo.yeon.park"),
        ("Chloé O'Brien", "chloe.obrien"),
    ],
)
def test_email_local_part(romanised, expected):
    assert names.email_local_part(romanised=romanised) == expected


def test_email_local_part_rejects_names_without_ascii_letters():
    with pytest.raises(ValueError, match="no ASCII letters"):
        names.email_local_part(romanised="김민준")


def test_company_domain():
    domain = names.company_domain(name_en="DeepVision Labs")
    assert domain.startswith("deepvisionlabs.")
    assert domain.split(".", 1)[1] in {"co.kr", "ai", "io", "kr"}
    assert names.company_domain(name_en="Core AI Inc.").startswith("coreai.")
    assert names.company_domain(name_en="Neurowave Co., Ltd.").startswith("neurowave.")
    assert names.company_domain(name_en="DeepVision Labs") == domain
    for _, name_en in names.company_names(rng=random.Random(8), count=500):
        result = names.company_domain(name_en=name_en)
        assert re.fullmatch(r"[a-z0-9]+\.(co\.kr|ai|io|kr)", result), result
        assert not result.endswith("ai.ai")
    tlds = {
        names.company_domain(name_en=en).split(".", 1)[1]
        for _, en in names.company_names(rng=random.Random(8), count=200)
    }
    assert {"co.kr", "ai", "io"} <= tlds


# --- Domains and descriptions ----------------------------------------------------------


def test_ai_domains():
    assert len(names.AI_DOMAINS) >= 12
    assert len(set(DOMAIN_CODES)) == len(DOMAIN_CODES)
    assert set(DOMAIN_CODES) == set(names._DOMAIN_COPY)
    code, label_ko, label_en = names.AI_DOMAINS[0]
    assert (code, label_ko, label_en) == ("nlp", "자연어처리", "Natural language processing")


@pytest.mark.parametrize(
    ("word", "pair", "expected"),
    [
        ("솔루션", "을/를", "솔루션을"),
        ("플랫폼", "을/를", "플랫폼을"),
        ("엔진", "으로/로", "엔진으로"),
        ("모델", "으로/로", "모델로"),
        ("의료 영상 AI", "을/를", "의료 영상 AI를"),
        ("데이터센터용 AI 가속기(NPU)", "을/를", "데이터센터용 AI 가속기(NPU)를"),
        ("딥비전랩스", "은/는", "딥비전랩스는"),
        ("(주)코어에이아이", "이/가", "(주)코어에이아이가"),
        ("대학병원", "과/와", "대학병원과"),
        ("콜센터", "과/와", "콜센터와"),
        ("LLM", "을/를", "LLM을"),
    ],
)
def test_korean_particles(word, pair, expected):
    assert names._attach_particle(word, pair) == expected


@pytest.mark.parametrize("code", DOMAIN_CODES)
def test_description_mentions_the_domain(code):
    copy = names._DOMAIN_COPY[code]
    offerings_ko = [ko for ko, _ in copy.offerings]
    offerings_en = [en for _, en in copy.offerings]
    for seed in range(20):
        ko, en = names.company_description(
            rng=random.Random(seed), domains=[code], name_ko="딥비전랩스", name_en="DeepVision Labs"
        )
        assert any(offering in ko for offering in offerings_ko), ko
        assert any(offering in en for offering in offerings_en), en
        assert "{" not in ko + en
        assert ko.endswith("다.")
        assert en[0].isupper()
        assert en.endswith(".")
        assert 1 <= ko.count("다.") <= 2


def test_description_with_several_domains_has_two_sentences():
    for seed in range(30):
        ko, en = names.company_description(
            rng=random.Random(seed),
            domains=["manufacturing", "vision", "robotics"],
            name_ko="(주)코어에이아이",
            name_en="Core AI Inc.",
        )
        assert ko.count("다.") == 2
        assert "컴퓨터 비전 및 로보틱스" in ko
        assert "computer vision and robotics" in en


def test_descriptions_vary_and_are_deterministic():
    def describe(seed):
        return names.company_description(
            rng=random.Random(seed), domains=["nlp"], name_ko="뉴로웨이브", name_en="Neurowave"
        )

    assert describe(1) == describe(1)
    assert len({describe(seed) for seed in range(40)}) > 15


def test_description_rejects_bad_domains():
    kwargs = {"rng": random.Random(0), "name_ko": "딥비전랩스", "name_en": "DeepVision Labs"}
    with pytest.raises(ValueError, match="unknown AI domain"):
        names.company_description(domains=["blockchain"], **kwargs)
    with pytest.raises(ValueError, match="at least one"):
        names.company_description(domains=[], **kwargs)
    with pytest.raises(TypeError):
        names.company_description(domains="nlp", **kwargs)


def test_module_uses_no_global_random_state():
    random.seed(0)
    expected = random.random()
    random.seed(0)
    rng = random.Random(1)
    names.company_names(rng=rng, count=20)
    names.person_name(rng=rng)
    names.make_business_registration_number(rng=rng)
    names.company_description(rng=rng, domains=["speech"], name_ko="에코톡", name_en="EchoTalk")
    assert random.random() == expected
