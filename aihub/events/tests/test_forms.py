"""The forms behind every POST of the event pages: happy paths, refused input, safe redirects.

Refused input is a page message in the user's language and a redirect, and nothing changes.
"""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from aihub.accounts.enums import Role
from aihub.events import demoday
from aihub.events.enums import Decision, EventKind, Side
from aihub.events.forms import (
    DemoDaySetupForm,
    InterestForm,
    InviteInvestorForm,
    InviteStartupForm,
    ParticipationForm,
    ScheduleActionForm,
    invite_form,
)
from aihub.events.models import DemoDayInvestor, DemoDayStartup, Interest
from conftest import signed_in

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _startup_url(demo_day, seat, view: str) -> str:
    return reverse(
        f"events:startup_{view}", kwargs={"event_pk": demo_day.event_id, "pk": seat.company_id}
    )


def _availability(seat) -> tuple[list[int], int, int]:
    seat.refresh_from_db()
    return seat.available, seat.min_meetings, seat.max_meetings


# Happy paths of each form


def test_demo_day_setup_form_valid():
    form = DemoDaySetupForm({"slots": "6", "slot_minutes": "15", "tables": "3"})
    assert form.is_valid()
    assert form.cleaned_data == {"slots": 6, "slot_minutes": 15, "tables": 3}


def test_invite_investor_form_valid(investor):
    form = invite_form({"side": "investor", "user": str(investor.pk), "firm": "Seoul VC"})
    assert isinstance(form, InviteInvestorForm)
    assert form.is_valid()
    assert form.cleaned_data == {"user": investor, "firm": "Seoul VC"}


def test_invite_startup_form_valid(company):
    form = invite_form({"side": "startup", "company": str(company.pk)})
    assert isinstance(form, InviteStartupForm)
    assert form.is_valid()
    assert form.cleaned_data == {"company": company}


def test_participation_form_valid(demo_day):
    form = ParticipationForm(
        {"available": "1-2, 4", "min_meetings": "1", "max_meetings": "3", "next": "/events/"},
        demo_day=demo_day,
    )
    assert form.is_valid()
    assert form.cleaned_data == {
        "available": [0, 1, 3],
        "min_meetings": 1,
        "max_meetings": 3,
        "next": "/events/",
    }


@pytest.mark.parametrize(
    ("score", "expected"), [("4", (4, False)), ("0", (0, False)), ("no", (0, True))]
)
def test_interest_form_valid(seats, demo_day, score, expected):
    startup = seats[1][0]
    form = InterestForm(
        {"other": str(startup.pk), "score": score, "reason": " Good fit "},
        side=Side.INVESTOR,
        others=DemoDayStartup.objects.filter(demo_day=demo_day),
    )
    assert form.is_valid()
    data = form.cleaned_data
    assert (data["other"], (data["score"], data["no_thanks"]), data["reason"]) == (
        startup,
        expected,
        "Good fit",
    )


def test_schedule_action_form_pin_valid(seats, demo_day):
    (inv, _), (st, _) = seats
    form = ScheduleActionForm(
        {"action": "pin", "investor": str(inv.pk), "startup": str(st.pk), "slot": "2"},
        demo_day=demo_day,
    )
    assert form.is_valid()
    assert form.decision_arguments() == {
        "investor": inv,
        "startup": st,
        "decision": Decision.PIN,
        "slot": 1,
    }


@pytest.mark.parametrize("action", ["run", "publish"])
def test_schedule_action_form_needs_no_pair_to_run_or_publish(demo_day, action):
    form = ScheduleActionForm({"action": action}, demo_day=demo_day)
    assert form.is_valid()
    assert form.cleaned_data["action"] == action


def test_schedule_action_form_clear_needs_no_slot(seats, demo_day):
    (inv, _), (st, _) = seats
    form = ScheduleActionForm(
        {"action": "clear", "investor": str(inv.pk), "startup": str(st.pk)}, demo_day=demo_day
    )
    assert form.is_valid()
    assert form.decision_arguments() == {
        "investor": inv,
        "startup": st,
        "decision": None,
        "slot": None,
    }


# Happy paths through the pages


def test_setup_view_saves_the_layout(staff_client, demo_day):
    response = staff_client.post(
        reverse("events:demoday_setup", args=[demo_day.event_id]),
        {"slots": "6", "slot_minutes": "15", "tables": "3"},
    )
    assert response.url == reverse("events:demoday", args=[demo_day.event_id])
    demo_day.refresh_from_db()
    assert (demo_day.slots, demo_day.slot_minutes, demo_day.tables) == (6, 15, 3)
    assert _messages(response) == ["데모데이 설정을 저장했습니다."]


def test_invite_views_seat_an_investor_and_a_startup(staff_client, demo_day, investor, company):
    url = reverse("events:demoday_invite", args=[demo_day.event_id])
    staff_client.post(url, {"side": "investor", "user": investor.pk, "firm": "Seoul VC"})
    staff_client.post(url, {"side": "startup", "company": company.pk})
    assert list(DemoDayInvestor.objects.values_list("user", "firm")) == [(investor.pk, "Seoul VC")]
    assert list(DemoDayStartup.objects.values_list("company", flat=True)) == [company.pk]


def test_participation_saves_and_returns_to_interests(owner_client, seats, demo_day):
    st = seats[1][0]
    response = owner_client.post(
        _startup_url(demo_day, st, "participation"),
        {"available": "1-2", "min_meetings": "1", "max_meetings": "2"},
    )
    assert response.url == _startup_url(demo_day, st, "interests")
    assert _availability(st) == ([0, 1], 1, 2)


# The ``next`` address


@pytest.mark.parametrize(
    "evil", ["https://evil.example/", "//evil.example", "javascript:alert(1)", "/\\evil.example"]
)
def test_participation_next_off_site_lands_on_interests(owner_client, seats, demo_day, evil):
    st = seats[1][0]
    response = owner_client.post(
        _startup_url(demo_day, st, "participation"),
        {"available": "1-4", "min_meetings": "0", "max_meetings": "2", "next": evil},
    )
    assert response.url == _startup_url(demo_day, st, "interests")


def test_participation_next_on_site_is_followed(owner_client, seats, demo_day):
    st = seats[1][0]
    agenda = _startup_url(demo_day, st, "agenda")
    response = owner_client.post(
        _startup_url(demo_day, st, "participation"),
        {"available": "1-4", "min_meetings": "0", "max_meetings": "2", "next": agenda},
    )
    assert response.url == agenda


def test_participation_refused_still_uses_a_safe_next(owner_client, seats, demo_day):
    st = seats[1][0]
    response = owner_client.post(
        _startup_url(demo_day, st, "participation"),
        {"available": "x", "min_meetings": "0", "max_meetings": "2", "next": "//evil.example"},
    )
    assert response.url == _startup_url(demo_day, st, "interests")


# Refused input: a message, a redirect, nothing changed


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"available": "1-999999999", "min_meetings": "0", "max_meetings": "2"},
            "가능한 슬롯 (예: 1-8, 10): 슬롯 999999999은(는) 1부터 4까지의 범위를 벗어납니다.",
        ),
        (
            {"available": "0", "min_meetings": "0", "max_meetings": "2"},
            "가능한 슬롯 (예: 1-8, 10): 슬롯 0은(는) 1부터 4까지의 범위를 벗어납니다.",
        ),
        (
            {"available": "1", "min_meetings": "abc", "max_meetings": "2"},
            "최소 미팅 수: 정수를 입력하세요.",
        ),
        (
            {"available": "1", "min_meetings": "0", "max_meetings": "99999999999999"},
            "최대 미팅 수: 500 이하의 값을 입력해 주세요.",
        ),
    ],
)
def test_participation_bad_input_is_a_message(owner_client, seats, demo_day, data, message):
    st = seats[1][0]
    before = _availability(st)
    response = owner_client.post(_startup_url(demo_day, st, "participation"), data)
    assert response.url == _startup_url(demo_day, st, "interests")
    assert _messages(response) == [message]
    assert _availability(st) == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"side": "investor", "user": "abc"}, "투자자: 해당 사용자가 없습니다."),
        ({"side": "investor", "user": "999999"}, "투자자: 해당 사용자가 없습니다."),
        ({"side": "investor", "user": "9" * 30}, "투자자: 해당 사용자가 없습니다."),
        ({"side": "startup", "company": "abc"}, "기업: 해당 회사가 없습니다."),
        ({"side": "startup", "company": "999999"}, "기업: 해당 회사가 없습니다."),
    ],
)
def test_invite_unknown_or_non_numeric_id_is_a_message(staff_client, demo_day, data, message):
    response = staff_client.post(reverse("events:demoday_invite", args=[demo_day.event_id]), data)
    assert response.url == reverse("events:demoday", args=[demo_day.event_id])
    assert _messages(response) == [message]
    assert (DemoDayInvestor.objects.count(), DemoDayStartup.objects.count()) == (0, 0)


def test_invite_message_follows_the_user_language(make_user, demo_day):
    english_staff = make_user(roles=(Role.HUB_STAFF,), language="en")
    response = signed_in(english_staff).post(
        reverse("events:demoday_invite", args=[demo_day.event_id]),
        {"side": "investor", "user": "abc"},
    )
    assert _messages(response) == ["Investor: No such person."]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"slots": "abc", "slot_minutes": "20", "tables": "2"}, "미팅 슬롯 수: 정수를 입력하세요."),
        ({"slots": "0", "slot_minutes": "20", "tables": "2"}, "1 이상의 정수를 입력하세요."),
        (
            {"slots": "4", "slot_minutes": "20", "tables": "99999999999"},
            "슬롯당 테이블 수: 1000 이하의 값을 입력해 주세요.",
        ),
    ],
)
def test_setup_bad_input_is_a_message(staff_client, demo_day, data, message):
    response = staff_client.post(reverse("events:demoday_setup", args=[demo_day.event_id]), data)
    assert response.url == reverse("events:demoday", args=[demo_day.event_id])
    assert _messages(response) == [message]
    demo_day.refresh_from_db()
    assert (demo_day.slots, demo_day.slot_minutes, demo_day.tables) == (4, 20, 2)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"score": "9"}, "점수: 점수는 0부터 5까지의 정수입니다."),
        ({"score": "abc"}, "점수: 점수는 0부터 5까지의 정수입니다."),
        ({"score": "-1"}, "점수: 점수는 0부터 5까지의 정수입니다."),
        ({"other": "abc"}, "투자자: 이 데모데이에 해당 참가자가 없습니다."),
        ({"other": "999999"}, "투자자: 이 데모데이에 해당 참가자가 없습니다."),
        ({"reason": "x" * 201}, "사유: 사유는 200자 이내로 입력하세요."),
    ],
)
def test_interest_bad_input_is_a_message(owner_client, seats, demo_day, data, message):
    (inv, _), (st, _) = seats
    before = list(Interest.objects.values_list("pk", "score", "no_thanks", "reason"))
    response = owner_client.post(
        _startup_url(demo_day, st, "interests"),
        {"other": str(inv.pk), "score": "4", "reason": "", **data},
    )
    assert response.url == _startup_url(demo_day, st, "interests")
    assert _messages(response) == [message]
    assert list(Interest.objects.values_list("pk", "score", "no_thanks", "reason")) == before


def test_interest_in_a_seat_of_another_demo_day_is_refused(
    owner_client, seats, demo_day, make_event, staff, investor
):
    other_day = demoday.create_demo_day(
        event=make_event(capacity=10, kind=EventKind.DEMO_DAY, title="다른 데모데이"), actor=staff
    )
    stranger = demoday.invite_investor(demo_day=other_day, user=investor, actor=staff)
    st = seats[1][0]
    response = owner_client.post(
        _startup_url(demo_day, st, "interests"), {"other": str(stranger.pk), "score": "4"}
    )
    assert _messages(response) == ["투자자: 이 데모데이에 해당 참가자가 없습니다."]
    assert Interest.objects.filter(investor=stranger).count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "작업: 알 수 없는 작업입니다."),
        ({"action": "explode"}, "작업: 알 수 없는 작업입니다."),
        ({"action": "pin", "investor": "abc"}, "투자자: 이 데모데이에 해당 참가자가 없습니다."),
        (
            {"action": "forbid", "startup": "999999"},
            "스타트업: 이 데모데이에 해당 참가자가 없습니다.",
        ),
        ({"action": "pin", "slot": "abc"}, "슬롯: 정수를 입력하세요."),
        ({"action": "pin", "slot": ""}, "슬롯: 필수 항목입니다."),
        ({"action": "pin", "slot": "99"}, "슬롯 99은(는) 1부터 4까지의 범위를 벗어납니다."),
        ({"action": "pin", "slot": "0"}, "슬롯 0은(는) 1부터 4까지의 범위를 벗어납니다."),
    ],
)
def test_schedule_bad_input_is_a_message(staff_client, seats, demo_day, data, message):
    (inv, _), (st, _) = seats
    url = reverse("events:schedule", args=[demo_day.event_id])
    post = {"investor": str(inv.pk), "startup": str(st.pk), "slot": "1"}
    response = staff_client.post(url, {**post, **data})
    assert response.url == url
    assert _messages(response) == [message]
    assert demo_day.decisions.count() == 0


def test_schedule_pair_of_another_demo_day_is_refused(
    staff_client, seats, demo_day, make_event, staff, investor
):
    other_day = demoday.create_demo_day(
        event=make_event(capacity=10, kind=EventKind.DEMO_DAY, title="다른 데모데이"), actor=staff
    )
    stranger = demoday.invite_investor(demo_day=other_day, user=investor, actor=staff)
    st = seats[1][0]
    url = reverse("events:schedule", args=[demo_day.event_id])
    response = staff_client.post(
        url, {"action": "forbid", "investor": str(stranger.pk), "startup": str(st.pk)}
    )
    assert _messages(response) == ["투자자: 이 데모데이에 해당 참가자가 없습니다."]
    assert demo_day.decisions.count() + other_day.decisions.count() == 0
