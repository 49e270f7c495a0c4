"""A member of one company gets 403 or 404 on every company-owned events URL and endpoint of
another company's demo-day seat; an investor on every other investor's seat.

The URLs are read from the URL configuration and the router, so a new one joins by itself.
"""

import pytest
from django.urls import get_resolver, reverse

from aihub.core.models import AuditEntry
from aihub.events.api import router
from aihub.events.models import Interest
from conftest import signed_in

pytestmark = pytest.mark.django_db
API = "/api/v1/events"
PAYLOAD = {"other": 1, "score": 3}


def _events_patterns() -> list[str]:
    resolver = next(
        r for r in get_resolver().url_patterns if getattr(r, "namespace", None) == "events"
    )
    return [p.name for p in resolver.url_patterns if p.name]


def _endpoints(marker: str) -> list[tuple[str, str]]:
    found = []
    for path, path_view in router.path_operations.items():
        if marker in path:
            for operation in path_view.operations:
                for method in operation.methods:
                    found.append((method.lower(), path))
    return found


def test_matrix_covers_pages_and_endpoints():
    names = _events_patterns()
    assert {n for n in names if n.startswith("startup_")} == {
        "startup_interests",
        "startup_participation",
        "startup_agenda",
        "startup_withdraw",
        "startup_pitch_deck",
        "startup_pitch_deck_download",
    }
    assert len(_endpoints("/companies/{pk}/")) == 3


def test_member_gets_403_or_404_on_other_company_pages(seats, demo_day, member, other_company):
    client = signed_in(member)
    before = AuditEntry.objects.count()
    for name in [n for n in _events_patterns() if n.startswith("startup_")]:
        url = reverse(
            f"events:{name}", kwargs={"event_pk": demo_day.event_id, "pk": other_company.pk}
        )
        for method in ("get", "post"):
            assert getattr(client, method)(url).status_code in (403, 404, 405), (name, method)
    assert AuditEntry.objects.count() == before


def test_member_gets_403_or_404_on_other_company_endpoints(seats, demo_day, member, other_company):
    client = signed_in(member)
    before = Interest.objects.count()
    for method, path in _endpoints("/companies/{pk}/"):
        url = API + path.replace("{event_pk}", str(demo_day.event_id)).replace(
            "{pk}", str(other_company.pk)
        )
        response = (
            getattr(client, method)(url, PAYLOAD, content_type="application/json")
            if method == "post"
            else client.get(url)
        )
        assert response.status_code in (403, 404), (method, path)
    assert Interest.objects.count() == before


def test_owner_reaches_own_company_seat(seats, demo_day, owner, company):
    client = signed_in(owner)
    url = reverse(
        "events:startup_interests", kwargs={"event_pk": demo_day.event_id, "pk": company.pk}
    )
    assert client.get(url).status_code == 200


def test_investor_gets_404_on_other_investor_seat(seats, demo_day, investor):
    client = signed_in(investor)
    other = seats[0][1]
    for name in [n for n in _events_patterns() if n.startswith("investor_")]:
        url = reverse(f"events:{name}", kwargs={"event_pk": demo_day.event_id, "seat_pk": other.pk})
        assert client.get(url).status_code in (404, 405), name
    for method, path in _endpoints("/investors/{seat_pk}/"):
        url = API + path.replace("{event_pk}", str(demo_day.event_id)).replace(
            "{seat_pk}", str(other.pk)
        )
        response = (
            client.post(url, PAYLOAD, content_type="application/json")
            if method == "post"
            else client.get(url)
        )
        assert response.status_code == 404, (method, path)
