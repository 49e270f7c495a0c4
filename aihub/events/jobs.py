"""Background jobs of the events app: building a demo-day schedule and re-planning it after
a withdrawal (the scheduler runs up to 20 seconds; the page follows its steps), and the
reminders of events starting soon."""

import datetime

from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from aihub.core.errors import NotFound, PermissionDenied
from aihub.events import demoday, queries, services
from aihub.events import scheduling as engine
from aihub.events.enums import Side
from aihub.events.exports import attendee_headers, attendee_rows
from aihub.events.models import DemoDay, DemoDayInvestor, DemoDayStartup, Event
from aihub.jobs.exports import export_result
from aihub.jobs.registry import JobResult, job_kind


def _step_messages() -> dict[str, str]:
    return {
        "bound": pgettext("scheduler step", "Proving the best possible value and choosing pairs"),
        "slots": pgettext("scheduler step", "Giving the chosen pairs their slots"),
        "improve": pgettext("scheduler step", "Repairing and improving the timetable"),
        "exact": pgettext("scheduler step", "Closing the last gap with the exact model"),
    }


def _reporter(progress):
    messages = _step_messages()
    progress.update(done=0, total=len(engine.STEPS), message=_("Reading the wishes of both sides"))

    def report(step: str) -> None:
        progress.update(done=engine.STEPS.index(step), message=messages[step])

    return report


def _demo_day(pk: int) -> DemoDay:
    demo_day = DemoDay.objects.select_related("event").filter(pk=pk).first()
    if demo_day is None:
        raise NotFound(_("The demo day no longer exists."))
    return demo_day


@job_kind("events.schedule_demo_day", label=gettext_lazy("Build a demo-day schedule"))
def schedule_demo_day(*, job, progress, demo_day_pk: int) -> JobResult:
    demo_day = _demo_day(demo_day_pk)
    demo_day = demoday.run_scheduler(
        demo_day=demo_day, actor=job.started_by, progress=_reporter(progress)
    )
    return JobResult(
        message=_(
            "A draft schedule with %(meetings)s meetings was built: objective %(objective)s "
            "of at most %(bound)s."
        )
        % {
            "meetings": demo_day.meetings.count(),
            "objective": demo_day.objective,
            "bound": demo_day.upper_bound,
        },
        url=reverse("events:schedule", kwargs={"event_pk": demo_day.event_id}),
        link_label=_("Review the draft schedule"),
    )


@job_kind("events.withdraw_seat", label=gettext_lazy("Cancel a demo-day participation"))
def withdraw_seat(*, job, progress, side: str, seat_pk: int, back_url: str) -> JobResult:
    model = DemoDayInvestor if side == Side.INVESTOR else DemoDayStartup
    seat = model.objects.select_related("demo_day__event").filter(pk=seat_pk).first()
    if seat is None:
        raise NotFound(_("This participation no longer exists."))
    plan = demoday.withdraw(seat=seat, actor=job.started_by, progress=_reporter(progress))
    return JobResult(
        message=_("The participation of %(name)s was cancelled; %(moved)s other meetings moved.")
        % {"name": str(seat), "moved": plan.moved_count if plan else 0},
        url=back_url,
        link_label=_("Back to the demo day"),
    )


@job_kind("events.send_reminders", label=gettext_lazy("Send the event reminders"))
def send_event_reminders(*, job, progress, hours: int = 24) -> JobResult:
    """Queue a reminder to everyone confirmed for an event starting within ``hours``."""
    progress.update(message=_("Finding the events that start soon"))
    count = services.send_reminders(
        now=timezone.now(), within=datetime.timedelta(hours=hours), actor=job.started_by
    )
    return JobResult(
        message=_("%(count)s event reminders were queued.") % {"count": count},
        url=reverse("outbox:list"),
        link_label=_("See them in the mail outbox"),
    )


@job_kind("events.export_attendees", label=gettext_lazy("Export an event's attendees"))
def export_attendees(*, job, progress, query: str, event_pk: int) -> JobResult:
    """The attendee list of the event, in the format the person asked for."""
    user = job.started_by
    if user is None or not user.has_perm("events.manage_events"):
        raise PermissionDenied()
    data = QueryDict(query)
    event = Event.objects.filter(pk=event_pk).first()
    if event is None:
        raise NotFound(_("The event no longer exists."))
    attendees = queries.attendees_for_event(event=event)
    return export_result(
        progress=progress,
        total=attendees.count(),
        name=f"attendees-{event.pk}",
        fmt=data.get("format") or "xlsx",
        sheet=_("Attendees"),
        headers=attendee_headers(),
        rows=attendee_rows(attendees.iterator(chunk_size=500)),
    )
