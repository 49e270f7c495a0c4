"""``manage.py recount_leasing_totals``: rebuild the dashboard's money totals."""

from django.core.management.base import BaseCommand

from aihub.leasing.services import recount_totals


class Command(BaseCommand):
    help = (
        "Rebuild the monthly and due-date money totals of the leasing dashboard from the "
        "invoices and payments, after data was loaded or repaired without the services."
    )

    def handle(self, *args: object, **options: object) -> None:
        months, due_dates = recount_totals()
        self.stdout.write(f"{months} months and {due_dates} due dates recounted.")
