"""Mail a reminder to everyone confirmed for an event starting within the next hours."""

import datetime

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from aihub.events.services import send_reminders
from aihub.jobs.commands import add_background_flag, queue


class Command(BaseCommand):
    help = "Send reminders for events starting within --hours (default 24); each event once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hours", type=int, default=24)
        add_background_flag(parser)

    def handle(self, *args: object, hours: int, background: bool, **options: object) -> None:
        if background:
            now = timezone.localtime().strftime("%Y-%m-%dT%H")
            queue(self, kind="events.send_reminders", key=f"hour:{now}", params={"hours": hours})
            return
        count = send_reminders(now=timezone.now(), within=datetime.timedelta(hours=hours))
        self.stdout.write(f"{count} reminders queued.")
