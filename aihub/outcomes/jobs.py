"""Background jobs of the outcomes app: the day's report reminders."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aihub.jobs.registry import JobResult, job_kind
from aihub.outcomes.reminders import send_reminders


@job_kind("outcomes.send_reminders", label=gettext_lazy("Send the day's outcome-report reminders"))
def send_report_reminders(*, job, progress, today: str) -> JobResult:
    """Queue the reminders due on ``today`` (once a day: a second run queues nothing)."""
    progress.update(message=_("Finding the reports whose reminder falls today"))
    reports, messages = send_reminders(today=datetime.date.fromisoformat(today))
    return JobResult(
        message=_("%(messages)s reminders were queued for %(reports)s reports.")
        % {"messages": messages, "reports": reports},
        url=reverse("outbox:list"),
        link_label=_("See them in the mail outbox"),
    )
