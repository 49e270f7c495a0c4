"""Demo-day scheduling and re-planning run in the background with their steps as progress;
a change made while the scheduler ran is not lost; a vanished demo day fails clearly."""

import pytest
from django.core import mail
from django.urls import reverse

from aihub.events import demoday
from aihub.events.enums import DemoDayStatus
from aihub.events.jobs import schedule_demo_day
from aihub.events.models import Meeting
from aihub.jobs.models import Job
from aihub.jobs.progress import Progress
from aihub.jobs.services import start_job
from conftest import signed_in

pytestmark = pytest.mark.django_db


def test_schedule_job_reports_every_step(staff, seats, demo_day, run_tasks):
    job = start_job(
        kind="events.schedule_demo_day",
        key=f"demoday:{demo_day.pk}",
        actor=staff,
        params={"demo_day_pk": demo_day.pk},
    )
    seen = []

    class Watching(Progress):
        def update(self, **values):
            super().update(**values)
            seen.append((self.job.done, self.job.total))

    job.state = "running"
    result = schedule_demo_day(job=job, progress=Watching(job), demo_day_pk=demo_day.pk)
    assert seen[0] == (0, 4)
    assert [done for done, _total in seen[1:4]] == [0, 1, 2]
    assert "4" in result.message
    assert Meeting.objects.filter(demo_day=demo_day).count() == 4


def test_interest_changed_while_the_scheduler_ran_is_taken_into_account(staff, seats, demo_day):
    (inv, _other), (st, _st2) = seats

    def change_mid_run(step: str) -> None:
        if step == "slots":
            demoday.mark_interest(
                investor=inv, startup=st, side="investor", no_thanks=True, score=0, actor=None
            )

    demoday.run_scheduler(demo_day=demo_day, actor=staff, time_limit=5, progress=change_mid_run)
    assert not Meeting.objects.filter(investor=inv, startup=st).exists()


def test_vanished_demo_day_fails_with_a_clear_message(staff, seats, demo_day, run_tasks):
    job = start_job(
        kind="events.schedule_demo_day",
        key=f"demoday:{demo_day.pk}",
        actor=staff,
        params={"demo_day_pk": demo_day.pk},
    )
    demo_day.event.delete()
    run_tasks()
    job.refresh_from_db()
    assert job.state == "failed"
    assert job.error


def test_withdrawal_after_publication_replans_in_the_background(
    staff, seats, demo_day, investor, run_tasks
):
    (inv, _other), _startups = seats
    demoday.run_scheduler(demo_day=demo_day, actor=staff, time_limit=5)
    demoday.publish(demo_day=demo_day, actor=staff)
    run_tasks()
    mail.outbox.clear()
    url = reverse(
        "events:investor_withdraw", kwargs={"event_pk": demo_day.event_id, "seat_pk": inv.pk}
    )
    response = signed_in(investor).post(url)
    job = Job.objects.get(kind="events.withdraw_seat")
    assert response.url == job.get_absolute_url()
    inv.refresh_from_db()
    assert not inv.withdrawn
    run_tasks()
    job.refresh_from_db()
    inv.refresh_from_db()
    assert job.state == "succeeded"
    assert inv.withdrawn
    assert not Meeting.objects.filter(investor=inv).exists()
    assert job.result["url"] == reverse("events:detail", kwargs={"event_pk": demo_day.event_id})
    assert {m.to[0] for m in mail.outbox} == {"owner@alpha.example", "owner@beta.example"}


def test_withdrawal_before_publication_is_immediate(staff, seats, demo_day, investor):
    (inv, _other), _startups = seats
    assert demo_day.status != DemoDayStatus.PUBLISHED
    url = reverse(
        "events:investor_withdraw", kwargs={"event_pk": demo_day.event_id, "seat_pk": inv.pk}
    )
    signed_in(investor).post(url)
    inv.refresh_from_db()
    assert inv.withdrawn
    assert not Job.objects.exists()


def test_running_the_scheduler_of_a_published_day_is_refused(staff_client, staff, seats, demo_day):
    demoday.run_scheduler(demo_day=demo_day, actor=staff, time_limit=5)
    demoday.publish(demo_day=demo_day, actor=staff)
    url = reverse("events:schedule", args=[demo_day.event_id])
    response = staff_client.post(url, {"action": "run"}, follow=True)
    assert response.status_code == 200
    assert not Job.objects.exists()
    assert [str(m) for m in response.context["messages"]]


def test_attendee_export_within_the_limit_has_one_file_name(staff_client, event, make_user):
    services_register(event, make_user())
    response = staff_client.get(reverse("events:attendees", args=[event.pk]), {"format": "csv"})
    assert response["Content-Disposition"] == f'attachment; filename="attendees-{event.pk}.csv"'
    assert not Job.objects.exists()


def test_large_attendee_export_is_written_by_a_job(
    staff_client, event, make_user, run_tasks, settings
):
    settings.AIHUB_EXPORT_ROWS_IN_REQUEST = 1
    for _ in range(2):
        services_register(event, make_user())
    response = staff_client.get(reverse("events:attendees", args=[event.pk]), {"format": "csv"})
    job = Job.objects.get(kind="events.export_attendees")
    assert response.url == job.get_absolute_url()
    run_tasks()
    job.refresh_from_db()
    assert (job.state, job.total) == ("succeeded", 2)
    with job.file.open("rb") as stored:
        lines = stored.read().decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 3


def services_register(event, user):
    from aihub.events import services

    return services.register(event=event, user=user)
