"""The calls API: public calls, the applicant's own applications, the judge's own scores."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from aihub.calls import services
from aihub.calls.enums import ApplicationStatus
from aihub.calls.models import Score
from conftest import signed_in

pytestmark = pytest.mark.django_db
API = "/api/v1/calls"


def test_calls_list_public_without_sign_in(call):
    response = Client().get(f"{API}/calls")
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [call.pk]
    assert response.json()["items"][0]["phase"] == "open"


def test_calls_list_query_count_constant(make_call):
    make_call()
    with CaptureQueriesContext(connection) as one:
        Client().get(f"{API}/calls")
    make_call(title_en="b")
    make_call(title_en="c")
    with CaptureQueriesContext(connection) as three:
        response = Client().get(f"{API}/calls")
    assert response.json()["count"] == 3
    assert len(one.captured_queries) == len(three.captured_queries)


def test_call_detail_has_form_and_stages(call):
    body = Client().get(f"{API}/calls/{call.pk}").json()
    assert [f["key"] for f in body["form"]] == ["summary", "employees", "track", "plan"]
    assert body["stages"][0]["blind"] is True


def test_call_detail_unpublished_404(staff, make_call):
    assert Client().get(f"{API}/calls/999").status_code == 404


def test_applications_own_list(submitted, applicant):
    response = signed_in(applicant).get(f"{API}/companies/{submitted.company_id}/applications")
    assert response.status_code == 200
    assert [a["status"] for a in response.json()["items"]] == [ApplicationStatus.SUBMITTED]


def test_applications_list_anonymous_401(submitted):
    response = Client().get(f"{API}/companies/{submitted.company_id}/applications")
    assert response.status_code == 401


def test_application_patch_bad_answer_400(draft, applicant):
    response = signed_in(applicant).patch(
        f"{API}/companies/{draft.company_id}/applications/{draft.pk}",
        {"answers": {"employees": "many"}},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["employees"]


def test_application_patch_after_submission_409(submitted, applicant):
    response = signed_in(applicant).patch(
        f"{API}/companies/{submitted.company_id}/applications/{submitted.pk}",
        {"answers": {"summary": "다른 요약"}},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "application_locked"


@pytest.fixture
def assignment(submitted, stage, judges, staff):
    return services.assign_judge(stage=stage, application=submitted, judge=judges[0], actor=staff)


def test_judge_lists_own_assignments(assignment, judges):
    body = signed_in(judges[0]).get(f"{API}/judging/assignments").json()
    assert [(a["id"], a["application"]) for a in body["items"]] == [
        (assignment.pk, assignment.application.blind_code)
    ]


def test_judge_assignments_non_judge_403(applicant):
    assert signed_in(applicant).get(f"{API}/judging/assignments").status_code == 403


def test_judge_puts_scores(assignment, judges):
    criteria = list(assignment.stage.criteria.all())
    response = signed_in(judges[0]).put(
        f"{API}/judging/assignments/{assignment.pk}/scores",
        {"scores": [{"criterion": c.pk, "value": 8, "comment": "ok"} for c in criteria]},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert [s["value"] for s in response.json()] == [8, 8, 8]


def test_judge_puts_score_out_of_range_400(assignment, judges):
    criterion = assignment.stage.criteria.first()
    response = signed_in(judges[0]).put(
        f"{API}/judging/assignments/{assignment.pk}/scores",
        {"scores": [{"criterion": criterion.pk, "value": 42}]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [f"score_{criterion.pk}"]
    assert Score.objects.count() == 0


def test_judge_scores_other_judges_assignment_404(assignment, judges):
    response = signed_in(judges[1]).get(f"{API}/judging/assignments/{assignment.pk}/scores")
    assert response.status_code == 404
