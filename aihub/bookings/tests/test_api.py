import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aihub.bookings import services
from aihub.bookings.models import Booking
from aihub.bookings.tests.conftest import slot

pytestmark = pytest.mark.django_db
API = "/api/v1/bookings"


def _payload(room, day, start="10:00", end="11:00", **extra) -> dict:
    starts_at, ends_at = slot(day, start, end)
    return {
        "room": room.pk,
        "starts_at": starts_at.isoformat(),
        "ends_at": ends_at.isoformat(),
        "title": "API 회의",
        **extra,
    }


def test_create_booking_api(member_client, room, company, day):
    response = member_client.post(
        f"{API}/bookings", _payload(room, day, company=company.pk), content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json()["bookings"][0]["status"] == "confirmed"


def test_create_booking_api_conflict_409(member_client, room, company, day):
    member_client.post(
        f"{API}/bookings", _payload(room, day, company=company.pk), content_type="application/json"
    )
    response = member_client.post(
        f"{API}/bookings",
        _payload(room, day, "10:30", "11:30", company=company.pk),
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "booking_conflict"
    assert f"{day.isoformat()} 10:00" in response.json()["message"]


def test_create_series_api_conflict_lists_dates(member_client, member, room, company, day):
    later = day + datetime.timedelta(weeks=2)
    starts_at, ends_at = slot(later, "10:00", "11:00")
    services.book_room(
        room=room, starts_at=starts_at, ends_at=ends_at, title="x", actor=member, company=company
    )
    response = member_client.post(
        f"{API}/bookings",
        _payload(room, day, company=company.pk, weeks=3),
        content_type="application/json",
    )
    assert response.status_code == 409
    assert later.isoformat() in response.json()["message"]
    assert Booking.objects.count() == 1


def test_create_booking_api_end_before_start_400(member_client, room, company, day):
    response = member_client.post(
        f"{API}/bookings",
        _payload(room, day, "11:00", "10:00", company=company.pk),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["ends_at"]


def test_create_booking_api_other_company_404(member_client, room, other_company, day):
    response = member_client.post(
        f"{API}/bookings",
        _payload(room, day, company=other_company.pk),
        content_type="application/json",
    )
    assert response.status_code == 404


def test_create_booking_api_anonymous_401(client, room, day):
    response = client.post(f"{API}/bookings", _payload(room, day), content_type="application/json")
    assert response.status_code == 401


def test_availability_api_others_busy(
    owner_client, member, room, company, other_company, make_user, day
):
    from aihub.companies import services as company_services
    from aihub.companies.enums import MemberRole

    rival = make_user()
    company_services.add_member(
        company=other_company, user=rival, role=MemberRole.MEMBER, actor=None
    )
    for user, firm, start, end in (
        (member, company, "10:00", "11:00"),
        (rival, other_company, "13:00", "14:00"),
    ):
        starts_at, ends_at = slot(day, start, end)
        services.book_room(
            room=room,
            starts_at=starts_at,
            ends_at=ends_at,
            title=f"T{start}",
            actor=user,
            company=firm,
        )
    response = owner_client.get(f"{API}/availability", {"start": day.isoformat(), "days": 1})
    assert response.status_code == 200
    busy = response.json()[0]["busy"]
    assert [(b["mine"], b["title"]) for b in busy] == [(True, "T10:00"), (False, None)]
    free = [(w["starts_at"][11:16], w["ends_at"][11:16]) for w in response.json()[0]["free"]]
    assert free == [("08:00", "10:00"), ("11:00", "13:00"), ("14:00", "22:00")]


def test_availability_api_query_count_constant(member_client, room, make_room, day):
    with CaptureQueriesContext(connection) as one:
        member_client.get(f"{API}/availability", {"start": day.isoformat()})
    make_room("5F-M2")
    make_room("5F-M3")
    with CaptureQueriesContext(connection) as three:
        member_client.get(f"{API}/availability", {"start": day.isoformat()})
    assert len(one.captured_queries) == len(three.captured_queries)


def test_availability_api_anonymous_401(client):
    assert client.get(f"{API}/availability").status_code == 401


def test_free_rooms_api(member_client, room, day):
    starts_at, ends_at = slot(day, "10:00", "11:00")
    response = member_client.get(
        f"{API}/free-rooms",
        {"starts_at": starts_at.isoformat(), "ends_at": ends_at.isoformat(), "capacity": 20},
    )
    assert response.json() == []
    response = member_client.get(
        f"{API}/free-rooms", {"starts_at": starts_at.isoformat(), "ends_at": ends_at.isoformat()}
    )
    assert [r["code"] for r in response.json()] == ["5F-M1"]


def test_list_bookings_api_query_count_constant(member_client, member, room, company, day):
    def make(start):
        starts_at, ends_at = slot(day, start, f"{int(start[:2]):02d}:30")
        services.book_room(
            room=room,
            starts_at=starts_at,
            ends_at=ends_at,
            title="x",
            actor=member,
            company=company,
        )

    make("08:00")
    with CaptureQueriesContext(connection) as one:
        assert member_client.get(f"{API}/bookings").json()["count"] == 1
    make("09:00")
    make("10:00")
    with CaptureQueriesContext(connection) as three:
        assert member_client.get(f"{API}/bookings").json()["count"] == 3
    assert len(one.captured_queries) == len(three.captured_queries)


def test_approve_api_staff_only(staff_client, member_client, make_room, member, company, day):
    room = make_room("5F-A", approval_required=True)
    starts_at, ends_at = slot(day, "10:00", "11:00")
    booking = services.book_room(
        room=room, starts_at=starts_at, ends_at=ends_at, title="x", actor=member, company=company
    )
    assert member_client.post(f"{API}/approvals/{booking.pk}/approve").status_code == 403
    response = staff_client.post(f"{API}/approvals/{booking.pk}/approve")
    assert response.json()["status"] == "confirmed"
