"""Demo open recruitment: past calls with results, one open call with submitted applications
and one call in judging, built through the services.

Call ``seed_calls`` after ``seed_demo``. Every date derives from the demo's reference date and
every score from a fixed seed, so each run plans the same data; calls are keyed by their
English title and skipped when they exist, so a second run creates nothing. The open call runs
from the reference date to the end of the year.
"""

from __future__ import annotations

import contextlib
import datetime
import random
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import translation

from aihub.accounts import services as account_services
from aihub.accounts.enums import Role
from aihub.accounts.models import User
from aihub.calls import services
from aihub.calls.enums import CallKind, HeadOffice, Outcome
from aihub.calls.models import Call, Stage
from aihub.companies.enums import CompanyStatus, MemberRole
from aihub.companies.models import Company
from aihub.companies.queries import filter_by_status
from aihub.core.errors import HubError
from aihub.demo.seed import (
    ANCHOR_SLUG,
    DEMO_PASSWORD,
    REFERENCE_DATE,
    STAFF_EMAIL,
    quick_demo_hashing,
)
from aihub.outbox.services import suppressed
from aihub.spaces.models import Facility

SEOUL = ZoneInfo("Asia/Seoul")
_SEED = 2026
JUDGE_EMAIL = "judge@aihub.example"
EXTRA_JUDGES = (
    ("judge2@aihub.example", "강민서", "ko"),
    ("judge3@aihub.example", "오태준", "ko"),
    ("judge4@aihub.example", "Sophie Laurent", "en"),
)
FORM = [
    {
        "key": "summary",
        "type": "long_text",
        "label_ko": "사업 요약",
        "label_en": "Summary",
        "required": True,
    },
    {
        "key": "employees",
        "type": "number",
        "label_ko": "직원 수",
        "label_en": "Employees",
        "required": True,
        "min": 0,
    },
    {
        "key": "track",
        "type": "choice",
        "label_ko": "지원 분야",
        "label_en": "Track",
        "required": True,
        "choices": [
            {"value": "vision", "label_ko": "비전", "label_en": "Vision"},
            {"value": "language", "label_ko": "언어", "label_en": "Language"},
            {"value": "data", "label_ko": "데이터", "label_en": "Data"},
        ],
    },
    {
        "key": "plan",
        "type": "file",
        "label_ko": "사업계획서",
        "label_en": "Business plan",
        "required": True,
    },
]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class _Writer(Protocol):
    def write(self, text: str, /) -> object: ...


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=SEOUL)


@dataclass(frozen=True)
class CallPlan:
    title_ko: str
    title_en: str
    kind: CallKind
    places: int
    opens_on: datetime.date
    closes_on: datetime.date
    applicants: int
    phase: str
    """``decided`` (results out), ``judging`` (scored, not finalised) or ``open``."""
    membership_starts_on: datetime.date | None = None


def plan_calls(*, scale: int = 1) -> list[CallPlan]:
    ref = REFERENCE_DATE
    return [
        CallPlan(
            "2025 사이버 밸리 배치 프로그램 참가기업 모집",
            "2025 Cyber Valley batch programme",
            CallKind.PROGRAMME,
            3,
            datetime.date(2025, 3, 3),
            datetime.date(2025, 3, 31),
            6 * scale,
            "decided",
        ),
        CallPlan(
            "2026 상반기 GPU 인프라 지원 기업 모집",
            "2026 H1 GPU infrastructure support",
            CallKind.GPU_SUPPORT,
            4,
            datetime.date(2026, 2, 2),
            datetime.date(2026, 2, 27),
            7 * scale,
            "decided",
        ),
        CallPlan(
            "2026 성장기업 전용 사무실 4호실 입주기업 모집",
            "2026 growth-stage office, room 4",
            CallKind.GROWTH_STAGE,
            1,
            datetime.date(2026, 9, 1),
            datetime.date(2026, 10, 15),
            5 * scale,
            "judging",
            membership_starts_on=datetime.date(2027, 1, 1),
        ),
        CallPlan(
            "2027 상반기 멤버십 기업 공개모집",
            "2027 H1 membership call",
            CallKind.MEMBERSHIP,
            10,
            ref,
            datetime.date(ref.year, 12, 31),
            6 * scale,
            "open",
            membership_starts_on=datetime.date(ref.year + 1, 2, 1),
        ),
    ]


def _judges(*, actor: User, created: Counter) -> list[User]:
    found = {u.email: u for u in User.objects.filter(email__endswith="@aihub.example")}
    for email, name, language in EXTRA_JUDGES:
        if email not in found:
            found[email] = account_services.create_user(
                email=email,
                password=DEMO_PASSWORD,
                full_name=name,
                language=language,
                roles=[Role.JUDGE],
                actor=actor,
            )
            created["judges"] += 1
    return [found[JUDGE_EMAIL], *(found[email] for email, _n, _l in EXTRA_JUDGES)]


def _applicants(plan: CallPlan, offset: int) -> list[tuple[Company, User]]:
    """Companies with an owner account; growth-stage applicants are not current members."""
    companies = Company.objects.filter(members__role=MemberRole.OWNER).distinct()
    if plan.kind in (CallKind.GROWTH_STAGE, CallKind.MEMBERSHIP, CallKind.RESIDENCY):
        companies = filter_by_status(companies, CompanyStatus.ALUMNI, today=plan.closes_on) | (
            filter_by_status(companies, CompanyStatus.NONE, today=plan.closes_on)
        )
    ordered = list(companies.order_by("registration_number").prefetch_related("members__user"))
    if not ordered:
        return []
    picked = [
        ordered[(offset + i) % len(ordered)] for i in range(min(plan.applicants, len(ordered)))
    ]
    return [
        (c, next(m.user for m in c.members.all() if m.role == MemberRole.OWNER)) for c in picked
    ]


def _apply(call: Call, company: Company, user: User, rng: random.Random, at: datetime.datetime):
    application = services.start_application(
        call=call, company=company, applicant=user, consent_given=True, now=at
    )
    services.save_answers(
        application=application,
        answers={
            "summary": f"{company.name_ko}: {company.description_ko or 'AI 솔루션'}"[:400],
            "employees": company.headcount,
            "track": rng.choice(["vision", "language", "data"]),
        },
        head_office=HeadOffice.SEOUL if rng.random() < 0.85 else HeadOffice.MOVING,
        actor=user,
        now=at,
    )
    services.upload_document(
        application=application,
        key="plan",
        upload=SimpleUploadedFile("business-plan.pdf", PDF, content_type="application/pdf"),
        actor=user,
        now=at,
    )
    return services.submit_application(application=application, actor=user, now=at)


def _judge(stage: Stage, staff: User, rng: random.Random) -> None:
    services.balance_judges(stage=stage, actor=staff, per_application=2)
    for assignment in stage.assignments.select_related("judge", "stage").order_by("id"):
        services.set_scores(
            assignment=assignment,
            scores=[
                {
                    "criterion": c.pk,
                    "value": rng.randint(max(c.min_score, 4), c.max_score),
                    "comment": "",
                }
                for c in stage.criteria.all()
            ],
            actor=assignment.judge,
        )


def _decide(stage: Stage, staff: User, close: datetime.datetime) -> None:
    from aihub.calls.display import ranking_rows
    from aihub.calls.queries import stage_applications

    rows = ranking_rows(stage, list(stage_applications(stage=stage)))
    places = stage.call.places
    for row in rows:
        if row.passes_cutoff and places > 0:
            outcome, places = Outcome.ADVANCE, places - 1
        elif row.passes_cutoff:
            outcome = Outcome.WAITLIST
        else:
            outcome = Outcome.REJECT
        services.decide(stage=stage, application=row.application, outcome=outcome, actor=staff)
    services.finalise_stage(stage=stage, actor=staff, now=close)


def _seed_call(plan: CallPlan, *, staff: User, facility: Facility | None, offset: int) -> int:
    rng = random.Random(f"{_SEED}:{plan.title_en}")
    opens_at, closes_at = _at(plan.opens_on), _at(plan.closes_on, 18)
    call = services.create_call(
        kind=plan.kind,
        title_ko=plan.title_ko,
        title_en=plan.title_en,
        text_ko=f"서울 AI 허브가 {plan.title_ko}을(를) 공개모집합니다. "
        "마감 시각은 서울 시간 기준입니다.",
        text_en=f"Seoul AI Hub invites applications: {plan.title_en}. Deadlines are Seoul time.",
        places=plan.places,
        opens_at=opens_at,
        closes_at=closes_at,
        facility=facility,
        membership_starts_on=plan.membership_starts_on,
        eligibility_rules={
            "founded_within_years": 15,
            "ai_domain": True,
            "seoul_head_office": True,
        },
        form_schema=FORM,
        standard_rubric=True,
        actor=staff,
    )
    stage = call.stages.get()
    if plan.kind == CallKind.GROWTH_STAGE:
        Stage.objects.filter(pk=stage.pk).update(normalise=True, cutoff=Decimal(60))
        stage.refresh_from_db()
    services.publish_call(call=call, actor=staff, now=opens_at - datetime.timedelta(days=7))
    count = 0
    for index, (company, user) in enumerate(_applicants(plan, offset)):
        at = opens_at + datetime.timedelta(days=1 + index % 20, hours=index % 7)
        if at >= closes_at:
            at = closes_at - datetime.timedelta(hours=1 + index)
        # An ineligible demo company keeps its draft, as a real one would.
        with contextlib.suppress(HubError):
            _apply(call, company, user, rng, at)
        count += 1
    if plan.phase in ("judging", "decided"):
        _judge(stage, staff, rng)
    if plan.phase == "decided":
        _decide(stage, staff, closes_at + datetime.timedelta(days=14))
    return count


@suppressed()
@quick_demo_hashing()
def seed_calls(*, scale: int = 1, stdout: _Writer | None = None) -> Counter:
    """Create the demo calls that are missing; returns counts of what was created."""
    created: Counter = Counter()
    skipped = 0
    with translation.override("ko"), transaction.atomic():
        staff = User.objects.get(email=STAFF_EMAIL)
        _judges(actor=staff, created=created)
        facility = Facility.objects.filter(slug=ANCHOR_SLUG).first()
        existing = set(Call.objects.values_list("title_en", flat=True))
        for offset, plan in enumerate(plan_calls(scale=scale)):
            if plan.title_en in existing:
                skipped += 1
                continue
            created["applications"] += _seed_call(
                plan, staff=staff, facility=facility, offset=offset * 5
            )
            created["calls"] += 1
    if stdout is not None:
        stdout.write(
            f"calls: {created['calls']} created, {skipped} already there; "
            f"{created['applications']} applications, {created['judges']} judges\n"
        )
    return created
