"""Background jobs: started once, run by the real database worker, progress kept, refusals
and crashes recorded for the person who started them, nothing half-written."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from aihub.jobs.enums import JobState
from aihub.jobs.errors import JobAlreadyRunning
from aihub.jobs.models import Job
from aihub.jobs.progress import Progress
from aihub.jobs.services import _interrupted_message, _unexpected_message, start_job
from aihub.jobs.tests import kinds  # noqa: F401 (registers the test job kinds)
from aihub.partners import services as partner_services
from aihub.partners.enums import PartnerKind
from conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    return partner_services.create_partner(
        name_ko="한국전자통신연구원",
        name_en="ETRI",
        kind=PartnerKind.RESEARCH_INSTITUTE,
        country="KR",
        actor=None,
    )


def _rename(staff, partner, **extra):
    params = {"partner_pk": partner.pk, "name": "ETRI (renamed)", **extra}
    return start_job(
        kind="tests.rename_partner", key=f"partner:{partner.pk}", actor=staff, params=params
    )


def test_job_runs_in_the_worker_and_keeps_its_result(staff, partner, run_tasks):
    job = _rename(staff, partner)
    assert job.state == JobState.QUEUED
    run_tasks()
    job.refresh_from_db()
    partner.refresh_from_db()
    assert (job.state, job.done, job.total) == (JobState.SUCCEEDED, 3, 3)
    assert job.result == {
        "message": "Renamed to ETRI (renamed).",
        "url": "/partners/",
        "link_label": "Partners",
    }
    assert partner.name_en == "ETRI (renamed)"
    assert job.started_at is not None
    assert job.finished_at >= job.started_at


def test_same_work_twice_while_it_waits_is_refused(staff, partner, make_user):
    first = _rename(staff, partner)
    other = make_user(roles=())
    with pytest.raises(JobAlreadyRunning) as refused:
        _rename(other, partner)
    assert refused.value.job == first
    assert staff.full_name in str(refused.value.message)
    assert Job.objects.count() == 1


def test_after_it_finished_the_work_can_start_again(staff, partner, run_tasks):
    _rename(staff, partner)
    run_tasks()
    again = _rename(staff, partner)
    assert again.state == JobState.QUEUED
    assert Job.objects.count() == 2


def test_vanished_input_fails_with_the_refusal_message(staff, partner, run_tasks):
    job = _rename(staff, partner)
    partner.delete()
    run_tasks()
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.error == "The partner no longer exists."


def test_crash_after_writing_keeps_nothing(staff, partner, run_tasks):
    job = _rename(staff, partner, fail_after_write=True)
    run_tasks()
    job.refresh_from_db()
    partner.refresh_from_db()
    assert job.state == JobState.FAILED
    with translation.override(staff.language):
        assert job.error == _unexpected_message()
    assert partner.name_en == "ETRI"


def test_error_message_is_in_the_starters_language(make_user, partner, run_tasks):
    person = make_user(language="en")
    job = _rename(person, partner, fail_after_write=True)
    run_tasks()
    job.refresh_from_db()
    assert job.language == "en"
    assert job.error.startswith("The work stopped on an unexpected error")


def test_silent_running_job_counts_as_interrupted_and_can_start_again(staff, partner):
    job = _rename(staff, partner)
    long_ago = timezone.now() - datetime.timedelta(minutes=30)
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, started_at=long_ago, heartbeat_at=long_ago
    )
    again = _rename(staff, partner)
    job.refresh_from_db()
    assert job.state == JobState.INTERRUPTED
    with translation.override(staff.language):
        assert job.error == _interrupted_message()
    assert again.state == JobState.QUEUED


def test_running_job_with_a_recent_heartbeat_still_blocks(staff, partner):
    job = _rename(staff, partner)
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, started_at=now, heartbeat_at=now)
    with pytest.raises(JobAlreadyRunning):
        _rename(staff, partner)


def test_progress_is_written_outside_the_jobs_transaction_only(staff, partner):
    from django.db import transaction

    job = _rename(staff, partner)
    progress = Progress(job)
    progress.update(total=10, done=4, message="four")
    assert Job.objects.values_list("done", "total", "message").get(pk=job.pk) == (4, 10, "four")
    with transaction.atomic():
        progress.update(done=7, message="seven")
        assert Job.objects.values_list("done", "message").get(pk=job.pk) == (4, "four")
    progress.flush()
    assert Job.objects.values_list("done", "message").get(pk=job.pk) == (7, "seven")


def test_progress_page_shows_the_bar_and_polls_while_running(staff, partner):
    job = _rename(staff, partner)
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, done=2, total=8, message="two", heartbeat_at=timezone.now()
    )
    client = signed_in(staff)
    page = client.get(job.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    assert '<progress max="100" value="25"' in html
    assert 'hx-trigger="every 1s"' in html
    assert '<meta http-equiv="refresh" content="3">' in html
    partial = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert partial.content.decode().lstrip().startswith('<section id="job-progress"')
    assert "<html" not in partial.content.decode()
    assert "HX-Request" in partial["Vary"]


def test_finished_job_page_shows_the_result_and_stops_polling(staff, partner, run_tasks):
    job = _rename(staff, partner)
    run_tasks()
    html = signed_in(staff).get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert "Renamed to ETRI (renamed)." in html
    assert "hx-trigger" not in html
    assert 'href="/partners/"' in html


def test_someone_elses_job_is_not_found(staff, partner, make_user):
    job = _rename(staff, partner)
    other = signed_in(make_user())
    assert other.get(job.get_absolute_url()).status_code == 404
    assert other.get(reverse("jobs:file", kwargs={"job_id": job.pk})).status_code == 404
    assert other.get(f"/api/v1/jobs/{job.pk}").status_code == 404


def test_unknown_job_id_is_not_found(staff):
    assert signed_in(staff).get(f"/jobs/{uuid.uuid4()}/").status_code == 404
    assert signed_in(staff).get("/jobs/not-a-uuid/").status_code == 404


def test_file_result_is_private_and_downloadable_by_its_starter(staff, run_tasks, settings):
    job = start_job(kind="tests.make_file", key="file", actor=staff)
    run_tasks()
    job.refresh_from_db()
    assert job.file.path.startswith(str(settings.AIHUB_PRIVATE_ROOT))
    assert not job.file.path.startswith(str(settings.MEDIA_ROOT))
    response = signed_in(staff).get(reverse("jobs:file", kwargs={"job_id": job.pk}))
    assert b"".join(response.streaming_content) == b"a,b\n1,2\n"
    assert 'filename="report.csv"' in response["Content-Disposition"]


def test_api_reports_state_and_result(staff, partner, run_tasks):
    job = _rename(staff, partner)
    client = signed_in(staff)
    assert client.get(f"/api/v1/jobs/{job.pk}").json()["state"] == "queued"
    run_tasks()
    body = client.get(f"/api/v1/jobs/{job.pk}").json()
    assert (body["state"], body["percent"], body["result_message"]) == (
        "succeeded",
        100,
        "Renamed to ETRI (renamed).",
    )


def test_list_shows_only_my_jobs(staff, partner, make_user):
    _rename(staff, partner)
    start_job(kind="jobs.ping", key="ping", actor=make_user())
    client = signed_in(staff)
    response = client.get(reverse("jobs:list"))
    assert [job.kind for job, _label in response.context["rows"]] == ["tests.rename_partner"]


def test_ping_answers_with_the_wait(staff, run_tasks):
    job = start_job(kind="jobs.ping", key="ping", actor=staff)
    run_tasks()
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    assert job.result["data"]["waited_seconds"] >= 0
