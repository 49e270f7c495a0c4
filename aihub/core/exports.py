"""Spreadsheet exports that open cleanly in Excel: XLSX, and CSV with a UTF-8 BOM."""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if value is None:
        return ""
    if isinstance(value, (int, float, date, str)):
        return value
    return str(value)


def rows_in_request() -> int:
    """Exports up to this many rows (``AIHUB_EXPORT_ROWS_IN_REQUEST``, 1,000) are built while
    the person waits; larger ones in the background (see ``aihub.jobs``)."""
    return settings.AIHUB_EXPORT_ROWS_IN_REQUEST


XLSX = "xlsx"
CSV = "csv"


def xlsx_bytes(*, sheet: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """One sheet with a bold header row; numbers and dates stay typed."""
    workbook = Workbook(write_only=False)
    worksheet = workbook.active
    worksheet.title = sheet[:31]
    worksheet.append([str(h) for h in headers])
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(h)) + 2 for h in headers]
    for row in rows:
        values = [_cell(v) for v in row]
        worksheet.append(values)
        for i, value in enumerate(values):
            widths[i] = min(60, max(widths[i], len(str(value)) + 2))
    for i, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(i)].width = width
    worksheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(*, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """CSV with a UTF-8 byte-order mark so Excel reads Korean correctly."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([str(h) for h in headers])
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def table_bytes(
    *, fmt: str, sheet: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> bytes:
    """The table as an XLSX workbook (``fmt`` "xlsx") or CSV (anything else)."""
    if fmt == XLSX:
        return xlsx_bytes(sheet=sheet, headers=headers, rows=rows)
    return csv_bytes(headers=headers, rows=rows)


def xlsx_response(
    *, filename: str, sheet: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """The table as an XLSX download."""
    response = HttpResponse(
        xlsx_bytes(sheet=sheet, headers=headers, rows=rows), content_type=XLSX_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def csv_response(
    *, filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """The table as a CSV download (UTF-8 with a byte-order mark)."""
    response = HttpResponse(
        csv_bytes(headers=headers, rows=rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
