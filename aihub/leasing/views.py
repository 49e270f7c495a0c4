"""Leasing pages: they parse, authorise through django-rules, call one service, render."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aihub.companies.models import Company
from aihub.companies.queries import companies_of_user
from aihub.core.audit import history_for
from aihub.core.errors import HubError, PermissionDenied
from aihub.core.exports import csv_response, xlsx_response
from aihub.core.forms import add_hub_error, report_form_errors
from aihub.core.pagination import paginate
from aihub.core.permissions import require
from aihub.jobs.shortcuts import export_in_background, start_and_follow
from aihub.leasing import dashboard as figures
from aihub.leasing import queries, services
from aihub.leasing.billing import ROUNDING_RULE
from aihub.leasing.display import dashboard_page
from aihub.leasing.exports import invoice_headers, invoice_rows
from aihub.leasing.forms import (
    CancelInvoiceForm,
    EndDateForm,
    InvoiceFilterForm,
    InvoicePdfsForm,
    InvoiceRunForm,
    LeaseFilterForm,
    LeaseForm,
    PaymentForm,
    SpaceFilterForm,
    SpaceForm,
    SpaceStatusForm,
    invoice_filters,
)
from aihub.leasing.models import Invoice, Lease
from aihub.leasing.pdf import FontMissing, invoice_pdf
from aihub.leasing.services.invoices import check_month_begun
from aihub.spaces import services as space_services


def _company(request: HttpRequest, pk: int) -> Company:
    """The company in the URL, through the gate; 404 when the user may not see it."""
    company = queries.company_leasing_for_user(user=request.user, pk=pk)
    require(request, "leasing.view_company_leasing", company)
    return company


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Occupancy, vacancies, leases ending soon, revenue and receivables (staff)."""
    require(request, "leasing.view_dashboard")
    return render(request, "leasing/dashboard.html", {"page": dashboard_page(figures.dashboard())})


@login_required
@require_GET
def space_list(request: HttpRequest) -> HttpResponse:
    require(request, "leasing.manage_spaces")
    form = SpaceFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    spaces = queries.spaces_for_user(
        user=request.user,
        facility=data.get("facility", ""),
        kind=data.get("kind", ""),
        status=data.get("status", ""),
    )
    page = paginate(spaces, page=request.GET.get("page"), per_page=settings.AIHUB_PAGE_SIZE)
    return render(
        request,
        "leasing/space_list.html",
        {"form": form, "page": page, "query": _query(request), "status_form": SpaceStatusForm()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def space_create(request: HttpRequest) -> HttpResponse:
    require(request, "leasing.manage_spaces")
    form = SpaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            space = space_services.create_space(actor=request.user, **form.service_arguments())
        except HubError as error:
            add_hub_error(form, error)
        else:
            messages.success(request, _("Space %(code)s was created.") % {"code": space.code})
            return redirect("leasing:floor", floor_pk=space.floor_id)
    return render(
        request, "leasing/space_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_POST
def space_status(request: HttpRequest, space_pk: int) -> HttpResponse:
    require(request, "leasing.manage_spaces")
    space = queries.space_for_user(user=request.user, pk=space_pk)
    form = SpaceStatusForm(request.POST)
    if form.is_valid():
        space_services.set_space_status(
            space=space, status=form.cleaned_data["status"], actor=request.user
        )
        messages.success(request, _("The space's status was saved."))
    else:
        report_form_errors(request, form)
    return redirect("leasing:floor", floor_pk=space.floor_id)


@login_required
@require_GET
def floor_detail(request: HttpRequest, floor_pk: int) -> HttpResponse:
    """Every space of a floor with its occupants today, or its vacancy (staff)."""
    require(request, "leasing.list_all")
    floor = queries.floor_with_spaces(floor_pk=floor_pk)
    return render(request, "leasing/floor.html", {"floor": floor, "status_form": SpaceStatusForm()})


@login_required
@require_GET
def lease_list(request: HttpRequest) -> HttpResponse:
    require(request, "leasing.list_all")
    form = LeaseFilterForm(request.GET or None)
    data = {k: v for k, v in (form.cleaned_data if form.is_valid() else {}).items() if v}
    leases = queries.leases_for_user(user=request.user, filters=queries.LeaseFilters(**data))
    page = paginate(leases, page=request.GET.get("page"), per_page=settings.AIHUB_PAGE_SIZE)
    return render(
        request, "leasing/lease_list.html", {"form": form, "page": page, "query": _query(request)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def lease_create(request: HttpRequest) -> HttpResponse:
    require(request, "leasing.manage_leases")
    initial = {"company": request.GET.get("company")} if request.GET.get("company") else None
    form = LeaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            lease = services.create_lease(actor=request.user, **form.service_arguments())
        except HubError as error:
            add_hub_error(form, error)
        else:
            messages.success(request, _("Lease %(lease)s was saved.") % {"lease": lease.number})
            return redirect(_lease_url(lease))
    return render(
        request, "leasing/lease_form.html", {"form": form}, status=400 if form.errors else 200
    )


def _lease_url(lease: Lease) -> str:
    return reverse("leasing:lease", kwargs={"pk": lease.company_id, "lease_pk": lease.pk})


def _invoice_url(invoice: Invoice) -> str:
    return reverse("leasing:invoice", kwargs={"pk": invoice.company_id, "invoice_pk": invoice.pk})


def _invoice_filters(request: HttpRequest) -> tuple[InvoiceFilterForm, queries.InvoiceFilters]:
    return invoice_filters(request.GET)


@login_required
@require_GET
def invoice_list(request: HttpRequest) -> HttpResponse:
    require(request, "leasing.list_all")
    form, filters = _invoice_filters(request)
    invoices = queries.invoices_for_user(user=request.user, filters=filters)
    page = paginate(invoices, page=request.GET.get("page"), per_page=settings.AIHUB_PAGE_SIZE)
    return render(
        request,
        "leasing/invoice_list.html",
        {
            "form": form,
            "page": page,
            "query": _query(request),
            "today": timezone.localdate(),
            "month": filters.month.strftime("%Y-%m") if filters.month else "",
        },
    )


@login_required
@require_GET
def invoice_export(request: HttpRequest) -> HttpResponse:
    """The filtered invoices for accounting, as XLSX (default) or CSV; more than 1,000 are
    written by a background job whose page offers the file."""
    require(request, "leasing.export")
    _form, filters = _invoice_filters(request)
    invoices = queries.invoices_for_user(user=request.user, filters=filters)
    background = export_in_background(
        request, kind="leasing.export_invoices", count=invoices.count()
    )
    if background is not None:
        return background
    rows = invoice_rows(invoices)
    if request.GET.get("format") == "csv":
        return csv_response(filename="invoices", headers=invoice_headers(), rows=rows)
    return xlsx_response(
        filename="invoices", sheet=_("Invoices"), headers=invoice_headers(), rows=rows
    )


@login_required
@require_http_methods(["GET", "POST"])
def invoice_run(request: HttpRequest) -> HttpResponse:
    """Start the month's invoice run in the background and follow its progress; a second run
    for the same month creates nothing, and one already under way is not started again."""
    require(request, "leasing.run_invoices")
    form = InvoiceRunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        month = form.cleaned_data["month"]
        try:
            check_month_begun(month, timezone.localdate())
        except HubError as error:
            add_hub_error(form, error)
        else:
            label = month.strftime("%Y-%m")
            return start_and_follow(
                request,
                kind="leasing.issue_invoices",
                key=f"month:{label}",
                params={"month": label},
            )
    return render(
        request, "leasing/invoice_run.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_POST
def reminders_now(request: HttpRequest) -> HttpResponse:
    """Bring lease statuses up to date and queue the due lease and invoice reminders now."""
    require(request, "leasing.run_invoices")
    today = timezone.localdate().isoformat()
    return start_and_follow(request, kind="leasing.send_reminders", key=f"day:{today}")


@login_required
@require_POST
def invoice_pdfs(request: HttpRequest) -> HttpResponse:
    """All invoice PDFs of a month in one archive, made in the background."""
    require(request, "leasing.export")
    form = InvoicePdfsForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect("leasing:invoices")
    month = form.cleaned_data["month"].strftime("%Y-%m")
    language = form.cleaned_data["language"]
    return start_and_follow(
        request,
        kind="leasing.invoice_pdfs",
        key=f"user:{request.user.pk}:month:{month}:{language}",
        params={"month": month, "language": language},
    )


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """A member's way in: their company's leases and invoices (staff go to the dashboard)."""
    if request.user.has_perm("leasing.view_dashboard"):
        return redirect("leasing:dashboard")
    company = companies_of_user(user=request.user).first()
    if company is None:
        raise PermissionDenied()
    return redirect("leasing:company", pk=company.pk)


@login_required
@require_GET
def company_leasing(request: HttpRequest, pk: int) -> HttpResponse:
    company = _company(request, pk)
    filters_leases = queries.LeaseFilters(company=company.pk)
    filters_invoices = queries.InvoiceFilters(company=company.pk)
    leases = queries.leases_for_user(user=request.user, filters=filters_leases)
    invoices = queries.invoices_for_user(user=request.user, filters=filters_invoices)
    return render(
        request,
        "leasing/company.html",
        {
            "company": company,
            "leases": leases[: settings.AIHUB_PAGE_SIZE],
            "invoices": invoices[: settings.AIHUB_PAGE_SIZE],
            "today": timezone.localdate(),
            "can_manage": request.user.has_perm("leasing.manage_leases"),
        },
    )


@login_required
@require_GET
def lease_detail(request: HttpRequest, pk: int, lease_pk: int) -> HttpResponse:
    _company(request, pk)
    lease = queries.lease_for_user(user=request.user, company_pk=pk, pk=lease_pk)
    return render(
        request,
        "leasing/lease_detail.html",
        {
            "lease": lease,
            "history": history_for(lease)[:15],
            "can_manage": request.user.has_perm("leasing.manage_leases"),
            "end_form": EndDateForm(),
        },
    )


def _lease_action(request: HttpRequest, pk: int, lease_pk: int, action: str) -> HttpResponse:
    _company(request, pk)
    lease = queries.lease_for_user(user=request.user, company_pk=pk, pk=lease_pk)
    require(request, "leasing.manage_leases")
    form = EndDateForm(request.POST)
    if action in ("terminate", "renew") and not form.is_valid():
        report_form_errors(request, form)
        return redirect(_lease_url(lease))
    try:
        if action == "activate":
            services.activate_lease(lease=lease, actor=request.user)
            messages.success(request, _("The lease is now active."))
        elif action == "cancel":
            services.cancel_lease(lease=lease, actor=request.user)
            messages.success(request, _("The draft lease was cancelled."))
        elif action == "terminate":
            services.terminate_lease(
                lease=lease, ends_on=form.cleaned_data["ends_on"], actor=request.user
            )
            messages.success(request, _("The lease will end early."))
        else:
            lease = services.renew_lease(
                lease=lease, ends_on=form.cleaned_data["ends_on"], actor=request.user
            )
            messages.success(request, _("The lease was renewed."))
    except HubError as error:
        messages.error(request, str(error.message))
    return redirect(_lease_url(lease))


@login_required
@require_POST
def lease_activate(request: HttpRequest, pk: int, lease_pk: int) -> HttpResponse:
    return _lease_action(request, pk, lease_pk, "activate")


@login_required
@require_POST
def lease_cancel(request: HttpRequest, pk: int, lease_pk: int) -> HttpResponse:
    return _lease_action(request, pk, lease_pk, "cancel")


@login_required
@require_POST
def lease_terminate(request: HttpRequest, pk: int, lease_pk: int) -> HttpResponse:
    return _lease_action(request, pk, lease_pk, "terminate")


@login_required
@require_POST
def lease_renew(request: HttpRequest, pk: int, lease_pk: int) -> HttpResponse:
    return _lease_action(request, pk, lease_pk, "renew")


@login_required
@require_GET
def invoice_detail(request: HttpRequest, pk: int, invoice_pk: int) -> HttpResponse:
    _company(request, pk)
    invoice = queries.invoice_for_user(user=request.user, company_pk=pk, pk=invoice_pk)
    can_manage = request.user.has_perm("leasing.manage_invoices")
    return render(
        request,
        "leasing/invoice_detail.html",
        {
            "invoice": invoice,
            "today": timezone.localdate(),
            "rounding_rule": ROUNDING_RULE,
            "can_manage": can_manage,
            "payment_form": PaymentForm() if can_manage else None,
            "cancel_form": CancelInvoiceForm() if can_manage else None,
            "history": history_for(invoice)[:15],
        },
    )


@login_required
@require_GET
def invoice_pdf_download(request: HttpRequest, pk: int, invoice_pk: int) -> HttpResponse:
    """The invoice PDF in ``?lang=ko|en`` (the page's language by default)."""
    _company(request, pk)
    invoice = queries.invoice_for_user(user=request.user, company_pk=pk, pk=invoice_pk)
    language = request.GET.get("lang") or translation.get_language() or "ko"
    language = "en" if language.startswith("en") else "ko"
    try:
        content = invoice_pdf(invoice, language=language)
    except FontMissing as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"invoice-{invoice.display_number}-{language}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def invoice_cancel(request: HttpRequest, pk: int, invoice_pk: int) -> HttpResponse:
    _company(request, pk)
    invoice = queries.invoice_for_user(user=request.user, company_pk=pk, pk=invoice_pk)
    require(request, "leasing.manage_invoices")
    form = CancelInvoiceForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect(_invoice_url(invoice))
    try:
        if form.cleaned_data["reissue"]:
            new = services.reissue_invoice(
                invoice=invoice, reason=form.cleaned_data["reason"], actor=request.user
            )
        else:
            new = None
            services.cancel_invoice(
                invoice=invoice, reason=form.cleaned_data["reason"], actor=request.user
            )
    except HubError as error:
        messages.error(request, str(error.message))
        return redirect(_invoice_url(invoice))
    if new is not None:
        messages.success(
            request,
            _("Invoice %(old)s was cancelled and %(new)s issued in its place.")
            % {"old": invoice.display_number, "new": new.display_number},
        )
        return redirect(_invoice_url(new))
    messages.success(request, _("The invoice was cancelled."))
    return redirect(_invoice_url(invoice))


@login_required
@require_POST
def payment_record(request: HttpRequest, pk: int, invoice_pk: int) -> HttpResponse:
    _company(request, pk)
    invoice = queries.invoice_for_user(user=request.user, company_pk=pk, pk=invoice_pk)
    require(request, "leasing.record_payments")
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            services.record_payment(invoice=invoice, actor=request.user, **form.cleaned_data)
        except HubError as error:
            add_hub_error(form, error)
        else:
            messages.success(request, _("The payment was recorded."))
            return redirect(_invoice_url(invoice))
    return render(
        request,
        "leasing/invoice_detail.html",
        {
            "invoice": invoice,
            "today": timezone.localdate(),
            "rounding_rule": ROUNDING_RULE,
            "can_manage": True,
            "payment_form": form,
            "cancel_form": CancelInvoiceForm(),
            "history": history_for(invoice)[:15],
        },
        status=400,
    )
