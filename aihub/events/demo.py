"""Demo events: past events with attendance and one upcoming demo day, built through services.

``seed_events`` runs after the demo companies and spaces exist (and after the demo bookings):
each event takes the first hub room free at its time (the hall first), or is held outside the
hub when every room is taken. Everything comes from a fixed seed; events are found again by
their Korean title, people by e-mail and seats by their natural keys, so a second run creates
nothing new.
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
from aihub.bookings.holds import RoomTaken
from aihub.companies.models import Company
from aihub.demo.seed import DEMO_PASSWORD, quick_demo_hashing
from aihub.events import demoday, services
from aihub.events.enums import EventKind, Side
from aihub.events.models import DemoDay, DemoDayInvestor, DemoDayStartup, Event, Interest
from aihub.outbox.services import suppressed
from aihub.spaces.enums import SpaceKind
from aihub.spaces.models import Space

_SEED = 2024
INVESTORS = 20
STARTUPS = 80
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


ROOM_KINDS = (SpaceKind.HALL, SpaceKind.EDUCATION_ROOM, SpaceKind.MEETING_ROOM)
HUB_ADDRESS = "서울시 서초구 태봉로 108"


def _rooms() -> list[Space]:
    """The rooms an event may take, the hall first."""
    rooms = Space.objects.filter(kind__in=ROOM_KINDS).order_by("pk")
    return sorted(rooms, key=lambda room: ROOM_KINDS.index(room.kind))


def _event(
    kind: str,
    title_ko: str,
    title_en: str,
    starts: datetime.datetime,
    capacity: int,
    rooms: list[Space],
) -> Event:
    existing = Event.objects.filter(title_ko=title_ko).first()
    if existing:
        return existing
    details = {
        "kind": kind,
        "title_ko": title_ko,
        "title_en": title_en,
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=5 if kind == EventKind.DEMO_DAY else 2),
        "capacity": capacity,
        "actor": None,
        "description_ko": f"{title_ko} 행사입니다.",
        "description_en": f"The {title_en}.",
    }
    for room in rooms:
        try:
            with transaction.atomic():
                return services.create_event(space=room, address="", **details)
        except RoomTaken:
            continue  # booked at that time: try the next room
    return services.create_event(space=None, address=HUB_ADDRESS, **details)


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
@quick_demo_hashing()
def seed_events(*, scale: int = 1, stdout: _Writer | None = None) -> None:
    """Create the demo events, the demo day, its seats and the interests on both sides."""
    rng = random.Random(_SEED)
    today = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    people = list(User.objects.filter(is_active=True).order_by("pk")[: 60 * scale])
    rooms = _rooms()
    for kind, title_ko, title_en, days in PAST_EVENTS:
        starts = today + datetime.timedelta(days=days)
        event = _event(kind, title_ko, title_en, starts, 80, rooms)
        if event.registrations.exists():
            continue
        for user in rng.sample(people, min(len(people), rng.randint(20, 50))):
            services.record_attendance(event=event, user=user, actor=None)
    demo_day_starts = today + datetime.timedelta(days=30)
    event = _event(EventKind.DEMO_DAY, *DEMO_DAY_TITLE, demo_day_starts, 300, rooms)
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
