"""Demo rooms and a year of bookings, built through the services.

Call ``seed_bookings`` after ``seed_demo`` and ``seed_leasing``: it makes the meeting rooms,
education rooms, lounges and hall of the leasing demo's spaces bookable, then books them for
the year before the demo's reference date and the month after it, from the companies that
have people, the partner researcher and the hub staff. Each booking is made "as of" a day or
a few before it starts, so the rules (window, open hours, quotas) apply as they would have;
past bookings are then checked in, cancelled or released as no-shows. Everything derives
from fixed seeds; bookings already there (same room and start) are skipped, so a second run
creates nothing.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from typing import Protocol

from django.db import transaction
from django.utils import translation

from aihub.accounts.models import User
from aihub.bookings import services
from aihub.bookings.enums import BookerKind, BookingStatus, Equipment
from aihub.bookings.models import BOOKABLE_KINDS, BookableRoom, Booking
from aihub.bookings.timeutil import at
from aihub.companies.enums import MembershipKind
from aihub.companies.models import Company, MembershipPeriod
from aihub.core.errors import HubError
from aihub.demo.seed import REFERENCE_DATE, RESEARCHER_EMAIL, STAFF_EMAIL
from aihub.outbox.services import suppressed
from aihub.spaces.enums import SpaceKind
from aihub.spaces.models import Space

_SEED = 2025
HISTORY_DAYS = 365
AHEAD_DAYS = 30
ALL_BOOKERS = [BookerKind.RESIDENT, BookerKind.MEMBERSHIP, BookerKind.PARTNER, BookerKind.OUTSIDE]
EVERY_DAY = [0, 1, 2, 3, 4, 5, 6]

RULES = {
    SpaceKind.MEETING_ROOM: {
        "equipment": [Equipment.DISPLAY, Equipment.VIDEO, Equipment.WHITEBOARD],
        "max_minutes": 240,
        "window_days": 60,
        "hourly_price": 30_000,
        "free_hours_resident": 20,
        "free_hours_membership": 8,
        "allowed_bookers": ALL_BOOKERS,
        "description_ko": "화상회의 장비와 대형 디스플레이를 갖춘 회의실입니다.",
        "description_en": "A meeting room with video conferencing and a large display.",
    },
    SpaceKind.EDUCATION_ROOM: {
        "equipment": [Equipment.PROJECTOR, Equipment.PCS, Equipment.MICROPHONE],
        "slot_minutes": 60,
        "min_minutes": 60,
        "max_minutes": 480,
        "window_days": 90,
        "buffer_minutes": 30,
        "approval_required": True,
        "hourly_price": 80_000,
        "free_hours_resident": 8,
        "allowed_bookers": ALL_BOOKERS,
        "description_ko": "실습용 PC 40대를 갖춘 교육장입니다.",
        "description_en": "An education room with 40 PCs for hands-on courses.",
    },
    SpaceKind.LOUNGE: {
        "capacity": 20,
        "equipment": [Equipment.DISPLAY],
        "max_minutes": 120,
        "window_days": 14,
        "check_in_required": False,
        "open_weekdays": EVERY_DAY,
        "allowed_bookers": [BookerKind.RESIDENT, BookerKind.MEMBERSHIP, BookerKind.PARTNER],
        "description_ko": "층별 오픈 라운지의 소모임 공간입니다.",
        "description_en": "The group corner of the floor's open lounge.",
    },
    SpaceKind.HALL: {
        "equipment": [Equipment.PROJECTOR, Equipment.MICROPHONE, Equipment.STREAMING],
        "opens_at": datetime.time(9),
        "slot_minutes": 60,
        "min_minutes": 60,
        "max_minutes": 600,
        "window_days": 120,
        "buffer_minutes": 60,
        "approval_required": True,
        "hourly_price": 300_000,
        "open_weekdays": EVERY_DAY,
        "allowed_bookers": ALL_BOOKERS,
        "description_ko": "세미나와 데모데이를 여는 250석 다목적홀입니다.",
        "description_en": "The 250-seat multi-purpose hall for seminars and demo days.",
    },
}
TITLES = {
    SpaceKind.MEETING_ROOM: ["주간 회의", "투자사 미팅", "고객사 미팅", "채용 면접", "기술 리뷰"],
    SpaceKind.EDUCATION_ROOM: ["사내 AI 교육", "딥러닝 실습", "MLOps 워크숍"],
    SpaceKind.LOUNGE: ["스탠드업", "네트워킹", "스터디 모임"],
    SpaceKind.HALL: ["AI 세미나", "데모데이", "기술 밋업"],
}
PER_WEEKDAY = {
    SpaceKind.MEETING_ROOM: 2,
    SpaceKind.EDUCATION_ROOM: 0.4,
    SpaceKind.LOUNGE: 0.3,
    SpaceKind.HALL: 0.3,
}


class _Writer(Protocol):
    def write(self, text: str, /) -> object: ...


def _say(stdout: _Writer | None, text: str) -> None:
    if stdout is not None:
        stdout.write(text + "\n")


def _seed_rooms(actor: User | None, counts: Counter) -> list[BookableRoom]:
    have = set(BookableRoom.objects.values_list("space_id", flat=True))
    spaces = Space.objects.filter(kind__in=BOOKABLE_KINDS).order_by("facility_id", "code")
    for space in spaces:
        if space.pk in have:
            continue
        services.set_up_room(space=space, actor=actor, **RULES[space.kind])
        counts["rooms"] += 1
    return list(
        BookableRoom.objects.select_related("space__facility").order_by(
            "space__facility_id", "space__code"
        )
    )


def _bookers() -> list[tuple[Company, User, str | None]]:
    """Companies with people, each with one of its members and its facility (if resident)."""
    periods = {
        p.company_id: p
        for p in MembershipPeriod.objects.filter(ends_on__isnull=True).select_related("facility")
    }
    found = []
    companies = Company.objects.filter(members__isnull=False).distinct().order_by("pk")
    for company in companies.prefetch_related("members__user"):
        period = periods.get(company.pk)
        if period is None:
            continue
        users = sorted((m.user for m in company.members.all()), key=lambda u: u.pk)
        facility = period.facility.slug if period.kind == MembershipKind.RESIDENT else None
        found.append((company, users[0], facility))
    return found


def _plan(rooms: list[BookableRoom], scale: int) -> list[tuple]:
    """(room, day, start hour, hours, index) of every booking to try, in start order."""
    rng = random.Random(_SEED)
    first = REFERENCE_DATE - datetime.timedelta(days=HISTORY_DAYS)
    plans = []
    for offset in range(HISTORY_DAYS + AHEAD_DAYS):
        day = first + datetime.timedelta(days=offset)
        for room in rooms:
            kind = room.space.kind
            if day.weekday() not in room.open_weekdays:
                continue
            expected = PER_WEEKDAY[kind] * scale * (0.3 if day.weekday() >= 5 else 1)
            count = int(expected) + (rng.random() < expected - int(expected))
            for _n in range(count):
                hours = rng.choice((1, 1, 2) if kind != SpaceKind.HALL else (3, 4, 6))
                if kind == SpaceKind.EDUCATION_ROOM:
                    hours = rng.choice((3, 4, 8))
                latest = room.closes_at.hour - hours
                earliest = room.opens_at.hour + (1 if kind == SpaceKind.MEETING_ROOM else 0)
                start = rng.randint(earliest, max(earliest, latest))
                plans.append((room, day, start, hours, rng.random(), rng.random()))
    plans.sort(key=lambda plan: (plan[1], plan[2], plan[0].pk))
    return plans


def _fate(booking: Booking, draw: float, staff: User | None, counts: Counter) -> None:
    """Decide a past or pending booking: approved or declined, then checked in, cancelled,
    or released as a no-show."""
    if booking.status == BookingStatus.PENDING and staff is not None:
        if draw < 0.1:
            services.reject_booking(booking=booking, actor=staff, note="일정 중복")
            counts["rejected"] += 1
            return
        booking = services.approve_booking(booking=booking, actor=staff)
    if booking.starts_at.date() >= REFERENCE_DATE:
        return
    if draw > 0.95:
        before = booking.starts_at - datetime.timedelta(hours=3)
        services.cancel_booking(booking=booking, actor=booking.booked_by, now=before)
        counts["cancelled"] += 1
    elif draw > 0.88 and booking.room.check_in_required:
        services.release_no_shows(now=booking.starts_at + datetime.timedelta(minutes=16))
        counts["no_shows"] += 1
    elif booking.room.check_in_required:
        services.check_in(booking=booking, actor=booking.booked_by, now=booking.starts_at)


def _seed_bookings(rooms: list[BookableRoom], scale: int, counts: Counter) -> None:
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    researcher = User.objects.filter(email=RESEARCHER_EMAIL).first()
    bookers = _bookers()
    if not bookers:
        return
    existing = set(Booking.objects.values_list("room_id", "starts_at"))
    for index, (room, day, start, hours, pick, draw) in enumerate(_plan(rooms, scale)):
        starts_at = at(day, datetime.time(start))
        if (room.pk, starts_at) in existing:
            continue
        kind = room.space.kind
        company, user, facility = bookers[int(pick * len(bookers))]
        if facility not in (None, room.space.facility.slug) and kind != SpaceKind.HALL:
            company, user, facility = bookers[index % len(bookers)]
        if kind == SpaceKind.HALL and pick < 0.5 and staff is not None:
            company, user = None, staff
        elif pick > 0.97 and researcher is not None:
            company, user = None, researcher
        ahead = 1 + int(draw * 10) % min(room.window_days, 12)
        now = at(day - datetime.timedelta(days=ahead), datetime.time(9))
        titles = TITLES[kind]
        try:
            with transaction.atomic():
                booking = services.book_room(
                    room=room,
                    starts_at=starts_at,
                    ends_at=starts_at + datetime.timedelta(hours=hours),
                    title=titles[index % len(titles)],
                    attendees=min(room.capacity, 4 + index % 12),
                    actor=user,
                    company=company,
                    now=now,
                )
                _fate(booking, draw, staff, counts)
        except HubError:
            counts["refused"] += 1
            continue
        counts["bookings"] += 1


@suppressed()
def seed_bookings(*, scale: int = 1, stdout: _Writer | None = None) -> Counter:
    """Make the demo's rooms bookable and book a year of them; returns what it made.

    Needs the demo's facilities, companies and spaces (``seed_demo``, ``seed_leasing``);
    without them it makes nothing. Runs in Korean as the demo hub staff, and mails nobody.
    """
    counts: Counter = Counter()
    actor = User.objects.filter(email=STAFF_EMAIL).first()
    with translation.override("ko"), suppressed():
        _say(stdout, "Bookings: rooms…")
        with transaction.atomic():
            rooms = _seed_rooms(actor, counts)
        _say(stdout, "Bookings: a year of bookings…")
        _seed_bookings(rooms, scale, counts)
    _say(stdout, "Bookings: " + ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())))
    return counts
