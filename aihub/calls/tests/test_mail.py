"""Receipt and result mail go to every owner and member of the applicant company, each in
their own language; the staff call page links selected residency companies to a new lease."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from aihub.calls import services
from aihub.calls.enums import CallKind, Outcome
from aihub.calls.tests.conftest import after_close, fill
from aihub.companies.enums import MemberRole
from aihub.companies.services import add_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_member(applicant_company, make_user):
    user = make_user("member@gamma.example", language="en")
    add_member(company=applicant_company, user=user, role=MemberRole.MEMBER, actor=None)
    return user


def _subject(language: str, msgid: str, title: str) -> str:
    with translation.override(language):
        return translation.gettext(msgid) % {"call": title}


def test_receipt_mail_reaches_every_member_in_their_language(
    draft, applicant, english_member, django_capture_on_commit_callbacks, run_tasks
):
    fill(draft, applicant)
    run_tasks()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(application=draft, actor=applicant)
    run_tasks()
    sent = {m.to[0]: m for m in mail.outbox}
    assert sorted(sent) == sorted([applicant.email, english_member.email])
    call = draft.call
    assert sent[english_member.email].subject == _subject(
        "en", "Application received: %(call)s", call.title_en
    )
    assert sent[applicant.email].subject == _subject(
        "ko", "Application received: %(call)s", call.title_ko
    )
    assert english_member.full_name in sent[english_member.email].body
    assert applicant.full_name in sent[applicant.email].body


def test_result_mail_reaches_every_member(
    submitted, stage, staff, english_member, django_capture_on_commit_callbacks, run_tasks
):
    services.decide(stage=stage, application=submitted, outcome=Outcome.ADVANCE, actor=staff)
    run_tasks()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.finalise_stage(stage=stage, actor=staff, now=after_close(stage.call))
    run_tasks()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [submitted.applicant.email, english_member.email]
    )
    english = next(m for m in mail.outbox if m.to == [english_member.email])
    assert english.subject == _subject("en", "Result: %(call)s", stage.call.title_en)


def test_mail_skips_inactive_member(
    draft, applicant, english_member, django_capture_on_commit_callbacks, run_tasks
):
    english_member.is_active = False
    english_member.save(update_fields=["is_active"])
    fill(draft, applicant)
    run_tasks()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(application=draft, actor=applicant)
    run_tasks()
    assert [m.to for m in mail.outbox] == [[applicant.email]]


def test_manage_call_links_selected_residency_company_to_lease(
    staff_client, make_call, make_submitted, staff
):
    call = make_call(kind=CallKind.RESIDENCY, eligibility_rules={})
    chosen, other = make_submitted(2, target=call)
    stage = call.stages.get()
    services.decide(stage=stage, application=chosen, outcome=Outcome.ADVANCE, actor=staff)
    services.decide(stage=stage, application=other, outcome=Outcome.REJECT, actor=staff)
    services.finalise_stage(stage=stage, actor=staff, now=after_close(call))
    body = staff_client.get(reverse("calls:manage", kwargs={"call_pk": call.pk})).content.decode()
    link = f"{reverse('leasing:lease_create')}?company={chosen.company_id}"
    assert link in body
    assert f"?company={other.company_id}" not in body
    assert staff_client.get(link).context["form"]["company"].value() == str(chosen.company_id)


def test_manage_call_membership_selection_has_no_lease_link(staff_client, submitted, stage, staff):
    services.decide(stage=stage, application=submitted, outcome=Outcome.ADVANCE, actor=staff)
    services.finalise_stage(stage=stage, actor=staff, now=after_close(stage.call))
    url = reverse("calls:manage", kwargs={"call_pk": stage.call_id})
    assert reverse("leasing:lease_create") not in staff_client.get(url).content.decode()
