"""``manage.py send_leasing_reminders``: run daily; moves lease statuses and mails reminders."""

from django.core.management.base import BaseCommand

from aihub.leasing.services import (
    send_lease_ending_reminders,
    send_overdue_reminders,
    sync_lease_statuses,
)


class Command(BaseCommand):
    help = "Mark leases ending or ended, and mail lease-ending and overdue-invoice reminders once."

    def handle(self, *args: object, **options: object) -> None:
        changed = sync_lease_statuses()
        ending = send_lease_ending_reminders()
        overdue = send_overdue_reminders()
        self.stdout.write(
            f"{changed} lease statuses updated; {ending} lease-ending and "
            f"{overdue} overdue reminders sent."
        )
