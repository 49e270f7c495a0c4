"""The cross-company matrix, extended to room booking.

Every booking URL that carries a company's ``pk`` and every endpoint under
``/companies/{pk}/`` is read from the URL configuration and the router, so a new one joins
the matrix by itself; an endpoint needs an example payload in ``API_PAYLOADS``. A company
sees its own bookings in full and others' only as "busy".
"""

import re

import pytest
from django.urls import reverse

from aihub.bookings import services
from aihub.bookings.api import router
from aihub.bookings.ical import feed_token
from aihub.bookings.tests.conftest import slot
from aihub.companies import services as company_services
from aihub.companies.enums import MemberRole
from aihub.core.models import AuditEntry
from tests.test_access_matrix import url_patterns

pytestmark = pytest.mark.django_db
API = "/api/v1/bookings"
SECRET = "극비 투자 미팅"

API_PAYLOADS = {
    ("get", "/companies/{pk}/bookings/{booking_pk}"): None,
    ("post", "/companies/{pk}/bookings/{booking_pk}/cancel"): None,
    ("post", "/companies/{pk}/bookings/{booking_pk}/change"): "times",
    ("post", "/companies/{pk}/bookings/{booking_pk}/check-in"): None,
}
OWNER_EXPECTS = {
    ("get", "/companies/{pk}/bookings/{booking_pk}"): 200,
    ("post", "/companies/{pk}/bookings/{booking_pk}/cancel"): 200,
    ("post", "/companies/{pk}/bookings/{booking_pk}/change"): 200,
    ("post", "/companies/{pk}/bookings/{booking_pk}/check-in"): 409,
}


def company_owned_url_names() -> list[tuple[str, list[str]]]:
    from django.urls import get_resolver

    return sorted(
        (name, sorted(pattern.pattern.converters))
        for name, pattern in url_patterns(get_resolver())
        if name.startswith("bookings:") and "pk" in pattern.pattern.converters
    )


def company_owned_api_operations() -> list[tuple[str, str]]:
    return sorted(
        (method.lower(), re.sub(r"\{int:(\w+)\}", r"{\1}", path))
        for path, view in router.path_operations.items()
        if "{int:pk}" in path
        for operation in view.operations
        for method in operation.methods
    )


def company_objects(company, room, day) -> dict[str, int]:
    """A confirmed booking of a weekly series and a paid one with its receipt."""
    user = company.members.get(role=MemberRole.OWNER).user
    starts_at, ends_at = slot(day, "10:00", "11:00")
    series = services.book_series(
        room=room,
        starts_at=starts_at,
        ends_at=ends_at,
        weeks=2,
        title=SECRET,
        actor=user,
        company=company,
    )
    booking = series.bookings.order_by("starts_at").first()
    services.change_room(room=room, actor=None, hourly_price=10_000)
    starts_at, ends_at = slot(day, "15:00", "16:00")
    paid = services.book_room(
        room=room, starts_at=starts_at, ends_at=ends_at, title=SECRET, actor=user, company=company
    )
    return {
        "pk": company.pk,
        "booking_pk": booking.pk,
        "series_pk": series.pk,
        "charge_pk": paid.charges.get().pk,
        "day": day,
    }


def call_api(client, method: str, path: str, ids: dict):
    url = API + path
    for key, value in ids.items():
        url = url.replace("{" + key + "}", str(value))
    payload = API_PAYLOADS[(method, path)]
    call = getattr(client, method)
    if payload == "times":
        starts_at, ends_at = slot(ids["day"], "12:00", "13:00")
        return call(
            url,
            {"starts_at": starts_at.isoformat(), "ends_at": ends_at.isoformat()},
            content_type="application/json",
        )
    return call(url)


@pytest.fixture
def victim(other_company, room, day):
    return company_objects(other_company, room, day)


def test_matrix_covers_the_known_pages_and_endpoints():
    names = {name for name, _kwargs in company_owned_url_names()}
    assert {
        "bookings:company",
        "bookings:booking",
        "bookings:cancel",
        "bookings:change",
        "bookings:check_in",
        "bookings:series_cancel",
        "bookings:receipt",
        "bookings:company_feed",
    } <= names
    assert set(company_owned_api_operations()) == set(API_PAYLOADS) == set(OWNER_EXPECTS)


@pytest.mark.parametrize(("name", "kwargs"), company_owned_url_names())
def test_member_refused_other_company_booking_page(member_client, victim, name, kwargs):
    url = reverse(name, kwargs={key: victim[key] for key in kwargs})
    audit_before = AuditEntry.objects.count()
    get = member_client.get(url)
    post = member_client.post(
        url, {"day": victim["day"].isoformat(), "start": "12:00", "end": "13:00"}
    )
    assert get.status_code in {403, 404, 405}
    assert post.status_code in {403, 404, 405}
    assert {get.status_code, post.status_code} != {405}
    assert SECRET not in get.content.decode()
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize(("method", "path"), company_owned_api_operations())
def test_member_refused_other_company_booking_endpoint(member_client, victim, method, path):
    audit_before = AuditEntry.objects.count()
    response = call_api(member_client, method, path, victim)
    assert response.status_code in {403, 404}
    assert set(response.json()) == {"message", "code", "errors"}
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize(("method", "path"), sorted(API_PAYLOADS))
def test_owner_reaches_own_company_booking_endpoint(owner_client, company, room, day, method, path):
    own = company_objects(company, room, day)
    response = call_api(owner_client, method, path, own)
    assert response.status_code == OWNER_EXPECTS[(method, path)]


def test_other_company_feed_with_own_token_refused(client, member, victim):
    url = reverse("bookings:company_feed", kwargs={"pk": victim["pk"]})
    assert client.get(url, {"token": feed_token(member)}).status_code == 404


def test_others_bookings_only_busy_everywhere(member_client, member, victim, room, day):
    """Calendar, week agenda, room feed and availability show the time, never the title."""
    slug = room.space.facility.slug
    pages = [
        f"{reverse('bookings:room', args=[room.pk])}?view=day&date={day.isoformat()}",
        f"{reverse('bookings:facility', args=[slug])}?view=week&date={day.isoformat()}",
        f"{reverse('bookings:room_feed', args=[room.pk])}",
        f"{API}/availability?start={day.isoformat()}&days=1",
        f"{API}/bookings",
    ]
    for url in pages:
        content = member_client.get(url).content.decode()
        assert SECRET not in content, url
    busy = member_client.get(f"{API}/availability?start={day.isoformat()}&days=1").json()[0]["busy"]
    assert [b["mine"] for b in busy] == [False, False]


def test_own_bookings_in_full(owner_client, company, room, day):
    company_objects(company, room, day)
    url = f"{reverse('bookings:room', args=[room.pk])}?view=day&date={day.isoformat()}"
    assert SECRET in owner_client.get(url).content.decode()


def test_member_of_same_company_sees_in_full(make_user, company, room, day):
    from conftest import signed_in

    colleague = make_user()
    company_services.add_member(company=company, user=colleague, role=MemberRole.MEMBER, actor=None)
    company_objects(company, room, day)
    busy = (
        signed_in(colleague)
        .get(f"{API}/availability?start={day.isoformat()}&days=1")
        .json()[0]["busy"]
    )
    assert [b["title"] for b in busy] == [SECRET, SECRET]
