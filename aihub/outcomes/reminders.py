"""Which unfiled reports get a reminder on a given day, and sending them."""

import datetime
from collections.abc import Iterator

from django.db import transaction

from aihub.outcomes import mail, services
from aihub.outcomes.enums import EDITABLE_STATUSES
from aihub.outcomes.models import Report

DAYS_BEFORE = (7, 1)
"""Reminders go out this many days before the deadline."""
OVERDUE_EVERY = 7
"""After the deadline, a reminder the day after it and then once a week."""


def reminder_kind(*, deadline: datetime.date, today: datetime.date) -> str | None:
    """``reminder`` or ``overdue`` if a reminder is due today, else None."""
    days_left = (deadline - today).days
    if days_left in DAYS_BEFORE:
        return "reminder"
    if days_left < 0 and (-days_left) % OVERDUE_EVERY == 1:
        return "overdue"
    return None


def due_reminders(*, today: datetime.date) -> Iterator[tuple[Report, str]]:
    """Unfiled reports of open periods whose reminder falls today and has not gone out."""
    reports = (
        Report.objects.filter(status__in=EDITABLE_STATUSES, period__closed_at__isnull=True)
        .exclude(last_reminded_on=today)
        .select_related("company", "period")
        .order_by("period__deadline", "company_id")
    )
    for report in reports.iterator(chunk_size=500):
        kind = reminder_kind(deadline=report.period.deadline, today=today)
        if kind is not None:
            yield report, kind


def send_reminders(*, today: datetime.date, dry_run: bool = False) -> tuple[int, int]:
    """Mail every person of each company with a reminder due; returns (reports, messages).

    Queues the mails and records the day on each report in one transaction per report, so a
    second run on the same day sends nothing.
    """
    reports = messages = 0
    for report, kind in list(due_reminders(today=today)):
        reports += 1
        if dry_run:
            messages += len(mail.recipients(report))
            continue
        with transaction.atomic():
            sent = mail.send_report_mail(report=report, kind=kind, today=today)
            services.note_reminder(report=report, today=today, count=sent)
        messages += sent
    return reports, messages
