"""Large exports built by a job: the same rows as the page's export, written to a file that
waits on the job's page for the person who asked for it."""

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aihub.core.exports import XLSX, table_bytes
from aihub.jobs.progress import Progress
from aihub.jobs.registry import JobResult

EVERY = 250


def _counted(rows: Iterable[Sequence[Any]], *, progress: Progress, total: int) -> Iterator:
    progress.update(done=0, total=total, message=_("Writing the rows"))
    for done, row in enumerate(rows, start=1):
        if done % EVERY == 0:
            progress.update(done=done)
        yield row


def export_result(
    *,
    progress: Progress,
    total: int,
    name: str,
    fmt: str,
    sheet: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
) -> JobResult:
    """Build the file from ``rows`` with progress and offer it as the job's result."""
    fmt = XLSX if fmt == XLSX else "csv"
    content = table_bytes(
        fmt=fmt, sheet=sheet, headers=headers, rows=_counted(rows, progress=progress, total=total)
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return JobResult(
        message=ngettext(
            "The export of %(count)s row is ready.", "The export of %(count)s rows is ready.", total
        )
        % {"count": total},
        file=(f"{name}-{stamp}.{fmt}", content),
    )
