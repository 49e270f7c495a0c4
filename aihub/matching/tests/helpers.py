"""Builders shared by the web-side tests of the matching app."""

import datetime

from django.utils import timezone

from aihub.accounts.enums import Role
from aihub.matching import experts as expert_services
from aihub.matching import services
from aihub.matching.enums import ExpertKind, HelpKind

KO_TITLE = "고객 상담 챗봇 개발"
KO_TEXT = (
    "대규모 언어모델을 활용한 고객 상담 챗봇을 만들고 싶습니다. 자연어처리 전문가가 필요합니다."
)


def expert_mila(*, user=None, capacity: int = 2, partner=None):
    """An English-only research lab on language models."""
    return expert_services.create_expert(
        actor=None,
        kind=ExpertKind.LAB,
        name_en="Mila language lab",
        profile_en="We fine-tune large language models (LLM) and build chatbots for industry.",
        tags=["NLP"],
        user=user,
        email="lab@mila.example",
        language="en",
        capacity=capacity,
        partner=partner,
    )


def expert_vision(**extra):
    return expert_services.create_expert(
        actor=None,
        kind=ExpertKind.RESEARCHER,
        name_ko="비전 연구실",
        profile_ko="생산 라인 카메라로 표면 결함을 검출하는 컴퓨터 비전을 연구합니다.",
        tags=["computer vision"],
        **extra,
    )


def korean_demand(*, company, actor, confidential: bool = True, title: str = KO_TITLE):
    return services.post_demand(
        company=company,
        actor=actor,
        title=title,
        description_ko=KO_TEXT,
        tags=["자연어처리"],
        help_kind=HelpKind.RESEARCH_PARTNER,
        confidential=confidential,
    )


def researcher(make_user, email: str = "researcher@mila.example", language: str = "en"):
    return make_user(email, roles=(Role.RESEARCHER,), language=language)


def accepted_match(*, company, owner, staff, expert_user):
    """A Korean demand matched with the English-only lab, approved and accepted."""
    expert = expert_mila(user=expert_user)
    demand = korean_demand(company=company, actor=owner)
    (match,) = services.propose_matches(actor=staff, demands=[demand])[demand.pk]
    services.review_match(match=match, approve=True, actor=staff)
    services.respond_to_match(match=match, accept=True, actor=expert_user)
    match.refresh_from_db()
    return expert, demand, match


def next_office_slot(hour: int = 10, days_ahead: int = 7) -> datetime.datetime:
    """A Monday at ``hour`` o'clock, Asia/Seoul, at least ``days_ahead`` days from now."""
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    day += datetime.timedelta(days=(7 - day.weekday()) % 7)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))
