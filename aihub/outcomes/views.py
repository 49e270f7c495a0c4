"""Company-owned pages: a company's outcomes, its reports, filing, review and consent.

Every URL carries the company as ``pk``; the report is read through the companies gate.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aihub.companies.queries import company_for_user
from aihub.core.audit import history_for
from aihub.core.errors import HubError
from aihub.core.exports import csv_response
from aihub.core.forms import add_hub_error, report_form_errors
from aihub.core.permissions import require
from aihub.outcomes import queries, services
from aihub.outcomes.charts import Series, bar_chart
from aihub.outcomes.checks import plausibility_findings
from aihub.outcomes.enums import ReportStatus
from aihub.outcomes.exports import report_sheet, workbook_response
from aihub.outcomes.figures import company_trend
from aihub.outcomes.formatting import krw
from aihub.outcomes.forms import ReportForm, ReturnForm, RoundFormSet, SubmitForm, round_rows
from aihub.outcomes.models import Report

HISTORY_ON_PAGE = 20


def report_url(report: Report) -> str:
    return reverse("outcomes:report", kwargs={"pk": report.company_id, "report_pk": report.pk})


def _report(request: HttpRequest, pk: int, report_pk: int, perm: str) -> Report:
    """The report behind the URL, through the gate; 404 when the user may not see it."""
    report = queries.report_for_user(user=request.user, company_pk=pk, pk=report_pk)
    require(request, perm, report.company)
    return report


@login_required
@require_GET
def company_outcomes(request: HttpRequest, pk: int) -> HttpResponse:
    """A company's own trends and its reports, period by period."""
    company = company_for_user(user=request.user, pk=pk)
    require(request, "outcomes.view_reports", company)
    trend = company_trend(company_pk=company.pk)
    labels = [point.label for point in trend]
    charts = []
    if trend:
        charts = [
            bar_chart(
                title=_("Revenue and investment by period"),
                labels=labels,
                series=[
                    Series(_("Revenue"), [p.revenue for p in trend]),
                    Series(_("Investment"), [p.investment for p in trend]),
                ],
                show=krw,
            ),
            bar_chart(
                title=_("Headcount at the end of each period"),
                labels=labels,
                series=[Series(_("Headcount"), [p.headcount for p in trend])],
            ),
        ]
    consent = queries.consent_of(company.pk)
    return render(
        request,
        "outcomes/company.html",
        {
            "company": company,
            "reports": list(queries.reports_for_company(company_pk=company.pk, user=request.user)),
            "trend": trend,
            "charts": charts,
            "consent": consent if consent and consent.is_active else None,
            "can_consent": request.user.has_perm("outcomes.manage_consent", company),
        },
    )


@login_required
@require_GET
def company_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The company's reports as XLSX (default) or CSV, with exact amounts."""
    company = company_for_user(user=request.user, pk=pk)
    require(request, "outcomes.view_reports", company)
    sheet = report_sheet(queries.reports_for_company(company_pk=company.pk, user=request.user))
    filename = f"outcomes-{company.registration_number}"
    if request.GET.get("format") == "csv":
        return csv_response(filename=filename, headers=sheet.headers, rows=sheet.rows)
    return workbook_response(filename=filename, sheets=[sheet])


@login_required
@require_GET
def report_detail(request: HttpRequest, pk: int, report_pk: int) -> HttpResponse:
    """The report's current figures, its versions, warnings and history, with its actions."""
    report = _report(request, pk, report_pk, "outcomes.view_reports")
    version = report.current_version
    can_file = request.user.has_perm("outcomes.file_report", report.company)
    can_review = request.user.has_perm("outcomes.review_reports", report.company)
    findings = plausibility_findings(version) if version else []
    return render(
        request,
        "outcomes/report_detail.html",
        {
            "report": report,
            "company": report.company,
            "version": version,
            "rounds": queries.current_rounds(report),
            "versions": list(report.versions.all()),
            "findings": findings,
            "history": history_for(report)[:HISTORY_ON_PAGE],
            "can_edit": can_file and report.is_editable,
            "can_submit": can_file and report.is_editable and version is not None,
            "can_correct": can_file
            and report.status == ReportStatus.ACCEPTED
            and not report.period.is_closed,
            "can_review": can_review
            and report.status == ReportStatus.SUBMITTED
            and not report.period.is_closed,
            "submit_form": SubmitForm(),
            "return_form": ReturnForm(),
        },
    )


def _initial(report: Report) -> tuple[dict, list[dict]]:
    version = report.current_version
    if version is None:
        return {}, []
    rounds = [
        {"closed_on": r.closed_on, "stage": r.stage, "investors": r.investors, "amount": r.amount}
        for r in queries.current_rounds(report)
    ]
    return version.figures(), rounds


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, pk: int, report_pk: int) -> HttpResponse:
    """Fill in or change the draft; saving never submits it."""
    report = _report(request, pk, report_pk, "outcomes.file_report")
    if not report.is_editable:
        messages.error(request, _("This report cannot be changed now."))
        return redirect(report_url(report))
    initial, initial_rounds = _initial(report)
    form = ReportForm(request.POST or None, initial=initial)
    rounds = RoundFormSet(request.POST or None, initial=initial_rounds, prefix="rounds")
    if request.method == "POST" and form.is_valid() and rounds.is_valid():
        try:
            services.save_draft(
                report=report,
                figures=form.cleaned_data,
                rounds=round_rows(rounds),
                actor=request.user,
            )
        except HubError as error:
            _place_round_errors(rounds, error)
            add_hub_error(form, error)
        else:
            messages.success(request, _("The draft was saved. Submit it when it is complete."))
            return redirect(report_url(report))
    invalid = bool(form.errors) or any(rounds.errors) or bool(rounds.non_form_errors())
    return render(
        request,
        "outcomes/report_form.html",
        {"report": report, "company": report.company, "form": form, "rounds": rounds},
        status=400 if invalid else 200,
    )


def _place_round_errors(rounds: RoundFormSet, error: HubError) -> None:
    """Move ``rounds.<n>.<field>`` errors onto the rows of the formset that were filled."""
    filled = [f for f in rounds.forms if f.has_changed() and not f.cleaned_data.get("DELETE")]
    for key in [k for k in error.errors if k.startswith("rounds.")]:
        _prefix, index, field = key.split(".", 2)
        messages_for = error.errors.pop(key)
        if int(index) < len(filled):
            for message in messages_for:
                filled[int(index)].add_error(field, message)


@login_required
@require_POST
def report_submit(request: HttpRequest, pk: int, report_pk: int) -> HttpResponse:
    report = _report(request, pk, report_pk, "outcomes.file_report")
    form = SubmitForm(request.POST)
    form.is_valid()
    try:
        services.submit_report(
            report=report,
            confirm_warnings=form.cleaned_data.get("confirm_warnings", False),
            actor=request.user,
        )
    except HubError as error:
        messages.error(request, str(error.message))
        for field_messages in error.errors.values():
            for message in field_messages:
                messages.warning(request, message)
    else:
        messages.success(request, _("The report was submitted to hub staff for review."))
    return redirect(report_url(report))


@login_required
@require_POST
def report_return(request: HttpRequest, pk: int, report_pk: int) -> HttpResponse:
    report = _report(request, pk, report_pk, "outcomes.review_reports")
    form = ReturnForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect(report_url(report))
    try:
        services.return_report(
            report=report, comment=form.cleaned_data["comment"], actor=request.user
        )
    except HubError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The report was returned to the company."))
    return redirect(report_url(report))


@login_required
@require_POST
def report_accept(request: HttpRequest, pk: int, report_pk: int) -> HttpResponse:
    report = _report(request, pk, report_pk, "outcomes.review_reports")
    try:
        services.accept_report(report=report, actor=request.user)
    except HubError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The report was accepted and now counts in the figures."))
    return redirect(report_url(report))


@login_required
@require_POST
def report_correct(request: HttpRequest, pk: int, report_pk: int) -> HttpResponse:
    report = _report(request, pk, report_pk, "outcomes.file_report")
    try:
        services.start_correction(report=report, actor=request.user)
    except HubError as error:
        messages.error(request, str(error.message))
        return redirect(report_url(report))
    messages.success(
        request, _("A new version was started. The accepted one counts until it is replaced.")
    )
    return redirect(reverse("outcomes:report_edit", kwargs={"pk": pk, "report_pk": report_pk}))


@login_required
@require_POST
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    """Record or withdraw the company's consent to publish its figures by name."""
    company = company_for_user(user=request.user, pk=pk)
    require(request, "outcomes.manage_consent", company)
    granted = request.POST.get("granted") == "1"
    services.set_publication_consent(company=company, granted=granted, actor=request.user)
    if granted:
        messages.success(request, _("Consent to publish the company's figures was recorded."))
    else:
        messages.success(request, _("Consent to publish the company's figures was withdrawn."))
    return redirect(reverse("outcomes:company", kwargs={"pk": pk}))
