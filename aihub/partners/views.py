from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aihub.core.audit import history_for
from aihub.core.errors import HubError, NotFound
from aihub.core.forms import add_hub_error, report_form_errors
from aihub.core.pagination import paginate
from aihub.core.permissions import require
from aihub.partners import queries, services
from aihub.partners.forms import AgreementForm, ContactForm, PartnerFilterForm, PartnerForm
from aihub.partners.models import Partner


def _partner(pk: int) -> Partner:
    partner = queries.partner_for_public(pk=pk)
    if partner is None:
        raise NotFound()
    return partner


@require_GET
def partner_list(request: HttpRequest) -> HttpResponse:
    form = PartnerFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    partners = queries.partners_for_public(kind=filters.get("kind", ""), q=filters.get("q", ""))
    page = paginate(partners, page=request.GET.get("page"), per_page=settings.AIHUB_PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "partners/list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@require_GET
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partner = _partner(pk)
    is_staff = request.user.has_perm("partners.change_partner")
    return render(
        request,
        "partners/detail.html",
        {
            "partner": partner,
            "can_edit": is_staff,
            "show_contacts": request.user.has_perm("partners.view_contacts"),
            "history": history_for(partner)[:30] if is_staff else [],
            "contact_form": ContactForm() if is_staff else None,
            "agreement_form": AgreementForm() if is_staff else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def partner_create(request: HttpRequest) -> HttpResponse:
    require(request, "partners.add_partner")
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partner = services.create_partner(actor=request.user, **form.cleaned_data)
        except HubError as error:
            add_hub_error(form, error)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": partner.name})
            return redirect(partner)
    return render(
        request,
        "partners/form.html",
        {"form": form, "partner": None},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def partner_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "partners.change_partner")
    partner = _partner(pk)
    form = PartnerForm(request.POST or None, instance=Partner.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_partner(partner=partner, actor=request.user, **form.cleaned_data)
        except HubError as error:
            add_hub_error(form, error)
        else:
            messages.success(request, _("The partner details were saved."))
            return redirect(partner)
    return render(
        request,
        "partners/form.html",
        {"form": form, "partner": partner},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "partners.change_partner")
    partner = _partner(pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        services.add_contact(partner=partner, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The contact was added."))
    else:
        report_form_errors(request, form)
    return redirect(partner)


@login_required
@require_POST
def agreement_add(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "partners.change_partner")
    partner = _partner(pk)
    form = AgreementForm(request.POST)
    if form.is_valid():
        services.record_agreement(partner=partner, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The agreement was recorded."))
    else:
        report_form_errors(request, form)
    return redirect(partner)
