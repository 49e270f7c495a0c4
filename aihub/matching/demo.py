"""Demo data for matching: expert profiles and demands with matches at every stage, built
through the services.

The default demo has about 100 experts and 60 demands; ``full`` about 300 and 200 (a full
run after a default one adds the rest). Deterministic (each expert and demand is drawn from
a seed of its own) and idempotent: experts are found again by their e-mail address, demands
by company and title, and the engine proposes only for demo demands that have no match yet,
in one run. Run after ``aihub.demo.seed.seed_demo``, whose partner institutions, companies
and demo accounts it reuses (missing ones are left out).
"""

import datetime
import random
from dataclasses import dataclass
from typing import Protocol

from django.db import transaction
from django.utils import timezone, translation

from aihub.accounts.enums import Role
from aihub.accounts.models import User
from aihub.companies.models import Company
from aihub.core.errors import HubError
from aihub.matching import experts as expert_services
from aihub.matching import services
from aihub.matching.engine import default_taxonomy
from aihub.matching.enums import ExpertKind, HelpKind, MatchStatus
from aihub.matching.models import Demand, Expert, Match
from aihub.outbox.services import suppressed
from aihub.partners.models import Partner

SEED = 20171201
DEMANDS = 60
FULL_DEMANDS = 200
DEFAULT_SHARE = 3
"""The default demo has a third of each group's experts."""
TECH = [
    "nlp", "llm", "rag", "chatbot", "computer_vision", "object_detection", "ocr", "document_ai",
    "visual_inspection", "speech_recognition", "speech_synthesis", "recommender",
    "reinforcement_learning", "time_series", "demand_forecasting", "anomaly_detection",
    "predictive_maintenance", "fraud_detection", "generative_ai", "multimodal", "robotics",
    "autonomous_driving", "drone", "medical_imaging", "drug_discovery", "edge_ai",
    "model_compression", "mlops", "federated_learning", "explainable_ai", "knowledge_graph",
    "manufacturing_ai", "smart_farm", "energy_ai", "edtech", "legal_ai", "digital_twin",
]  # fmt: skip
KO_NEED = "기술로 서비스 문제를 해결하려고 합니다. 전문가의 도움이 필요합니다."
BUSINESS = ["tax_accounting", "patent_ip", "regulatory", "fundraising", "global_expansion"]


class _Writer(Protocol):
    def write(self, text: str, /) -> object: ...


@dataclass(frozen=True)
class Group:
    partner_en: str
    kind: str
    count: int
    languages: str  # "ko", "en" or "both"
    topics: tuple[str, ...]


GROUPS = (
    Group("ETRI", ExpertKind.TECHNOLOGY, 50, "ko", tuple(TECH)),
    Group("SNU AI Institute", ExpertKind.RESEARCHER, 45, "both", tuple(TECH)),
    Group("KAIST Kim Jaechul Graduate School of AI", ExpertKind.LAB, 45, "ko", tuple(TECH)),
    Group("Mila", ExpertKind.RESEARCHER, 40, "en", tuple(TECH)),
    Group("Cyber Valley", ExpertKind.LAB, 35, "en", tuple(TECH)),
    Group("IVADO", ExpertKind.RESEARCHER, 25, "en", tuple(TECH)),
    Group("", ExpertKind.MENTOR, 30, "en", ("fundraising", "global_expansion", *TECH[:10])),
    Group("", ExpertKind.CONSULTANT, 30, "ko", tuple(BUSINESS)),
)
STAGES = (
    MatchStatus.PROPOSED,
    MatchStatus.APPROVED,
    MatchStatus.REJECTED,
    MatchStatus.ACCEPTED,
    MatchStatus.DECLINED,
    MatchStatus.MEETING,
    MatchStatus.IN_PROGRESS,
    MatchStatus.SOLVED,
    MatchStatus.NOT_SOLVED,
)
PATHS = {
    MatchStatus.PROPOSED: (),
    MatchStatus.APPROVED: ("approve",),
    MatchStatus.REJECTED: ("reject",),
    MatchStatus.ACCEPTED: ("approve", "accept"),
    MatchStatus.DECLINED: ("approve", "decline"),
    MatchStatus.MEETING: ("approve", "accept", "meeting"),
    MatchStatus.IN_PROGRESS: ("approve", "accept", "meeting", "start"),
    MatchStatus.SOLVED: ("approve", "accept", "start", "solved"),
    MatchStatus.NOT_SOLVED: ("approve", "accept", "meeting", "not_solved"),
}


def _profile(concepts, language: str, rng: random.Random) -> tuple[str, str]:
    names_ko = ", ".join(c.ko for c in concepts)
    names_en = ", ".join(c.en.lower() for c in concepts)
    ko = rng.choice(
        [
            f"{names_ko} 분야의 연구와 산업 적용을 수행합니다. "
            "스타트업과 공동 연구 경험이 많습니다.",
            f"{names_ko} 기술을 보유하고 있으며 기술 이전과 실증을 지원합니다.",
            f"{names_ko} 관련 자문과 멘토링을 제공합니다.",
        ]
    )
    en = rng.choice(
        [
            f"We research {names_en} and apply it with industry partners.",
            f"Our group works on {names_en}; we license source technology to startups.",
            f"Experienced in {names_en}; I advise startups on products and teams.",
        ]
    )
    if language == "ko":
        return ko, ""
    if language == "en":
        return "", en
    return ko, en


def _seed_experts(*, scale: int, full: bool) -> list[Expert]:
    partners = {p.name_en: p for p in Partner.objects.all()}
    existing = {e.email: e for e in Expert.objects.filter(email__endswith="@experts.example")}
    researcher = User.objects.filter(role_assignments__role=Role.RESEARCHER).order_by("pk").first()
    experts = []
    for group in GROUPS:
        count = group.count if full else max(1, group.count // DEFAULT_SHARE)
        for number in range(count * scale):
            prefix = (group.partner_en or group.kind).split()[0].lower()
            email = f"{prefix}-{number + 1}@experts.example"
            if email in existing:
                experts.append(existing[email])
                continue
            rng = random.Random(f"{SEED}-{email}")
            topics = rng.sample(group.topics, k=min(2, len(group.topics)))
            concepts = [default_taxonomy().concepts[t] for t in topics]
            ko, en = _profile(concepts, group.languages, rng)
            capacity = rng.choice((0, 2, 3, 4)) if number % 25 == 7 else rng.choice((2, 3, 4))
            label = group.partner_en or group.kind.title()
            experts.append(
                expert_services.create_expert(
                    actor=None,
                    kind=group.kind,
                    name_ko=f"{label} 전문가 {number + 1}" if ko else "",
                    name_en=f"{label} expert {number + 1}" if en else "",
                    profile_ko=ko,
                    profile_en=en,
                    tags=topics,
                    partner=partners.get(group.partner_en),
                    user=researcher if not experts else None,
                    email=email,
                    language="en" if group.languages == "en" else "ko",
                    capacity=capacity,
                )
            )
    return experts


def _seed_demands(*, scale: int, full: bool) -> list[Demand]:
    taxonomy = default_taxonomy()
    companies = list(Company.objects.order_by("pk")[: 100 * scale])
    if not companies:
        return []
    existing = {
        (demand.company_id, demand.title): demand
        for demand in Demand.objects.filter(company__in=companies)
    }
    demands = []
    for number in range((FULL_DEMANDS if full else DEMANDS) * scale):
        rng = random.Random(f"{SEED}-demand-{number}")
        company = companies[number % len(companies)]
        topic = rng.choice(TECH + BUSINESS)
        concept = taxonomy.concepts[topic]
        title = f"{concept.ko} 과제 #{number + 1}"
        kind = HelpKind.CONSULTANT if topic in BUSINESS else rng.choice(HelpKind.values[:3])
        found = existing.get((company.pk, title))
        if found is not None:
            demands.append(found)
            continue
        english = number % 5 == 4
        demands.append(
            services.post_demand(
                company=company,
                actor=None,
                title=title,
                description_ko="" if english else f"{concept.ko} {KO_NEED}",
                description_en=f"We need help with {concept.en.lower()} for our product."
                if english
                else "",
                tags=[topic] if number % 3 else [],
                help_kind=kind,
                deadline=timezone.localdate() + datetime.timedelta(days=30 + number % 90),
                confidential=number % 4 != 0,
            )
        )
    return demands


def _advance(*, demands: list[tuple[int, Demand]], staff: User | None) -> int:
    """Move each demand's first proposal along one path of the lifecycle (the path chosen by
    the demand's number); returns how many."""
    moved = 0
    slot = timezone.localdate() + datetime.timedelta(days=14)
    first: dict[int, Match] = {}
    for match in (
        Match.objects.filter(demand__in=[demand for _n, demand in demands])
        .select_related("expert")
        .order_by("-rank")
    ):
        first[match.demand_id] = match
    for number, demand in demands:
        match = first.get(demand.pk)
        if match is None:
            continue
        stage = STAGES[number % len(STAGES)]
        try:
            for action in PATHS[stage]:
                match = services.run_action(
                    action=action, match=match, actor=staff, outcome_note="데모 결과 메모"
                )
                if action == "accept" and number % 2 == 0:
                    day = slot + datetime.timedelta(
                        days=(7 - slot.weekday()) % 7 + number // 9 % 20
                    )
                    starts = timezone.make_aware(
                        datetime.datetime.combine(day, datetime.time(10 + number % 6))
                    )
                    services.book_session(
                        match=match, starts_at=starts, minutes=60, mode="online", actor=staff
                    )
                    match.refresh_from_db()
        except HubError:
            continue
        moved += 1
    return moved


@suppressed()
def seed_matching(
    *, scale: int = 1, full: bool = False, stdout: _Writer | None = None
) -> dict[str, int]:
    """Create the matching demo data; returns how many experts, demands and matches it made.

    About 100 experts and 60 demands, or with ``full`` about 300 and 200.
    """
    staff = User.objects.filter(role_assignments__role=Role.HUB_STAFF).order_by("pk").first()
    before = {
        "experts": Expert.objects.count(),
        "demands": Demand.objects.count(),
        "matches": Match.objects.count(),
    }
    with translation.override("ko"), transaction.atomic():
        experts = _seed_experts(scale=scale, full=full)
        demands = _seed_demands(scale=scale, full=full)
        matched = set(Match.objects.filter(demand__in=demands).values_list("demand_id", flat=True))
        fresh = [(n, d) for n, d in enumerate(demands) if d.pk not in matched]
        if fresh and staff is not None:
            if stdout is not None:
                stdout.write(f"Matching: proposals for {len(fresh)} demands…\n")
            try:
                services.propose_matches(actor=staff, demands=[d for _n, d in fresh])
            except HubError:
                fresh = []  # the engine found no candidate for any of them
            _advance(demands=fresh, staff=staff)
    if stdout is not None:
        stdout.write(
            f"Matching: {len(experts)} experts, {len(demands)} demands, "
            f"{Match.objects.filter(demand__in=demands).count()} matches\n"
        )
    return {
        "experts": Expert.objects.count() - before["experts"],
        "demands": Demand.objects.count() - before["demands"],
        "matches": Match.objects.count() - before["matches"],
    }
