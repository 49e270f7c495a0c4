"""For management commands whose work can also run as a background job (``--background``)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from aihub.jobs.errors import JobAlreadyRunning
from aihub.jobs.services import start_job


def add_background_flag(parser: CommandParser) -> None:
    parser.add_argument(
        "--background",
        action="store_true",
        help="queue the work for the background worker instead of doing it now",
    )


def queue(command: BaseCommand, *, kind: str, key: str, params: dict[str, Any]) -> None:
    """Queue the job (no one started it: it comes from a schedule) and say so."""
    try:
        job = start_job(kind=kind, key=key, actor=None, params=params)
    except JobAlreadyRunning as running:
        raise CommandError(str(running.message)) from running
    command.stdout.write(f"Queued job {job.pk} ({kind}); a worker will run it.")
