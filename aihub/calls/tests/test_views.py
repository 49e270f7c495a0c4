"""The pages: public calls, applying, the applicant's page, the judge's queue, staff pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aihub.accounts.models import User
from aihub.calls import services
from aihub.calls.enums import ApplicationStatus, CallKind, Outcome
from aihub.calls.models import Application, Call
from aihub.calls.tests.conftest import FORM, after_close, pdf_bytes, score_all, upload
from conftest import signed_in, valid_registration_number

pytestmark = pytest.mark.django_db


def test_call_list_query_count_constant(client, make_call):
    make_call()
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("calls:list")).status_code == 200
    make_call(title_en="Second")
    make_call(title_en="Third")
    with CaptureQueriesContext(connection) as three:
        response = client.get(reverse("calls:list"))
    assert response.content.decode().count('data-testid="call-') == 3
    assert len(one.captured_queries) == len(three.captured_queries)


def test_call_detail_shows_rules_and_documents(client, call):
    response = client.get(reverse("calls:detail", kwargs={"call_pk": call.pk}))
    assert response.status_code == 200
    assert "사업계획서" in response.content.decode()


def test_call_detail_draft_is_not_public(client, staff):
    opens = timezone.now()
    draft = services.create_call(
        kind=CallKind.PROGRAMME,
        title_ko="초안",
        title_en="Draft",
        places=1,
        opens_at=opens,
        closes_at=opens + datetime.timedelta(days=1),
        actor=staff,
    )
    assert client.get(reverse("calls:detail", kwargs={"call_pk": draft.pk})).status_code == 404


def _sign_up_data(**overrides):
    data = {
        "full_name": "박지원",
        "email": "jiwon@epsilon.example",
        "password": "a-long-enough-password-2026",
        "company_name_ko": "엡실론",
        "company_name_en": "Epsilon",
        "registration_number": valid_registration_number(7001),
        "founded_on": "2023-05-01",
        "representative": "박지원",
        "head_office": "seoul",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_apply_signs_up_and_redirects_to_draft(client, call, ai_domains):
    data = _sign_up_data(ai_domains=[ai_domains[0].pk])
    response = client.post(reverse("calls:apply", kwargs={"call_pk": call.pk}), data)
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "calls:application", kwargs={"pk": application.company_id, "application_pk": application.pk}
    )
    assert client.get(response["Location"]).status_code == 200


def test_apply_without_consent_refused_nothing_created(client, call):
    data = _sign_up_data()
    del data["consent"]
    response = client.post(reverse("calls:apply", kwargs={"call_pk": call.pk}), data)
    assert response.status_code == 400
    assert User.objects.filter(email="jiwon@epsilon.example").count() == 0
    assert Application.objects.count() == 0


def test_apply_member_picks_company(call, applicant_company, applicant):
    client = signed_in(applicant)
    response = client.post(
        reverse("calls:apply", kwargs={"call_pk": call.pk}),
        {"company": applicant_company.pk, "head_office": "moving", "consent": "on"},
    )
    assert response.status_code == 302
    assert Application.objects.get().head_office == "moving"


def _url(name, application, **extra):
    return reverse(
        name, kwargs={"pk": application.company_id, "application_pk": application.pk, **extra}
    )


def test_application_draft_saved_uploaded_submitted_through_pages(draft, applicant):
    client = signed_in(applicant)
    response = client.post(
        _url("calls:application", draft),
        {"head_office": "seoul", "summary": "요약", "employees": "3", "track": "data"},
    )
    assert response.status_code == 302
    client.post(
        _url("calls:application_upload", draft),
        {"key": "plan", "file": upload("plan.pdf", pdf_bytes())},
    )
    client.post(_url("calls:application_submit", draft))
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
    page = client.get(_url("calls:application", draft)).content.decode()
    assert 'data-testid="answers-form"' not in page


def test_application_upload_wrong_type_shows_message(draft, applicant):
    client = signed_in(applicant)
    response = client.post(
        _url("calls:application_upload", draft),
        {"key": "plan", "file": upload("plan.pdf", b"GIF89a not allowed")},
        follow=True,
    )
    assert response.status_code == 200
    assert draft.documents.count() == 0
    assert "PDF, HWP" in response.content.decode()


def test_application_bad_number_shown_next_to_field(draft, applicant):
    client = signed_in(applicant)
    response = client.post(_url("calls:application", draft), {"employees": "lots"})
    assert response.status_code == 400
    assert response.context["form"].errors["employees"] == ["숫자를 입력하세요."] or (
        response.context["form"].errors["employees"] == ["Enter a number."]
    )


def test_application_submitted_edit_refused(submitted, applicant):
    client = signed_in(applicant)
    response = client.post(_url("calls:application", submitted), {"summary": "바꿈"})
    assert response.status_code == 400
    submitted.refresh_from_db()
    assert submitted.answers["summary"] == "AI 비서"


def test_application_judge_cannot_open_applicant_page(submitted, judges):
    client = signed_in(judges[0])
    assert client.get(_url("calls:application", submitted)).status_code == 404


def test_company_applications_member_sees_own(submitted, applicant):
    response = signed_in(applicant).get(
        reverse("calls:company", kwargs={"pk": submitted.company_id})
    )
    assert response.status_code == 200
    assert list(response.context["applications"]) == [submitted]


@pytest.fixture
def assigned(submitted, make_submitted, stage, judges, staff):
    """``assigned(n)``: n applications assigned to the first judge, with one scored."""

    pool = [submitted, *make_submitted(2)]
    done: list = []

    def make(count: int):
        made = []
        for application in pool[len(done) : count]:
            assignment = services.assign_judge(
                stage=stage, application=application, judge=judges[0], actor=staff
            )
            score_all(assignment, 7)
            made.append(assignment)
            done.append(assignment)
        return done[:count]

    return make


def test_judge_queue_query_count_constant(assigned, judges):
    client = signed_in(judges[0])
    assigned(1)
    with CaptureQueriesContext(connection) as one:
        response = client.get(reverse("calls:queue"))
    assert len(response.context["assignments"]) == 1
    assigned(3)
    with CaptureQueriesContext(connection) as three:
        response = client.get(reverse("calls:queue"))
    assert len(response.context["assignments"]) == 3
    assert len(one.captured_queries) == len(three.captured_queries)


def test_judge_queue_non_judge_refused(applicant):
    assert signed_in(applicant).get(reverse("calls:queue")).status_code == 403


def test_judge_review_blind_hides_company(assigned, judges):
    assignment = assigned(1)[0]
    response = signed_in(judges[0]).get(reverse("calls:review", args=[assignment.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert assignment.application.blind_code in page
    assert assignment.application.company.name_ko not in page


def test_judge_review_scores_saved_and_out_of_range_refused(assigned, judges):
    assignment = assigned(1)[0]
    first = assignment.stage.criteria.first()
    client = signed_in(judges[0])
    response = client.post(
        reverse("calls:review", args=[assignment.pk]), {f"score_{first.pk}": "99"}
    )
    assert response.status_code == 400
    assert assignment.scores.get(criterion=first).value == 7
    client.post(reverse("calls:review", args=[assignment.pk]), {f"score_{first.pk}": "3"})
    assert assignment.scores.get(criterion=first).value == 3


def test_judge_review_unassigned_judge_gets_404(assigned, judges):
    assignment = assigned(1)[0]
    client = signed_in(judges[1])
    assert client.get(reverse("calls:review", args=[assignment.pk])).status_code == 404


def test_judge_review_after_recusal_gets_404(assigned, judges):
    assignment = assigned(1)[0]
    client = signed_in(judges[0])
    client.post(reverse("calls:recuse", args=[assignment.pk]), {"reason": "전 직장"})
    assert client.get(reverse("calls:review", args=[assignment.pk])).status_code == 404


def test_judge_review_joining_applicant_company_gets_404(assigned, judges):
    from aihub.companies.enums import MemberRole
    from aihub.companies.services import add_member

    assignment = assigned(1)[0]
    add_member(
        company=assignment.application.company,
        user=judges[0],
        role=MemberRole.MEMBER,
        actor=None,
    )
    client = signed_in(judges[0])
    assert client.get(reverse("calls:review", args=[assignment.pk])).status_code == 404


def test_stage_ranking_query_count_constant(staff_client, assigned, stage):
    assigned(1)
    url = reverse("calls:stage", kwargs={"stage_pk": stage.pk})
    with CaptureQueriesContext(connection) as one:
        response = staff_client.get(url)
    assert len(response.context["rows"]) == 3
    assigned(3)
    with CaptureQueriesContext(connection) as three:
        response = staff_client.get(url)
    assert [row.judges for row in response.context["rows"]] == [1, 1, 1]
    assert len(one.captured_queries) == len(three.captured_queries)


def test_stage_ranking_member_refused(applicant, stage):
    response = signed_in(applicant).get(reverse("calls:stage", kwargs={"stage_pk": stage.pk}))
    assert response.status_code == 403


def test_staff_pages_rank_decide_finalise(staff_client, assigned, stage):
    assignment = assigned(1)[0]
    application = assignment.application
    staff_client.post(
        reverse("calls:decide", kwargs={"stage_pk": stage.pk}),
        {"application": application.pk, "outcome": Outcome.ADVANCE},
    )
    Call.objects.filter(pk=stage.call_id).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1),
        opens_at=timezone.now() - datetime.timedelta(days=3),
    )
    for other in Application.objects.exclude(pk=application.pk):
        services.decide(stage=stage, application=other, outcome=Outcome.REJECT, actor=None)
    staff_client.post(reverse("calls:finalise", kwargs={"stage_pk": stage.pk}))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SELECTED
    assert after_close(stage.call)


def test_staff_create_call_with_standard_rubric(staff_client, facility):
    lines = "\n".join(
        [
            "summary | long_text | 사업 요약 | Summary | required",
            "plan | file | 사업계획서 | Business plan | required",
        ]
    )
    response = staff_client.post(
        reverse("calls:manage_create"),
        {
            "kind": CallKind.MEMBERSHIP,
            "title_ko": "멤버십",
            "title_en": "Membership",
            "places": "3",
            "opens_at": "2030-01-01T09:00",
            "closes_at": "2030-01-31T18:00",
            "membership_starts_on": "2030-03-01",
            "form_fields": lines,
            "tie_break": "criterion",
            "standard_rubric": "on",
        },
    )
    call = Call.objects.get()
    assert response.status_code == 302
    assert [f["key"] for f in call.form_schema] == ["summary", "plan"]
    assert call.stages.get().criteria.count() == 3
    assert timezone.localtime(call.closes_at).strftime("%H:%M") == "18:00"


def test_staff_create_call_bad_form_line_shown(staff_client):
    response = staff_client.post(
        reverse("calls:manage_create"),
        {"kind": CallKind.PROGRAMME, "form_fields": "summary | essay | 요약 | Summary"},
    )
    assert response.status_code == 400
    assert "form_fields" in response.context["form"].errors


def test_staff_pages_member_refused(applicant, call):
    client = signed_in(applicant)
    for url in (
        reverse("calls:manage_list"),
        reverse("calls:manage_create"),
        reverse("calls:manage", kwargs={"call_pk": call.pk}),
        reverse("calls:export", kwargs={"call_pk": call.pk}),
        reverse("calls:summary", kwargs={"call_pk": call.pk}),
    ):
        assert client.get(url).status_code == 403


def test_export_xlsx_has_scores_per_judge_and_criterion(staff_client, assigned, call):
    from io import BytesIO

    from openpyxl import load_workbook

    assigned(2)
    response = staff_client.get(reverse("calls:export", kwargs={"call_pk": call.pk}))
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 2 * 3 + 1
    assert rows[1][13] == 7


def test_summary_page_lists_every_stage(staff_client, assigned, call):
    assigned(1)
    response = staff_client.get(reverse("calls:summary", kwargs={"call_pk": call.pk}))
    assert response.status_code == 200
    assert len(response.context["stages"]) == 1
    assert FORM
