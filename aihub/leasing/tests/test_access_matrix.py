"""The cross-company matrix, extended to the leasing pages and endpoints.

Every leasing URL that carries a company's ``pk`` and every leasing endpoint under
``/companies/{pk}/`` is read from the URL configuration and the router, so a new one joins
the matrix by itself; an endpoint needs an example payload in ``API_PAYLOADS``.
"""

import datetime
import re

import pytest
from django.urls import get_resolver, reverse

from aihub.core.models import AuditEntry
from aihub.leasing import services
from aihub.leasing.api import router
from aihub.leasing.enums import PriceBasis
from tests.test_access_matrix import url_patterns

pytestmark = pytest.mark.django_db
API = "/api/v1/leasing"

API_PAYLOADS = {
    ("get", "/companies/{pk}/leases/{lease_pk}"): None,
    ("post", "/companies/{pk}/leases/{lease_pk}/activate"): None,
    ("post", "/companies/{pk}/leases/{lease_pk}/cancel"): None,
    ("post", "/companies/{pk}/leases/{lease_pk}/terminate"): {"ends_on": "2026-12-31"},
    ("post", "/companies/{pk}/leases/{lease_pk}/renew"): {"ends_on": "2030-12-31"},
    ("get", "/companies/{pk}/invoices/{invoice_pk}"): None,
    ("patch", "/companies/{pk}/invoices/{invoice_pk}"): {"subtotal": 1},
    ("get", "/companies/{pk}/invoices/{invoice_pk}/pdf"): None,
    ("post", "/companies/{pk}/invoices/{invoice_pk}/cancel"): {"reason": "x"},
    ("post", "/companies/{pk}/invoices/{invoice_pk}/payments"): {
        "amount": 1000,
        "paid_on": "2026-11-02",
    },
}
# What a company's owner gets from the same calls on their own company's objects.
OWNER_EXPECTS = {
    ("get", "/companies/{pk}/leases/{lease_pk}"): 200,
    ("post", "/companies/{pk}/leases/{lease_pk}/activate"): 403,
    ("post", "/companies/{pk}/leases/{lease_pk}/cancel"): 403,
    ("post", "/companies/{pk}/leases/{lease_pk}/terminate"): 403,
    ("post", "/companies/{pk}/leases/{lease_pk}/renew"): 403,
    ("get", "/companies/{pk}/invoices/{invoice_pk}"): 200,
    ("patch", "/companies/{pk}/invoices/{invoice_pk}"): 403,
    ("get", "/companies/{pk}/invoices/{invoice_pk}/pdf"): 200,
    ("post", "/companies/{pk}/invoices/{invoice_pk}/cancel"): 403,
    ("post", "/companies/{pk}/invoices/{invoice_pk}/payments"): 403,
}


def company_owned_url_names() -> list[tuple[str, list[str]]]:
    return sorted(
        (name, sorted(pattern.pattern.converters))
        for name, pattern in url_patterns(get_resolver())
        if name.startswith("leasing:") and "pk" in pattern.pattern.converters
    )


def company_owned_api_operations() -> list[tuple[str, str]]:
    return sorted(
        (method.lower(), re.sub(r"\{int:(\w+)\}", r"{\1}", path))
        for path, view in router.path_operations.items()
        if "{int:pk}" in path
        for operation in view.operations
        for method in operation.methods
    )


def company_objects(company) -> dict[str, int]:
    """A draft lease of the company and an invoice from a signed membership lease."""
    draft = services.create_lease(
        company=company,
        basis=PriceBasis.MEMBERSHIP,
        starts_on=datetime.date(2027, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
        actor=None,
    )
    services.create_lease(
        company=company,
        basis=PriceBasis.MEMBERSHIP,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        activate=True,
        actor=None,
    )
    month = datetime.date(2026, 11, 1)
    invoice = services.issue_invoices(month=month, actor=None, today=month)[0]
    return {"pk": company.pk, "lease_pk": draft.pk, "invoice_pk": invoice.pk}


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
def victim(other_company, prices):
    return company_objects(other_company)


def test_matrix_covers_the_known_pages_and_endpoints():
    names = {name for name, _kwargs in company_owned_url_names()}
    assert {
        "leasing:company",
        "leasing:lease",
        "leasing:invoice",
        "leasing:invoice_pdf",
        "leasing:payment_record",
    } <= names
    assert set(company_owned_api_operations()) == set(API_PAYLOADS) == set(OWNER_EXPECTS)


@pytest.mark.parametrize(("name", "kwargs"), company_owned_url_names())
def test_member_refused_other_company_leasing_page(member_client, victim, name, kwargs):
    url = reverse(name, kwargs={key: victim[key] for key in kwargs})
    audit_before = AuditEntry.objects.count()
    get = member_client.get(url)
    post = member_client.post(
        url, {"ends_on": "2030-01-01", "amount": 1000, "paid_on": "2026-11-02", "reason": "x"}
    )
    assert get.status_code in {403, 404, 405}
    assert post.status_code in {403, 404, 405}
    assert {get.status_code, post.status_code} != {405}
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize(("method", "path"), company_owned_api_operations())
def test_member_refused_other_company_leasing_endpoint(member_client, victim, method, path):
    audit_before = AuditEntry.objects.count()
    response = call_api(member_client, method, path, victim)
    assert response.status_code in {403, 404}
    assert set(response.json()) == {"message", "code", "errors"}
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize(("method", "path"), sorted(API_PAYLOADS))
def test_owner_reaches_own_company_leasing_endpoint(owner_client, company, prices, method, path):
    own = company_objects(company)
    response = call_api(owner_client, method, path, own)
    assert response.status_code == OWNER_EXPECTS[(method, path)]
