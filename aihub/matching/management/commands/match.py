"""``manage.py match``: rank or assign partners for demands, from JSONL files.

    match rank   --partners P.jsonl --demands D.jsonl [--top 10] [--out R.jsonl]
    match assign --partners P.jsonl --demands D.jsonl [--per-demand 3] [--candidates N]
                 [--method exact|greedy] [--out A.jsonl]

Partners are lines ``{"id", "name", "text", "tags": [..], "capacity": int}`` (``name``,
``tags`` and ``capacity`` may be left out or null: "", [] and 1), demands
``{"id", "title", "text", "tags": [..]}`` (``title`` and ``tags`` likewise optional). Blank lines
are skipped and other keys ignored. Rank writes ``{"demand", "ranked": [{"partner",
"score", "reasons"}]}`` per demand, best first; assign writes ``{"demand", "partner",
"score"}`` per chosen pair and reports on stderr the demands that got no partner.

Any bad line (not JSON, not an object, a refused record, an unknown tag, a repeated id)
stops the command with an error naming the file and the line; the output file is written
whole, through a temporary file, or not at all. Without ``--out`` the result goes to
standard output. The database is never used.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from django.core.management.base import BaseCommand, CommandError, CommandParser

from aihub.matching.engine import Demand, MatchingInputError, Partner, PartnerIndex, assign, rank
from aihub.matching.engine.taxonomy import default_taxonomy

R = TypeVar("R", Partner, Demand)


def _optional(data: dict[str, Any], key: str, default: Any) -> Any:
    value = data.get(key)
    return default if value is None else value


def _partner(data: dict[str, Any]) -> Partner:
    return Partner(
        id=data.get("id"),
        name=_optional(data, "name", ""),
        text=data.get("text"),
        tags=_optional(data, "tags", ()),
        capacity=_optional(data, "capacity", 1),
    )


def _demand(data: dict[str, Any]) -> Demand:
    return Demand(
        id=data.get("id"),
        title=_optional(data, "title", ""),
        text=data.get("text"),
        tags=_optional(data, "tags", ()),
    )


def read_records(path: Path, kind: str, build: Callable[[dict[str, Any]], R]) -> list[R]:
    """The records of a JSONL file; any bad line raises CommandError naming its number."""
    taxonomy = default_taxonomy()
    records: list[R] = []
    first_line: dict[tuple[type, object], int] = {}
    try:
        raw_lines = path.read_bytes().splitlines()
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
    for number, raw in enumerate(raw_lines, start=1):
        where = f"{path}, line {number}"
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            raise CommandError(f"{where}: not UTF-8 text.") from error
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise CommandError(f"{where}: not valid JSON ({error.msg}).") from error
        if not isinstance(data, dict):
            raise CommandError(f"{where}: expected a JSON object, not {type(data).__name__}.")
        if "id" not in data or "text" not in data:
            raise CommandError(f'{where}: a {kind} needs "id" and "text".')
        try:
            record = build(data)
            taxonomy.resolve_tags(record.tags, kind=kind, record=record.id)
        except MatchingInputError as error:
            raise CommandError(f"{where}: {error}") from error
        key = (type(record.id), record.id)
        if key in first_line:
            raise CommandError(
                f"{where}: the {kind} id {record.id!r} was already used on line {first_line[key]}."
            )
        first_line[key] = number
        records.append(record)
    return records


def write_lines(out: str | None, lines: Iterable[dict[str, Any]], stdout: Any) -> None:
    """Write JSON lines to ``out`` atomically (or to ``stdout`` when ``out`` is None)."""
    text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    if out is None:
        stdout.write(text, ending="")
        return
    target = Path(out)
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise CommandError(f"Cannot write {target}: {error.strerror}.") from error
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise CommandError(f"Cannot write {target}: {error.strerror}.") from error


class Command(BaseCommand):
    help = "Rank or assign partners for demands, from JSONL files, without the database."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{rank,assign}")
        ranking = actions.add_parser("rank", help="The best partners of each demand, with reasons.")
        assigning = actions.add_parser(
            "assign", help="Partners for each demand within the partners' capacities."
        )
        for sub in (ranking, assigning):
            sub.add_argument("--partners", required=True, type=Path, help="Partners, JSONL.")
            sub.add_argument("--demands", required=True, type=Path, help="Demands, JSONL.")
            sub.add_argument("--out", help="Output JSONL file (default: standard output).")
        ranking.add_argument("--top", type=int, default=10, help="Partners per demand (10).")
        assigning.add_argument(
            "--per-demand", type=int, default=3, help="Most partners per demand (3)."
        )
        assigning.add_argument(
            "--candidates",
            type=int,
            default=None,
            help="Only each demand's N best partners (default: every pair with a score).",
        )
        assigning.add_argument("--method", choices=("exact", "greedy"), default="exact")

    def handle(self, *args: object, **options: Any) -> None:
        partners = read_records(options["partners"], "partner", _partner)
        demands = read_records(options["demands"], "demand", _demand)
        try:
            index = PartnerIndex(partners)
            if options["action"] == "rank":
                lines = self._rank(demands, index, options["top"])
            else:
                lines = self._assign(demands, index, options)
        except MatchingInputError as error:
            raise CommandError(str(error)) from error
        write_lines(options["out"], lines, self.stdout)

    def _rank(self, demands: list[Demand], index: PartnerIndex, top: int) -> list[dict[str, Any]]:
        return [
            {
                "demand": ranking.demand,
                "ranked": [
                    {"partner": m.partner, "score": m.score, "reasons": m.reasons.as_dict()}
                    for m in ranking.matches
                ],
            }
            for ranking in rank(demands, index, top=top)
        ]

    def _assign(
        self, demands: list[Demand], index: PartnerIndex, options: dict[str, Any]
    ) -> list[dict[str, Any]]:
        result = assign(
            demands,
            index,
            per_demand=options["per_demand"],
            candidates=options["candidates"],
            method=options["method"],
        )
        self.stderr.write(
            f"{len(result.pairs)} pairs for {len(demands)} demands, total score "
            f"{result.total:.4f} ({options['method']}).",
            style_func=str,
        )
        if result.no_candidates:
            self.stderr.write(
                f"No candidate partner for {len(result.no_candidates)} demands: "
                f"{_ids(result.no_candidates)}.",
                style_func=self.style.WARNING,
            )
        if result.unfilled:
            self.stderr.write(
                f"No partner left for {len(result.unfilled)} demands: {_ids(result.unfilled)}.",
                style_func=self.style.WARNING,
            )
        return [{"demand": p.demand, "partner": p.partner, "score": p.score} for p in result.pairs]


def _ids(ids: Sequence[object], shown: int = 20) -> str:
    """The first ``shown`` ids as JSON values, then how many more there are."""
    listed = ", ".join(json.dumps(i, ensure_ascii=False) for i in ids[:shown])
    return listed if len(ids) <= shown else f"{listed} and {len(ids) - shown} more"
