"""``manage.py seed_demo``: load the deterministic demo data set."""

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from aihub.bookings.demo import seed_bookings
from aihub.calls.demo import seed_calls
from aihub.demo.seed import COMPANIES_PER_SCALE, DEMO_LOGINS, DEMO_PASSWORD, seed_demo
from aihub.events.demo import seed_events
from aihub.leasing.demo import seed_invoices, seed_leasing
from aihub.matching.demo import seed_matching
from aihub.outbox.services import suppressed
from aihub.outcomes.demo import seed_outcomes
from aihub.outcomes.summary import deferred as summaries_deferred


class Command(BaseCommand):
    help = (
        "Load the demo data set: facilities, partners, AI domains, companies with their "
        "membership history since 2017, one demo account per role, spaces and leases, "
        "invoices and payments of the last 6 months, room bookings from 2 weeks back to "
        "3 weeks ahead, the annual outcome reports 2017-2024 (the published figures) and the "
        "current quarter's, calls in every state, about 100 experts and 60 demands with "
        "proposals, events and a demo day. Safe to run again: existing objects are skipped, "
        "and a --full run after a default one adds what the default left out. Sends no mail."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help=f"Multiply the number of companies ({COMPANIES_PER_SCALE} per unit; default 1) "
            "and of the other demo objects.",
        )
        parser.add_argument(
            "--full",
            action="store_true",
            help="Load the full history (several minutes): invoices and payments of 24 months, "
            "a year of bookings and a month ahead, every quarterly outcome report since 2025, "
            "about 300 experts and 200 demands.",
        )

    def handle(self, *args: Any, scale: int, full: bool, **options: Any) -> None:
        if scale < 1:
            raise CommandError("--scale must be at least 1.")
        started = time.monotonic()
        with suppressed(), summaries_deferred():
            report = seed_demo(scale=scale, stdout=self.stdout)
            more = seed_leasing(scale=scale, full=full, invoices=False, stdout=self.stdout)
            bookings = seed_bookings(scale=scale, full=full, stdout=self.stdout)
            more.update({kind: bookings[kind] for kind in ("rooms", "bookings")})
            more.update(seed_invoices(full=full, stdout=self.stdout))
            more["outcome reports"] = seed_outcomes(scale=scale, full=full, stdout=self.stdout)
            more.update(seed_calls(scale=scale, stdout=self.stdout))
            more.update(seed_matching(scale=scale, full=full, stdout=self.stdout))
            seed_events(scale=scale, stdout=self.stdout)
        elapsed = time.monotonic() - started

        self.stdout.write("")
        self.stdout.write(f"{'kind':<20} {'created':>8} {'skipped':>8}")
        for kind, created, skipped in report.rows():
            self.stdout.write(f"{kind:<20} {created:>8} {skipped:>8}")
        for kind, created in sorted(more.items()):
            self.stdout.write(f"{kind:<20} {created:>8}")
        total = report.total_created + sum(more.values())
        self.stdout.write(self.style.SUCCESS(f"{total} objects created in {elapsed:.1f} s."))

        self.stdout.write("")
        self.stdout.write(f"Demo logins (password: {DEMO_PASSWORD})")
        width = max(len(email) for email, _label in DEMO_LOGINS)
        for email, label in DEMO_LOGINS:
            self.stdout.write(f"  {email:<{width}}  {label}")
