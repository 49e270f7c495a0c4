"""Staff pages of open recruitment: calls, stages and rubrics, judges, ranking, decisions,
exports. Each parses, authorises through django-rules, calls one service, renders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aihub.accounts.enums import Role
from aihub.accounts.models import User
from aihub.calls import display, eligibility, queries, services
from aihub.calls.enums import ApplicationStatus, CallKind
from aihub.calls.exports import export_call, row_count
from aihub.calls.forms import (
    AssignForm,
    BalanceForm,
    CallForm,
    CriterionForm,
    DecideForm,
    StageForm,
)
from aihub.calls.models import Application, Stage
from aihub.core.audit import history_for
from aihub.core.errors import HubError, NotFound
from aihub.core.exports import rows_in_request
from aihub.core.forms import add_hub_error, report_form_errors
from aihub.core.permissions import require
from aihub.jobs.shortcuts import start_and_follow

LEASE_KINDS = (CallKind.RESIDENCY, CallKind.GROWTH_STAGE)
"""Kinds of call whose selected companies get an office lease."""


def _staff(request: HttpRequest) -> None:
    require(request, "calls.manage_calls")


def _stage_url(stage: Stage) -> str:
    return reverse("calls:stage", kwargs={"stage_pk": stage.pk})


@login_required
@require_GET
def manage_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    return render(request, "calls/manage_list.html", {"calls": list(queries.calls_for_staff())})


@login_required
@require_http_methods(["GET", "POST"])
def manage_create(request: HttpRequest) -> HttpResponse:
    _staff(request)
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.create_call(actor=request.user, **form.service_arguments())
        except HubError as error:
            add_hub_error(form, error)
        else:
            messages.success(request, _("The call was saved as a draft."))
            return redirect("calls:manage", call_pk=call.pk)
    return render(
        request, "calls/manage_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_GET
def manage_call(request: HttpRequest, call_pk: int) -> HttpResponse:
    _staff(request)
    call = queries.call_for_staff(pk=call_pk)
    applications = list(
        Application.objects.filter(call=call).select_related("company", "stage").order_by("id")
    )
    lease_kind = call.kind in LEASE_KINDS
    return render(
        request,
        "calls/manage_call.html",
        {
            "call": call,
            "phase": call.phase(),
            "rules": eligibility.describe(call.eligibility),
            "documents": display.document_fields(call),
            "applications": applications,
            "stage_form": StageForm(),
            "criterion_form": CriterionForm(),
            "history": history_for(call)[:20],
            "editable": call.decided_at is None and not any(a.submitted_at for a in applications),
            "scored_stages": queries.scored_stage_ids(call=call),
            "lease_companies": [
                a.company for a in applications if a.status == ApplicationStatus.SELECTED
            ]
            if lease_kind
            else [],
        },
    )


@login_required
@require_POST
def manage_publish(request: HttpRequest, call_pk: int) -> HttpResponse:
    _staff(request)
    call = queries.call_for_staff(pk=call_pk)
    try:
        services.publish_call(call=call, actor=request.user)
    except HubError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The call is published."))
    return redirect("calls:manage", call_pk=call.pk)


@login_required
@require_POST
def manage_add_stage(request: HttpRequest, call_pk: int) -> HttpResponse:
    _staff(request)
    call = queries.call_for_staff(pk=call_pk)
    form = StageForm(request.POST)
    if form.is_valid():
        try:
            services.add_stage(call=call, actor=request.user, **form.cleaned_data)
        except HubError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The stage was added."))
    else:
        report_form_errors(request, form)
    return redirect("calls:manage", call_pk=call.pk)


@login_required
@require_POST
def manage_add_criterion(request: HttpRequest, stage_pk: int) -> HttpResponse:
    _staff(request)
    stage = queries.stage_for_staff(pk=stage_pk)
    form = CriterionForm(request.POST)
    if form.is_valid():
        try:
            services.add_criterion(stage=stage, actor=request.user, **form.cleaned_data)
        except HubError as error:
            for message in [m for ms in error.errors.values() for m in ms] or [error.message]:
                messages.error(request, str(message))
        else:
            messages.success(request, _("The criterion was added."))
    else:
        report_form_errors(request, form)
    return redirect("calls:manage", call_pk=stage.call_id)


@login_required
@require_GET
def manage_stage(request: HttpRequest, stage_pk: int) -> HttpResponse:
    """The stage's ranking with scores, judges and decisions; forms to assign and decide."""
    _staff(request)
    stage = queries.stage_for_staff(pk=stage_pk)
    page, rows = display.ranking_page(stage, page=request.GET.get("page"))
    judges = list(
        User.objects.filter(role_assignments__role=Role.JUDGE, is_active=True).order_by(
            "full_name", "id"
        )
    )
    return render(
        request,
        "calls/manage_stage.html",
        {
            "stage": stage,
            "call": stage.call,
            "criteria": list(stage.criteria.all()),
            "rows": rows,
            "page": page,
            "judges": judges,
            "judge_options": display.judge_options(judges),
            "decide_url": reverse("calls:decide", kwargs={"stage_pk": stage.pk}),
            "assign_url": reverse("calls:assign", kwargs={"stage_pk": stage.pk}),
            "balance_form": BalanceForm(initial={"per_application": stage.judges_per_application}),
            "tie_break": stage.call.get_tie_break_display(),
        },
    )


def _stage_action(request: HttpRequest, stage_pk: int, action: str) -> HttpResponse:
    _staff(request)
    stage = queries.stage_for_staff(pk=stage_pk)
    form_class = {"assign": AssignForm, "balance": BalanceForm, "decide": DecideForm}.get(action)
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        report_form_errors(request, form)
        return redirect(_stage_url(stage))
    try:
        if action == "finalise":
            services.finalise_stage(stage=stage, actor=request.user)
            messages.success(request, _("The stage is finalised; decisions are applied."))
        elif action == "balance":
            result = services.balance_judges(
                stage=stage,
                actor=request.user,
                per_application=form.cleaned_data["per_application"],
            )
            messages.success(
                request, _("%(count)d assignments were made.") % {"count": result.created}
            )
            if result.short:
                messages.error(
                    request,
                    _("%(count)d applications could not get enough judges free of conflicts.")
                    % {"count": len(result.short)},
                )
        else:
            application = _stage_application(stage, form.cleaned_data["application"])
            if action == "assign":
                judge = User.objects.filter(pk=form.cleaned_data["judge"]).first()
                if judge is None:
                    raise NotFound()
                services.assign_judge(
                    stage=stage, application=application, judge=judge, actor=request.user
                )
                messages.success(request, _("The judge was assigned."))
            else:
                services.decide(
                    stage=stage,
                    application=application,
                    outcome=form.cleaned_data["outcome"],
                    actor=request.user,
                )
                messages.success(request, _("The decision was recorded."))
    except HubError as error:
        for message in [m for ms in error.errors.values() for m in ms] or [error.message]:
            messages.error(request, str(message))
    return redirect(_stage_url(stage))


def _stage_application(stage: Stage, pk: int) -> Application:
    application = (
        Application.objects.filter(call_id=stage.call_id, pk=pk).select_related("company").first()
    )
    if application is None:
        raise NotFound()
    return application


@login_required
@require_POST
def manage_assign(request: HttpRequest, stage_pk: int) -> HttpResponse:
    return _stage_action(request, stage_pk, "assign")


@login_required
@require_POST
def manage_balance(request: HttpRequest, stage_pk: int) -> HttpResponse:
    return _stage_action(request, stage_pk, "balance")


@login_required
@require_POST
def manage_decide(request: HttpRequest, stage_pk: int) -> HttpResponse:
    return _stage_action(request, stage_pk, "decide")


@login_required
@require_POST
def manage_finalise(request: HttpRequest, stage_pk: int) -> HttpResponse:
    return _stage_action(request, stage_pk, "finalise")


@login_required
@require_GET
def manage_export(request: HttpRequest, call_pk: int) -> HttpResponse:
    """Applications with every score per judge and criterion, as XLSX; a call with more than
    1,000 rows is written by a background job whose page offers the file."""
    _staff(request)
    call = queries.call_for_staff(pk=call_pk)
    if row_count(call) > rows_in_request():
        return start_and_follow(
            request,
            kind="calls.export_scores",
            key=f"user:{request.user.pk}:call:{call.pk}",
            params={"call_pk": call.pk},
        )
    return export_call(call)


@login_required
@require_GET
def manage_summary(request: HttpRequest, call_pk: int) -> HttpResponse:
    """A printable evaluation summary: each stage's rubric, ranking and decisions."""
    _staff(request)
    call = queries.call_for_staff(pk=call_pk)
    stages = []
    for stage in call.stages.all():
        applications = list(queries.stage_applications(stage=stage))
        stages.append((stage, display.ranking_rows(stage, applications)))
    return render(request, "calls/summary.html", {"call": call, "stages": stages})
