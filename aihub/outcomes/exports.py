"""The figures and a company's reports as spreadsheets, with exact numbers.

XLSX has one sheet per view of the figures; CSV (with a UTF-8 BOM, through
``core.exports.csv_response``) holds one view, the published table by default.
"""

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from aihub.core.exports import XLSX_TYPE
from aihub.outcomes.figures import Group, HubFigures
from aihub.outcomes.models import Report


@dataclass(frozen=True)
class Sheet:
    key: str
    title: str
    headers: Sequence[str]
    rows: list[list[Any]]


def workbook_response(*, filename: str, sheets: Iterable[Sheet]) -> HttpResponse:
    """An XLSX file with a bold, frozen header row on every sheet; numbers stay numbers."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        worksheet = workbook.create_sheet(title=sheet.title[:31])
        worksheet.append([str(h) for h in sheet.headers])
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            worksheet.append(["" if value is None else value for value in row])
        worksheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _group_sheet(key: str, title: str, first: str, groups: list[Group]) -> Sheet:
    return Sheet(
        key=key,
        title=title,
        headers=[first, _("Companies"), _("Revenue (KRW)"), _("Investment (KRW)")],
        rows=[[g.label, g.companies, g.revenue, g.investment] for g in groups],
    )


def figure_sheets(figures: HubFigures) -> list[Sheet]:
    """The figures as the hub publishes them: summary, years, then each breakdown."""
    totals = figures.totals
    span = f"{figures.range.date_from.isoformat()} – {figures.range.date_to.isoformat()}"
    summary = Sheet(
        key="summary",
        title=_("Summary"),
        headers=[_("Figure"), _("Value")],
        rows=[
            [_("Date range"), span],
            [_("Companies supported in the range"), figures.supported_in_range],
            [_("Companies supported to date"), figures.supported_to_date],
            [_("Companies with accepted reports"), totals.reporting_companies],
            [_("Revenue (KRW)"), totals.revenue],
            [_("Investment attracted (KRW)"), totals.investment],
            [_("New hires"), totals.new_hires],
            [_("New hires aged 15–34"), totals.young_hires],
            [_("Export sales (KRW)"), totals.export_sales],
            [_("Patents and other IP filed"), totals.ip_filed],
            [_("Patents and other IP registered"), totals.ip_registered],
            [_("Products launched"), totals.products_launched],
            [_("Enterprise value at the end of the range (KRW)"), totals.enterprise_value],
        ],
    )
    years = Sheet(
        key="years",
        title=_("By year"),
        headers=[
            _("Year"),
            _("Companies active"),
            _("Companies supported to date"),
            _("Companies with accepted reports"),
            _("Revenue (KRW)"),
            _("Investment (KRW)"),
            _("New hires"),
            _("New hires aged 15–34"),
            _("Enterprise value (KRW)"),
            _("Cumulative revenue (KRW)"),
            _("Cumulative investment (KRW)"),
            _("Cumulative new hires"),
        ],
        rows=[
            [
                row.label,
                row.active_companies,
                row.supported_to_date,
                row.totals.reporting_companies,
                row.totals.revenue,
                row.totals.investment,
                row.totals.new_hires,
                row.totals.young_hires,
                row.totals.enterprise_value,
                row.cumulative_revenue,
                row.cumulative_investment,
                row.cumulative_new_hires,
            ]
            for row in figures.years
        ],
    )
    return [
        summary,
        years,
        _group_sheet("kinds", _("By type"), _("Type"), figures.by_kind),
        _group_sheet("facilities", _("By facility"), _("Facility"), figures.by_facility),
        _group_sheet("domains", _("By AI domain"), _("AI domain"), figures.by_domain),
        _group_sheet("cohorts", _("By year joined"), _("Year joined"), figures.by_cohort),
    ]


def report_sheet(reports: Iterable[Report]) -> Sheet:
    """A company's reports, one line per period, with the figures of the current version."""
    rows = []
    for report in reports:
        version = report.current_version
        rows.append(
            [
                report.period.label,
                report.period.starts_on,
                report.period.ends_on,
                report.get_status_display(),
                version.number if version else None,
                version.revenue if version else None,
                version.investment if version else None,
                version.headcount if version else None,
                version.new_hires if version else None,
                version.young_hires if version else None,
                version.export_sales if version else None,
                version.enterprise_value if version else None,
            ]
        )
    return Sheet(
        key="reports",
        title=_("Reports"),
        headers=[
            _("Period"),
            _("From"),
            _("Until"),
            _("Status"),
            _("Version"),
            _("Revenue (KRW)"),
            _("Investment (KRW)"),
            _("Headcount"),
            _("New hires"),
            _("New hires aged 15–34"),
            _("Export sales (KRW)"),
            _("Enterprise value (KRW)"),
        ],
        rows=rows,
    )
