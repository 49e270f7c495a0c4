"""A company member gets 403 or 404 on every outcome page and endpoint of another company.

Pages come from the URL configuration (namespace ``outcomes``, company as ``pk``) and
endpoints from the OpenAPI document, so new ones join the matrix by themselves; an
endpoint with a request body needs an example payload in ``API_PAYLOADS``.
"""

import pytest
from django.urls import reverse

from aihub.api import api
from aihub.core.models import AuditEntry
from aihub.outcomes.models import Report
from tests.test_access_matrix import url_patterns

pytestmark = pytest.mark.django_db

PUBLIC = {"outcomes:public"}
COMPANY = "/api/v1/outcomes/companies/{pk}"
REPORT = f"{COMPANY}/reports/{{report_pk}}"
REPORT_BODY = {"revenue": 1, "headcount": 1}
API_PAYLOADS = {
    ("get", REPORT): None,
    ("put", REPORT): REPORT_BODY,
    ("post", f"{REPORT}/submit"): {"confirm_warnings": True},
    ("post", f"{REPORT}/return"): {"comment": "x"},
    ("post", f"{REPORT}/accept"): None,
    ("post", f"{REPORT}/correction"): None,
    ("get", f"{COMPANY}/figures"): None,
    ("put", f"{COMPANY}/consent"): {"granted": True},
}
OWNER_EXPECTS = {
    ("get", REPORT): 200,
    ("put", REPORT): 200,
    ("post", f"{REPORT}/submit"): 409,
    ("post", f"{REPORT}/return"): 403,
    ("post", f"{REPORT}/accept"): 403,
    ("post", f"{REPORT}/correction"): 409,
    ("get", f"{COMPANY}/figures"): 200,
    ("put", f"{COMPANY}/consent"): 200,
}


def outcome_url_names() -> list[tuple[str, list[str]]]:
    from django.urls import get_resolver

    return sorted(
        (name, sorted(pattern.pattern.converters))
        for name, pattern in url_patterns(get_resolver())
        if name.startswith("outcomes:") and name not in PUBLIC
    )


def company_owned_operations() -> list[tuple[str, str]]:
    paths = api.get_openapi_schema(path_prefix="/api/v1/")["paths"]
    return sorted(
        (method, path)
        for path, operations in paths.items()
        if path.startswith(COMPANY)
        for method in operations
    )


def _ids(report: Report) -> dict[str, int]:
    return {"pk": report.company_id, "report_pk": report.pk, "period_pk": report.period_id}


def call(client, method: str, path: str, ids: dict[str, int]):
    url = path
    for key, value in ids.items():
        url = url.replace("{" + key + "}", str(value))
    payload = API_PAYLOADS[(method, path)]
    if payload is not None:
        return getattr(client, method)(url, payload, content_type="application/json")
    return getattr(client, method)(url)


def test_matrix_covers_every_company_owned_endpoint():
    assert set(company_owned_operations()) == set(API_PAYLOADS) == set(OWNER_EXPECTS)
    assert ("outcomes:report_edit", ["pk", "report_pk"]) in outcome_url_names()


@pytest.mark.parametrize(("name", "kwargs"), outcome_url_names())
def test_member_refused_other_company_outcome_page(member_client, other_report, name, kwargs):
    url = reverse(name, kwargs={key: _ids(other_report)[key] for key in kwargs})
    audit_before = AuditEntry.objects.count()
    get = member_client.get(url)
    post = member_client.post(url, {"granted": "1", "comment": "x", "revenue": "1"})
    assert get.status_code in {403, 404, 405}
    assert post.status_code in {403, 404, 405}
    assert {get.status_code, post.status_code} != {405}
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize(("method", "path"), company_owned_operations())
def test_member_refused_other_company_outcome_endpoint(member_client, other_report, method, path):
    audit_before = AuditEntry.objects.count()
    response = call(member_client, method, path, _ids(other_report))
    assert response.status_code in {403, 404}
    assert set(response.json()) == {"message", "code", "errors"}
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize(("method", "path"), sorted(API_PAYLOADS))
def test_owner_reaches_own_outcome_endpoint(owner_client, report, method, path):
    """The same calls on one's own fresh report: staff-only ones refused, the rest answered."""
    response = call(owner_client, method, path, _ids(report))
    assert response.status_code == OWNER_EXPECTS[(method, path)]
