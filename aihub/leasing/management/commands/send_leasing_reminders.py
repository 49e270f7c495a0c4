"""``manage.py send_leasing_reminders``: run daily; moves lease statuses and mails reminders."""

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from aihub.jobs.commands import add_background_flag, queue
from aihub.leasing.services import (
    send_lease_ending_reminders,
    send_overdue_reminders,
    sync_lease_statuses,
)


class Command(BaseCommand):
    help = "Mark leases ending or ended, and mail lease-ending and overdue-invoice reminders once."

    def add_arguments(self, parser: CommandParser) -> None:
        add_background_flag(parser)

    def handle(self, *args: object, background: bool, **options: object) -> None:
        if background:
            today = timezone.localdate().isoformat()
            queue(self, kind="leasing.send_reminders", key=f"day:{today}", params={})
            return
        changed = sync_lease_statuses()
        ending = send_lease_ending_reminders()
        overdue = send_overdue_reminders()
        self.stdout.write(
            f"{changed} lease statuses updated; {ending} lease-ending and "
            f"{overdue} overdue reminders queued."
        )
