"""A judge's pages: the queue of assigned applications, reviewing and scoring, recusal.

Every page starts from ``queries.assignment_for_judge``: a judge reaches only applications
assigned to them and free of conflicts; anything else is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aihub.calls import display, queries, services
from aihub.calls.forms import RecuseForm, ScoreForm
from aihub.calls.models import Assignment
from aihub.core.errors import HubError, NotFound
from aihub.core.forms import add_hub_error, report_form_errors
from aihub.core.permissions import require


def _assignment(request: HttpRequest, assignment_pk: int) -> Assignment:
    require(request, "calls.judge")
    return queries.assignment_for_judge(judge=request.user, pk=assignment_pk)


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """The judge's open assignments with their scoring progress."""
    require(request, "calls.judge")
    return render(
        request,
        "calls/judge_queue.html",
        {"assignments": list(queries.assignments_for_judge(judge=request.user))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, assignment_pk: int) -> HttpResponse:
    """The application (anonymous at a blind stage) and the score sheet."""
    assignment = _assignment(request, assignment_pk)
    criteria = list(assignment.stage.criteria.all())
    scores = {s.criterion_id: s for s in assignment.scores.all()}
    initial = {}
    for criterion_id, score in scores.items():
        initial[f"score_{criterion_id}"] = score.value
        initial[f"comment_{criterion_id}"] = score.comment
    form = ScoreForm(request.POST or None, criteria=criteria, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_scores(assignment=assignment, scores=form.scores(), actor=request.user)
        except HubError as error:
            add_hub_error(form, error)
        else:
            messages.success(request, _("The scores were saved."))
            return redirect("calls:review", assignment_pk=assignment.pk)
    application = assignment.application
    return render(
        request,
        "calls/judge_review.html",
        {
            "assignment": assignment,
            "application": application,
            "stage": assignment.stage,
            "call": assignment.stage.call,
            "blind": assignment.stage.blind,
            "rows": display.answer_rows(application),
            "form": form,
            "recuse_form": RecuseForm(),
            "closed": assignment.stage.is_closed,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def recuse(request: HttpRequest, assignment_pk: int) -> HttpResponse:
    assignment = _assignment(request, assignment_pk)
    form = RecuseForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect("calls:review", assignment_pk=assignment.pk)
    try:
        services.recuse(
            assignment=assignment, reason=form.cleaned_data["reason"], actor=request.user
        )
    except HubError as error:
        messages.error(request, str(error.message))
        return redirect("calls:review", assignment_pk=assignment.pk)
    messages.success(request, _("You declared a conflict and left this application."))
    return redirect(reverse("calls:queue"))


@login_required
@require_GET
def document(request: HttpRequest, assignment_pk: int, document_pk: int) -> FileResponse:
    assignment = _assignment(request, assignment_pk)
    found = next((d for d in assignment.application.documents.all() if d.pk == document_pk), None)
    if found is None:
        raise NotFound()
    name = found.original_name
    if assignment.stage.blind:
        name = f"{assignment.application.blind_code}-{found.key}.{name.rsplit('.', 1)[-1]}"
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=name)
