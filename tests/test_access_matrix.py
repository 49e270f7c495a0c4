"""A company member gets 403 or 404 on every company-owned URL and endpoint of another company.

The URLs are read from the URL configuration and the OpenAPI document, so a new company-owned
page or endpoint joins the matrix by itself; an endpoint with a request body needs an example
payload in ``API_PAYLOADS``.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from PIL import Image

from aihub.api import api
from aihub.companies import services
from aihub.companies.enums import MemberRole
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

LOGO = "logo upload"
API_PAYLOADS = {
    ("get", "/api/v1/companies/{pk}"): None,
    ("patch", "/api/v1/companies/{pk}"): {"headcount": 99},
    ("post", "/api/v1/companies/{pk}/invitations"): {"email": "intruder@example.com"},
    ("post", "/api/v1/companies/{pk}/memberships"): {
        "kind": "membership",
        "starts_on": "2030-01-01",
    },
    ("post", "/api/v1/companies/{pk}/memberships/{period_pk}/end"): {"ends_on": "2030-01-01"},
    ("delete", "/api/v1/companies/{pk}/members/{member_pk}"): None,
    ("delete", "/api/v1/companies/{pk}/invitations/{invitation_pk}"): None,
    ("post", "/api/v1/companies/{pk}/logo"): LOGO,
}
# What the owner of a company gets from the same calls on their own company.
OWNER_EXPECTS = {
    ("get", "/api/v1/companies/{pk}"): 200,
    ("patch", "/api/v1/companies/{pk}"): 200,
    ("post", "/api/v1/companies/{pk}/invitations"): 201,
    ("post", "/api/v1/companies/{pk}/memberships"): 403,
    ("post", "/api/v1/companies/{pk}/memberships/{period_pk}/end"): 403,
    ("delete", "/api/v1/companies/{pk}/members/{member_pk}"): 204,
    ("delete", "/api/v1/companies/{pk}/invitations/{invitation_pk}"): 204,
    ("post", "/api/v1/companies/{pk}/logo"): 200,
}


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 0, 0)).save(buffer, format="PNG")
    return buffer.getvalue()


def call_api(client, method: str, path: str, ids: dict[str, int]):
    """Call one endpoint with its example payload and the given path ids."""
    url = path
    for key, value in ids.items():
        url = url.replace("{" + key + "}", str(value))
    payload = API_PAYLOADS[(method, path)]
    call = getattr(client, method)
    if payload == LOGO:
        return call(url, {"logo": SimpleUploadedFile("logo.png", _png(), content_type="image/png")})
    if payload:
        return call(url, payload, content_type="application/json")
    return call(url)


def url_patterns(resolver: URLResolver, namespace: str = "") -> list[tuple[str, URLPattern]]:
    """Every named URL pattern below ``resolver`` with its namespaced name."""
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            found += url_patterns(entry, entry.namespace or namespace)
        elif entry.name:
            found.append((f"{namespace}:{entry.name}" if namespace else entry.name, entry))
    return found


def company_owned_url_names() -> list[tuple[str, list[str]]]:
    names = []
    for name, pattern in url_patterns(get_resolver()):
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


def company_objects(company, make_user, staff) -> dict[str, int]:
    """The company's own objects: an extra member, an open invitation, an open period."""
    invitation, _token = services.invite_member(
        company=company, email=f"pending{company.pk}@example.com", actor=staff
    )
    extra = make_user()
    member = services.add_member(company=company, user=extra, role=MemberRole.MEMBER, actor=staff)
    period = company.membership_periods.get(ends_on__isnull=True)
    return {
        "pk": company.pk,
        "invitation_pk": invitation.pk,
        "member_pk": member.pk,
        "period_pk": period.pk,
    }


@pytest.fixture
def victim(other_company, make_user, staff):
    return company_objects(other_company, make_user, staff)


def test_matrix_covers_the_known_pages_and_endpoints():
    names = {name for name, _kwargs in company_owned_url_names()}
    assert {
        "companies:detail",
        "companies:edit",
        "companies:invite",
        "companies:member_remove",
    } <= names
    assert set(company_owned_api_operations()) == set(API_PAYLOADS) == set(OWNER_EXPECTS)


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
    audit_before = AuditEntry.objects.count()
    response = call_api(member_client, method, path, victim)
    assert response.status_code in {403, 404}
    assert set(response.json()) == {"message", "code", "errors"}
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize(("method", "path"), sorted(API_PAYLOADS))
def test_owner_reaches_own_company_endpoint(owner_client, company, make_user, staff, method, path):
    """The same calls work on one's own company, except the ones kept for staff."""
    own = company_objects(company, make_user, staff)
    response = call_api(owner_client, method, path, own)
    assert response.status_code == OWNER_EXPECTS[(method, path)]
