"""The end of retention: ``purge_expired_applications`` deletes drafts and anonymises the rest."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from aihub.calls import services
from aihub.calls.enums import Outcome
from aihub.calls.models import Application, Document, Score
from aihub.calls.tests.conftest import after_close, pdf_bytes, upload
from aihub.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _run(day: datetime.date) -> str:
    out = io.StringIO()
    call_command("purge_expired_applications", date=day.isoformat(), stdout=out)
    return out.getvalue()


@pytest.fixture
def scored(submitted, stage, judges, staff):
    assignment = services.assign_judge(
        stage=stage, application=submitted, judge=judges[0], actor=staff
    )
    criteria = list(stage.criteria.all())
    services.set_scores(
        assignment=assignment,
        scores=[
            {"criterion": c.pk, "value": 8, "comment": "대표 김OO 역량 우수"} for c in criteria
        ],
        actor=judges[0],
    )
    services.decide(stage=stage, application=submitted, outcome=Outcome.ADVANCE, actor=staff)
    services.finalise_stage(stage=stage, actor=staff, now=after_close(stage.call))
    submitted.refresh_from_db()
    return submitted


def test_purge_on_last_day_of_retention_keeps_everything(scored):
    assert _run(scored.retain_until).startswith("0 drafts deleted, 0 applications anonymised")
    scored.refresh_from_db()
    assert scored.purged_at is None
    assert scored.documents.count() == 1


def test_purge_day_after_retention_anonymises_and_keeps_scores(
    scored, django_capture_on_commit_callbacks
):
    document = scored.documents.get()
    storage, name = document.file.storage, document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        output = _run(scored.retain_until + datetime.timedelta(days=1))
    assert output.strip() == "0 drafts deleted, 1 applications anonymised, 1 files deleted."
    scored.refresh_from_db()
    assert (scored.answers, scored.head_office, scored.applicant_id) == ({}, "", None)
    assert scored.purged_at is not None
    assert sorted(scored.consent) == ["language", "version"]
    assert Document.objects.filter(application=scored).count() == 0
    assert not storage.exists(name)
    scores = Score.objects.filter(assignment__application=scored)
    assert [s.value for s in scores] == [8, 8, 8]
    assert {s.comment for s in scores} == {""}
    assert scored.status == "selected"
    assert scored.membership_period is not None
    uploaded = AuditEntry.objects.get(
        action="calls.application.document_uploaded", object_id=scored.pk
    )
    assert uploaded.data["file"] == "—"
    assert AuditEntry.objects.filter(action="calls.application.purged").count() == 1


def test_purge_twice_changes_nothing_the_second_time(scored):
    day = scored.retain_until + datetime.timedelta(days=1)
    _run(day)
    assert _run(day).startswith("0 drafts deleted, 0 applications anonymised")
    assert AuditEntry.objects.filter(action="calls.application.purged").count() == 1


def test_purge_deletes_expired_drafts_with_documents(draft, applicant):
    services.upload_document(
        application=draft,
        key="plan",
        upload=upload("plan.pdf", pdf_bytes()),
        actor=applicant,
    )
    output = _run(draft.retain_until + datetime.timedelta(days=1))
    assert output.strip() == "1 drafts deleted, 0 applications anonymised, 1 files deleted."
    assert not Application.objects.filter(pk=draft.pk).exists()
    entry = AuditEntry.objects.get(action="calls.call.drafts_purged")
    assert (entry.object_id, entry.data) == (draft.call_id, {"count": 1})


def test_purge_leaves_applications_still_within_retention(scored, make_submitted, make_call):
    later = make_submitted(1, target=make_call(title_en="Later call"))[0]
    Application.objects.filter(pk=later.pk).update(
        retain_until=scored.retain_until + datetime.timedelta(days=2)
    )
    _run(scored.retain_until + datetime.timedelta(days=1))
    later.refresh_from_db()
    assert later.purged_at is None
    assert later.answers != {}


def test_purge_dry_run_counts_without_changes(scored):
    out = io.StringIO()
    day = (scored.retain_until + datetime.timedelta(days=1)).isoformat()
    call_command("purge_expired_applications", date=day, dry_run=True, stdout=out)
    assert out.getvalue().strip() == "1 applications are past their retention period."
    scored.refresh_from_db()
    assert scored.purged_at is None


def test_purge_bad_date_refused():
    with pytest.raises(CommandError):
        call_command("purge_expired_applications", date="2026-13-01")


def test_purged_application_page_still_renders_for_owner(scored, client, applicant):
    _run(scored.retain_until + datetime.timedelta(days=1))
    client.force_login(applicant)
    url = reverse(
        "calls:application", kwargs={"pk": scored.company_id, "application_pk": scored.pk}
    )
    assert client.get(url).status_code == 200
