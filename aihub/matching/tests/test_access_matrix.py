"""The cross-company matrix, extended to the matching pages and endpoints.

Every matching URL that carries a company's ``pk`` and every endpoint under
``/companies/{pk}/`` is read from the URL configuration and the router, so a new one joins
the matrix by itself; an endpoint needs an example payload in ``API_PAYLOADS``. Besides
other companies, an expert user who is not matched with a confidential demand must not
reach it either.
"""

import re

import pytest
from django.urls import get_resolver, reverse

from aihub.core.models import AuditEntry
from aihub.matching import services
from aihub.matching.api import router
from aihub.matching.tests.helpers import expert_mila, korean_demand, researcher
from tests.test_access_matrix import url_patterns

pytestmark = pytest.mark.django_db
API = "/api/v1/matching"

API_PAYLOADS = {
    ("post", "/companies/{pk}/demands"): {
        "title": "x",
        "description_ko": "자연어처리",
        "help_kind": "mentor",
    },
    ("get", "/companies/{pk}/demands/{demand_pk}"): None,
    ("get", "/companies/{pk}/demands/{demand_pk}/matches"): None,
    ("post", "/companies/{pk}/demands/{demand_pk}/propose"): None,
    ("post", "/companies/{pk}/matches/{match_pk}/status"): {"action": "approve"},
    ("post", "/companies/{pk}/matches/{match_pk}/sessions"): {
        "starts_at": "2030-01-07T10:00:00+09:00",
        "minutes": 30,
        "mode": "online",
    },
}


def company_owned_url_names() -> list[tuple[str, list[str]]]:
    return sorted(
        (name, sorted(pattern.pattern.converters))
        for name, pattern in url_patterns(get_resolver())
        if name.startswith("matching:") and "pk" in pattern.pattern.converters
    )


def company_owned_api_operations() -> list[tuple[str, str]]:
    return sorted(
        (method.lower(), re.sub(r"\{int:(\w+)\}", r"{\1}", path))
        for path, view in router.path_operations.items()
        if "{int:pk}" in path
        for operation in view.operations
        for method in operation.methods
    )


def company_objects(company, staff) -> dict[str, int]:
    """A confidential demand of the company with one proposal and a booked-free match."""
    demand = korean_demand(company=company, actor=None)
    expert_mila()
    (match,) = services.propose_matches(actor=staff, demands=[demand])[demand.pk]
    return {
        "pk": company.pk,
        "demand_pk": demand.pk,
        "match_pk": match.pk,
        "session_pk": 0,
        "action": "approve",
    }


def call_api(client, method: str, path: str, ids: dict[str, int]):
    url = API + path
    for key, value in ids.items():
        url = url.replace("{" + key + "}", str(value))
    payload = API_PAYLOADS[(method, path)]
    call = getattr(client, method)
    if payload:
        return call(url, payload, content_type="application/json")
    return call(url)


@pytest.fixture
def victim(other_company, staff):
    return company_objects(other_company, staff)


def test_matrix_covers_the_known_pages_and_endpoints():
    names = {name for name, _kwargs in company_owned_url_names()}
    assert {
        "matching:demand",
        "matching:demand_create",
        "matching:propose",
        "matching:match_action",
        "matching:session_book",
        "matching:session_notes",
    } <= names
    assert set(company_owned_api_operations()) == set(API_PAYLOADS)


@pytest.mark.parametrize(("name", "kwargs"), company_owned_url_names())
def test_member_refused_other_company_matching_page(member_client, victim, name, kwargs):
    url = reverse(name, kwargs={key: victim[key] for key in kwargs})
    audit_before = AuditEntry.objects.count()
    get = member_client.get(url)
    post = member_client.post(url, {"title": "x", "description_ko": "y", "help_kind": "mentor"})
    assert get.status_code in {403, 404, 405}
    assert post.status_code in {403, 404, 405}
    assert {get.status_code, post.status_code} != {405}
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize(("method", "path"), company_owned_api_operations())
def test_member_refused_other_company_matching_endpoint(member_client, victim, method, path):
    audit_before = AuditEntry.objects.count()
    response = call_api(member_client, method, path, victim)
    assert response.status_code in {403, 404}
    assert set(response.json()) == {"message", "code", "errors"}
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize(("method", "path"), company_owned_api_operations())
def test_unmatched_expert_refused_confidential_demand_endpoint(
    client, victim, make_user, method, path
):
    client.force_login(researcher(make_user, "outsider@lab.example"))
    audit_before = AuditEntry.objects.count()
    response = call_api(client, method, path, victim)
    assert response.status_code in {403, 404}
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize(("name", "kwargs"), company_owned_url_names())
def test_unmatched_expert_refused_confidential_demand_page(client, victim, make_user, name, kwargs):
    client.force_login(researcher(make_user, "outsider@lab.example"))
    url = reverse(name, kwargs={key: victim[key] for key in kwargs})
    assert client.get(url).status_code in {403, 404, 405}
    assert client.post(url, {"outcome_note": "x"}).status_code in {403, 404, 405}


def test_confidential_demand_hidden_from_other_company_list(member_client, victim):
    response = member_client.get("/api/v1/matching/demands")
    assert response.json()["count"] == 0
    page = member_client.get(reverse("matching:demands"))
    assert page.context["page"].paginator.count == 0


def test_public_demand_visible_to_expert_users_only(client, other_company, make_user, member):
    korean_demand(company=other_company, actor=None, confidential=False)
    client.force_login(researcher(make_user, "outsider@lab.example"))
    assert client.get("/api/v1/matching/demands").json()["count"] == 1
    client.force_login(member)
    assert client.get("/api/v1/matching/demands").json()["count"] == 0
