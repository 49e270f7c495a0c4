"""Recompute the hub figures' summary tables from the reports and memberships.

Run it after loading data that bypasses the services (``bulk_create``, raw SQL, fixtures);
the services keep the tables in step on their own. Safe to run at any time.
"""

from django.core.management.base import BaseCommand

from aihub.outcomes.summary import rebuild


class Command(BaseCommand):
    help = "Recompute the hub figures' summary tables from the outcome reports and memberships."

    def handle(self, *args: object, **options: object) -> None:
        counts = rebuild()
        self.stdout.write(
            "Outcome summaries rebuilt: "
            + ", ".join(f"{name} {count:,}" for name, count in counts.items())
        )
