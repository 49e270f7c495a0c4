"""A company member must get 403 or 404 on every company-owned URL and endpoint of another company.

The URLs are read from the URL configuration and the OpenAPI document, so a new company-owned
page or endpoint joins the matrix by itself; an endpoint with a request body needs an example
payload in ``API_PAYLOADS``.
"""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from aihub.api import api
from aihub.companies import services
from aihub.companies.enums import MembershipKind
from aihub.core.models import AuditEntry

pytestmark = pytest.mark.django_db

# Namespaces whose URLs carry a company's primary key as ``pk``.
COMPANY_OWNED_NAMESPACES = {"companies"}
# Pages that are not company-owned although they live in those namespaces.
NOT_COMPANY_OWNED = {
    "companies:list",
    "companies:export",
    "companies:create",
    "companies:invitation",
}

API_PAYLOADS = {
    ("get", "/api/v1/companies/{pk}"): None,
    ("patch", "/api/v1/companies/{pk}"): {"headcount": 99},
    ("post", "/api/v1/companies/{pk}/invitations"): {"email": "intruder@example.com"},
    ("post", "/api/v1/companies/{pk}/memberships"): {
        "kind": "membership",
        "starts_on": "2030-01-01",
    },
}


def _patterns(resolver: URLResolver, namespace: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            found += _patterns(entry, entry.namespace or namespace)
        elif entry.name:
            found.append((f"{namespace}:{entry.name}" if namespace else entry.name, entry))
    return found


def company_owned_url_names() -> list[tuple[str, list[str]]]:
    names = []
    for name, pattern in _patterns(get_resolver()):
        if name.split(":")[0] in COMPANY_OWNED_NAMESPACES and name not in NOT_COMPANY_OWNED:
            names.append((name, sorted(pattern.pattern.converters)))
    return sorted(names)


def company_owned_api_operations() -> list[tuple[str, str]]:
    paths = api.get_openapi_schema(path_prefix="/api/v1/")["paths"]
    return sorted(
        (method, path)
        for path, operations in paths.items()
        if "{pk}" in path and path.startswith("/api/v1/companies/")
        for method in operations
    )


@pytest.fixture
def victim(other_company, make_user, staff):
    """Another company with a member, an open invitation and a membership period."""
    invitation, _token = services.invite_member(
        company=other_company, email="pending@beta.example", actor=staff
    )
    period = services.record_membership(
        company=other_company,
        kind=MembershipKind.MEMBERSHIP,
        starts_on=datetime.date(2019, 1, 1),
        ends_on=datetime.date(2019, 12, 31),
        actor=staff,
    )
    return {
        "pk": other_company.pk,
        "invitation_pk": invitation.pk,
        "member_pk": other_company.members.get().pk,
        "period_pk": period.pk,
    }


def test_matrix_covers_the_known_pages_and_endpoints():
    names = {name for name, _kwargs in company_owned_url_names()}
    assert {
        "companies:detail",
        "companies:edit",
        "companies:invite",
        "companies:member_remove",
    } <= names
    assert set(company_owned_api_operations()) == set(API_PAYLOADS)


@pytest.mark.parametrize(("name", "kwargs"), company_owned_url_names())
def test_member_refused_other_company_page(member_client, victim, name, kwargs):
    url = reverse(name, kwargs={key: victim[key] for key in kwargs})
    audit_before = AuditEntry.objects.count()
    get = member_client.get(url)
    post = member_client.post(
        url, {"email": "x@example.com", "headcount": 1, "ends_on": "2030-01-01"}
    )
    assert get.status_code in {403, 404, 405}
    assert post.status_code in {403, 404, 405}
    assert {get.status_code, post.status_code} != {405}
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize(("method", "path"), company_owned_api_operations())
def test_member_refused_other_company_endpoint(member_client, victim, method, path):
    payload = API_PAYLOADS[(method, path)]
    url = path.replace("{pk}", str(victim["pk"]))
    audit_before = AuditEntry.objects.count()
    call = getattr(member_client, method)
    response = call(url, payload, content_type="application/json") if payload else call(url)
    assert response.status_code in {403, 404}
    assert set(response.json()) == {"message", "code", "errors"}
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize(("method", "path"), sorted(API_PAYLOADS))
def test_owner_reaches_own_company_endpoint(owner_client, company, method, path):
    """The same calls succeed or are refused for a business reason on one's own company."""
    payload = API_PAYLOADS[(method, path)]
    url = path.replace("{pk}", str(company.pk))
    call = getattr(owner_client, method)
    response = call(url, payload, content_type="application/json") if payload else call(url)
    expected = 403 if path.endswith("/memberships") else (201 if method == "post" else 200)
    assert response.status_code == expected
