import json
import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from aihub.events.scheduling import InstanceError, load_instance, schedule


class Command(BaseCommand):
    help = (
        "Schedule demo-day investor meetings from an instance JSON file and write the "
        "schedule (meetings, objective, upper bound, gap) as JSON."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, type=Path, help="instance JSON file")
        parser.add_argument("--output", required=True, type=Path, help="schedule JSON file")
        parser.add_argument(
            "--time-limit",
            type=float,
            default=60.0,
            help="wall-clock seconds for the scheduler (default 60)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source, target = Path(options["input"]), Path(options["output"])
        time_limit = float(options["time_limit"])
        if not time_limit > 0:
            raise CommandError(
                f"--time-limit must be a positive number of seconds, got {time_limit}."
            )
        if not target.parent.is_dir():
            raise CommandError(f"Cannot write {target}: the folder {target.parent} does not exist.")
        try:
            instance = load_instance(source)
        except InstanceError as error:
            raise CommandError(str(error)) from error
        result = schedule(instance, time_limit=time_limit)
        write_json(target, result.to_dict())
        self.stdout.write(
            f"{len(result.meetings)} meetings, {result.covered_startups} of "
            f"{len(instance.startups)} startups covered, objective {result.objective}, "
            f"upper bound {result.upper_bound} (gap {result.gap:.2%}, {result.status}); "
            f"{len(result.below_minimum)} people below their minimum. Written to {target}."
        )


def write_json(target: Path, data: dict[str, Any]) -> None:
    """Write ``data`` to ``target`` atomically: a reader never sees half a file."""
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False, indent=2)
            stream.write("\n")
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
