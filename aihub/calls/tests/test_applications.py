"""Applying: drafts, consent, documents, deadline, submission, locking, withdrawal."""

import datetime

import pytest
from django.core import mail

from aihub.accounts.models import User
from aihub.calls import services
from aihub.calls.enums import ApplicationStatus, HeadOffice
from aihub.calls.models import Application, Document
from aihub.calls.tests.conftest import docx_bytes, fill, pdf_bytes, upload
from aihub.companies.models import Company
from aihub.core.errors import Conflict, Expired, PermissionDenied, ValidationFailed
from conftest import valid_registration_number

pytestmark = pytest.mark.django_db


def test_start_application_records_consent(draft):
    assert draft.status == ApplicationStatus.DRAFT
    assert set(draft.consent) == {"version", "language", "purpose", "items", "retention", "refusal"}
    assert draft.retain_until == datetime.date(
        draft.call.closes_at.year + 3, draft.call.closes_at.month, draft.call.closes_at.day
    )


def test_start_application_without_consent_refused(call, applicant_company, applicant):
    with pytest.raises(ValidationFailed) as caught:
        services.start_application(
            call=call, company=applicant_company, applicant=applicant, consent_given=False
        )
    assert caught.value.errors == {"consent": [str(caught.value.message)]}
    assert Application.objects.count() == 0


def test_start_application_by_non_member_refused(call, applicant_company, make_user):
    with pytest.raises(PermissionDenied):
        services.start_application(
            call=call, company=applicant_company, applicant=make_user(), consent_given=True
        )


def test_start_application_twice_refused(draft, applicant):
    with pytest.raises(Conflict):
        services.start_application(
            call=draft.call, company=draft.company, applicant=applicant, consent_given=True
        )


def test_start_application_after_deadline_refused(call, applicant_company, applicant):
    with pytest.raises(Expired):
        services.start_application(
            call=call,
            company=applicant_company,
            applicant=applicant,
            consent_given=True,
            now=call.closes_at,
        )


def test_sign_up_and_apply_creates_user_company_and_draft(call, ai_domains):
    application = services.sign_up_and_apply(
        call=call,
        email="new@delta.example",
        password="a-long-enough-password-2026",
        full_name="김신규",
        language="en",
        company_name_ko="델타AI",
        company_name_en="Delta AI",
        registration_number=valid_registration_number(9001),
        founded_on=datetime.date(2024, 1, 2),
        representative="김신규",
        ai_domains=ai_domains[:1],
        head_office=HeadOffice.MOVING,
        consent_given=True,
    )
    assert application.applicant.email == "new@delta.example"
    assert application.company.members.get().user == application.applicant
    assert application.consent["language"] == "ko"


def test_sign_up_with_bad_registration_number_leaves_nothing(call, ai_domains):
    with pytest.raises(ValidationFailed):
        services.sign_up_and_apply(
            call=call,
            email="new@delta.example",
            password="a-long-enough-password-2026",
            full_name="김신규",
            language="ko",
            company_name_ko="델타AI",
            company_name_en="Delta AI",
            registration_number="1234567890",
            founded_on=datetime.date(2024, 1, 2),
            representative="김신규",
            ai_domains=ai_domains[:1],
            head_office=HeadOffice.SEOUL,
            consent_given=True,
        )
    assert User.objects.filter(email="new@delta.example").count() == 0
    assert Company.objects.filter(name_en="Delta AI").count() == 0


def test_save_answers_refuses_bad_number_and_keeps_old(draft, applicant):
    services.save_answers(application=draft, answers={"employees": "5"}, actor=applicant)
    with pytest.raises(ValidationFailed) as caught:
        services.save_answers(
            application=draft, answers={"employees": "many", "summary": "x"}, actor=applicant
        )
    assert list(caught.value.errors) == ["employees"]
    draft.refresh_from_db()
    assert draft.answers == {"employees": 5}


def test_save_answers_refuses_unknown_choice(draft, applicant):
    with pytest.raises(ValidationFailed) as caught:
        services.save_answers(application=draft, answers={"track": "bio"}, actor=applicant)
    assert list(caught.value.errors) == ["track"]


def test_upload_document_replaces_earlier_one(draft, applicant):
    services.upload_document(
        application=draft, key="plan", upload=upload("plan.pdf", pdf_bytes()), actor=applicant
    )
    document = services.upload_document(
        application=draft, key="plan", upload=upload("plan.docx", docx_bytes()), actor=applicant
    )
    assert Document.objects.filter(application=draft).count() == 1
    assert document.kind == "docx"


def test_upload_document_renamed_executable_refused(draft, applicant):
    with pytest.raises(ValidationFailed) as caught:
        services.upload_document(
            application=draft, key="plan", upload=upload("plan.pdf", b"MZ\x90\x00"), actor=applicant
        )
    assert caught.value.code == "file_type"
    assert Document.objects.count() == 0


def test_upload_document_unknown_field_refused(draft, applicant):
    with pytest.raises(ValidationFailed):
        services.upload_document(
            application=draft, key="summary", upload=upload("a.pdf", pdf_bytes()), actor=applicant
        )


def test_submit_application_missing_answers_refused(draft, applicant):
    with pytest.raises(ValidationFailed) as caught:
        services.submit_application(application=draft, actor=applicant)
    assert set(caught.value.errors) == {"summary", "plan", "head_office", "__all__"}
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT


def test_submit_application_ineligible_refused(draft, applicant):
    fill(draft, applicant)
    services.save_answers(
        application=draft, answers={}, head_office=HeadOffice.ELSEWHERE, actor=applicant
    )
    with pytest.raises(ValidationFailed) as caught:
        services.submit_application(application=draft, actor=applicant)
    assert list(caught.value.errors) == ["__all__"]


def test_submit_application_locks_and_mails(
    draft, applicant, django_capture_on_commit_callbacks, run_tasks
):
    fill(draft, applicant)
    with django_capture_on_commit_callbacks(execute=True):
        submitted = services.submit_application(application=draft, actor=applicant)
    run_tasks()
    assert submitted.status == ApplicationStatus.SUBMITTED
    assert submitted.stage.order == 1
    assert [m.to for m in mail.outbox] == [[applicant.email]]
    with pytest.raises(Conflict) as caught:
        services.save_answers(application=submitted, answers={"summary": "바꿈"}, actor=applicant)
    assert caught.value.code == "application_locked"


def test_submit_application_after_deadline_refused(draft, applicant):
    fill(draft, applicant)
    with pytest.raises(Expired) as caught:
        services.submit_application(application=draft, actor=applicant, now=draft.call.closes_at)
    assert caught.value.code == "deadline_passed"
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT


def test_withdraw_application_submitted(submitted, applicant):
    services.withdraw_application(application=submitted, actor=applicant)
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.WITHDRAWN


def test_withdraw_application_twice_refused(submitted, applicant):
    services.withdraw_application(application=submitted, actor=applicant)
    with pytest.raises(Conflict):
        services.withdraw_application(application=submitted, actor=applicant)
