"""Outcome endpoints: the same gate, permissions and services as the pages."""

import datetime
from dataclasses import asdict

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from aihub.companies.queries import company_for_user
from aihub.core.api import Error, page_of
from aihub.core.errors import ValidationFailed
from aihub.core.permissions import require
from aihub.outcomes import queries, services
from aihub.outcomes.enums import Basis, ReportStatus
from aihub.outcomes.figures import HUB_OPENED, FigureRange, HubFigures, company_trend, hub_figures
from aihub.outcomes.models import Report, ReportingPeriod
from aihub.outcomes.publication import consenting_companies, publishable
from aihub.outcomes.schemas import (
    CompanyFiguresOut,
    ConsentIn,
    ConsentOut,
    FiguresOut,
    PeriodIn,
    PeriodOut,
    PeriodPage,
    PublicFiguresOut,
    ReportIn,
    ReportOut,
    ReportPage,
    ReturnIn,
    SubmitIn,
)

router = Router(tags=["outcomes"])
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


def _report(request: HttpRequest, pk: int, report_pk: int, perm: str) -> Report:
    report = queries.report_for_user(user=request.user, company_pk=pk, pk=report_pk)
    require(request, perm, report.company)
    return report


def _fresh(request: HttpRequest, report: Report) -> Report:
    return queries.report_for_user(user=request.user, company_pk=report.company_id, pk=report.pk)


def _range(
    date_from: datetime.date | None, date_to: datetime.date | None, basis: Basis
) -> FigureRange:
    start = date_from or HUB_OPENED
    end = date_to or timezone.localdate()
    if start > end:
        raise ValidationFailed(_("The end of the range is before its start."), field="date_to")
    return FigureRange(date_from=start, date_to=end, basis=basis)


def _figures_payload(figures: HubFigures) -> dict:
    return {
        "date_from": figures.range.date_from,
        "date_to": figures.range.date_to,
        "basis": figures.range.basis,
        "supported_in_range": figures.supported_in_range,
        "supported_to_date": figures.supported_to_date,
        "totals": asdict(figures.totals),
        "years": [
            {
                "year": row.label,
                "active_companies": row.active_companies,
                "supported_to_date": row.supported_to_date,
                "revenue": row.totals.revenue,
                "investment": row.totals.investment,
                "new_hires": row.totals.new_hires,
                "enterprise_value": row.totals.enterprise_value,
                "cumulative_revenue": row.cumulative_revenue,
                "cumulative_investment": row.cumulative_investment,
            }
            for row in figures.years
        ],
        **{
            name: [asdict(group) for group in getattr(figures, name)]
            for name in ("by_kind", "by_facility", "by_domain", "by_cohort")
        },
    }


@router.get("/periods", response={200: PeriodPage, **ERRORS}, summary="List reporting periods")
def list_periods(
    request: HttpRequest, page: int = 1, page_size: int = Query(25, ge=1, le=100)
) -> dict:
    require(request, "outcomes.manage_periods")
    return page_of(ReportingPeriod.objects.order_by("-starts_on"), page=page, page_size=page_size)


@router.post("/periods", response={201: PeriodOut, **ERRORS}, summary="Open a reporting period")
def open_period(request: HttpRequest, payload: PeriodIn) -> Status[ReportingPeriod]:
    require(request, "outcomes.manage_periods")
    period = services.open_period(actor=request.user, **payload.dict())
    return Status(201, period)


@router.get("/reports", response={200: ReportPage, **ERRORS}, summary="List outcome reports")
def list_reports(
    request: HttpRequest,
    period: int | None = None,
    status: ReportStatus | None = None,
    page: int = 1,
    page_size: int = Query(25, ge=1, le=100),
) -> dict:
    """Staff see every company's reports, a company member their own company's."""
    reports = queries.reports_for_user(user=request.user)
    if period is not None:
        reports = reports.filter(period_id=period)
    if status is not None:
        reports = reports.filter(status=status)
    reports = reports.order_by("-period__starts_on", "company__name_ko", "id")
    return page_of(reports, page=page, page_size=page_size)


@router.get(
    "/companies/{int:pk}/reports/{int:report_pk}",
    response={200: ReportOut, **ERRORS},
    summary="One outcome report",
)
def get_report(request: HttpRequest, pk: int, report_pk: int) -> Report:
    return _report(request, pk, report_pk, "outcomes.view_reports")


@router.put(
    "/companies/{int:pk}/reports/{int:report_pk}",
    response={200: ReportOut, **ERRORS},
    summary="Save the report's draft",
)
def save_report(request: HttpRequest, pk: int, report_pk: int, payload: ReportIn) -> Report:
    report = _report(request, pk, report_pk, "outcomes.file_report")
    data = payload.dict()
    rounds = data.pop("rounds")
    services.save_draft(report=report, figures=data, rounds=rounds, actor=request.user)
    return _fresh(request, report)


@router.post(
    "/companies/{int:pk}/reports/{int:report_pk}/submit",
    response={200: ReportOut, **ERRORS},
    summary="Submit the report for review",
)
def submit_report(request: HttpRequest, pk: int, report_pk: int, payload: SubmitIn) -> Report:
    report = _report(request, pk, report_pk, "outcomes.file_report")
    services.submit_report(
        report=report, confirm_warnings=payload.confirm_warnings, actor=request.user
    )
    return _fresh(request, report)


@router.post(
    "/companies/{int:pk}/reports/{int:report_pk}/return",
    response={200: ReportOut, **ERRORS},
    summary="Return the report to the company with a comment",
)
def return_report(request: HttpRequest, pk: int, report_pk: int, payload: ReturnIn) -> Report:
    report = _report(request, pk, report_pk, "outcomes.review_reports")
    services.return_report(report=report, comment=payload.comment, actor=request.user)
    return _fresh(request, report)


@router.post(
    "/companies/{int:pk}/reports/{int:report_pk}/accept",
    response={200: ReportOut, **ERRORS},
    summary="Accept the report",
)
def accept_report(request: HttpRequest, pk: int, report_pk: int) -> Report:
    report = _report(request, pk, report_pk, "outcomes.review_reports")
    services.accept_report(report=report, actor=request.user)
    return _fresh(request, report)


@router.post(
    "/companies/{int:pk}/reports/{int:report_pk}/correction",
    response={200: ReportOut, **ERRORS},
    summary="Start a correction of an accepted report",
)
def correct_report(request: HttpRequest, pk: int, report_pk: int) -> Report:
    report = _report(request, pk, report_pk, "outcomes.file_report")
    services.start_correction(report=report, actor=request.user)
    return _fresh(request, report)


@router.get(
    "/companies/{int:pk}/figures",
    response={200: CompanyFiguresOut, **ERRORS},
    summary="A company's own figures, period by period",
)
def company_figures(request: HttpRequest, pk: int) -> dict:
    company = company_for_user(user=request.user, pk=pk)
    require(request, "outcomes.view_reports", company)
    consent = queries.consent_of(company.pk)
    return {
        "company_id": company.pk,
        "publication_consent": bool(consent and consent.is_active),
        "periods": [asdict(point) for point in company_trend(company_pk=company.pk)],
    }


@router.put(
    "/companies/{int:pk}/consent",
    response={200: ConsentOut, **ERRORS},
    summary="Record or withdraw consent to publish the company's figures by name",
)
def set_consent(request: HttpRequest, pk: int, payload: ConsentIn) -> dict:
    company = company_for_user(user=request.user, pk=pk)
    require(request, "outcomes.manage_consent", company)
    services.set_publication_consent(company=company, granted=payload.granted, actor=request.user)
    return {"granted": payload.granted}


@router.get("/figures", response={200: FiguresOut, **ERRORS}, summary="Hub figures (staff)")
def figures(
    request: HttpRequest,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    basis: Basis = Basis.MEMBER,
) -> dict:
    """Every figure for the range, including groups of fewer than 5 companies."""
    require(request, "outcomes.view_dashboard")
    return _figures_payload(hub_figures(_range(date_from, date_to, basis)))


@router.get(
    "/public-figures",
    response={200: PublicFiguresOut, **ERRORS},
    auth=None,
    summary="Published hub figures",
)
def public_figures(
    request: HttpRequest,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    basis: Basis = Basis.MEMBER,
) -> dict:
    """Aggregates of at least 5 companies; companies by name only with their consent.

    A range whose reports cover fewer than 5 companies is refused with 403
    ``too_few_companies``.
    """
    figure_range = _range(date_from, date_to, basis)
    payload = _figures_payload(publishable(hub_figures(figure_range)))
    payload["companies_by_name"] = [asdict(c) for c in consenting_companies(figure_range)]
    return payload
