"""What the pages and exports show of the figures."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from aihub.core.models import is_english, pick
from aihub.matching.queries import Counts


@dataclass(frozen=True)
class StatsRow:
    name: str
    counts: Counts


def stats_rows(rows: list[tuple[str, str, Counts]]) -> list[StatsRow]:
    english = is_english()
    return [
        StatsRow(pick(ko, en, english=english) or _("No institution"), counts)
        for ko, en, counts in rows
    ]


def stats_headers() -> list[str]:
    return [_("Partner institution"), _("Proposed"), _("Accepted"), _("Solved")]
