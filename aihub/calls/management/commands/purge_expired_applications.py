"""``manage.py purge_expired_applications``: the end of the consent's retention period."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from aihub.calls import services
from aihub.calls.services.retention import expired_applications


class Command(BaseCommand):
    help = (
        "Delete the personal data of call applications whose consent retention period has "
        "ended (the day after Application.retain_until, Seoul time). Drafts that were never "
        "submitted are deleted with their documents. Submitted applications are anonymised: "
        "their answers, head-office declaration, uploaded documents (rows and files), "
        "applicant account link, consent text, judges' comments and conflict reasons go; the "
        "call, company, status, decisions and scores stay so that counts and rankings of the "
        "call remain on the record. Every change is audited; running it again changes nothing. "
        "Run it daily from the scheduler."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            help="Treat this day (YYYY-MM-DD) as today; default: today in Seoul.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count what would be deleted; change nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date must be YYYY-MM-DD, not {options['date']!r}") from error
        if options["dry_run"]:
            count = expired_applications(today=today).count()
            self.stdout.write(f"{count} applications are past their retention period.")
            return
        result = services.purge_expired_applications(today=today)
        self.stdout.write(
            f"{result.drafts_deleted} drafts deleted, {result.anonymised} applications "
            f"anonymised, {result.files_deleted} files deleted."
        )
