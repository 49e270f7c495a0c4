"""The money totals behind the dashboard, kept by the invoice and payment services.

``MonthTotal`` rows hold, per month, the totals of the invoices that are not cancelled and
the payments received; ``DueDateTotal`` rows hold, per due date, what issued invoices still
owe and how many they are. The dashboard reads a few rows instead of summing every invoice
and payment. Each write that changes those sums updates the rows in the same transaction
(``counted_*`` below). Row locks are taken in one order everywhere: the year's invoice
counter, the invoice, the month's total, then the due date's total; the one write that
touches two due dates (a reissue) holds the invoice counter first, so concurrent runs,
cancellations and payments never deadlock.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db import IntegrityError, models, transaction
from django.db.models import Count, Expression, F, Sum, Value
from django.db.models.functions import Coalesce, Greatest

from aihub.leasing.enums import InvoiceStatus
from aihub.leasing.models import DueDateTotal, Invoice, MonthTotal, Payment


def _add(
    model: type[models.Model],
    key: dict[str, datetime.date],
    amounts: dict[str, int],
    latest: dict[str, datetime.date] | None = None,
) -> None:
    """Add ``amounts`` to the row of ``model`` with ``key`` and raise its ``latest`` dates
    to at least the given ones, creating the row on first use."""
    latest = latest or {}
    changes: dict[str, Expression] = {name: F(name) + value for name, value in amounts.items()}
    for name, day in latest.items():
        changes[name] = Greatest(Coalesce(name, Value(day)), Value(day))
    if model.objects.filter(**key).update(**changes):
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, **amounts, **latest)
    except IntegrityError:
        model.objects.filter(**key).update(**changes)


def counted_issued(invoices: Iterable[Invoice]) -> None:
    """Count new invoices: their totals invoiced in their month and owed on their due date."""
    by_month: dict[datetime.date, int] = defaultdict(int)
    by_due_date: dict[datetime.date, list[int]] = defaultdict(lambda: [0, 0])
    for invoice in invoices:
        by_month[invoice.month] += invoice.total
        by_due_date[invoice.due_on][0] += invoice.total
        by_due_date[invoice.due_on][1] += 1
    for month, total in sorted(by_month.items()):
        _add(MonthTotal, {"month": month}, {"invoiced": total})
    for due_on, (total, count) in sorted(by_due_date.items()):
        _add(DueDateTotal, {"due_on": due_on}, {"owed": total, "invoices": count})


def counted_cancelled(invoice: Invoice) -> None:
    """Uncount an issued invoice without payments that has just been cancelled."""
    _add(MonthTotal, {"month": invoice.month}, {"invoiced": -invoice.total})
    _add(DueDateTotal, {"due_on": invoice.due_on}, {"owed": -invoice.total, "invoices": -1})


def counted_payment(payment: Payment, *, invoice: Invoice, settled: bool) -> None:
    """Count a payment just recorded on an issued ``invoice``: received in the month it is
    dated, no longer owed on the invoice's due date; ``settled`` when it paid the invoice in
    full (the invoice is then no longer owed at all)."""
    _add(
        MonthTotal,
        {"month": payment.paid_on.replace(day=1)},
        {"received": payment.amount},
        latest={"last_paid_on": payment.paid_on},
    )
    _add(
        DueDateTotal,
        {"due_on": invoice.due_on},
        {"owed": -payment.amount, "invoices": -1 if settled else 0},
    )


def totals_from_records() -> tuple[list[MonthTotal], list[DueDateTotal]]:
    """Both kinds of totals summed straight from the invoices and payments (unsaved rows)."""
    months: dict[datetime.date, MonthTotal] = {}

    def month_row(month: datetime.date) -> MonthTotal:
        return months.get(month) or months.setdefault(month, MonthTotal(month=month))

    for month, total in (
        Invoice.objects.exclude(status=InvoiceStatus.CANCELLED)
        .values_list("month")
        .annotate(total=Sum("total"))
        .order_by()
    ):
        month_row(month).invoiced += total
    for paid_on, amount in (
        Payment.objects.values_list("paid_on").annotate(amount=Sum("amount")).order_by()
    ):
        row = month_row(paid_on.replace(day=1))
        row.received += amount
        row.last_paid_on = max(row.last_paid_on or paid_on, paid_on)
    due_dates: dict[datetime.date, DueDateTotal] = {}
    for due_on, total, count in (
        Invoice.objects.filter(status=InvoiceStatus.ISSUED)
        .values_list("due_on")
        .annotate(total=Sum("total"), count=Count("id"))
        .order_by()
    ):
        due_dates[due_on] = DueDateTotal(due_on=due_on, owed=total, invoices=count)
    for due_on, amount in (
        Payment.objects.filter(invoice__status=InvoiceStatus.ISSUED)
        .values_list("invoice__due_on")
        .annotate(amount=Sum("amount"))
        .order_by()
    ):
        due_dates[due_on].owed -= amount
    return sorted(months.values(), key=lambda row: row.month), sorted(
        due_dates.values(), key=lambda row: row.due_on
    )


@transaction.atomic
def recount_totals() -> tuple[int, int]:
    """Rebuild the month and due-date totals from the invoices and payments; how many rows
    of each. For data loaded without the services (bulk loads, repairs); replaces all rows.
    """
    months, due_dates = totals_from_records()
    MonthTotal.objects.all().delete()
    DueDateTotal.objects.all().delete()
    MonthTotal.objects.bulk_create(months)
    DueDateTotal.objects.bulk_create(due_dates)
    return len(months), len(due_dates)
