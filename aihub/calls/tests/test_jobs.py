"""A call's scores export beyond the in-request limit is written by a background job."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from aihub.jobs.models import Job

pytestmark = pytest.mark.django_db


def test_small_scores_export_answers_at_once(staff_client, submitted):
    response = staff_client.get(reverse("calls:export", args=[submitted.call_id]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert not Job.objects.exists()


def test_large_scores_export_is_written_by_a_job(staff_client, submitted, run_tasks, settings):
    settings.AIHUB_EXPORT_ROWS_IN_REQUEST = 0
    response = staff_client.get(reverse("calls:export", args=[submitted.call_id]))
    job = Job.objects.get(kind="calls.export_scores")
    assert response.url == job.get_absolute_url()
    run_tasks()
    job.refresh_from_db()
    assert job.state == "succeeded"
    with job.file.open("rb") as stored:
        rows = list(load_workbook(io.BytesIO(stored.read())).active.iter_rows(values_only=True))
    assert rows[1][0] == submitted.pk
    assert len(rows) == 2


def test_scores_export_is_staff_only(member_client, submitted, settings):
    settings.AIHUB_EXPORT_ROWS_IN_REQUEST = 0
    response = member_client.get(reverse("calls:export", args=[submitted.call_id]))
    assert response.status_code == 403
    assert not Job.objects.exists()
