from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aihub.accounts.forms import SignUpForm
from aihub.companies import queries, services
from aihub.companies.display import company_rows
from aihub.companies.enums import MemberRole
from aihub.companies.exports import export_headers, export_rows
from aihub.companies.forms import (
    CompanyFilterForm,
    CompanyForm,
    EndMembershipForm,
    InvitationForm,
    MembershipPeriodForm,
    company_filters,
)
from aihub.companies.models import Company
from aihub.core.audit import history_for
from aihub.core.errors import HubError, NotFound, PermissionDenied
from aihub.core.exports import csv_response, xlsx_response
from aihub.core.forms import add_hub_error, report_form_errors
from aihub.core.pagination import paginate
from aihub.core.permissions import require
from aihub.jobs.shortcuts import export_in_background


def _company(request: HttpRequest, pk: int, perm: str = "companies.view_company") -> Company:
    """The company behind the URL, through the gate; 404 when the user may not see it."""
    company = queries.company_for_user(user=request.user, pk=pk)
    require(request, perm, company)
    return company


HISTORY_ON_PAGE = 15


def _filters(request: HttpRequest) -> tuple[CompanyFilterForm, queries.CompanyFilters]:
    return company_filters(request.GET)


@login_required
@require_GET
def company_list(request: HttpRequest) -> HttpResponse:
    """Staff's searchable, filterable, paginated list of every company."""
    if not request.user.has_perm("companies.list_companies"):
        mine = queries.companies_of_user(user=request.user).first()
        if mine is not None:
            return redirect(mine)
        raise PermissionDenied()
    form, filters = _filters(request)
    companies = queries.company_list_for_user(user=request.user, filters=filters, prefetch=False)
    page = paginate(companies, page=request.GET.get("page"), per_page=settings.AIHUB_PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": company_rows(page.object_list),
        "query": query.urlencode(),
    }
    template = "companies/_results.html" if request.htmx else "companies/list.html"
    return render(request, template, context)


@login_required
@require_GET
def company_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as XLSX (default) or CSV; more than 1,000 companies are written by
    a background job whose page offers the file."""
    require(request, "companies.export_companies")
    _form, filters = _filters(request)
    companies = queries.company_list_for_user(user=request.user, filters=filters)
    background = export_in_background(request, kind="companies.export", count=companies.count())
    if background is not None:
        return background
    rows = export_rows(companies)
    if request.GET.get("format") == "csv":
        return csv_response(filename="companies", headers=export_headers(), rows=rows)
    return xlsx_response(
        filename="companies", sheet=_("Companies"), headers=export_headers(), rows=rows
    )


@login_required
@require_http_methods(["GET", "POST"])
def company_create(request: HttpRequest) -> HttpResponse:
    require(request, "companies.add_company")
    form = CompanyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.service_arguments()
        logo = data.pop("logo", None)
        try:
            with transaction.atomic():
                company = services.register_company(actor=request.user, **data)
                if logo:
                    services.set_logo(company=company, logo=logo, actor=request.user)
        except HubError as error:
            add_hub_error(form, error)
        else:
            messages.success(request, _("%(name)s was registered.") % {"name": company.name})
            return redirect(company)
    return render(
        request,
        "companies/form.html",
        {"form": form, "company": None},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def company_detail(request: HttpRequest, pk: int) -> HttpResponse:
    company = _company(request, pk)
    can_manage = request.user.has_perm("companies.manage_members", company)
    can_record = request.user.has_perm("companies.record_membership", company)
    context = {
        "company": company,
        "members": company.members.all(),
        "periods": company.membership_periods.all(),
        "history": history_for(company)[:HISTORY_ON_PAGE],
        "can_edit": request.user.has_perm("companies.change_company", company),
        "can_manage": can_manage,
        "can_record": can_record,
        "invitations": queries.open_invitations_for_company(company=company) if can_manage else [],
        "member_roles": MemberRole.choices,
        "end_form": EndMembershipForm() if can_record else None,
    }
    return render(request, "companies/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def company_edit(request: HttpRequest, pk: int) -> HttpResponse:
    company = _company(request, pk, "companies.change_company")
    form = CompanyForm(request.POST or None, request.FILES or None, instance=company)
    if request.method == "POST" and form.is_valid():
        data = form.service_arguments()
        try:
            services.update_company(company=company, actor=request.user, **data)
        except HubError as error:
            add_hub_error(form, error)
        else:
            messages.success(request, _("The company details were saved."))
            return redirect(company)
    return render(
        request,
        "companies/form.html",
        {"form": form, "company": Company.objects.get(pk=company.pk)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def member_invite(request: HttpRequest, pk: int) -> HttpResponse:
    company = _company(request, pk, "companies.manage_members")
    form = InvitationForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect(company)
    try:
        invitation, _token = services.invite_member(
            company=company,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            actor=request.user,
        )
    except HubError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("An invitation was sent to %(email)s.") % {"email": invitation.email}
        )
    return redirect(company)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    company = _company(request, pk, "companies.manage_members")
    invitation = queries.invitation_of_company(company=company, pk=invitation_pk)
    services.revoke_invitation(invitation=invitation, actor=request.user)
    messages.success(request, _("The invitation was withdrawn."))
    return redirect(company)


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    company = _company(request, pk, "companies.manage_members")
    member = queries.member_of_company(company=company, pk=member_pk)
    try:
        services.remove_member(member=member, actor=request.user)
    except HubError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("%(name)s was removed.") % {"name": member.user})
    return redirect(company)


@login_required
@require_http_methods(["GET", "POST"])
def membership_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a residency or membership period (staff)."""
    company = _company(request, pk, "companies.record_membership")
    form = MembershipPeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_membership(company=company, actor=request.user, **form.cleaned_data)
        except HubError as error:
            add_hub_error(form, error)
        else:
            messages.success(request, _("The membership period was recorded."))
            return redirect(company)
    return render(
        request,
        "companies/membership_form.html",
        {"form": form, "company": company},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def company_history(request: HttpRequest, pk: int) -> HttpResponse:
    """The company's whole audit trail, newest first, a page at a time."""
    company = _company(request, pk, "companies.view_history")
    page = paginate(history_for(company), page=request.GET.get("page"), per_page=50)
    return render(
        request,
        "companies/history.html",
        {"company": company, "page": page, "history": page.object_list, "query": ""},
    )


@login_required
@require_POST
def membership_end(request: HttpRequest, pk: int, period_pk: int) -> HttpResponse:
    company = _company(request, pk, "companies.record_membership")
    period = company.membership_periods.filter(pk=period_pk).first()
    if period is None:
        raise NotFound()
    form = EndMembershipForm(request.POST)
    if form.is_valid():
        try:
            services.end_membership(
                period=period, ends_on=form.cleaned_data["ends_on"], actor=request.user
            )
        except HubError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The membership period was ended."))
    else:
        messages.error(request, _("Enter a valid end date."))
    return redirect(company)


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Join a company from an emailed link, signing up first if needed."""
    invitation = services.invitation_for_token(token=token)
    signed_in = request.user.is_authenticated
    form = None if signed_in else SignUpForm(request.POST or None)
    if request.method == "POST" and (signed_in or form.is_valid()):
        try:
            if signed_in:
                member = services.accept_invitation(token=token, user=request.user)
            else:
                member = services.accept_invitation(token=token, **form.cleaned_data)
        except HubError as error:
            if form is None:
                raise
            add_hub_error(form, error)
        else:
            if not signed_in:
                login(request, member.user, backend="aihub.accounts.backends.EmailPasswordBackend")
            messages.success(
                request, _("Welcome to %(company)s.") % {"company": member.company.name}
            )
            return redirect(member.company)
    return render(
        request,
        "companies/invitation.html",
        {"invitation": invitation, "form": form},
        status=400 if form is not None and form.errors else 200,
    )
