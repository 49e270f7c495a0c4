"""Demo events: past events with attendance and one upcoming demo day, built through services.

``seed_events`` runs after the demo companies and spaces exist. Everything comes from a fixed
seed; events are found again by their Korean title, people by e-mail and seats by their natural
keys, so a second run creates nothing new.
"""

from __future__ import annotations

import datetime
import random
from typing import Protocol

from django.db import transaction
from django.utils import timezone

from aihub.accounts import services as account_services
from aihub.accounts.enums import Role
from aihub.accounts.models import User
from aihub.companies.models import Company
from aihub.events import demoday, services
from aihub.events.enums import EventKind, Side
from aihub.events.models import DemoDay, DemoDayInvestor, DemoDayStartup, Event, Interest
from aihub.outbox.services import suppressed
from aihub.spaces.enums import SpaceKind
from aihub.spaces.models import Space

_SEED = 2024
INVESTORS = 20
STARTUPS = 80
DEMO_PASSWORD = "aihub-demo-2026"  # noqa: S105 (published demo password)
FIRMS = ("한빛벤처스", "서초인베스트", "양재파트너스", "코리아AI펀드", "블루오션캐피탈")

PAST_EVENTS = (
    (EventKind.SEMINAR, "AI 윤리 세미나", "AI ethics seminar", -200),
    (EventKind.GLOBAL_SEMINAR, "글로벌 협력 세미나", "Global cooperation seminar", -150),
    (EventKind.IR_PITCHING, "IR 피칭 데이", "IR pitching day", -90),
    (EventKind.OPEN_INNOVATION, "공군 오픈 이노베이션 데이", "Air Force open-innovation day", -60),
    (EventKind.AI_FESTA, "서울 AI 페스타", "Seoul AI Festa", -45),
    (EventKind.SMART_LIFE_WEEK, "스마트 라이프 위크", "Smart Life Week", -30),
)
DEMO_DAY_TITLE = ("AI 허브 데모데이", "AI Hub demo day")


class _Writer(Protocol):
    def write(self, text: str, /) -> object: ...


def _room() -> Space | None:
    kinds = [SpaceKind.HALL, SpaceKind.EDUCATION_ROOM, SpaceKind.MEETING_ROOM]
    return Space.objects.filter(kind__in=kinds).order_by("kind", "pk").first()


def _event(
    kind: str, title_ko: str, title_en: str, starts: datetime.datetime, capacity: int
) -> Event:
    existing = Event.objects.filter(title_ko=title_ko).first()
    if existing:
        return existing
    room = _room()
    return services.create_event(
        kind=kind,
        title_ko=title_ko,
        title_en=title_en,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=5 if kind == EventKind.DEMO_DAY else 2),
        capacity=capacity,
        space=room,
        address="" if room else "서울시 서초구 태봉로 108",
        actor=None,
        description_ko=f"{title_ko} 행사입니다.",
        description_en=f"The {title_en}.",
    )


def _investor(n: int) -> User:
    email = f"investor{n:02d}@aihub.example"
    user = User.objects.filter(email=email).first()
    return user or account_services.create_user(
        email=email,
        password=DEMO_PASSWORD,
        full_name=f"투자자 {n:02d}",
        roles=(Role.INVESTOR,),
        language="en" if n % 4 == 0 else "ko",
        check_password=False,
    )


@transaction.atomic
@suppressed()
def seed_events(*, scale: int = 1, stdout: _Writer | None = None) -> None:
    rng = random.Random(_SEED)
    today = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    people = list(User.objects.filter(is_active=True).order_by("pk")[: 60 * scale])
    for kind, title_ko, title_en, days in PAST_EVENTS:
        event = _event(kind, title_ko, title_en, today + datetime.timedelta(days=days), 80)
        if event.registrations.exists():
            continue
        for user in rng.sample(people, min(len(people), rng.randint(20, 50))):
            services.record_attendance(event=event, user=user, actor=None)
    event = _event(EventKind.DEMO_DAY, *DEMO_DAY_TITLE, today + datetime.timedelta(days=30), 300)
    demo_day = DemoDay.objects.filter(event=event).first() or demoday.create_demo_day(
        event=event, slots=16, slot_minutes=20, tables=20, actor=None
    )
    investors = []
    for n in range(1, INVESTORS + 1):
        user = _investor(n)
        seat = DemoDayInvestor.objects.filter(demo_day=demo_day, user=user).first()
        investors.append(
            seat
            or demoday.invite_investor(
                demo_day=demo_day,
                user=user,
                firm=FIRMS[n % len(FIRMS)],
                actor=None,
                max_meetings=10,
            )
        )
    startups = []
    for company in Company.objects.order_by("pk")[:STARTUPS]:
        seat = DemoDayStartup.objects.filter(demo_day=demo_day, company=company).first()
        startups.append(
            seat or demoday.invite_startup(demo_day=demo_day, company=company, actor=None)
        )
    if not Interest.objects.filter(demo_day=demo_day).exists():
        popular = set(rng.sample(range(len(investors)), min(3, len(investors))))
        for investor in investors:
            for startup in rng.sample(startups, min(len(startups), 15)):
                refused = rng.random() < 0.05
                demoday.mark_interest(
                    investor=investor,
                    startup=startup,
                    side=Side.INVESTOR,
                    actor=None,
                    score=0 if refused else rng.randint(1, 5),
                    no_thanks=refused,
                    reason="" if refused else "시장 적합성",
                )
        for startup in startups:
            weights = [5 if i in popular else 1 for i in range(len(investors))]
            chosen = {rng.choices(range(len(investors)), weights=weights)[0] for _ in range(5)}
            for i in sorted(chosen):
                demoday.mark_interest(
                    investor=investors[i],
                    startup=startup,
                    side=Side.STARTUP,
                    actor=None,
                    score=rng.randint(2, 5),
                    reason="Strategic fit",
                )
    if stdout is not None:
        stdout.write(
            f"Events: {Event.objects.count()}, demo-day seats: {len(investors)} investors, "
            f"{len(startups)} startups, "
            f"{Interest.objects.filter(demo_day=demo_day).count()} interests.\n"
        )
