"""Staff can queue the day's report reminders now; they run in the background, once a day."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from aihub.jobs.models import Job
from aihub.outcomes.models import ReportingPeriod

pytestmark = pytest.mark.django_db


def test_reminders_now_run_as_a_job_once_a_day(staff_client, period, owner, member, run_tasks):
    ReportingPeriod.objects.filter(pk=period.pk).update(
        deadline=timezone.localdate() + datetime.timedelta(days=7)
    )
    response = staff_client.post(reverse("outcomes:send_reminders"))
    job = Job.objects.get(kind="outcomes.send_reminders")
    assert response.url == job.get_absolute_url()
    run_tasks()
    job.refresh_from_db()
    assert job.state == "succeeded"
    assert job.result["url"] == reverse("outbox:list")
    sent = len(mail.outbox)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [owner.email, member.email, "owner@beta.example"]
    )
    staff_client.post(reverse("outcomes:send_reminders"))
    run_tasks()
    assert len(mail.outbox) == sent


def test_reminders_now_is_staff_only(member_client):
    assert member_client.post(reverse("outcomes:send_reminders")).status_code == 403
