"""Editing a call before submissions, and a stage or criterion before scores: services and pages."""

import datetime

import pytest
from django.urls import reverse

from aihub.calls import services
from aihub.calls.enums import CallKind, TieBreak
from aihub.calls.models import Criterion, Stage
from aihub.calls.tests.conftest import FORM, score_all
from aihub.core.errors import Conflict, ValidationFailed
from aihub.core.models import AuditEntry
from conftest import signed_in

pytestmark = pytest.mark.django_db


def _arguments(call, **overrides):
    arguments = {
        "kind": call.kind,
        "title_ko": call.title_ko,
        "title_en": call.title_en,
        "text_ko": call.text_ko,
        "text_en": call.text_en,
        "places": call.places,
        "opens_at": call.opens_at,
        "closes_at": call.closes_at,
        "facility": call.facility,
        "membership_starts_on": call.membership_starts_on,
        "membership_ends_on": call.membership_ends_on,
        "eligibility_rules": call.eligibility,
        "form_schema": call.form_schema,
        "tie_break": call.tie_break,
    }
    arguments.update(overrides)
    return arguments


def _post_data(call, **overrides):
    data = {
        "kind": call.kind,
        "title_ko": call.title_ko,
        "title_en": call.title_en,
        "text_ko": call.text_ko,
        "text_en": call.text_en,
        "places": str(call.places),
        "opens_at": "2026-03-01T09:00",
        "closes_at": "2026-03-31T18:00",
        "facility": str(call.facility_id),
        "membership_starts_on": call.membership_starts_on.isoformat(),
        "form_fields": "summary | long_text | 사업 요약 | Summary | required",
        "tie_break": TieBreak.EARLIER_SUBMISSION,
    }
    data.update(overrides)
    return data


def test_update_call_changes_fields_and_audits(call, staff):
    updated = services.update_call(
        call=call,
        actor=staff,
        **_arguments(call, title_en="Edited", places=5, form_schema=FORM[:1]),
    )
    updated.refresh_from_db()
    assert (updated.title_en, updated.places, len(updated.fields)) == ("Edited", 5, 1)
    entry = AuditEntry.objects.filter(action="calls.call.updated").get()
    assert entry.data == {"fields": "form_schema, places, title_en"}


def test_update_call_unchanged_writes_no_audit(call, staff):
    services.update_call(call=call, actor=staff, **_arguments(call))
    assert AuditEntry.objects.filter(action="calls.call.updated").count() == 0


def test_update_call_with_draft_application_allowed(call, draft, staff):
    services.update_call(call=call, actor=staff, **_arguments(call, text_en="More"))
    call.refresh_from_db()
    assert call.text_en == "More"


def test_update_call_after_submission_refused(call, submitted, staff):
    with pytest.raises(Conflict) as raised:
        services.update_call(call=call, actor=staff, **_arguments(call, places=9))
    assert raised.value.code == "call_has_submissions"
    call.refresh_from_db()
    assert call.places == 2


def test_update_call_bad_times_refused(call, staff):
    with pytest.raises(ValidationFailed) as raised:
        services.update_call(
            call=call,
            actor=staff,
            **_arguments(call, closes_at=call.opens_at - datetime.timedelta(hours=1)),
        )
    assert list(raised.value.errors) == ["closes_at"]


def test_update_call_bad_form_field_refused(call, staff):
    with pytest.raises(ValidationFailed):
        services.update_call(
            call=call, actor=staff, **_arguments(call, form_schema=[{"key": "x", "type": "??"}])
        )


def test_update_stage_changes_settings(stage, staff):
    services.update_stage(
        stage=stage,
        name_ko="서류",
        name_en="Papers",
        blind=False,
        cutoff=None,
        judges_per_application=3,
        actor=staff,
    )
    stage.refresh_from_db()
    assert (stage.name_en, stage.blind, stage.cutoff, stage.judges_per_application) == (
        "Papers",
        False,
        None,
        3,
    )
    assert AuditEntry.objects.filter(action="calls.call.stage_updated").count() == 1


def test_update_stage_after_score_refused(submitted, stage, judges, staff):
    assignment = services.assign_judge(
        stage=stage, application=submitted, judge=judges[0], actor=staff
    )
    score_all(assignment, 7)
    with pytest.raises(Conflict) as raised:
        services.update_stage(stage=stage, name_ko="x", name_en="x", actor=staff)
    assert raised.value.code == "stage_scored"


def test_update_stage_blank_name_refused(stage, staff):
    with pytest.raises(ValidationFailed) as raised:
        services.update_stage(stage=stage, name_ko=" ", name_en="Papers", actor=staff)
    assert list(raised.value.errors) == ["name_ko"]


def test_delete_stage_renumbers_later_stages(call, stage, staff):
    second = services.add_stage(call=call, name_ko="발표", name_en="Pitch", actor=staff)
    services.delete_stage(stage=stage, actor=staff)
    second.refresh_from_db()
    assert (second.order, call.stages.count()) == (1, 1)
    assert AuditEntry.objects.filter(action="calls.call.stage_deleted").count() == 1


def test_delete_stage_with_applications_refused(submitted, stage, staff):
    with pytest.raises(Conflict) as raised:
        services.delete_stage(stage=stage, actor=staff)
    assert raised.value.code == "stage_in_use"
    assert Stage.objects.filter(pk=stage.pk).exists()


def test_update_criterion_changes_range(stage, staff):
    criterion = stage.criteria.first()
    services.update_criterion(
        criterion=criterion, name_ko="기술", name_en="Tech", weight=50, max_score=5, actor=staff
    )
    criterion.refresh_from_db()
    assert (criterion.weight, criterion.max_score) == (50, 5)


def test_update_criterion_bad_range_refused(stage, staff):
    criterion = stage.criteria.first()
    with pytest.raises(ValidationFailed) as raised:
        services.update_criterion(
            criterion=criterion,
            name_ko="기술",
            name_en="Tech",
            weight=50,
            min_score=5,
            max_score=5,
            actor=staff,
        )
    assert list(raised.value.errors) == ["max_score"]


def test_delete_criterion_after_score_refused(submitted, stage, judges, staff):
    assignment = services.assign_judge(
        stage=stage, application=submitted, judge=judges[0], actor=staff
    )
    score_all(assignment, 7)
    criterion = stage.criteria.first()
    with pytest.raises(Conflict):
        services.delete_criterion(criterion=criterion, actor=staff)
    assert Criterion.objects.filter(pk=criterion.pk).exists()


def test_delete_criterion_removes_and_audits(stage, staff):
    criterion = stage.criteria.first()
    services.delete_criterion(criterion=criterion, actor=staff)
    assert stage.criteria.count() == 2
    assert AuditEntry.objects.filter(action="calls.call.criterion_deleted").count() == 1


def test_delete_last_criterion_of_published_call_refused(stage, staff):
    first, second, last = stage.criteria.all()
    services.delete_criterion(criterion=first, actor=staff)
    services.delete_criterion(criterion=second, actor=staff)
    with pytest.raises(Conflict):
        services.delete_criterion(criterion=last, actor=staff)


# Pages


def test_edit_call_page_prefilled(staff_client, call):
    response = staff_client.get(reverse("calls:edit", kwargs={"call_pk": call.pk}))
    assert response.status_code == 200
    assert response.context["form"]["title_en"].value() == call.title_en
    assert "plan | file" in response.context["form"]["form_fields"].value()


def test_edit_call_post_saves(staff_client, call):
    data = _post_data(call, title_en="Renamed call", kind=CallKind.MEMBERSHIP)
    response = staff_client.post(reverse("calls:edit", kwargs={"call_pk": call.pk}), data)
    assert response.status_code == 302
    call.refresh_from_db()
    assert (call.title_en, call.tie_break, len(call.fields)) == (
        "Renamed call",
        TieBreak.EARLIER_SUBMISSION,
        1,
    )


def test_edit_call_bad_input_shows_form(staff_client, call):
    data = _post_data(call, closes_at="2026-02-01T09:00")
    response = staff_client.post(reverse("calls:edit", kwargs={"call_pk": call.pk}), data)
    assert response.status_code == 400
    assert "closes_at" in response.context["form"].errors


def test_edit_call_after_submission_redirects_with_message(staff_client, call, submitted):
    response = staff_client.get(reverse("calls:edit", kwargs={"call_pk": call.pk}), follow=True)
    assert response.redirect_chain[-1][0] == reverse("calls:manage", kwargs={"call_pk": call.pk})
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_edit_call_page_refused_to_company_owner(owner_client, call):
    assert owner_client.get(reverse("calls:edit", kwargs={"call_pk": call.pk})).status_code == 403


def test_edit_stage_post_saves(staff_client, stage):
    data = {"name_ko": "서류", "name_en": "Papers", "judges_per_application": "3", "cutoff": "70"}
    response = staff_client.post(reverse("calls:edit_stage", kwargs={"stage_pk": stage.pk}), data)
    assert response.status_code == 302
    stage.refresh_from_db()
    assert (stage.name_en, stage.judges_per_application, stage.blind) == ("Papers", 3, False)


def test_edit_stage_bad_cutoff_shows_form(staff_client, stage):
    data = {"name_ko": "서류", "name_en": "Papers", "judges_per_application": "2", "cutoff": "150"}
    url = reverse("calls:edit_stage", kwargs={"stage_pk": stage.pk})
    assert staff_client.post(url, data).status_code == 400


def test_delete_stage_page_refused_to_member(member_client, stage):
    url = reverse("calls:delete_stage", kwargs={"stage_pk": stage.pk})
    assert member_client.post(url).status_code == 403
    assert Stage.objects.filter(pk=stage.pk).exists()


def test_delete_stage_page_deletes(staff_client, stage):
    url = reverse("calls:delete_stage", kwargs={"stage_pk": stage.pk})
    assert staff_client.post(url).status_code == 302
    assert not Stage.objects.filter(pk=stage.pk).exists()


def test_delete_stage_page_in_use_shows_message(staff_client, stage, submitted):
    url = reverse("calls:delete_stage", kwargs={"stage_pk": stage.pk})
    response = staff_client.post(url, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert Stage.objects.filter(pk=stage.pk).exists()


def test_edit_criterion_post_saves(staff_client, stage):
    criterion = stage.criteria.first()
    data = {
        "name_ko": "기술",
        "name_en": "Tech",
        "weight": "30",
        "min_score": "1",
        "max_score": "5",
    }
    url = reverse("calls:edit_criterion", kwargs={"criterion_pk": criterion.pk})
    assert staff_client.post(url, data).status_code == 302
    criterion.refresh_from_db()
    assert (criterion.weight, criterion.min_score, criterion.max_score) == (30, 1, 5)


def test_edit_criterion_page_refused_to_judge(judges, stage):
    criterion = stage.criteria.first()
    url = reverse("calls:edit_criterion", kwargs={"criterion_pk": criterion.pk})
    assert signed_in(judges[0]).get(url).status_code == 403


def test_edit_criterion_page_after_score_redirects(staff_client, submitted, stage, judges, staff):
    assignment = services.assign_judge(
        stage=stage, application=submitted, judge=judges[0], actor=staff
    )
    score_all(assignment, 7)
    criterion = stage.criteria.first()
    url = reverse("calls:edit_criterion", kwargs={"criterion_pk": criterion.pk})
    assert staff_client.get(url).status_code == 302


def test_delete_criterion_page_deletes(staff_client, stage):
    criterion = stage.criteria.first()
    url = reverse("calls:delete_criterion", kwargs={"criterion_pk": criterion.pk})
    assert staff_client.post(url).status_code == 302
    assert not Criterion.objects.filter(pk=criterion.pk).exists()


def test_manage_call_links_to_editing_before_submission(staff_client, call, stage):
    body = staff_client.get(reverse("calls:manage", kwargs={"call_pk": call.pk})).content.decode()
    assert reverse("calls:edit", kwargs={"call_pk": call.pk}) in body
    assert reverse("calls:edit_stage", kwargs={"stage_pk": stage.pk}) in body


def test_manage_call_hides_call_edit_link_after_submission(staff_client, call, submitted):
    body = staff_client.get(reverse("calls:manage", kwargs={"call_pk": call.pk})).content.decode()
    assert reverse("calls:edit", kwargs={"call_pk": call.pk}) not in body
