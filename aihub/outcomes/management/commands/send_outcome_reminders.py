import datetime

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from aihub.jobs.commands import add_background_flag, queue
from aihub.outcomes.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Email the people of companies whose outcome report is not submitted: 7 and 1 days "
        "before the deadline, the day after it and weekly after that. Run once a day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)
        parser.add_argument("--dry-run", action="store_true", help="count, send nothing")
        add_background_flag(parser)

    def handle(self, *args: object, **options: object) -> None:
        today = options["today"] or timezone.localdate()
        if options["background"] and not options["dry_run"]:
            day = today.isoformat()
            queue(self, kind="outcomes.send_reminders", key=f"day:{day}", params={"today": day})
            return
        reports, messages = send_reminders(today=today, dry_run=bool(options["dry_run"]))
        verb = "would send" if options["dry_run"] else "queued"
        self.stdout.write(f"{today.isoformat()}: {verb} {messages} messages for {reports} reports")
