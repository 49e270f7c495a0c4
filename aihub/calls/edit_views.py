"""Staff pages that edit a call before submissions and a stage or criterion before scores.

Each parses, authorises (``calls.manage_calls``), calls one editing service and redirects to
the staff call page; a refusal is shown as a message there (or on the form, for bad input).
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from aihub.calls import queries, services
from aihub.calls.forms import CallEditForm, CriterionForm, StageForm
from aihub.calls.services.editing import check_call_editable, check_stage_editable
from aihub.core.errors import Conflict, HubError
from aihub.core.forms import add_hub_error
from aihub.core.permissions import require


def _manage_url(call_pk: int) -> str:
    return reverse("calls:manage", kwargs={"call_pk": call_pk})


def _refused(request: HttpRequest, error: HubError, call_pk: int) -> HttpResponse:
    for message in [m for ms in error.errors.values() for m in ms] or [error.message]:
        messages.error(request, str(message))
    return redirect(_manage_url(call_pk))


def _edit_page(
    request: HttpRequest, form: Any, *, heading: str, cancel: str, **extra: Any
) -> HttpResponse:
    context = {"form": form, "heading": heading, "cancel_url": cancel, **extra}
    return render(request, "calls/manage_edit.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def edit_call(request: HttpRequest, call_pk: int) -> HttpResponse:
    """Edit the call's texts, places, times, rules, documents and form fields."""
    require(request, "calls.manage_calls")
    call = queries.call_for_staff(pk=call_pk)
    try:
        check_call_editable(call)
    except HubError as error:
        return _refused(request, error, call.pk)
    form = CallEditForm(request.POST or None, initial=CallEditForm.initial_for(call))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_call(call=call, actor=request.user, **form.service_arguments())
        except HubError as error:
            if isinstance(error, Conflict):
                return _refused(request, error, call.pk)
            add_hub_error(form, error)
        else:
            messages.success(request, _("The call was saved."))
            return redirect(_manage_url(call.pk))
    return _edit_page(
        request,
        form,
        heading=_("Edit the call"),
        cancel=_manage_url(call.pk),
        call=call,
        testid="call-edit-form",
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_stage(request: HttpRequest, stage_pk: int) -> HttpResponse:
    """Edit a stage's names and settings until a judge scores at it."""
    require(request, "calls.manage_calls")
    stage = queries.stage_for_staff(pk=stage_pk)
    try:
        check_stage_editable(stage)
    except HubError as error:
        return _refused(request, error, stage.call_id)
    initial = {
        "name_ko": stage.name_ko,
        "name_en": stage.name_en,
        "blind": stage.blind,
        "normalise": stage.normalise,
        "cutoff": stage.cutoff,
        "judges_per_application": stage.judges_per_application,
    }
    form = StageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_stage(stage=stage, actor=request.user, **form.cleaned_data)
        except HubError as error:
            if isinstance(error, Conflict):
                return _refused(request, error, stage.call_id)
            add_hub_error(form, error)
        else:
            messages.success(request, _("The stage was saved."))
            return redirect(_manage_url(stage.call_id))
    return _edit_page(
        request,
        form,
        heading=_("Edit the stage %(stage)s") % {"stage": stage.name},
        cancel=_manage_url(stage.call_id),
        call=stage.call,
        delete_url=reverse("calls:delete_stage", kwargs={"stage_pk": stage.pk}),
        testid="stage-edit-form",
    )


@login_required
@require_POST
def delete_stage(request: HttpRequest, stage_pk: int) -> HttpResponse:
    require(request, "calls.manage_calls")
    stage = queries.stage_for_staff(pk=stage_pk)
    try:
        services.delete_stage(stage=stage, actor=request.user)
    except HubError as error:
        return _refused(request, error, stage.call_id)
    messages.success(request, _("The stage was deleted."))
    return redirect(_manage_url(stage.call_id))


@login_required
@require_http_methods(["GET", "POST"])
def edit_criterion(request: HttpRequest, criterion_pk: int) -> HttpResponse:
    """Edit a rubric line until a judge scores at its stage."""
    require(request, "calls.manage_calls")
    criterion = queries.criterion_for_staff(pk=criterion_pk)
    call_pk = criterion.stage.call_id
    try:
        check_stage_editable(criterion.stage)
    except HubError as error:
        return _refused(request, error, call_pk)
    initial = {
        "name_ko": criterion.name_ko,
        "name_en": criterion.name_en,
        "weight": criterion.weight,
        "min_score": criterion.min_score,
        "max_score": criterion.max_score,
    }
    form = CriterionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_criterion(criterion=criterion, actor=request.user, **form.cleaned_data)
        except HubError as error:
            if isinstance(error, Conflict):
                return _refused(request, error, call_pk)
            add_hub_error(form, error)
        else:
            messages.success(request, _("The criterion was saved."))
            return redirect(_manage_url(call_pk))
    return _edit_page(
        request,
        form,
        heading=_("Edit the criterion %(criterion)s") % {"criterion": criterion.name},
        cancel=_manage_url(call_pk),
        call=criterion.stage.call,
        delete_url=reverse("calls:delete_criterion", kwargs={"criterion_pk": criterion.pk}),
        testid="criterion-edit-form",
    )


@login_required
@require_POST
def delete_criterion(request: HttpRequest, criterion_pk: int) -> HttpResponse:
    require(request, "calls.manage_calls")
    criterion = queries.criterion_for_staff(pk=criterion_pk)
    call_pk = criterion.stage.call_id
    try:
        services.delete_criterion(criterion=criterion, actor=request.user)
    except HubError as error:
        return _refused(request, error, call_pk)
    messages.success(request, _("The criterion was removed."))
    return redirect(_manage_url(call_pk))
