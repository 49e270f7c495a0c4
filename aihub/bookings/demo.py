"""Demo rooms and bookings around today, built through the services.

Call ``seed_bookings`` after ``seed_demo`` and ``seed_leasing``: it makes the meeting rooms,
education rooms, lounges and hall of the leasing demo's spaces bookable, then books them
from ``HISTORY_DAYS`` before today to ``AHEAD_DAYS`` after it (with ``full``: a year back and
a month ahead), from the companies that have people, the partner researcher and the hub
staff. Each booking is made "as of" a day or a few before it starts (never later than
yesterday), so the rules (window, open hours, quotas) apply as they would have; past
bookings are then checked in, cancelled or released as no-shows. Each day's bookings derive
from a seed of their own, so every run plans the same bookings for a day; a room's day that
already has bookings is skipped, so a second run on the same day creates nothing, and a run
on a later day only adds the days that came into the window.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from typing import Protocol

from django.db import transaction
from django.utils import timezone, translation

from aihub.accounts.models import User
from aihub.bookings import services
from aihub.bookings.enums import BookerKind, BookingStatus, Equipment
from aihub.bookings.models import BOOKABLE_KINDS, BookableRoom, Booking
from aihub.bookings.timeutil import at
from aihub.companies.enums import MembershipKind
from aihub.companies.models import Company, MembershipPeriod
from aihub.core.errors import HubError
from aihub.demo.seed import RESEARCHER_EMAIL, STAFF_EMAIL
from aihub.outbox.services import suppressed
from aihub.spaces.enums import SpaceKind
from aihub.spaces.models import Space

_SEED = 2025
HISTORY_DAYS = 14
AHEAD_DAYS = 21
FULL_HISTORY_DAYS = 365
FULL_AHEAD_DAYS = 30
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


def _window(*, full: bool) -> tuple[int, int]:
    """Days of bookings before and after today."""
    return (FULL_HISTORY_DAYS, FULL_AHEAD_DAYS) if full else (HISTORY_DAYS, AHEAD_DAYS)


def _plan(
    rooms: list[BookableRoom], scale: int, *, today: datetime.date, full: bool = False
) -> list[tuple]:
    """(room, day, start hour, hours, pick, draw, serial) of every booking to try, in start
    order. Each day is drawn from a seed of its own, so a day's plan does not depend on the
    window around it; a draw that overlaps an earlier one in the same room (its buffer
    included) is left out, as the room would refuse it."""
    before, after = _window(full=full)
    plans = []
    for offset in range(-before, after):
        day = today + datetime.timedelta(days=offset)
        rng = random.Random(f"{_SEED}-{day.isoformat()}")
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
                plans.append(
                    (room, day, start, hours, rng.random(), rng.random(), rng.randrange(10**6))
                )
    plans.sort(key=lambda plan: (plan[1], plan[2], plan[0].pk))
    free_from: dict[tuple[int, datetime.date], float] = {}
    kept = []
    for plan in plans:
        room, day, start, hours = plan[:4]
        if start < free_from.get((room.pk, day), 0):
            continue
        free_from[(room.pk, day)] = start + hours + room.buffer_minutes / 60
        kept.append(plan)
    return kept


def _fate(
    booking: Booking, draw: float, staff: User | None, counts: Counter, *, today: datetime.date
) -> None:
    """Decide a past or pending booking: approved or declined, then checked in, cancelled,
    or released as a no-show."""
    if booking.status == BookingStatus.PENDING and staff is not None:
        if draw < 0.1:
            services.reject_booking(booking=booking, actor=staff, note="일정 중복")
            counts["rejected"] += 1
            return
        booking = services.approve_booking(booking=booking, actor=staff)
    if timezone.localdate(booking.starts_at) >= today:
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


def _seed_bookings(
    rooms: list[BookableRoom], scale: int, counts: Counter, *, today: datetime.date, full: bool
) -> None:
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    researcher = User.objects.filter(email=RESEARCHER_EMAIL).first()
    bookers = _bookers()
    if not bookers:
        return
    # A room's day that has bookings was seeded before: skip it whole, so that a booking
    # refused then (the room taken, a quota used up) is not tried again.
    seeded = {
        (room_id, timezone.localdate(starts_at))
        for room_id, starts_at in Booking.objects.values_list("room_id", "starts_at")
    }
    yesterday = today - datetime.timedelta(days=1)
    for room, day, start, hours, pick, draw, serial in _plan(rooms, scale, today=today, full=full):
        if (room.pk, day) in seeded:
            continue
        starts_at = at(day, datetime.time(start))
        kind = room.space.kind
        company, user, facility = bookers[int(pick * len(bookers))]
        if facility not in (None, room.space.facility.slug) and kind != SpaceKind.HALL:
            company, user, facility = bookers[serial % len(bookers)]
        if kind == SpaceKind.HALL and pick < 0.5 and staff is not None:
            company, user = None, staff
        elif pick > 0.97 and researcher is not None:
            company, user = None, researcher
        ahead = 1 + int(draw * 10) % min(room.window_days, 12)
        booked_on = min(day - datetime.timedelta(days=ahead), yesterday)
        if (day - booked_on).days > room.window_days:
            continue  # too far ahead to be booked yet
        titles = TITLES[kind]
        try:
            with transaction.atomic():
                booking = services.book_room(
                    room=room,
                    starts_at=starts_at,
                    ends_at=starts_at + datetime.timedelta(hours=hours),
                    title=titles[serial % len(titles)],
                    attendees=min(room.capacity, 4 + serial % 12),
                    actor=user,
                    company=company,
                    now=at(booked_on, datetime.time(9)),
                )
                _fate(booking, draw, staff, counts, today=today)
        except HubError:
            counts["refused"] += 1
            continue
        counts["bookings"] += 1


@suppressed()
def seed_bookings(
    *,
    scale: int = 1,
    full: bool = False,
    today: datetime.date | None = None,
    stdout: _Writer | None = None,
) -> Counter:
    """Make the demo's rooms bookable and book them around ``today``; returns what it made.

    Two weeks back and three ahead, or with ``full`` a year back and a month ahead.
    Needs the demo's facilities, companies and spaces (``seed_demo``, ``seed_leasing``);
    without them it makes nothing. Runs in Korean as the demo hub staff, in one
    transaction, and mails nobody.
    """
    counts: Counter = Counter()
    today = today or timezone.localdate()
    actor = User.objects.filter(email=STAFF_EMAIL).first()
    before, after = _window(full=full)
    with translation.override("ko"), transaction.atomic():
        _say(stdout, "Bookings: rooms…")
        rooms = _seed_rooms(actor, counts)
        _say(stdout, f"Bookings: {before} days back, {after} ahead…")
        _seed_bookings(rooms, scale, counts, today=today, full=full)
    _say(stdout, "Bookings: " + ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())))
    return counts
