"""The demo data set: facilities, partners, AI domains, companies and demo accounts.

Everything is derived from fixed seeds and a fixed reference date, so every run plans
the same data. Objects are keyed by a natural key and skipped when they already exist,
so running the seed again changes nothing.
"""

from __future__ import annotations

import contextlib
import datetime
import random
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher
from django.db import transaction
from django.utils import translation

from aihub.accounts import services as account_services
from aihub.accounts.enums import Role
from aihub.accounts.models import User
from aihub.companies import services as company_services
from aihub.companies.enums import CompanyStatus, MemberRole, MembershipKind, Stage
from aihub.companies.models import AIDomain, Company
from aihub.demo import names
from aihub.outbox.services import suppressed
from aihub.partners import services as partner_services
from aihub.partners.enums import PartnerKind
from aihub.partners.models import Partner
from aihub.spaces import services as space_services
from aihub.spaces.models import Facility

__all__ = [
    "COMPANIES_PER_SCALE",
    "DEMO_LOGINS",
    "DEMO_PASSWORD",
    "DEMO_USERS",
    "FACILITIES",
    "PARTNERS",
    "REFERENCE_DATE",
    "CompanyPlan",
    "SeedReport",
    "plan_companies",
    "quick_demo_hashing",
    "seed_demo",
]

REFERENCE_DATE = datetime.date(2026, 11, 1)
"""The day the demo history is written up to; every planned date lies before it."""

HISTORY_START = datetime.date(2017, 12, 1)
COMPANIES_PER_SCALE = 360
DEMO_PASSWORD = "aihub-demo-2026"  # noqa: S105 (published demo password)
PEOPLE_COMPANIES = 30
"""The first companies get owner and member accounts, so their pages show people."""

_SEED = 2017
_DAY = datetime.timedelta(days=1)


class _Writer(Protocol):
    def write(self, text: str, /) -> object: ...


# --- Report ----------------------------------------------------------------------------

REPORT_KINDS = (
    "users",
    "ai_domains",
    "facilities",
    "partners",
    "agreements",
    "partner_contacts",
    "companies",
    "company_members",
    "membership_periods",
)


@dataclass
class SeedReport:
    """How many objects of each kind a run created and how many it found already there."""

    created: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)

    def add(self, kind: str, *, created: bool, count: int = 1) -> None:
        (self.created if created else self.skipped)[kind] += count

    @property
    def total_created(self) -> int:
        return sum(self.created.values())

    def rows(self) -> list[tuple[str, int, int]]:
        """(kind, created, skipped) for every kind, in a fixed order."""
        extra = (set(self.created) | set(self.skipped)) - set(REPORT_KINDS)
        kinds = [*REPORT_KINDS, *sorted(extra)]
        return [(kind, self.created[kind], self.skipped[kind]) for kind in kinds]


# --- Demo accounts ---------------------------------------------------------------------


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    label_en: str
    role: Role | None = None
    language: str = "ko"


OWNER_EMAIL = "owner@aihub.example"
MEMBER_EMAIL = "member@aihub.example"
STAFF_EMAIL = "staff@aihub.example"
RESEARCHER_EMAIL = "researcher@aihub.example"

DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(STAFF_EMAIL, "김서연", "Hub staff", Role.HUB_STAFF),
    DemoUser(OWNER_EMAIL, "", "Company owner"),
    DemoUser(MEMBER_EMAIL, "이민재", "Company member"),
    DemoUser("judge@aihub.example", "정우진", "Judge", Role.JUDGE),
    DemoUser("investor@aihub.example", "Daniel Han", "Investor", Role.INVESTOR, "en"),
    DemoUser("mentor@aihub.example", "최현우", "Mentor / expert", Role.MENTOR),
    DemoUser(RESEARCHER_EMAIL, "박지훈", "Partner researcher", Role.RESEARCHER),
    DemoUser("trainee@aihub.example", "윤하은", "Trainee", Role.TRAINEE),
)
"""One account per role; the owner's name is the first demo company's representative."""

DEMO_LOGINS: list[tuple[str, str]] = [(user.email, user.label_en) for user in DEMO_USERS]


class DemoPasswordHasher(PBKDF2PasswordHasher):
    """PBKDF2 with few rounds, for the published demo password only (see below)."""

    iterations = 10_000


@contextlib.contextmanager
def quick_demo_hashing() -> Iterator[None]:
    """Hash passwords with ``DemoPasswordHasher`` inside, when the site hashes with PBKDF2.

    The demo accounts share a published password, so a full-strength hash protects nothing,
    yet costs about a second per account (a million PBKDF2 rounds): half a minute for the
    demo's accounts. The hashes are ordinary PBKDF2 ones with fewer rounds, which the site's
    own hasher checks, and Django re-hashes each at full strength on its first sign-in.
    Other hashers (the tests' fast one) are left alone.
    """
    if get_hasher().algorithm != DemoPasswordHasher.algorithm:
        yield
        return
    from django.test.utils import override_settings

    hashers = [f"{__name__}.{DemoPasswordHasher.__name__}", *settings.PASSWORD_HASHERS]
    with override_settings(PASSWORD_HASHERS=hashers):
        yield


# --- Facilities ------------------------------------------------------------------------


@dataclass(frozen=True)
class FloorSeed:
    level: int
    area_m2: int | None
    uses_ko: str
    uses_en: str


@dataclass(frozen=True)
class FacilitySeed:
    slug: str
    name_ko: str
    name_en: str
    address_ko: str
    address_en: str
    area_m2: int
    opened_on: datetime.date
    lowest_level: int
    highest_level: int
    description_ko: str
    description_en: str
    floors: tuple[FloorSeed, ...]
    is_anchor: bool = False


_LOUNGE_KO = "오픈 라운지, 코워킹 스페이스"
_LOUNGE_EN = "Open lounge, co-working space"

ANCHOR_SLUG = "seoul-ai-hub"
MAIN_SLUG = "yangjae-main"
EDUCATION_SLUG = "yangjae-education"
GLOBAL_SLUG = "yangjae-global"
GROWTH_SLUG = "yangjae-growth"

FACILITIES: tuple[FacilitySeed, ...] = (
    FacilitySeed(
        slug=ANCHOR_SLUG,
        name_ko="서울 AI 허브",
        name_en="Seoul AI Hub",
        address_ko="서울특별시 서초구 태봉로 108",
        address_en="108 Taebong-ro, Seocho-gu, Seoul",
        area_m2=10_020,
        opened_on=datetime.date(2024, 5, 29),
        lowest_level=-1,
        highest_level=7,
        is_anchor=True,
        description_ko=(
            "2024년 5월 문을 연 서울 AI 허브의 중심 시설입니다. 지하 1층부터 지상 7층까지 "
            "모든 층에 오픈 라운지와 코워킹 스페이스가 있고, 교육장과 대·중회의실, "
            "입주기업 사무실, 성장기업 전용 사무실, KAIST 김재철AI대학원이 자리하고 있습니다."
        ),
        description_en=(
            "The hub's main building, opened in May 2024. Every floor from B1 to 7F has an "
            "open lounge and co-working space; the building also holds education rooms, large "
            "and medium meeting rooms, company offices, growth-stage offices and the KAIST Kim "
            "Jaechul Graduate School of AI."
        ),
        floors=(
            FloorSeed(
                -1,
                1_540,
                f"{_LOUNGE_KO}, 다목적홀, 대회의실",
                f"{_LOUNGE_EN}, multi-purpose hall, large meeting room",
            ),
            FloorSeed(
                1,
                1_360,
                f"{_LOUNGE_KO}, 안내 데스크, 전시 공간",
                f"{_LOUNGE_EN}, information desk, exhibition space",
            ),
            FloorSeed(
                2,
                1_220,
                f"{_LOUNGE_KO}, 교육장 2실, 중회의실",
                f"{_LOUNGE_EN}, two education rooms, medium meeting room",
            ),
            FloorSeed(
                3,
                1_220,
                f"{_LOUNGE_KO}, 교육장 2실, 대회의실",
                f"{_LOUNGE_EN}, two education rooms, large meeting room",
            ),
            FloorSeed(
                4,
                1_200,
                f"{_LOUNGE_KO}, 입주기업 사무실, 중회의실",
                f"{_LOUNGE_EN}, company offices, medium meeting room",
            ),
            FloorSeed(
                5,
                1_200,
                f"{_LOUNGE_KO}, 입주기업 사무실, 중회의실",
                f"{_LOUNGE_EN}, company offices, medium meeting room",
            ),
            FloorSeed(
                6,
                1_160,
                f"{_LOUNGE_KO}, 성장기업 사무실 4실(실당 약 20명), 중회의실",
                f"{_LOUNGE_EN}, four growth-stage offices (about 20 people each), "
                "medium meeting room",
            ),
            FloorSeed(
                7,
                1_120,
                f"{_LOUNGE_KO}, KAIST 김재철AI대학원, 대회의실",
                f"{_LOUNGE_EN}, KAIST Kim Jaechul Graduate School of AI, large meeting room",
            ),
        ),
    ),
    FacilitySeed(
        slug=MAIN_SLUG,
        name_ko="AI 양재 허브 본관 (구 양재 R&CD 혁신허브)",
        name_en="AI Yangjae Hub Main Building (formerly Yangjae R&CD Innovation Hub)",
        address_ko="서울특별시 서초구 태봉로 114",
        address_en="114 Taebong-ro, Seocho-gu, Seoul",
        area_m2=4_000,
        opened_on=datetime.date(2017, 12, 1),
        lowest_level=-1,
        highest_level=4,
        description_ko=(
            "2017년 12월 '양재 R&CD 혁신허브'로 문을 연 첫 시설로, 초기 AI 스타트업의 "
            "입주 공간과 GPU 서버실을 갖추고 있습니다."
        ),
        description_en=(
            "The first facility, opened in December 2017 as the Yangjae R&CD Innovation Hub, "
            "with offices for early-stage AI startups and a GPU server room."
        ),
        floors=(
            FloorSeed(-1, None, "GPU 서버실, 창고", "GPU server room, storage"),
            FloorSeed(1, None, f"{_LOUNGE_KO}, 세미나실", f"{_LOUNGE_EN}, seminar room"),
            FloorSeed(2, None, "입주기업 사무실", "Company offices"),
            FloorSeed(3, None, "입주기업 사무실, 회의실", "Company offices, meeting rooms"),
            FloorSeed(4, None, "운영사무국, 상담실", "Hub office, consulting rooms"),
        ),
    ),
    FacilitySeed(
        slug=EDUCATION_SLUG,
        name_ko="AI 양재 허브 교육동",
        name_en="AI Yangjae Hub Education Building",
        address_ko="서울특별시 서초구 태봉로 110",
        address_en="110 Taebong-ro, Seocho-gu, Seoul",
        area_m2=5_213,
        opened_on=datetime.date(2020, 7, 1),
        lowest_level=1,
        highest_level=4,
        description_ko=(
            "2020년 문을 연 교육 전용 시설로, 9개 과정에서 해마다 약 1,000명의 교육생이 "
            "AI 실무와 기초 소양을 배웁니다."
        ),
        description_en=(
            "The education building, opened in 2020, where about 1,000 trainees a year take "
            "nine courses, from AI engineering practice to AI literacy for non-majors."
        ),
        floors=(
            FloorSeed(1, None, f"{_LOUNGE_KO}, 안내 데스크", f"{_LOUNGE_EN}, information desk"),
            FloorSeed(2, None, "교육장, 실습실", "Education rooms, lab"),
            FloorSeed(3, None, "교육장, 실습실", "Education rooms, lab"),
            FloorSeed(4, None, "강의실, 스터디룸", "Lecture hall, study rooms"),
        ),
    ),
    FacilitySeed(
        slug=GLOBAL_SLUG,
        name_ko="글로벌 AI 연구협력센터",
        name_en="Global AI Research Cooperation Centre",
        address_ko="서울특별시 서초구 양재천로 131",
        address_en="131 Yangjaecheon-ro, Seocho-gu, Seoul",
        area_m2=3_500,
        opened_on=datetime.date(2022, 3, 15),
        lowest_level=1,
        highest_level=3,
        description_ko=(
            "해외 협력기관의 방문 연구자와 글로벌 진출을 준비하는 기업이 함께 일하는 "
            "국제 연구협력 공간입니다."
        ),
        description_en=(
            "A research cooperation centre where visiting researchers from global partners "
            "work alongside companies preparing to go abroad."
        ),
        floors=(
            FloorSeed(1, None, f"{_LOUNGE_KO}, 세미나실", f"{_LOUNGE_EN}, seminar room"),
            FloorSeed(2, None, "방문 연구자실, 입주기업 사무실", "Visiting researchers, offices"),
            FloorSeed(3, None, "입주기업 사무실, 회의실", "Company offices, meeting rooms"),
        ),
    ),
    FacilitySeed(
        slug=GROWTH_SLUG,
        name_ko="AI 양재 허브 성장기업동",
        name_en="AI Yangjae Hub Growth-Stage Annex",
        address_ko="서울특별시 서초구 바우뫼로 37",
        address_en="37 Baumoe-ro, Seocho-gu, Seoul",
        area_m2=5_500,
        opened_on=datetime.date(2021, 9, 1),
        lowest_level=-1,
        highest_level=4,
        description_ko="투자를 유치하고 규모를 키우는 성장 단계 기업을 위한 사무 공간입니다.",
        description_en="Offices for growth-stage companies scaling up after raising investment.",
        floors=(
            FloorSeed(-1, None, "주차장, 창고", "Parking, storage"),
            FloorSeed(1, None, f"{_LOUNGE_KO}, IR 피칭룸", f"{_LOUNGE_EN}, IR pitching room"),
            FloorSeed(2, None, "입주기업 사무실", "Company offices"),
            FloorSeed(3, None, "입주기업 사무실", "Company offices"),
            FloorSeed(4, None, "입주기업 사무실, 대회의실", "Company offices, large meeting room"),
        ),
    ),
)


# --- Partners --------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactSeed:
    name: str
    title: str
    email: str = ""
    user_email: str | None = None


@dataclass(frozen=True)
class PartnerSeed:
    name_ko: str
    name_en: str
    kind: PartnerKind
    country: str
    homepage: str
    description_ko: str
    description_en: str
    agreement_title: str
    signed_on: datetime.date
    items: tuple[str, ...]
    contacts: tuple[ContactSeed, ...]


PARTNERS: tuple[PartnerSeed, ...] = (
    PartnerSeed(
        name_ko="서울대학교 AI연구원",
        name_en="SNU AI Institute",
        kind=PartnerKind.UNIVERSITY,
        country="KR",
        homepage="https://aiis.snu.ac.kr",
        description_ko="2024년부터 서울 AI 허브를 운영하는 서울대학교의 AI 연구기관입니다.",
        description_en="Seoul National University's AI institute, operator of the hub since 2024.",
        agreement_title="서울 AI 허브 위탁운영 협약 / Seoul AI Hub operating agreement",
        signed_on=datetime.date(2024, 1, 2),
        items=(
            "허브 운영 및 입주기업 지원 / Hub operation and company support",
            "AI 교육 과정 운영 / AI education courses",
            "공동 연구 및 기술 자문 / Joint research and technical advice",
        ),
        contacts=(
            ContactSeed("한지민", "운영센터장 / Head of operations", "jimin.han@snu-ai.example"),
        ),
    ),
    PartnerSeed(
        name_ko="한국전자통신연구원",
        name_en="ETRI",
        kind=PartnerKind.RESEARCH_INSTITUTE,
        country="KR",
        homepage="https://www.etri.re.kr",
        description_ko=(
            "정부출연 연구기관으로, 'AI 기술수요 매칭'을 통해 원천기술을 입주기업의 "
            "사업 수요에 연결합니다."
        ),
        description_en=(
            "The Electronics and Telecommunications Research Institute, a government-funded "
            "institute: its AI technology demand matching links source technologies to "
            "companies' business needs."
        ),
        agreement_title="AI 기술수요 매칭 업무협약 / MOU on AI technology demand matching",
        signed_on=datetime.date(2020, 9, 23),
        items=(
            "원천기술과 기업 수요 매칭 / Matching source technologies to company needs",
            "기술이전 상담 / Technology transfer consultations",
            "공동 실증 과제 / Joint pilot projects",
        ),
        contacts=(
            ContactSeed(
                "박지훈",
                "선임연구원 / Senior researcher",
                RESEARCHER_EMAIL,
                user_email=RESEARCHER_EMAIL,
            ),
            ContactSeed("오수진", "기술사업화 담당 / Commercialisation", "sujin.oh@etri.example"),
        ),
    ),
    PartnerSeed(
        name_ko="국민대학교",
        name_en="Kookmin University",
        kind=PartnerKind.UNIVERSITY,
        country="KR",
        homepage="https://www.kookmin.ac.kr",
        description_ko="2020년 AI 양재 허브 운영 컨소시엄에 참여한 대학입니다.",
        description_en="University that joined the AI Yangjae Hub operator consortium in 2020.",
        agreement_title="AI 양재 허브 운영 컨소시엄 협약 / Operator consortium agreement",
        signed_on=datetime.date(2020, 2, 3),
        items=(
            "허브 공동 운영 / Joint hub operation",
            "AI 교육 과정 개발 / AI course development",
        ),
        contacts=(
            ContactSeed("강동현", "산학협력단 팀장 / Industry liaison", "dh.kang@kmu.example"),
        ),
    ),
    PartnerSeed(
        name_ko="KAIST 김재철AI대학원",
        name_en="KAIST Kim Jaechul Graduate School of AI",
        kind=PartnerKind.UNIVERSITY,
        country="KR",
        homepage="https://gsai.kaist.ac.kr",
        description_ko="서울 AI 허브에 입주해 연구와 교육을 함께하는 KAIST의 AI 대학원입니다.",
        description_en="KAIST's graduate school of AI, a tenant of the Seoul AI Hub.",
        agreement_title="입주 및 연구·교육 협력 협약 / Tenancy and research cooperation",
        signed_on=datetime.date(2024, 4, 18),
        items=(
            "허브 내 연구 공간 입주 / Research space in the hub",
            "입주기업 기술 자문 / Technical advice to companies",
            "공동 세미나 / Joint seminars",
        ),
        contacts=(
            ContactSeed("신유진", "행정실장 / Head of administration", "yujin.shin@kaist.example"),
        ),
    ),
    PartnerSeed(
        name_ko="공군 AI 센터",
        name_en="Republic of Korea Air Force AI Centre",
        kind=PartnerKind.PUBLIC_BODY,
        country="KR",
        homepage="https://www.airforce.mil.kr",
        description_ko="오픈 이노베이션으로 AI 스타트업의 국방 분야 진출을 돕는 공군 조직입니다.",
        description_en=(
            "The Air Force's AI centre, which runs open innovation so startups can enter the "
            "defence sector."
        ),
        agreement_title="국방 AI 오픈 이노베이션 협약 / Defence AI open innovation MOU",
        signed_on=datetime.date(2023, 6, 20),
        items=(
            "국방 AI 과제 공동 발굴 / Joint defence AI challenges",
            "스타트업 국방 분야 진출 지원 / Defence sector entry for startups",
        ),
        contacts=(ContactSeed("임재원", "소령 / Major", "jaewon.lim@rokaf.example"),),
    ),
    PartnerSeed(
        name_ko="엔비디아 코리아",
        name_en="NVIDIA Korea",
        kind=PartnerKind.COMPANY,
        country="KR",
        homepage="https://www.nvidia.com/ko-kr/",
        description_ko="GPU 컴퓨팅 기술 교육과 스타트업 지원 프로그램을 함께 운영합니다.",
        description_en="Runs GPU computing training and startup support programmes with the hub.",
        agreement_title="AI 스타트업 육성 협약 / AI startup support MOU",
        signed_on=datetime.date(2021, 11, 9),
        items=(
            "GPU 기술 교육 / GPU technical training",
            "스타트업 지원 프로그램 연계 / Startup programme referrals",
        ),
        contacts=(
            ContactSeed("서현우", "파트너십 매니저 / Partnership manager", "hw.seo@nv.example"),
        ),
    ),
    PartnerSeed(
        name_ko="밀라",
        name_en="Mila",
        kind=PartnerKind.RESEARCH_INSTITUTE,
        country="CA",
        homepage="https://mila.quebec",
        description_ko=(
            "캐나다 퀘벡의 AI 연구소로, 협력을 통해 기업의 AI 기술 문제를 해결하는 "
            "매칭 7건을 성사시켰습니다."
        ),
        description_en=(
            "Quebec's AI research institute; the partnership made seven matches that solved "
            "companies' AI problems."
        ),
        agreement_title="AI 연구협력 양해각서 / MOU on AI research cooperation",
        signed_on=datetime.date(2019, 10, 17),
        items=(
            "기업 기술 문제 해결 매칭 / Matching researchers to company problems",
            "연구자 교류 / Researcher exchange",
        ),
        contacts=(ContactSeed("Émilie Tremblay", "Partnerships lead", "emilie.t@mila.example"),),
    ),
    PartnerSeed(
        name_ko="아이바도",
        name_en="IVADO",
        kind=PartnerKind.RESEARCH_INSTITUTE,
        country="CA",
        homepage="https://ivado.ca",
        description_ko="캐나다 몬트리올의 데이터 과학·AI 연구 컨소시엄입니다.",
        description_en="A Montreal consortium for data science and AI research.",
        agreement_title="글로벌 AI 협력 양해각서 / MOU on global AI cooperation",
        signed_on=datetime.date(2020, 11, 5),
        items=(
            "공동 세미나 / Joint seminars",
            "스타트업 캐나다 진출 지원 / Support for entering Canada",
        ),
        contacts=(ContactSeed("Marc Gagnon", "International relations", "marc.g@ivado.example"),),
    ),
    PartnerSeed(
        name_ko="사이버밸리",
        name_en="Cyber Valley",
        kind=PartnerKind.GLOBAL_NETWORK,
        country="DE",
        homepage="https://cyber-valley.de",
        description_ko=(
            "슈투트가르트·튀빙겐 대학, 막스플랑크 지능시스템연구소, 아마존, 보쉬 등이 "
            "참여한 독일의 AI 연구 네트워크로, 연구 자원을 스타트업의 기술 문제 해결에 "
            "제공합니다."
        ),
        description_en=(
            "Germany's AI research network of the universities of Stuttgart and Tübingen, the "
            "Max Planck Institute for Intelligent Systems, Amazon and Bosch; it lends its "
            "research resources to startups' technical problems."
        ),
        agreement_title="글로벌 AI 협력 양해각서 / MOU on global AI cooperation",
        signed_on=datetime.date(2024, 2, 15),
        items=(
            "유럽 시장 진출 지원 / European market entry",
            "유럽 투자자 연계 / Links to European investors",
            "공동 연구 프로젝트 / Joint research projects",
            "커뮤니티 자원 및 공간 교류 / Exchange of community resources and space",
            "사이버밸리 배치 프로그램 / Cyber Valley batch programme",
        ),
        contacts=(
            ContactSeed("Lena Hoffmann", "Startup network manager", "lena.h@cybervalley.example"),
        ),
    ),
    PartnerSeed(
        name_ko="인도공과대학교 델리",
        name_en="IIT Delhi",
        kind=PartnerKind.UNIVERSITY,
        country="IN",
        homepage="https://home.iitd.ac.in",
        description_ko="인도 뉴델리의 공과대학으로, 연구자와 인재 교류를 함께합니다.",
        description_en="The Indian Institute of Technology Delhi; researcher and talent exchange.",
        agreement_title="AI 인재·연구 교류 양해각서 / MOU on AI talent and research exchange",
        signed_on=datetime.date(2023, 9, 12),
        items=(
            "연구자 교류 / Researcher exchange",
            "스타트업 인도 진출 지원 / Support for entering India",
        ),
        contacts=(ContactSeed("Ananya Sharma", "Dean's office", "ananya.s@iitd.example"),),
    ),
)


# --- Company plans ---------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodPlan:
    kind: MembershipKind
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    facility_slug: str | None = None


@dataclass(frozen=True)
class PersonPlan:
    email: str
    full_name: str
    role: MemberRole


@dataclass(frozen=True)
class CompanyPlan:
    """Everything the seed writes for one company."""

    index: int
    status: CompanyStatus
    name_ko: str
    name_en: str
    registration_number: str
    founded_on: datetime.date
    representative: str
    stage: Stage
    headcount: int
    homepage: str
    description_ko: str
    description_en: str
    domain_codes: tuple[str, ...]
    periods: tuple[PeriodPlan, ...]
    people: tuple[PersonPlan, ...] = ()


_OPENED = {seed.slug: seed.opened_on for seed in FACILITIES}
_RESIDENT_FACILITY_WEIGHTS = {ANCHOR_SLUG: 4, MAIN_SLUG: 4, GROWTH_SLUG: 3, GLOBAL_SLUG: 1}
_CURRENT_RESIDENT_WEIGHTS = {ANCHOR_SLUG: 55, MAIN_SLUG: 20, GROWTH_SLUG: 18, GLOBAL_SLUG: 7}
_STATUS_BLOCK = (
    (CompanyStatus.RESIDENT,) * 3 + (CompanyStatus.MEMBERSHIP,) * 5 + (CompanyStatus.ALUMNI,) * 4
)
# Every demo company had joined by the end of 2024, when the hub reported 360+ companies.
_JOINED_BY = datetime.date(2024, 12, 31)
_LAST_END = REFERENCE_DATE - _DAY
_EARLIEST_FOUNDING = datetime.date(2010, 1, 4)

_STAGES_BY_AGE: tuple[tuple[float, dict[Stage, int]], ...] = (
    (2.0, {Stage.PRE_STARTUP: 25, Stage.SEED: 60, Stage.PRE_A: 15}),
    (5.0, {Stage.SEED: 45, Stage.PRE_A: 35, Stage.SERIES_A: 17, Stage.SERIES_B: 3}),
    (
        9.0,
        {
            Stage.SEED: 25,
            Stage.PRE_A: 30,
            Stage.SERIES_A: 28,
            Stage.SERIES_B: 12,
            Stage.SERIES_C: 5,
        },
    ),
    (
        99.0,
        {
            Stage.SEED: 15,
            Stage.PRE_A: 25,
            Stage.SERIES_A: 28,
            Stage.SERIES_B: 17,
            Stage.SERIES_C: 10,
            Stage.LISTED: 5,
        },
    ),
)
_HEADCOUNT_FACTOR = {
    Stage.PRE_STARTUP: 0.35,
    Stage.SEED: 0.6,
    Stage.PRE_A: 0.9,
    Stage.SERIES_A: 1.5,
    Stage.SERIES_B: 2.3,
    Stage.SERIES_C: 3.2,
    Stage.LISTED: 4.0,
}


def _date_between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    """A uniformly drawn day from ``first`` to ``last`` inclusive."""
    if last <= first:
        return first
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[key] for key in keys])[0]


def _resident_facility(rng: random.Random, on: datetime.date) -> str:
    """A facility open on ``on`` that takes resident companies."""
    open_now = {slug: w for slug, w in _RESIDENT_FACILITY_WEIGHTS.items() if _OPENED[slug] <= on}
    return _weighted(rng, open_now)


def _statuses(count: int) -> list[CompanyStatus]:
    """A fixed status mix, shuffled in blocks; the first company is a resident."""
    statuses: list[CompanyStatus] = []
    for block in range(0, count, len(_STATUS_BLOCK)):
        chunk = list(_STATUS_BLOCK)
        random.Random(f"{_SEED}-status-{block}").shuffle(chunk)
        statuses.extend(chunk)
    statuses = statuses[:count]
    if statuses and statuses[0] != CompanyStatus.RESIDENT:
        swap = statuses.index(CompanyStatus.RESIDENT)
        statuses[0], statuses[swap] = statuses[swap], statuses[0]
    return statuses


def _current_resident_history(rng: random.Random) -> list[PeriodPlan]:
    slug = _weighted(rng, _CURRENT_RESIDENT_WEIGHTS)
    roll = rng.random()
    if slug == ANCHOR_SLUG and roll < 0.3:
        moved = _OPENED[ANCHOR_SLUG]
        since = _date_between(rng, datetime.date(2018, 1, 2), datetime.date(2023, 6, 30))
        return [
            PeriodPlan(MembershipKind.RESIDENT, since, moved - _DAY, MAIN_SLUG),
            PeriodPlan(MembershipKind.RESIDENT, moved, None, ANCHOR_SLUG),
        ]
    start = _date_between(rng, max(_OPENED[slug], datetime.date(2018, 1, 2)), _JOINED_BY)
    periods = [PeriodPlan(MembershipKind.RESIDENT, start, None, slug)]
    if roll > 0.7:
        before = start - datetime.timedelta(days=rng.randint(180, 900))
        if before > HISTORY_START:
            periods.insert(0, PeriodPlan(MembershipKind.MEMBERSHIP, before, start - _DAY))
    return periods


def _current_membership_history(rng: random.Random) -> list[PeriodPlan]:
    start = _date_between(rng, datetime.date(2018, 3, 2), _JOINED_BY)
    facility = None
    if rng.random() < 0.3:
        facility = _resident_facility(rng, start)
    periods = [PeriodPlan(MembershipKind.MEMBERSHIP, start, None, facility)]
    if rng.random() < 0.25:
        before = max(HISTORY_START, start - datetime.timedelta(days=rng.randint(365, 1000)))
        if before < start - datetime.timedelta(days=90):
            slug = _resident_facility(rng, before)
            periods.insert(0, PeriodPlan(MembershipKind.RESIDENT, before, start - _DAY, slug))
    return periods


def _alumni_history(rng: random.Random) -> list[PeriodPlan]:
    roll = rng.random()
    if roll < 0.6:
        kinds = [rng.choice((MembershipKind.RESIDENT, MembershipKind.MEMBERSHIP))]
    elif roll < 0.85:
        kinds = [MembershipKind.RESIDENT, MembershipKind.MEMBERSHIP]
    else:
        kinds = [MembershipKind.MEMBERSHIP, MembershipKind.RESIDENT]
    start = _date_between(rng, HISTORY_START, _JOINED_BY)
    periods: list[PeriodPlan] = []
    for kind in kinds:
        if start > _LAST_END - datetime.timedelta(days=90):
            break
        end = min(start + datetime.timedelta(days=rng.randint(240, 1100)), _LAST_END)
        slug = _resident_facility(rng, start) if kind == MembershipKind.RESIDENT else None
        periods.append(PeriodPlan(kind, start, end, slug))
        gap = 1 if rng.random() < 0.6 else rng.randint(30, 365)
        start = end + datetime.timedelta(days=gap)
    return periods


def _first_company_history() -> list[PeriodPlan]:
    """The well-known demo company: resident since 2019, moved into the anchor in 2024."""
    moved = _OPENED[ANCHOR_SLUG]
    return [
        PeriodPlan(MembershipKind.RESIDENT, datetime.date(2019, 3, 4), moved - _DAY, MAIN_SLUG),
        PeriodPlan(MembershipKind.RESIDENT, moved, None, ANCHOR_SLUG),
    ]


def _stage(rng: random.Random, founded_on: datetime.date) -> Stage:
    age = (REFERENCE_DATE - founded_on).days / 365.25
    for limit, weights in _STAGES_BY_AGE:
        if age < limit:
            stages = list(weights)
            return rng.choices(stages, weights=[weights[s] for s in stages])[0]
    raise AssertionError("unreachable")


def _headcount(rng: random.Random, stage: Stage) -> int:
    value = rng.lognormvariate(2.2, 0.75) * _HEADCOUNT_FACTOR[stage]
    return max(2, min(120, round(value)))


def _domains(rng: random.Random) -> tuple[str, ...]:
    count = rng.choices((1, 2, 3), weights=(55, 33, 12))[0]
    return tuple(rng.sample([domain.code for domain in names.AI_DOMAINS], count))


def _people(
    rng: random.Random, *, index: int, representative: str, web_domain: str
) -> tuple[PersonPlan, ...]:
    if index == 0:
        return (
            PersonPlan(OWNER_EMAIL, representative, MemberRole.OWNER),
            PersonPlan(MEMBER_EMAIL, _demo_user(MEMBER_EMAIL).full_name, MemberRole.MEMBER),
        )
    if index >= PEOPLE_COMPANIES:
        return ()
    member_ko, member_en = names.person_name(rng=rng)
    member_email = f"{names.email_local_part(romanised=member_en)}@{web_domain}"
    return (
        PersonPlan(f"ceo@{web_domain}", representative, MemberRole.OWNER),
        PersonPlan(member_email, member_ko, MemberRole.MEMBER),
    )


def plan_companies(*, scale: int = 1) -> list[CompanyPlan]:
    """The companies of the demo set; a smaller scale plans a prefix of a larger one."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    count = COMPANIES_PER_SCALE * scale
    company_names = names.company_names(rng=random.Random(_SEED), count=count)
    statuses = _statuses(count)
    numbers: set[str] = set()
    emails: set[str] = set()
    plans: list[CompanyPlan] = []
    for index, ((name_ko, name_en), status) in enumerate(zip(company_names, statuses, strict=True)):
        rng = random.Random(f"{_SEED}-company-{index}")
        number = names.make_business_registration_number(rng=rng)
        while number in numbers:
            number = names.make_business_registration_number(rng=rng)
        numbers.add(number)

        if index == 0:
            periods = _first_company_history()
        elif status == CompanyStatus.RESIDENT:
            periods = _current_resident_history(rng)
        elif status == CompanyStatus.MEMBERSHIP:
            periods = _current_membership_history(rng)
        else:
            periods = _alumni_history(rng)

        joined = periods[0].starts_on
        years_before = rng.triangular(0.2, 9.0, 1.5)
        founded_on = max(
            _EARLIEST_FOUNDING, joined - datetime.timedelta(days=round(years_before * 365.25))
        )
        stage = _stage(rng, founded_on)
        domain_codes = _domains(rng)
        description_ko, description_en = names.company_description(
            rng=rng, domains=domain_codes, name_ko=name_ko, name_en=name_en
        )
        representative = names.person_name(rng=rng)[0]
        web_domain = names.company_domain(name_en=name_en)
        people = tuple(
            person
            for person in _people(
                rng, index=index, representative=representative, web_domain=web_domain
            )
            if person.email not in emails
        )
        emails.update(person.email for person in people)
        plans.append(
            CompanyPlan(
                index=index,
                status=status,
                name_ko=name_ko,
                name_en=name_en,
                registration_number=number,
                founded_on=founded_on,
                representative=representative,
                stage=stage,
                headcount=_headcount(rng, stage),
                homepage=f"https://www.{web_domain}",
                description_ko=description_ko,
                description_en=description_en,
                domain_codes=domain_codes,
                periods=tuple(periods),
                people=people,
            )
        )
    return plans


# --- Writing ---------------------------------------------------------------------------


def _demo_user(email: str) -> DemoUser:
    return next(user for user in DEMO_USERS if user.email == email)


def _say(stdout: _Writer | None, text: str) -> None:
    if stdout is not None:
        stdout.write(text + "\n")


def _seed_users(*, first_company: CompanyPlan, report: SeedReport) -> User:
    """The demo accounts; returns the hub staff account that acts for the rest of the seed."""
    existing = {
        user.email: user
        for user in User.objects.filter(email__in=[demo.email for demo in DEMO_USERS])
    }
    for demo in DEMO_USERS:
        if demo.email in existing:
            report.add("users", created=False)
            continue
        full_name = first_company.representative if demo.email == OWNER_EMAIL else demo.full_name
        existing[demo.email] = account_services.create_user(
            email=demo.email,
            password=DEMO_PASSWORD,
            full_name=full_name,
            language=demo.language,
            roles=[demo.role] if demo.role else [],
            actor=existing.get(STAFF_EMAIL),
        )
        report.add("users", created=True)
    return existing[STAFF_EMAIL]


def _seed_domains(*, report: SeedReport) -> dict[str, AIDomain]:
    domains: dict[str, AIDomain] = {}
    for domain in names.AI_DOMAINS:
        row, created = AIDomain.objects.get_or_create(
            code=domain.code, defaults={"name_ko": domain.label_ko, "name_en": domain.label_en}
        )
        report.add("ai_domains", created=created)
        domains[row.code] = row
    return domains


def _seed_facilities(*, actor: User, report: SeedReport) -> dict[str, Facility]:
    existing = {f.slug: f for f in Facility.objects.filter(slug__in=[s.slug for s in FACILITIES])}
    for seed in FACILITIES:
        facility = existing.get(seed.slug)
        report.add("facilities", created=facility is None)
        if facility is None:
            facility = space_services.create_facility(
                slug=seed.slug,
                name_ko=seed.name_ko,
                name_en=seed.name_en,
                address_ko=seed.address_ko,
                address_en=seed.address_en,
                area_m2=seed.area_m2,
                opened_on=seed.opened_on,
                lowest_level=seed.lowest_level,
                highest_level=seed.highest_level,
                is_anchor=seed.is_anchor,
                description_ko=seed.description_ko,
                description_en=seed.description_en,
                actor=actor,
            )
            existing[seed.slug] = facility
        floors = {floor.level: floor for floor in facility.floors.all()}
        for floor_seed in seed.floors:
            floor = floors.get(floor_seed.level)
            if floor is None or (floor.uses_ko, floor.uses_en, floor.area_m2) == (
                floor_seed.uses_ko,
                floor_seed.uses_en,
                floor_seed.area_m2,
            ):
                continue
            space_services.describe_floor(
                floor=floor,
                uses_ko=floor_seed.uses_ko,
                uses_en=floor_seed.uses_en,
                area_m2=floor_seed.area_m2,
                actor=actor,
            )
    return existing


def _seed_partners(*, actor: User, report: SeedReport) -> None:
    existing = {name.lower() for name in Partner.objects.values_list("name_en", flat=True)}
    for seed in PARTNERS:
        if seed.name_en.lower() in existing:
            report.add("partners", created=False)
            continue
        with transaction.atomic():
            partner = partner_services.create_partner(
                name_ko=seed.name_ko,
                name_en=seed.name_en,
                kind=seed.kind,
                country=seed.country,
                homepage=seed.homepage,
                description_ko=seed.description_ko,
                description_en=seed.description_en,
                actor=actor,
            )
            partner_services.record_agreement(
                partner=partner,
                title=seed.agreement_title,
                signed_on=seed.signed_on,
                items=list(seed.items),
                actor=actor,
            )
            for contact in seed.contacts:
                user = User.objects.get(email=contact.user_email) if contact.user_email else None
                partner_services.add_contact(
                    partner=partner,
                    name=contact.name,
                    title=contact.title,
                    email=contact.email,
                    user=user,
                    actor=actor,
                )
        report.add("partners", created=True)
        report.add("agreements", created=True)
        report.add("partner_contacts", created=True, count=len(seed.contacts))


def _person(person: PersonPlan, *, actor: User, report: SeedReport) -> User:
    user = User.objects.filter(email=person.email).first()
    if user is not None:
        return user
    report.add("users", created=True)
    return account_services.create_user(
        email=person.email, password=None, full_name=person.full_name, actor=actor
    )


def _seed_company(
    plan: CompanyPlan,
    *,
    actor: User,
    domains: dict[str, AIDomain],
    facilities: dict[str, Facility],
    report: SeedReport,
) -> None:
    with transaction.atomic():
        owners = [p for p in plan.people if p.role == MemberRole.OWNER]
        owner = _person(owners[0], actor=actor, report=report) if owners else None
        company = company_services.register_company(
            name_ko=plan.name_ko,
            name_en=plan.name_en,
            registration_number=plan.registration_number,
            founded_on=plan.founded_on,
            representative=plan.representative,
            stage=plan.stage,
            headcount=plan.headcount,
            homepage=plan.homepage,
            description_ko=plan.description_ko,
            description_en=plan.description_en,
            ai_domains=[domains[code] for code in plan.domain_codes],
            owner=owner,
            actor=actor,
        )
        for person in plan.people:
            if owner is not None and person.email == owner.email:
                continue
            user = _person(person, actor=actor, report=report)
            company_services.add_member(company=company, user=user, role=person.role, actor=actor)
        for period in plan.periods:
            company_services.record_membership(
                company=company,
                kind=period.kind,
                starts_on=period.starts_on,
                ends_on=period.ends_on,
                facility=facilities[period.facility_slug] if period.facility_slug else None,
                actor=actor,
            )
    report.add("companies", created=True)
    report.add("company_members", created=True, count=len(plan.people))
    report.add("membership_periods", created=True, count=len(plan.periods))


def _seed_companies(
    plans: Sequence[CompanyPlan],
    *,
    actor: User,
    domains: dict[str, AIDomain],
    facilities: dict[str, Facility],
    report: SeedReport,
    stdout: _Writer | None,
) -> None:
    existing = set(Company.objects.values_list("registration_number", flat=True))
    step = max(1000, len(plans) // 10)
    for done, plan in enumerate(plans, start=1):
        if plan.registration_number in existing:
            report.add("companies", created=False)
            report.add("users", created=False, count=_count_company_people(plan.people))
        else:
            _seed_company(plan, actor=actor, domains=domains, facilities=facilities, report=report)
        if done % step == 0 and done < len(plans):
            _say(stdout, f"  companies: {done}/{len(plans)}")


def _count_company_people(people: Iterable[PersonPlan]) -> int:
    """People of a company other than the demo accounts, which are counted on their own."""
    demo = {user.email for user in DEMO_USERS}
    return sum(1 for person in people if person.email not in demo)


@suppressed()
@quick_demo_hashing()
def seed_demo(*, scale: int = 1, stdout: _Writer | None = None) -> SeedReport:
    """Create the demo data set, skipping every object that already exists."""
    plans = plan_companies(scale=scale)
    report = SeedReport()
    with translation.override("ko"):
        _say(stdout, "Demo accounts…")
        staff = _seed_users(first_company=plans[0], report=report)
        _say(stdout, "AI domains, facilities and partners…")
        domains = _seed_domains(report=report)
        facilities = _seed_facilities(actor=staff, report=report)
        _seed_partners(actor=staff, report=report)
        _say(stdout, f"Companies ({len(plans)})…")
        _seed_companies(
            plans,
            actor=staff,
            domains=domains,
            facilities=facilities,
            report=report,
            stdout=stdout,
        )
    return report
