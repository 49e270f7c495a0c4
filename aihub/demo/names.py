"""Deterministic synthetic demo data: AI startups, people and their contact details.

Every generator draws from a ``random.Random`` passed in by the caller, so the same
seed always yields the same data. Standard library only.
"""

from __future__ import annotations

import random
import re
import string
import unicodedata
import zlib
from collections.abc import Sequence
from typing import NamedTuple

__all__ = [
    "AI_DOMAINS",
    "AIDomain",
    "company_description",
    "company_domain",
    "company_names",
    "email_local_part",
    "make_business_registration_number",
    "person_name",
]

_Pair = tuple[str, str]


# --- Business registration numbers (사업자등록번호) -------------------------------------

_BRN_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)

_TAX_OFFICE_CODES = (
    101, 104, 105, 106, 107, 108, 109, 110, 113, 114, 117, 119, 120,
    201, 204, 206, 209, 210, 211, 212, 214, 215, 217, 220,
)  # fmt: skip

_CORPORATE_CODES = (81, 86, 87, 88)
_CORPORATE_CODE_WEIGHTS = (5, 3, 3, 1)


def _check_digit(first9: str) -> int:
    """Check digit over the first nine digits of a business registration number."""
    if len(first9) != 9 or not first9.isascii() or not first9.isdigit():
        raise ValueError(f"expected nine ASCII digits, got {first9!r}")
    digits = [int(c) for c in first9]
    total = sum(d * w for d, w in zip(digits, _BRN_WEIGHTS, strict=True))
    total += digits[8] * 5 // 10
    return (10 - total % 10) % 10


def make_business_registration_number(*, rng: random.Random) -> str:
    """Ten digits with a valid check digit and a for-profit corporation code (81/86/87/88)."""
    office = rng.choice(_TAX_OFFICE_CODES)
    kind = rng.choices(_CORPORATE_CODES, weights=_CORPORATE_CODE_WEIGHTS)[0]
    serial = rng.randint(1, 9999)
    first9 = f"{office:03d}{kind:02d}{serial:04d}"
    return f"{first9}{_check_digit(first9)}"


# --- Company names ---------------------------------------------------------------------

_NAME_PREFIXES: tuple[_Pair, ...] = (
    ("딥", "Deep"),
    ("뉴로", "Neuro"),
    ("코어", "Core"),
    ("마인즈", "Minds"),
    ("브레인", "Brain"),
    ("퀀텀", "Quantum"),
    ("노바", "Nova"),
    ("픽셀", "Pixel"),
    ("시냅스", "Synapse"),
    ("하이퍼", "Hyper"),
    ("옴니", "Omni"),
    ("인사이트", "Insight"),
    ("벡터", "Vector"),
    ("텐서", "Tensor"),
    ("아크", "Arc"),
    ("플럭스", "Flux"),
    ("루멘", "Lumen"),
    ("네오", "Neo"),
    ("오로라", "Aurora"),
    ("클리어", "Clear"),
    ("알파", "Alpha"),
    ("에이펙스", "Apex"),
    ("큐브", "Cube"),
    ("스텔라", "Stella"),
    ("에코", "Echo"),
    ("포커스", "Focus"),
    ("오빗", "Orbit"),
    ("세이지", "Sage"),
)

_NAME_CORES: tuple[_Pair, ...] = (
    ("비전", "Vision"),
    ("웨이브", "Wave"),
    ("그램", "Gram"),
    ("넷", "Net"),
    ("마인드", "Mind"),
    ("로직", "Logic"),
    ("센스", "Sense"),
    ("포지", "Forge"),
    ("그리드", "Grid"),
    ("플로우", "Flow"),
    ("스파크", "Spark"),
    ("보이스", "Voice"),
    ("코드", "Code"),
    ("메이트", "Mate"),
    ("버스", "Verse"),
    ("닷", "Dot"),
    ("루프", "Loop"),
    ("톡", "Talk"),
    ("봇", "Bot"),
    ("아이", "Eye"),
    ("시그널", "Signal"),
    ("패스", "Path"),
    ("레이", "Ray"),
    ("모션", "Motion"),
    ("스피어", "Sphere"),
    ("노드", "Node"),
    ("셀", "Cell"),
    ("링크", "Link"),
)

_NAME_SUFFIXES: tuple[_Pair, ...] = (
    ("랩스", "Labs"),
    ("랩", "Lab"),
    ("웍스", "Works"),
    ("에이아이", "AI"),
    ("테크", "Tech"),
    ("로보틱스", "Robotics"),
    ("시스템즈", "Systems"),
    ("다이나믹스", "Dynamics"),
    ("스튜디오", "Studio"),
    ("솔루션즈", "Solutions"),
    ("인텔리전스", "Intelligence"),
    ("바이오", "Bio"),
    ("모빌리티", "Mobility"),
    ("헬스", "Health"),
    ("애널리틱스", "Analytics"),
    ("시큐리티", "Security"),
)

_KO_LEGAL_FORMS = ("(주)", "주식회사 ")
_EN_LEGAL_FORMS = (" Inc.", " Co., Ltd.")
_LEGAL_FORM_PROBABILITY = 0.2

_NO_SUFFIX_WEIGHT = 3.0
_NO_CORE_WEIGHT = 0.5

_EXISTING_NAMES = frozenset(
    {
        "alphacode", "alphasense", "alphawave", "apexsystems", "auroralabs", "brainlab",
        "clearpath", "corelogic", "deepbio", "deepbrain", "deepcell", "deepcode", "deepgram",
        "deepmind", "deepmotion", "deepnoid", "deepsense", "deepx", "hyperloop", "logicworks",
        "lumentech", "mindslab", "neuroflow", "neurowavesystems", "omnivision", "omniverse",
        "quantumhealth", "quantumsystems", "tensorflow", "tensorwave",
    }
)  # fmt: skip
"""Normalised names (and name stems) of real companies or products that are never produced."""


class _NameCombo(NamedTuple):
    prefix: _Pair
    core: _Pair | None
    suffix: _Pair | None
    weight: float


def _normalise(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _name_combos() -> list[_NameCombo]:
    """Every allowed (prefix, core, suffix) combination, in a fixed order."""
    combos: list[_NameCombo] = []
    cores: list[_Pair | None] = [None, *_NAME_CORES]
    suffixes: list[_Pair | None] = [None, *_NAME_SUFFIXES]
    for prefix in _NAME_PREFIXES:
        for core in cores:
            if core is not None and (
                core[1].lower().startswith(prefix[1].lower())
                or prefix[1].lower().startswith(core[1].lower())
            ):
                continue
            stem = _normalise(prefix[1] + (core[1] if core else ""))
            for suffix in suffixes:
                if core is None and suffix is None:
                    continue
                full = stem + (_normalise(suffix[1]) if suffix else "")
                if stem in _EXISTING_NAMES or full in _EXISTING_NAMES:
                    continue
                weight = (_NO_CORE_WEIGHT if core is None else 1.0) * (
                    _NO_SUFFIX_WEIGHT if suffix is None else 1.0
                )
                combos.append(_NameCombo(prefix, core, suffix, weight))
    return combos


def _render_name(combo: _NameCombo, *, rng: random.Random) -> _Pair:
    """Korean and English spellings of one combination, with an occasional legal form."""
    prefix_ko, prefix_en = combo.prefix
    name_ko, name_en = prefix_ko, prefix_en
    if combo.core is not None:
        core_ko, core_en = combo.core
        name_ko += core_ko
        name_en += core_en if rng.random() < 0.5 else core_en.lower()
    if combo.suffix is not None:
        suffix_ko, suffix_en = combo.suffix
        name_ko += suffix_ko
        name_en += f" {suffix_en}"
    if rng.random() < _LEGAL_FORM_PROBABILITY:
        name_ko = rng.choice(_KO_LEGAL_FORMS) + name_ko
        name_en += rng.choice(_EN_LEGAL_FORMS)
    return name_ko, name_en


def company_names(*, rng: random.Random, count: int) -> list[tuple[str, str]]:
    """``count`` unique (Korean, English) names of fictional Korean AI startups."""
    if count < 0:
        raise ValueError("count must not be negative")
    combos = _name_combos()
    if count > len(combos):
        raise ValueError(f"at most {len(combos)} unique company names can be generated")
    keyed = [(rng.random() ** (1.0 / combo.weight), index) for index, combo in enumerate(combos)]
    keyed.sort(reverse=True)
    return [_render_name(combos[index], rng=rng) for _, index in keyed[:count]]


# --- People ----------------------------------------------------------------------------

_SURNAMES: tuple[tuple[str, str, float], ...] = (
    ("김", "Kim", 21.5),
    ("이", "Lee", 14.7),
    ("박", "Park", 8.4),
    ("최", "Choi", 4.7),
    ("정", "Jung", 4.3),
    ("강", "Kang", 2.3),
    ("조", "Cho", 2.1),
    ("윤", "Yoon", 2.1),
    ("장", "Jang", 2.0),
    ("임", "Lim", 1.7),
    ("한", "Han", 1.5),
    ("오", "Oh", 1.5),
    ("서", "Seo", 1.5),
    ("신", "Shin", 1.5),
    ("권", "Kwon", 1.4),
    ("황", "Hwang", 1.4),
    ("안", "Ahn", 1.4),
    ("송", "Song", 1.3),
    ("류", "Ryu", 1.2),
    ("전", "Jeon", 1.1),
    ("홍", "Hong", 1.1),
    ("고", "Ko", 0.9),
    ("문", "Moon", 0.9),
    ("양", "Yang", 0.9),
    ("손", "Son", 0.9),
    ("배", "Bae", 0.8),
    ("백", "Baek", 0.7),
    ("허", "Heo", 0.7),
    ("유", "Yoo", 0.6),
    ("남", "Nam", 0.6),
    ("노", "Noh", 0.4),
    ("하", "Ha", 0.4),
)

_GIVEN_NAMES: tuple[_Pair, ...] = (
    ("민준", "Minjun"),
    ("서준", "Seojun"),
    ("도윤", "Doyun"),
    ("예준", "Yejun"),
    ("시우", "Siwoo"),
    ("하준", "Hajun"),
    ("주원", "Juwon"),
    ("지호", "Jiho"),
    ("준서", "Junseo"),
    ("준우", "Junwoo"),
    ("현우", "Hyunwoo"),
    ("지훈", "Jihoon"),
    ("성민", "Sungmin"),
    ("동현", "Donghyun"),
    ("재원", "Jaewon"),
    ("승현", "Seunghyun"),
    ("영호", "Youngho"),
    ("상훈", "Sanghoon"),
    ("정우", "Jungwoo"),
    ("태현", "Taehyun"),
    ("민재", "Minjae"),
    ("건우", "Gunwoo"),
    ("우진", "Woojin"),
    ("재현", "Jaehyun"),
    ("서연", "Seoyeon"),
    ("서윤", "Seoyun"),
    ("지우", "Jiwoo"),
    ("서현", "Seohyun"),
    ("민서", "Minseo"),
    ("하은", "Haeun"),
    ("하윤", "Hayun"),
    ("윤서", "Yunseo"),
    ("지민", "Jimin"),
    ("수빈", "Subin"),
    ("예은", "Yeeun"),
    ("지현", "Jihyun"),
    ("은지", "Eunji"),
    ("수진", "Sujin"),
    ("민지", "Minji"),
    ("혜진", "Hyejin"),
    ("유진", "Yujin"),
    ("소영", "Soyoung"),
    ("지영", "Jiyoung"),
    ("은영", "Eunyoung"),
    ("예린", "Yerin"),
    ("다은", "Daeun"),
    ("채원", "Chaewon"),
    ("수아", "Sua"),
)


def person_name(*, rng: random.Random) -> tuple[str, str]:
    """A Korean full name and its romanisation, e.g. ("김민준", "Minjun Kim")."""
    surname_ko, surname_en, _ = rng.choices(_SURNAMES, weights=[s[2] for s in _SURNAMES])[0]
    given_ko, given_en = rng.choice(_GIVEN_NAMES)
    return f"{surname_ko}{given_ko}", f"{given_en} {surname_en}"


# --- AI domains and descriptions -------------------------------------------------------


class AIDomain(NamedTuple):
    """An AI field a startup works in."""

    code: str
    label_ko: str
    label_en: str


AI_DOMAINS: tuple[AIDomain, ...] = (
    AIDomain("nlp", "자연어처리", "Natural language processing"),
    AIDomain("vision", "컴퓨터 비전", "Computer vision"),
    AIDomain("speech", "음성인식", "Speech recognition"),
    AIDomain("robotics", "로보틱스", "Robotics"),
    AIDomain("healthcare", "헬스케어 AI", "Healthcare AI"),
    AIDomain("fintech", "금융 AI", "Financial AI"),
    AIDomain("mobility", "자율주행·모빌리티", "Autonomous driving & mobility"),
    AIDomain("manufacturing", "제조 AI", "Manufacturing AI"),
    AIDomain("generative", "생성형 AI", "Generative AI"),
    AIDomain("data", "데이터·MLOps", "Data & MLOps"),
    AIDomain("edtech", "에듀테크 AI", "EdTech AI"),
    AIDomain("security", "보안 AI", "Security AI"),
    AIDomain("semiconductor", "AI 반도체", "AI semiconductors"),
)


class _DomainCopy(NamedTuple):
    topic: _Pair
    offerings: tuple[_Pair, ...]
    customers: tuple[_Pair, ...]


_DOMAIN_COPY: dict[str, _DomainCopy] = {
    "nlp": _DomainCopy(
        ("자연어처리", "natural language processing"),
        (
            (
                "기업 문서를 이해하는 한국어 대규모 언어 모델",
                "Korean large language models that understand enterprise documents",
            ),
            (
                "고객 상담을 자동화하는 대화형 AI 엔진",
                "conversational AI engines that automate customer support",
            ),
            (
                "계약서와 법률 문서를 분석하는 자연어처리 솔루션",
                "NLP tools that analyze contracts and legal documents",
            ),
            (
                "한국어에 특화된 검색 증강 생성(RAG) 플랫폼",
                "a Korean-optimized retrieval-augmented generation (RAG) platform",
            ),
        ),
        (
            ("금융·공공 기관", "financial and public institutions"),
            ("콜센터 운영 기업", "contact-center operators"),
            ("법무법인", "law firms"),
        ),
    ),
    "vision": _DomainCopy(
        ("컴퓨터 비전", "computer vision"),
        (
            (
                "CCTV 영상에서 이상 상황을 감지하는 영상 분석 솔루션",
                "video analytics that detect incidents in CCTV footage",
            ),
            (
                "매장 내 고객 동선을 분석하는 컴퓨터 비전 시스템",
                "computer vision systems that analyze shopper movement in stores",
            ),
            (
                "드론·위성 영상 기반 객체 인식 엔진",
                "object detection engines for drone and satellite imagery",
            ),
        ),
        (
            ("스마트시티 사업자", "smart-city operators"),
            ("유통 기업", "retailers"),
            ("지방자치단체", "local governments"),
        ),
    ),
    "speech": _DomainCopy(
        ("음성인식", "speech recognition"),
        (
            (
                "잡음 속에서도 정확한 한국어 음성인식 엔진",
                "Korean speech recognition that stays accurate in noisy environments",
            ),
            (
                "감정까지 표현하는 음성 합성 기술",
                "expressive text-to-speech that conveys emotion",
            ),
            (
                "회의록을 자동으로 작성하는 음성 AI 서비스",
                "voice AI that writes meeting minutes automatically",
            ),
        ),
        (
            ("콜센터", "contact centers"),
            ("방송·미디어 기업", "broadcasters and media companies"),
            ("스마트 기기 제조사", "smart-device makers"),
        ),
    ),
    "robotics": _DomainCopy(
        ("로보틱스", "robotics"),
        (
            ("물류 창고용 자율 이동 로봇", "autonomous mobile robots for logistics warehouses"),
            ("협동 로봇을 위한 AI 제어 소프트웨어", "AI control software for collaborative robots"),
            (
                "서빙·배송 로봇 관제 플랫폼",
                "a fleet-management platform for serving and delivery robots",
            ),
        ),
        (
            ("물류 기업", "logistics companies"),
            ("외식 프랜차이즈", "restaurant franchises"),
            ("중소 제조업체", "small and mid-sized manufacturers"),
        ),
    ),
    "healthcare": _DomainCopy(
        ("의료 AI", "medical AI"),
        (
            (
                "흉부 X-ray 판독을 보조하는 의료 영상 AI",
                "medical imaging AI that assists chest X-ray reading",
            ),
            (
                "생체 신호로 질환을 조기에 예측하는 솔루션",
                "software that predicts disease early from biosignals",
            ),
            ("신약 후보 물질을 발굴하는 AI 플랫폼", "an AI platform for drug-candidate discovery"),
        ),
        (
            ("대학병원", "university hospitals"),
            ("제약사", "pharmaceutical companies"),
            ("건강검진 센터", "health-screening centers"),
        ),
    ),
    "fintech": _DomainCopy(
        ("금융 AI", "financial AI"),
        (
            ("이상 거래 탐지(FDS) 엔진", "fraud detection engines"),
            ("대안 데이터 기반 신용평가 모델", "credit-scoring models built on alternative data"),
            (
                "개인 맞춤형 자산관리 로보어드바이저",
                "personalized robo-advisors for wealth management",
            ),
        ),
        (
            ("은행과 카드사", "banks and card issuers"),
            ("핀테크 기업", "fintech companies"),
            ("증권사", "securities firms"),
        ),
    ),
    "mobility": _DomainCopy(
        ("자율주행", "autonomous driving"),
        (
            (
                "자율주행 차량을 위한 라이다 인지 소프트웨어",
                "LiDAR perception software for autonomous vehicles",
            ),
            (
                "도심 교통 흐름을 예측하는 모빌리티 데이터 플랫폼",
                "a mobility data platform that forecasts urban traffic",
            ),
            ("자율주행 셔틀 운행 관제 시스템", "an operations system for autonomous shuttles"),
        ),
        (
            ("완성차 업체", "carmakers"),
            ("지방자치단체", "local governments"),
            ("물류 운송사", "freight carriers"),
        ),
    ),
    "manufacturing": _DomainCopy(
        ("스마트 제조", "smart manufacturing"),
        (
            (
                "제조 현장의 불량 검출을 위한 비전 AI 솔루션",
                "vision AI for defect detection on factory floors",
            ),
            (
                "설비 고장을 미리 예측하는 예지보전 플랫폼",
                "a predictive-maintenance platform that anticipates equipment failures",
            ),
            (
                "공정 데이터를 분석해 수율을 높이는 AI 솔루션",
                "AI that analyzes process data to raise yield",
            ),
        ),
        (
            ("중소 제조업체", "small and mid-sized manufacturers"),
            ("반도체·디스플레이 공장", "semiconductor and display fabs"),
            ("자동차 부품사", "auto-parts suppliers"),
        ),
    ),
    "generative": _DomainCopy(
        ("생성형 AI", "generative AI"),
        (
            ("광고 이미지를 자동으로 만드는 생성형 AI", "generative AI that creates ad images"),
            ("웹툰 제작을 돕는 AI 드로잉 도구", "AI drawing tools for webtoon production"),
            (
                "기업 맞춤형 소형 언어 모델(sLLM) 구축 플랫폼",
                "a platform for building custom small language models",
            ),
            ("가상 인간 콘텐츠 제작 솔루션", "tools for producing virtual-human content"),
        ),
        (
            ("콘텐츠 제작사", "content studios"),
            ("마케팅 에이전시", "marketing agencies"),
            ("이커머스 셀러", "e-commerce sellers"),
        ),
    ),
    "data": _DomainCopy(
        ("데이터·MLOps", "data and MLOps"),
        (
            (
                "AI 학습 데이터 구축 및 라벨링 플랫폼",
                "a platform for building and labeling AI training data",
            ),
            (
                "모델 배포와 모니터링을 자동화하는 MLOps 플랫폼",
                "an MLOps platform that automates model deployment and monitoring",
            ),
            (
                "GPU 자원을 효율적으로 관리하는 AI 인프라 솔루션",
                "AI infrastructure software that makes GPU clusters more efficient",
            ),
        ),
        (
            ("AI 개발 조직", "AI teams"),
            ("데이터 중심 기업", "data-driven enterprises"),
            ("연구기관", "research institutes"),
        ),
    ),
    "edtech": _DomainCopy(
        ("에듀테크", "edtech"),
        (
            (
                "학생 수준에 맞춰 문제를 추천하는 AI 튜터",
                "AI tutors that recommend problems matched to each student's level",
            ),
            ("AI 기반 영어 말하기 평가 서비스", "AI-powered English speaking assessment"),
            (
                "교사의 채점 부담을 줄이는 서술형 자동 채점 솔루션",
                "automated essay scoring that lightens teachers' grading load",
            ),
        ),
        (
            ("초·중·고등학교", "primary and secondary schools"),
            ("학원과 교육 기업", "academies and education companies"),
            ("대학", "universities"),
        ),
    ),
    "security": _DomainCopy(
        ("AI 보안", "AI security"),
        (
            (
                "딥페이크 영상을 탐지하는 AI 보안 솔루션",
                "AI security tools that detect deepfake videos",
            ),
            (
                "네트워크 이상 징후를 실시간으로 탐지하는 보안 관제 AI",
                "AI that detects network anomalies in real time",
            ),
            (
                "개인정보를 자동으로 가명처리하는 데이터 보호 솔루션",
                "data-protection tools that pseudonymize personal information automatically",
            ),
        ),
        (
            ("공공기관", "public agencies"),
            ("금융사", "financial firms"),
            ("클라우드 서비스 기업", "cloud service providers"),
        ),
    ),
    "semiconductor": _DomainCopy(
        ("AI 반도체", "AI semiconductors"),
        (
            ("저전력 엣지 AI 추론 칩", "low-power edge AI inference chips"),
            ("데이터센터용 AI 가속기(NPU)", "AI accelerators (NPUs) for data centers"),
            ("NPU 최적화를 위한 AI 컴파일러", "AI compilers that optimize models for NPUs"),
        ),
        (
            ("가전·스마트 기기 제조사", "consumer-electronics makers"),
            ("데이터센터 운영사", "data-center operators"),
            ("자동차 전장 기업", "automotive electronics suppliers"),
        ),
    ),
}

_ONE_SENTENCE_LEADS: tuple[_Pair, ...] = (
    ("{offering:을/를} 개발합니다.", "Develops {offering}."),
    (
        "{topic} 전문 스타트업 {name:은/는} {offering:을/를} 만듭니다.",
        "{name}, a startup focused on {topic}, builds {offering}.",
    ),
    ("{customer}에 {offering:을/를} 공급합니다.", "Supplies {customer} with {offering}."),
    (
        "{offering:으로/로} {customer}의 디지털 전환을 돕습니다.",
        "Helps {customer} go digital with {offering}.",
    ),
)

_TWO_SENTENCE_LEADS: tuple[_Pair, ...] = (
    (
        "{name:은/는} {topic} 기술을 연구하는 스타트업입니다. "
        "{customer:과/와} 함께 {offering:을/를} 현장에 도입하고 있습니다.",
        "{name} is a startup specializing in {topic}. "
        "It works with {customer} to deploy {offering}.",
    ),
    (
        "{name:은/는} {offering:을/를} 개발합니다. "
        "현재 여러 {customer:과/와} 실증 사업을 진행하고 있습니다.",
        "{name} develops {offering}. "
        "It is currently running pilot projects with several {customer}.",
    ),
)

_CLOSERS: tuple[_Pair, ...] = (
    ("서울 AI 허브 입주 기업입니다.", "The company is based at the Seoul AI Hub."),
    ("국내외 특허를 다수 보유하고 있습니다.", "It holds several patents in Korea and abroad."),
    ("해외 시장 진출을 준비하고 있습니다.", "It is preparing to expand overseas."),
)

_SECONDARY_TOPICS: tuple[_Pair, ...] = (
    ("{topics} 분야로 사업을 넓혀 가고 있습니다.", "It is also expanding into {topics}."),
    ("{topics} 기술도 함께 연구하고 있습니다.", "The team also conducts research in {topics}."),
    (
        "여기에 {topics} 역량을 더해 차별화된 서비스를 제공합니다.",
        "It sets itself apart with additional expertise in {topics}.",
    ),
)

_HANGUL_FIRST = 0xAC00
_HANGUL_LAST = 0xD7A3
_FINAL_RIEUL = 8
_SPOKEN_FINALS = {
    # Final consonant (jongseong index) of letters and digits read aloud in Korean.
    "L": 8,  # 엘
    "R": 8,  # 알
    "M": 16,  # 엠
    "N": 4,  # 엔
    "0": 21,  # 영
    "1": 8,  # 일
    "3": 16,  # 삼
    "6": 1,  # 육
    "7": 8,  # 칠
    "8": 8,  # 팔
}


def _final_consonant(word: str) -> int:
    """Jongseong index (0 = none) of the last sound of ``word``, ignoring a trailing (…)."""
    text = re.sub(r"\([^()]*\)\s*$", "", word.strip()).rstrip()
    for char in reversed(text):
        if _HANGUL_FIRST <= ord(char) <= _HANGUL_LAST:
            return (ord(char) - _HANGUL_FIRST) % 28
        if char.isascii() and char.isalnum():
            return _SPOKEN_FINALS.get(char.upper(), 0)
    return 0


def _attach_particle(word: str, pair: str) -> str:
    """``word`` followed by the form of ``pair`` ("을/를", "으로/로", …) that fits it."""
    after_consonant, after_vowel = pair.split("/")
    final = _final_consonant(word)
    vowel_like = (0, _FINAL_RIEUL) if after_consonant == "으로" else (0,)
    use_vowel_form = final in vowel_like
    return word + (after_vowel if use_vowel_form else after_consonant)


class _CopyFormatter(string.Formatter):
    """``str.format`` where a spec such as ``{name:은/는}`` attaches a Korean particle."""

    def format_field(self, value: object, format_spec: str) -> str:
        if "/" in format_spec:
            return _attach_particle(str(value), format_spec)
        return super().format_field(value, format_spec)


_FORMATTER = _CopyFormatter()


def _join_ko(items: Sequence[str]) -> str:
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} 및 {items[-1]}"


def _join_en(items: Sequence[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return f"{', '.join(items[:-1])}, and {items[-1]}"


def company_description(
    *, rng: random.Random, domains: Sequence[str], name_ko: str, name_en: str
) -> tuple[str, str]:
    """A one- or two-sentence Korean description and its English counterpart."""
    if isinstance(domains, str):
        raise TypeError("domains must be a sequence of domain codes, not a string")
    codes = list(dict.fromkeys(domains))
    if not codes:
        raise ValueError("at least one domain is required")
    unknown = [code for code in codes if code not in _DOMAIN_COPY]
    if unknown:
        raise ValueError(f"unknown AI domain(s): {', '.join(unknown)}")

    primary = _DOMAIN_COPY[codes[0]]
    offering = rng.choice(primary.offerings)
    customer = rng.choice(primary.customers)
    others = [_DOMAIN_COPY[code].topic for code in codes[1:]]

    if others:
        lead = rng.choice(_ONE_SENTENCE_LEADS)
        secondary = rng.choice(_SECONDARY_TOPICS)
        topics = (_join_ko([t[0] for t in others]), _join_en([t[1] for t in others]))
        extra: tuple[str, str] | None = (
            secondary[0].format(topics=topics[0]),
            secondary[1].format(topics=topics[1]),
        )
    else:
        roll = rng.random()
        if roll < 0.4:
            lead, extra = rng.choice(_ONE_SENTENCE_LEADS), None
        elif roll < 0.7:
            lead, extra = rng.choice(_ONE_SENTENCE_LEADS), rng.choice(_CLOSERS)
        else:
            lead, extra = rng.choice(_TWO_SENTENCE_LEADS), None

    texts = []
    for lang, template in enumerate(lead):
        sentence = _FORMATTER.format(
            template,
            name=(name_ko, name_en)[lang],
            topic=primary.topic[lang],
            offering=offering[lang],
            customer=customer[lang],
        )
        if extra is not None:
            sentence = f"{sentence} {extra[lang]}"
        texts.append(sentence)
    return texts[0], texts[1]


# --- Contact details -------------------------------------------------------------------

_EN_LEGAL_SUFFIX = re.compile(r"[\s,]*\b(inc|co\.?,?\s*ltd|corp|llc)\.?\s*$", re.IGNORECASE)
_DOMAIN_TLDS = ("co.kr", "co.kr", "co.kr", "ai", "io", "kr")


def _ascii_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.findall(r"[a-z0-9]+", folded.lower().replace("-", "").replace("'", ""))


def email_local_part(*, romanised: str) -> str:
    """Dotted lowercase local part of an e-mail address, e.g. "Minjun Kim" -> "minjun.kim"."""
    words = _ascii_words(romanised)
    if not words:
        raise ValueError(f"no ASCII letters in {romanised!r}")
    return ".".join(words)


def company_domain(*, name_en: str) -> str:
    """Lowercase ASCII web domain, e.g. "DeepVision Labs" -> "deepvisionlabs.co.kr"."""
    label = "".join(_ascii_words(_EN_LEGAL_SUFFIX.sub("", name_en)))
    if not label:
        raise ValueError(f"no ASCII letters in {name_en!r}")
    tld = _DOMAIN_TLDS[zlib.crc32(label.encode("ascii")) % len(_DOMAIN_TLDS)]
    if tld == "ai" and label.endswith("ai"):
        tld = "co.kr"
    return f"{label}.{tld}"
