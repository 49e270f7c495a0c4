"""Mail about outcome reports, each in its recipient's language."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from aihub.accounts.models import User
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
    """Send one message per person of the company; returns how many were sent.

    ``kind`` is ``reminder``, ``overdue``, ``returned`` or ``accepted``.
    """
    sent = 0
    for user in recipients(report):
        with translation.override(user.language):
            subjects = {
                "reminder": _("Outcome report for %(period)s due on %(deadline)s"),
                "overdue": _("Outcome report for %(period)s is overdue"),
                "returned": _("Outcome report for %(period)s was returned"),
                "accepted": _("Outcome report for %(period)s was accepted"),
            }
            values = {
                "period": report.period.label,
                "deadline": report.period.deadline.isoformat(),
            }
            context = {
                "report": report,
                "kind": kind,
                "user": user,
                "company": report.company.name,
                "period": report.period.label,
                "deadline": report.period.deadline.isoformat(),
                "comment": comment,
                "link": report_link(report),
            }
            send_mail(
                subject=subjects[kind] % values,
                message=render_to_string("outcomes/email/report.txt", context),
                from_email=None,
                recipient_list=[user.email],
            )
        sent += 1
    return sent
