"""Reminders before and after the deadline, each in its recipient's language."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext

from aihub.outcomes.models import period_label
from aihub.outcomes.reminders import reminder_kind

pytestmark = pytest.mark.django_db
DEADLINE = datetime.date(2025, 4, 30)
DUE = "Outcome report for %(period)s due on %(deadline)s"
OVERDUE = "Outcome report for %(period)s is overdue"


def subject(msgid: str, language: str) -> str:
    with translation.override(language):
        values = {
            "period": period_label("quarterly", datetime.date(2025, 1, 1)),
            "deadline": "2025-04-30",
        }
        return gettext(msgid) % values


@pytest.mark.parametrize(
    ("today", "kind"),
    [
        (datetime.date(2025, 4, 23), "reminder"),
        (datetime.date(2025, 4, 29), "reminder"),
        (datetime.date(2025, 4, 25), None),
        (datetime.date(2025, 4, 30), None),
        (datetime.date(2025, 5, 1), "overdue"),
        (datetime.date(2025, 5, 8), "overdue"),
        (datetime.date(2025, 5, 2), None),
    ],
)
def test_reminder_kind_by_day(today, kind):
    assert reminder_kind(deadline=DEADLINE, today=today) == kind


def _run(today: str) -> str:
    out = StringIO()
    call_command("send_outcome_reminders", "--today", today, stdout=out)
    return out.getvalue()


def test_reminders_sent_in_each_language_once_a_day(period, owner, member, make_user, run_tasks):
    owner.language = "en"
    owner.save()
    run_tasks()
    mail.outbox.clear()
    output = _run("2025-04-23")
    run_tasks()
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[owner.email] == "Outcome report for 2025 Q1 due on 2025-04-30"
    assert subjects[member.email] == subject(DUE, "ko")
    assert "queued 3 messages for 2 reports" in output
    mail.outbox.clear()
    _run("2025-04-23")
    run_tasks()
    assert mail.outbox == []


def test_reminders_skip_filed_reports(submitted, member, run_tasks):
    run_tasks()
    mail.outbox.clear()
    _run("2025-05-01")
    run_tasks()
    assert [m.to for m in mail.outbox] == [["owner@beta.example"]]
    assert mail.outbox[0].subject == subject(OVERDUE, "ko")
