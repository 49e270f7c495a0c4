import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aihub.bookings import services
from aihub.bookings.enums import BookingStatus
from aihub.bookings.ical import feed_token
from aihub.bookings.models import Booking
from aihub.bookings.tests.conftest import slot
from conftest import signed_in

pytestmark = pytest.mark.django_db


def _book(room, day, start, end, user, company=None, **extra):
    starts_at, ends_at = slot(day, start, end)
    return services.book_room(
        room=room,
        starts_at=starts_at,
        ends_at=ends_at,
        title=extra.pop("title", "회의"),
        actor=user,
        company=company,
        **extra,
    )


def _queries(client, url, **headers) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    assert response.status_code == 200, response.content[:500]
    return len(captured.captured_queries)


@pytest.fixture
def hours(room, member, company, day):
    """``hours(n)``: n more bookings of the member's company in ``room`` on ``day``."""
    made = []

    def make(count: int) -> None:
        for _ in range(count):
            start = 8 + len(made)
            made.append(_book(room, day, f"{start:02d}:00", f"{start:02d}:30", member, company))

    return make


def test_index_search_finds_free_room(member_client, room, make_room, day, hours):
    hours(1)
    make_room("5F-M9", seats=2)
    response = member_client.get(
        reverse("bookings:index"),
        {"day": day.isoformat(), "start": "08:00", "duration": 60, "capacity": 4},
    )
    assert response.status_code == 200
    assert [r.pk for r in response.context["results"]] == []
    response = member_client.get(
        reverse("bookings:index"),
        {
            "day": day.isoformat(),
            "start": "13:00",
            "duration": 60,
            "capacity": 4,
            "equipment": ["video"],
        },
    )
    assert [r.pk for r in response.context["results"]] == [room.pk]


def test_index_search_htmx_returns_partial(member_client, room, day):
    response = member_client.get(
        reverse("bookings:index"),
        {"day": day.isoformat(), "start": "13:00", "duration": 60},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="search-results",
    )
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b'data-testid="free-room"' in response.content


def test_index_anonymous_redirected(client):
    assert client.get(reverse("bookings:index")).status_code == 302


@pytest.mark.parametrize("view", ["day", "week"])
def test_room_calendar_query_count_constant(member_client, room, day, hours, view):
    url = f"{reverse('bookings:room', args=[room.pk])}?view={view}&date={day.isoformat()}"
    hours(1)
    one = _queries(member_client, url)
    hours(2)
    assert _queries(member_client, url) == one


@pytest.mark.parametrize("view", ["day", "week"])
def test_facility_calendar_query_count_constant(member_client, room, facility, day, hours, view):
    url = f"{reverse('bookings:facility', args=[facility.slug])}?view={view}&date={day.isoformat()}"
    hours(1)
    one = _queries(member_client, url)
    hours(2)
    assert _queries(member_client, url) == one


def test_facility_calendar_htmx_partial(member_client, room, facility, day):
    url = f"{reverse('bookings:facility', args=[facility.slug])}?view=day&date={day.isoformat()}"
    response = member_client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="calendar")
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b'data-testid="calendar"' in response.content


def test_calendar_shows_other_company_only_busy(owner_client, room, other_company, make_user, day):
    from aihub.companies import services as company_services
    from aihub.companies.enums import MemberRole

    rival = make_user()
    company_services.add_member(
        company=other_company, user=rival, role=MemberRole.MEMBER, actor=None
    )
    _book(room, day, "10:00", "11:00", rival, other_company, title="비밀 투자 미팅")
    url = f"{reverse('bookings:room', args=[room.pk])}?view=day&date={day.isoformat()}"
    content = owner_client.get(url).content.decode()
    assert "비밀 투자 미팅" not in content
    assert 'data-testid="busy"' in content


def test_company_bookings_query_count_constant(member_client, company, hours):
    url = reverse("bookings:company", args=[company.pk])
    hours(1)
    one = _queries(member_client, url)
    hours(2)
    assert _queries(member_client, url) == one


def test_company_bookings_other_company_refused(member_client, other_company):
    assert (
        member_client.get(reverse("bookings:company", args=[other_company.pk])).status_code == 404
    )


def test_mine_redirects_to_company(member_client, company):
    assert member_client.get(reverse("bookings:mine")).url == reverse(
        "bookings:company", args=[company.pk]
    )


def test_book_post_creates_and_redirects(member_client, room, company, day):
    response = member_client.post(
        reverse("bookings:book", args=[room.pk]),
        {
            "day": day.isoformat(),
            "start": "10:00",
            "end": "11:00",
            "title": "팀 회의",
            "attendees": 4,
            "company": company.pk,
            "weeks": 1,
        },
    )
    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("bookings:booking", args=[company.pk, booking.pk])


def test_book_post_conflict_shown_with_409(member_client, room, member, company, day):
    _book(room, day, "10:00", "11:00", member, company)
    response = member_client.post(
        reverse("bookings:book", args=[room.pk]),
        {
            "day": day.isoformat(),
            "start": "10:30",
            "end": "11:30",
            "title": "겹침",
            "attendees": 1,
            "company": company.pk,
            "weeks": 1,
        },
    )
    assert response.status_code == 409
    assert f"{day.isoformat()} 10:00".encode() in response.content
    assert Booking.objects.count() == 1


def test_book_post_series_conflict_lists_dates(member_client, room, member, company, day):
    import datetime

    second = day + datetime.timedelta(weeks=1)
    _book(room, second, "10:00", "11:00", member, company)
    response = member_client.post(
        reverse("bookings:book", args=[room.pk]),
        {
            "day": day.isoformat(),
            "start": "10:00",
            "end": "11:00",
            "title": "주간",
            "attendees": 1,
            "company": company.pk,
            "weeks": 3,
        },
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="booking-panel",
    )
    assert response.status_code == 409
    assert response.context["conflicts"] == [second.isoformat()]
    assert Booking.objects.count() == 1


def test_book_post_htmx_success_redirect_header(member_client, room, company, day):
    response = member_client.post(
        reverse("bookings:book", args=[room.pk]),
        {
            "day": day.isoformat(),
            "start": "10:00",
            "end": "11:00",
            "title": "팀 회의",
            "attendees": 1,
            "company": company.pk,
            "weeks": 1,
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(f"/bookings/companies/{company.pk}/")


def test_booking_cancel_by_member(member_client, room, member, company, day):
    booking = _book(room, day, "10:00", "11:00", member, company)
    response = member_client.post(reverse("bookings:cancel", args=[company.pk, booking.pk]))
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_booking_change_bad_time_400(member_client, room, member, company, day):
    booking = _book(room, day, "10:00", "11:00", member, company)
    response = member_client.post(
        reverse("bookings:change", args=[company.pk, booking.pk]),
        {"day": day.isoformat(), "start": "11:00", "end": "10:00"},
    )
    assert response.status_code == 400


def test_approvals_query_count_constant(staff_client, make_room, member, company, day):
    room = make_room("5F-A", approval_required=True)
    _book(room, day, "08:00", "09:00", member, company)
    one = _queries(staff_client, reverse("bookings:approvals"))
    _book(room, day, "10:00", "11:00", member, company)
    _book(room, day, "12:00", "13:00", member, company)
    assert _queries(staff_client, reverse("bookings:approvals")) == one


def test_approvals_member_refused(member_client):
    assert member_client.get(reverse("bookings:approvals")).status_code == 403


def test_approve_by_staff(staff_client, make_room, member, company, day):
    room = make_room("5F-A", approval_required=True)
    booking = _book(room, day, "08:00", "09:00", member, company)
    staff_client.post(reverse("bookings:approve", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_approve_by_member_refused(member_client, make_room, member, company, day):
    room = make_room("5F-A", approval_required=True)
    booking = _book(room, day, "08:00", "09:00", member, company)
    assert member_client.post(reverse("bookings:approve", args=[booking.pk])).status_code == 403


def test_report_query_count_constant(staff_client, room, hours):
    hours(1)
    one = _queries(staff_client, reverse("bookings:report"))
    hours(2)
    assert _queries(staff_client, reverse("bookings:report")) == one


def test_report_member_refused(member_client):
    assert member_client.get(reverse("bookings:report")).status_code == 403


@pytest.mark.parametrize(("fmt", "kind"), [("csv", "text/csv"), ("xlsx", "spreadsheetml")])
def test_report_export(staff_client, room, hours, day, fmt, kind):
    hours(2)
    response = staff_client.get(
        reverse("bookings:report_export"),
        {"first": day.isoformat(), "last": day.isoformat(), "format": fmt},
    )
    assert response.status_code == 200
    assert kind in response["Content-Type"]
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
        assert "5F-M1" in text
        assert ",2,1.0," in text


def test_company_feed_with_token(client, member, room, company, day, hours):
    hours(1)
    url = reverse("bookings:company_feed", args=[company.pk])
    response = client.get(url, {"token": feed_token(member)})
    assert response.status_code == 200
    assert b"BEGIN:VCALENDAR" in response.content
    assert response.content.count(b"BEGIN:VEVENT") == 1


def test_company_feed_bad_token_404(client, company):
    url = reverse("bookings:company_feed", args=[company.pk])
    assert client.get(url, {"token": "1:forged"}).status_code == 404


def test_room_feed_others_busy(client, owner, room, other_company, make_user, day):
    from aihub.companies import services as company_services
    from aihub.companies.enums import MemberRole

    rival = make_user()
    company_services.add_member(
        company=other_company, user=rival, role=MemberRole.MEMBER, actor=None
    )
    _book(room, day, "10:00", "11:00", rival, other_company, title="Secret")
    response = client.get(
        reverse("bookings:room_feed", args=[room.pk]), {"token": feed_token(owner)}
    )
    assert b"Secret" not in response.content
    assert b"SUMMARY:" in response.content


def test_receipt_shows_total(member_client, make_room, member, company, day):
    room = make_room("5F-P", hourly_price=10_000)
    booking = _book(room, day, "10:00", "11:00", member, company)
    charge = booking.charges.get()
    response = member_client.get(reverse("bookings:receipt", args=[company.pk, charge.pk]))
    assert response.status_code == 200
    assert b"11000" in response.content


def test_personal_booking_page_for_partner(make_user, room, day):
    from aihub.accounts.enums import Role

    researcher = make_user("lab@etri.example", roles=(Role.RESEARCHER,))
    booking = _book(room, day, "10:00", "11:00", researcher)
    client = signed_in(researcher)
    assert client.get(reverse("bookings:personal", args=[booking.pk])).status_code == 200
    assert client.get(reverse("bookings:mine")).url == reverse("bookings:personal_list")
    stranger = signed_in(make_user())
    assert stranger.get(reverse("bookings:personal", args=[booking.pk])).status_code == 404
