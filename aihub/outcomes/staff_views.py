"""Staff pages (periods, review queue, dashboard, export) and the public figures page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aihub.core.errors import HubError
from aihub.core.exports import csv_response
from aihub.core.forms import add_hub_error
from aihub.core.pagination import paginate
from aihub.core.permissions import require
from aihub.jobs.shortcuts import start_and_follow
from aihub.outcomes import queries, services
from aihub.outcomes.charts import Series, bar_chart
from aihub.outcomes.enums import ReportStatus
from aihub.outcomes.exports import figure_sheets, workbook_response
from aihub.outcomes.figures import HubFigures, hub_figures
from aihub.outcomes.formatting import krw
from aihub.outcomes.forms import PeriodForm, RangeForm
from aihub.outcomes.publication import TooFewCompanies, consenting_companies, publishable


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    query.pop("view", None)
    return query.urlencode()


def _charts(figures: HubFigures) -> list:
    labels = [row.label for row in figures.years]
    return [
        bar_chart(
            title=_("Revenue and investment by year"),
            labels=labels,
            series=[
                Series(_("Revenue"), [row.totals.revenue for row in figures.years]),
                Series(_("Investment"), [row.totals.investment for row in figures.years]),
            ],
            show=krw,
        ),
        bar_chart(
            title=_("Companies supported to date and new hires by year"),
            labels=labels,
            series=[
                Series(
                    _("Companies supported to date"), [r.supported_to_date for r in figures.years]
                ),
                Series(_("New hires"), [row.totals.new_hires for row in figures.years]),
            ],
        ),
        bar_chart(
            title=_("Companies by year joined"),
            labels=[group.label for group in figures.by_cohort],
            series=[Series(_("Companies"), [group.companies for group in figures.by_cohort])],
        ),
    ]


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Staff's figures for any date range, with charts and the counting rules."""
    require(request, "outcomes.view_dashboard")
    form = RangeForm(request.GET or None)
    figures = hub_figures(form.figure_range())
    return render(
        request,
        "outcomes/dashboard.html",
        {
            "form": form,
            "figures": figures,
            "charts": _charts(figures),
            "max_domain": max((g.companies for g in figures.by_domain), default=0) or 1,
            "query": _query(request),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def figures_export(request: HttpRequest) -> HttpResponse:
    """The figures as XLSX, one sheet per view, or one view (``view=``) as CSV."""
    require(request, "outcomes.export_figures")
    form = RangeForm(request.GET or None)
    figures = hub_figures(form.figure_range())
    sheets = figure_sheets(figures)
    if request.GET.get("format") == "csv":
        chosen = next((s for s in sheets if s.key == request.GET.get("view")), sheets[1])
        return csv_response(
            filename=f"hub-figures-{chosen.key}", headers=chosen.headers, rows=chosen.rows
        )
    return workbook_response(filename="hub-figures", sheets=sheets)


@require_GET
def public_figures(request: HttpRequest) -> HttpResponse:
    """The figures anyone may see: aggregates of 5 or more companies, names by consent.

    A range whose reports cover fewer than 5 companies still shows the page, with the
    reason in place of the aggregates (and the companies named by consent).
    """
    form = RangeForm(request.GET or None)
    figure_range = form.figure_range()
    try:
        figures = publishable(hub_figures(figure_range))
    except TooFewCompanies as refusal:
        figures, refused = None, str(refusal.message)
    else:
        refused = ""
    return render(
        request,
        "outcomes/public.html",
        {
            "form": form,
            "figures": figures,
            "refused": refused,
            "charts": _charts(figures)[:1] if figures else [],
            "named": consenting_companies(figure_range),
        },
    )


@login_required
@require_GET
def period_list(request: HttpRequest) -> HttpResponse:
    require(request, "outcomes.manage_periods")
    page = paginate(
        queries.periods_with_counts(),
        page=request.GET.get("page"),
        per_page=settings.AIHUB_PAGE_SIZE,
    )
    return render(
        request,
        "outcomes/period_list.html",
        {"page": page, "periods": page.object_list, "query": ""},
    )


@login_required
@require_POST
def send_reminders_now(request: HttpRequest) -> HttpResponse:
    """Queue today's report reminders in the background (a second run the same day sends
    nothing new)."""
    require(request, "outcomes.manage_periods")
    today = timezone.localdate().isoformat()
    return start_and_follow(
        request, kind="outcomes.send_reminders", key=f"day:{today}", params={"today": today}
    )


@login_required
@require_http_methods(["GET", "POST"])
def period_create(request: HttpRequest) -> HttpResponse:
    """Open a quarterly or annual period; every active company gets a report to file."""
    require(request, "outcomes.manage_periods")
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            period = services.open_period(actor=request.user, **form.cleaned_data)
        except HubError as error:
            add_hub_error(form, error)
        else:
            messages.success(
                request,
                _("The period %(period)s is open: %(count)s companies have a report to file.")
                % {"period": period.label, "count": period.reports.count()},
            )
            return redirect(reverse("outcomes:period", kwargs={"period_pk": period.pk}))
    return render(
        request, "outcomes/period_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_GET
def period_detail(request: HttpRequest, period_pk: int) -> HttpResponse:
    """The reports of one period, filtered by status, a page at a time."""
    require(request, "outcomes.manage_periods")
    period = queries.period_for_staff(pk=period_pk)
    status = request.GET.get("status", "")
    reports = queries.reports_for_user(user=request.user).filter(period=period)
    if status in ReportStatus.values:
        reports = reports.filter(status=status)
    page = paginate(
        reports.order_by("company__name_ko", "id"),
        page=request.GET.get("page"),
        per_page=settings.AIHUB_PAGE_SIZE,
    )
    return render(
        request,
        "outcomes/period_detail.html",
        {
            "period": period,
            "page": page,
            "reports": page.object_list,
            "status": status,
            "statuses": ReportStatus.choices,
            "query": f"status={status}" if status else "",
        },
    )


@login_required
@require_POST
def period_add_reports(request: HttpRequest, period_pk: int) -> HttpResponse:
    require(request, "outcomes.manage_periods")
    period = queries.period_for_staff(pk=period_pk)
    try:
        count = services.add_missing_reports(period=period, actor=request.user)
    except HubError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("%(count)s reports were added.") % {"count": count})
    return redirect(reverse("outcomes:period", kwargs={"period_pk": period.pk}))


@login_required
@require_POST
def period_close(request: HttpRequest, period_pk: int) -> HttpResponse:
    require(request, "outcomes.manage_periods")
    period = queries.period_for_staff(pk=period_pk)
    try:
        services.close_period(period=period, actor=request.user)
    except HubError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The period was closed; its reports are locked."))
    return redirect(reverse("outcomes:period", kwargs={"period_pk": period.pk}))


@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    """Submitted reports waiting for staff, oldest deadline first."""
    require(request, "outcomes.review_reports")
    reports = (
        queries.reports_for_user(user=request.user)
        .filter(status=ReportStatus.SUBMITTED)
        .order_by("period__deadline", "company__name_ko", "id")
    )
    page = paginate(reports, page=request.GET.get("page"), per_page=settings.AIHUB_PAGE_SIZE)
    return render(
        request,
        "outcomes/review_queue.html",
        {"page": page, "reports": page.object_list, "query": ""},
    )
