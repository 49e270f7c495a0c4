"""Release bookings nobody checked in to; run every few minutes (cron or a timer)."""

from django.core.management.base import BaseCommand

from aihub.bookings import services


class Command(BaseCommand):
    help = (
        "Release confirmed bookings not checked in within 15 minutes of their start, and "
        "decline requests still pending when they begin."
    )

    def handle(self, *args: object, **options: object) -> None:
        count = services.release_no_shows()
        if options.get("verbosity", 1):
            self.stdout.write(f"{count} bookings released or declined.")
