"""``manage.py issue_invoices --month 2026-11``: the monthly invoice run."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from aihub.core.errors import HubError
from aihub.leasing.billing import parse_month
from aihub.leasing.services import issue_invoices


class Command(BaseCommand):
    help = "Issue one invoice per company for a month; a second run creates nothing new."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", required=True, help="The month, like 2026-11.")

    def handle(self, *args: object, month: str, **options: object) -> None:
        try:
            first = parse_month(month)
        except ValueError as exc:
            raise CommandError(f"--month must look like 2026-11, not {month!r}") from exc
        try:
            created = issue_invoices(month=first, actor=None)
        except HubError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(f"{len(created)} invoices issued for {first:%Y-%m}.")
