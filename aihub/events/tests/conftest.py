"""Events fixtures: an upcoming event, investors, and a demo day built through the services."""

import datetime

import pytest
from django.utils import timezone

from aihub.accounts.enums import Role
from aihub.events import demoday, services
from aihub.events.enums import EventKind, Side


def soon(days: int = 10, hour: int = 10) -> datetime.datetime:
    local = timezone.localtime() + datetime.timedelta(days=days)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


@pytest.fixture
def make_event(staff):
    def make(
        capacity: int = 2, kind: str = EventKind.SEMINAR, days: int = 10, title: str = "AI 세미나"
    ):
        return services.create_event(
            kind=kind,
            title_ko=title,
            title_en=f"{title} (en)",
            starts_at=soon(days),
            ends_at=soon(days, 16),
            capacity=capacity,
            address="서울시 서초구 태봉로 108",
            actor=staff,
        )

    return make


@pytest.fixture
def event(make_event):
    return make_event()


@pytest.fixture
def investor(make_user):
    return make_user("investor@vc.example", roles=(Role.INVESTOR,))


@pytest.fixture
def other_investor(make_user):
    return make_user("other-investor@vc.example", roles=(Role.INVESTOR,), language="en")


@pytest.fixture
def demo_day(make_event, staff):
    event = make_event(capacity=100, kind=EventKind.DEMO_DAY, title="데모데이")
    return demoday.create_demo_day(event=event, slots=4, slot_minutes=20, tables=2, actor=staff)


@pytest.fixture
def seats(demo_day, investor, other_investor, company, other_company, staff):
    """Two investors and two startups with mutual interest in every pair."""
    inv = [
        demoday.invite_investor(demo_day=demo_day, user=u, actor=staff, firm="VC")
        for u in (investor, other_investor)
    ]
    st = [
        demoday.invite_startup(demo_day=demo_day, company=c, actor=staff)
        for c in (company, other_company)
    ]
    for i in inv:
        for s in st:
            demoday.mark_interest(investor=i, startup=s, side=Side.INVESTOR, score=3, actor=None)
            demoday.mark_interest(investor=i, startup=s, side=Side.STARTUP, score=2, actor=None)
    return inv, st
