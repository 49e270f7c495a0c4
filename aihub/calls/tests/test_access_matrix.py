"""The cross-company matrix, extended to the calls pages and endpoints, and its judge side.

Every calls URL that carries a company's ``pk`` and every endpoint under ``/companies/{pk}/``
is read from the URL configuration and the router, so a new one joins the matrix by itself;
an endpoint needs an example payload in ``API_PAYLOADS``. Judges reach only the applications
assigned to them and free of conflicts.
"""

import re

import pytest
from django.urls import get_resolver, reverse

from aihub.accounts.enums import Role
from aihub.calls import services
from aihub.calls.api import router
from aihub.calls.tests.conftest import fill, pdf_bytes, score_all, upload
from aihub.companies.enums import MemberRole
from aihub.companies.services import add_member
from aihub.core.models import AuditEntry
from conftest import signed_in
from tests.test_access_matrix import url_patterns

pytestmark = pytest.mark.django_db
API = "/api/v1/calls"

API_PAYLOADS = {
    ("get", "/companies/{pk}/applications"): None,
    ("post", "/companies/{pk}/applications"): {"call_id": "{fresh_call}", "consent": True},
    ("get", "/companies/{pk}/applications/{application_pk}"): None,
    ("patch", "/companies/{pk}/applications/{application_pk}"): {"answers": {"employees": 4}},
    ("post", "/companies/{pk}/applications/{application_pk}/submit"): None,
    ("post", "/companies/{pk}/applications/{application_pk}/withdraw"): None,
}
OWNER_EXPECTS = {
    ("get", "/companies/{pk}/applications"): 200,
    ("post", "/companies/{pk}/applications"): 201,
    ("get", "/companies/{pk}/applications/{application_pk}"): 200,
    ("patch", "/companies/{pk}/applications/{application_pk}"): 200,
    ("post", "/companies/{pk}/applications/{application_pk}/submit"): 400,
    ("post", "/companies/{pk}/applications/{application_pk}/withdraw"): 200,
}
JUDGE_URLS = ["calls:review", "calls:recuse", "calls:review_document"]
JUDGE_API = [
    ("get", "/judging/assignments/{assignment_pk}/scores"),
    ("put", "/judging/assignments/{assignment_pk}/scores"),
]


def company_owned_url_names() -> list[tuple[str, list[str]]]:
    return sorted(
        (name, sorted(pattern.pattern.converters))
        for name, pattern in url_patterns(get_resolver())
        if name.startswith("calls:") and "pk" in pattern.pattern.converters
    )


def company_owned_api_operations() -> list[tuple[str, str]]:
    return sorted(
        (method.lower(), re.sub(r"\{int:(\w+)\}", r"{\1}", path))
        for path, view in router.path_operations.items()
        if "{int:pk}" in path
        for operation in view.operations
        for method in operation.methods
    )


def company_objects(company, make_call) -> dict[str, int]:
    """A draft application of the company with a document, and a call it has not applied to."""
    call = make_call(eligibility_rules={})
    fresh = make_call(eligibility_rules={}, title_en="Fresh call")
    applicant = company.members.get(role=MemberRole.OWNER).user
    application = services.start_application(
        call=call, company=company, applicant=applicant, consent_given=True
    )
    document = services.upload_document(
        application=application,
        key="plan",
        upload=upload("plan.pdf", pdf_bytes()),
        actor=applicant,
    )
    return {
        "pk": company.pk,
        "application_pk": application.pk,
        "document_pk": document.pk,
        "fresh_call": fresh.pk,
    }


def _fill(value, ids):
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return ids[value[1:-1]]
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


def call_api(client, method: str, path: str, ids: dict[str, int], payload=None):
    url = API + path
    for key, value in ids.items():
        url = url.replace("{" + key + "}", str(value))
    call = getattr(client, method)
    if payload:
        return call(url, _fill(payload, ids), content_type="application/json")
    return call(url)


@pytest.fixture
def victim(other_company, make_call):
    return company_objects(other_company, make_call)


def test_matrix_covers_the_known_pages_and_endpoints():
    names = {name for name, _kwargs in company_owned_url_names()}
    assert {
        "calls:company",
        "calls:application",
        "calls:application_upload",
        "calls:application_document",
        "calls:application_submit",
        "calls:application_withdraw",
        "calls:application_decline",
    } == names
    assert set(company_owned_api_operations()) == set(API_PAYLOADS) == set(OWNER_EXPECTS)


@pytest.mark.parametrize(("name", "kwargs"), company_owned_url_names())
def test_member_refused_other_company_calls_page(member_client, victim, name, kwargs):
    url = reverse(name, kwargs={key: victim[key] for key in kwargs})
    audit_before = AuditEntry.objects.count()
    get = member_client.get(url)
    post = member_client.post(url, {"summary": "x", "key": "plan", "head_office": "seoul"})
    assert get.status_code in {403, 404, 405}
    assert post.status_code in {403, 404, 405}
    assert {get.status_code, post.status_code} != {405}
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize(("method", "path"), company_owned_api_operations())
def test_member_refused_other_company_calls_endpoint(member_client, victim, method, path):
    audit_before = AuditEntry.objects.count()
    response = call_api(member_client, method, path, victim, API_PAYLOADS[(method, path)])
    assert response.status_code in {403, 404}
    assert set(response.json()) == {"message", "code", "errors"}
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize(("method", "path"), sorted(API_PAYLOADS))
def test_owner_reaches_own_company_calls_endpoint(owner_client, company, make_call, method, path):
    own = company_objects(company, make_call)
    response = call_api(owner_client, method, path, own, API_PAYLOADS[(method, path)])
    assert response.status_code == OWNER_EXPECTS[(method, path)]


@pytest.fixture
def judged(call, make_submitted, judges, staff):
    """A submitted application with an assignment of the first judge and a document."""
    application = make_submitted(1)[0]
    stage = call.stages.get()
    assignment = services.assign_judge(
        stage=stage, application=application, judge=judges[0], actor=staff
    )
    score_all(assignment, 6)
    return {
        "assignment_pk": assignment.pk,
        "document_pk": application.documents.get().pk,
        "application": application,
    }


def _judge_urls(ids):
    return [
        reverse(name, kwargs={k: ids[k] for k in ("assignment_pk", "document_pk") if k in pattern})
        for name, pattern in [
            ("calls:review", ["assignment_pk"]),
            ("calls:recuse", ["assignment_pk"]),
            ("calls:review_document", ["assignment_pk", "document_pk"]),
        ]
    ]


def _assert_refused(client, ids):
    audit_before = AuditEntry.objects.count()
    for url in _judge_urls(ids):
        assert client.get(url).status_code in {404, 405}
        assert client.post(url, {"reason": "x", "score_1": "5"}).status_code in {404, 405}
    for method, path in JUDGE_API:
        payload = {"scores": [{"criterion": 1, "value": 5}]} if method == "put" else None
        response = call_api(client, method, path, ids, payload)
        assert response.status_code == 404
    assert AuditEntry.objects.count() == audit_before


def test_judge_not_assigned_refused(judged, judges):
    _assert_refused(signed_in(judges[1]), judged)


def test_judge_conflicted_by_membership_refused(judged, judges):
    add_member(
        company=judged["application"].company,
        user=judges[0],
        role=MemberRole.MEMBER,
        actor=None,
    )
    _assert_refused(signed_in(judges[0]), judged)


def test_judge_conflicted_by_declaration_refused(judged, judges):
    client = signed_in(judges[0])
    client.post(reverse("calls:recuse", args=[judged["assignment_pk"]]), {"reason": "친족"})
    _assert_refused(client, judged)


def test_judge_assigned_reaches_review(judged, judges):
    client = signed_in(judges[0])
    for url in _judge_urls(judged)[::2]:
        response = client.get(url)
        assert response.status_code == 200
        if response.streaming:
            assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_applicant_without_judge_role_refused(judged, make_user):
    client = signed_in(make_user("nobody@zeta.example", roles=(Role.INVESTOR,)))
    for url in _judge_urls(judged):
        assert client.get(url).status_code in {403, 405}
    assert fill
