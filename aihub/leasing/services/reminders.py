"""Reminder mails: a lease about to end, an invoice overdue.

Each reminder is sent once (``ReminderLog``), to the hub staff and to the company's members,
each in their own language, through the outbox.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from aihub.accounts.enums import Role
from aihub.accounts.models import User
from aihub.leasing.enums import InvoiceStatus, LeaseStatus
from aihub.leasing.models import Invoice, Lease, ReminderLog
from aihub.outbox.services import queue_mail

LEASE_ENDING_DAYS = 30
LEASE_ENDING = "lease_ending"
INVOICE_OVERDUE = "invoice_overdue"
LEASE_ENDING_SUBJECT = _("Lease %(lease)s ends on %(date)s")
INVOICE_OVERDUE_SUBJECT = _("Invoice %(invoice)s was due on %(date)s")


def _staff() -> list[User]:
    return list(User.objects.filter(role_assignments__role=Role.HUB_STAFF, is_active=True))


def _recipients(company_id: int, staff: list[User]) -> list[User]:
    """The staff and the company's members, once each, by address."""
    people = {user.email: user for user in staff}
    for user in User.objects.filter(company_memberships__company_id=company_id, is_active=True):
        people[user.email] = user
    return [user for _email, user in sorted(people.items())]


def _claim(kind: str, object_id: int, today: datetime.date) -> bool:
    """Whether this reminder is still to be sent; records it as sent."""
    try:
        with transaction.atomic():
            ReminderLog.objects.create(kind=kind, object_id=object_id, sent_on=today)
    except IntegrityError:
        return False
    return True


def _mail(
    *, template: str, subject: Promise, context: dict, recipients: list[User], related: object
) -> None:
    queue_mail(
        recipients=recipients,
        subject=lambda _recipient: str(subject) % context["subject_values"],
        template=template,
        context=context,
        related=related,
    )


@transaction.atomic
def send_lease_ending_reminders(*, today: datetime.date | None = None) -> int:
    """Mail about signed leases ending within 30 days that have no renewal; returns how many."""
    today = today or timezone.localdate()
    leases = Lease.objects.filter(
        status__in=(LeaseStatus.ACTIVE, LeaseStatus.ENDING),
        ends_on__gte=today,
        ends_on__lte=today + datetime.timedelta(days=LEASE_ENDING_DAYS),
        renewal__isnull=True,
    ).select_related("company", "space__facility")
    staff = _staff()
    sent = 0
    for lease in leases:
        if not _claim(LEASE_ENDING, lease.pk, today):
            continue
        context = {
            "lease": lease,
            "company": lease.company,
            "subject_values": {"lease": str(lease), "date": lease.ends_on.isoformat()},
        }
        _mail(
            template="leasing/email/lease_ending.txt",
            subject=LEASE_ENDING_SUBJECT,
            context=context,
            recipients=_recipients(lease.company_id, staff),
            related=lease,
        )
        sent += 1
    return sent


@transaction.atomic
def send_overdue_reminders(*, today: datetime.date | None = None) -> int:
    """Mail about issued invoices past their due date; returns how many."""
    today = today or timezone.localdate()
    invoices = Invoice.objects.filter(status=InvoiceStatus.ISSUED, due_on__lt=today).select_related(
        "company"
    )
    staff = _staff()
    sent = 0
    for invoice in invoices:
        if not _claim(INVOICE_OVERDUE, invoice.pk, today):
            continue
        context = {
            "invoice": invoice,
            "company": invoice.company,
            "subject_values": {"invoice": str(invoice), "date": invoice.due_on.isoformat()},
        }
        _mail(
            template="leasing/email/invoice_overdue.txt",
            subject=INVOICE_OVERDUE_SUBJECT,
            context=context,
            recipients=_recipients(invoice.company_id, staff),
            related=invoice,
        )
        sent += 1
    return sent
