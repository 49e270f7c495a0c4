"""The company list export beyond the in-request limit is written by a background job with
the filters and format the person chose, and the file is theirs alone."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from aihub.jobs.models import Job
from conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def large(settings):
    settings.AIHUB_EXPORT_ROWS_IN_REQUEST = 1


def test_export_within_the_limit_answers_at_once(staff_client, company):
    response = staff_client.get(reverse("companies:export"))
    assert response["Content-Disposition"] == 'attachment; filename="companies.xlsx"'
    assert not Job.objects.exists()


def test_large_filtered_export_keeps_the_filter(
    staff_client, company, other_company, make_company, large, run_tasks
):
    make_company(name="감마비전")
    response = staff_client.get(reverse("companies:export"), {"status": "resident"})
    job = Job.objects.get(kind="companies.export")
    assert response.url == job.get_absolute_url()
    run_tasks()
    job.refresh_from_db()
    assert (job.state, job.done, job.total) == ("succeeded", 2, 2)
    with job.file.open("rb") as stored:
        rows = list(load_workbook(io.BytesIO(stored.read())).active.iter_rows(values_only=True))
    assert sorted(row[0] for row in rows[1:]) == sorted([company.name_ko, other_company.name_ko])


def test_export_file_is_not_for_other_staff(
    staff_client, company, other_company, large, make_user, run_tasks
):
    from aihub.accounts.enums import Role

    staff_client.get(reverse("companies:export"))
    run_tasks()
    job = Job.objects.get(kind="companies.export")
    colleague = signed_in(make_user(roles=(Role.HUB_STAFF,)))
    assert colleague.get(reverse("jobs:file", kwargs={"job_id": job.pk})).status_code == 404
