"""Mail about outcome reports, each in its recipient's language."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy

from aihub.accounts.models import User
from aihub.outbox.services import queue_mail
from aihub.outcomes.models import Report


def report_link(report: Report) -> str:
    return settings.AIHUB_SITE_URL + reverse(
        "outcomes:report", kwargs={"pk": report.company_id, "report_pk": report.pk}
    )


def recipients(report: Report) -> list[User]:
    """The people of the report's company, owners first."""
    return [
        member.user
        for member in report.company.members.select_related("user").order_by("role", "id")
        if member.user.is_active
    ]


def send_report_mail(
    *, report: Report, kind: str, today: datetime.date | None = None, comment: str = ""
) -> int:
    """Queue one message per person of the company, each in their language; returns how
    many were queued. ``kind`` is ``reminder``, ``overdue``, ``returned`` or ``accepted``.
    """
    subjects = {
        "reminder": gettext_lazy("Outcome report for %(period)s due on %(deadline)s"),
        "overdue": gettext_lazy("Outcome report for %(period)s is overdue"),
        "returned": gettext_lazy("Outcome report for %(period)s was returned"),
        "accepted": gettext_lazy("Outcome report for %(period)s was accepted"),
    }
    link = report_link(report)

    def values(_recipient: object) -> dict[str, str]:
        return {"period": report.period.label, "deadline": report.period.deadline.isoformat()}

    mails = queue_mail(
        recipients=recipients(report),
        subject=lambda recipient: str(subjects[kind]) % values(recipient),
        template="outcomes/email/report.txt",
        context=lambda recipient: {
            "report": report,
            "kind": kind,
            "user": recipient.user,
            "company": report.company.name,
            "comment": comment,
            "link": link,
            **values(recipient),
        },
        related=report,
    )
    return len(mails)
