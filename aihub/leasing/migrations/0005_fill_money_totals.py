"""Fill the month and due-date totals from the invoices and payments already recorded
(the same sums as ``services.recount_totals``)."""

from django.db import migrations
from django.db.models import Count, Sum


def fill(apps, schema_editor):
    Invoice = apps.get_model("leasing", "Invoice")
    Payment = apps.get_model("leasing", "Payment")
    MonthTotal = apps.get_model("leasing", "MonthTotal")
    DueDateTotal = apps.get_model("leasing", "DueDateTotal")
    months = {}

    def month_row(month):
        return months.get(month) or months.setdefault(month, MonthTotal(month=month))

    for month, total in (
        Invoice.objects.exclude(status="cancelled")
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
    due_dates = {}
    for due_on, total, count in (
        Invoice.objects.filter(status="issued")
        .values_list("due_on")
        .annotate(total=Sum("total"), count=Count("id"))
        .order_by()
    ):
        due_dates[due_on] = DueDateTotal(due_on=due_on, owed=total, invoices=count)
    for due_on, amount in (
        Payment.objects.filter(invoice__status="issued")
        .values_list("invoice__due_on")
        .annotate(amount=Sum("amount"))
        .order_by()
    ):
        due_dates[due_on].owed -= amount
    MonthTotal.objects.all().delete()
    DueDateTotal.objects.all().delete()
    MonthTotal.objects.bulk_create(months.values())
    DueDateTotal.objects.bulk_create(due_dates.values())


class Migration(migrations.Migration):
    dependencies = [("leasing", "0004_money_totals")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
