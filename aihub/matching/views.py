"""Matching pages: they parse, authorise through django-rules, call one service, render."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aihub.companies.queries import companies_for_user
from aihub.core.errors import HubError, NotFound
from aihub.core.exports import csv_response, xlsx_response
from aihub.core.forms import add_hub_error
from aihub.core.pagination import paginate
from aihub.core.permissions import require
from aihub.jobs.shortcuts import start_and_follow
from aihub.matching import experts as expert_services
from aihub.matching import queries, services
from aihub.matching.display import stats_headers, stats_rows
from aihub.matching.enums import BOOKABLE_STATUSES, MatchStatus
from aihub.matching.forms import DemandForm, ExpertForm, NotesForm, OutcomeForm, SessionForm
from aihub.matching.services import ACTIONS, run_action


def _demand_url(match_or_demand) -> str:
    demand = getattr(match_or_demand, "demand", match_or_demand)
    return reverse("matching:demand", args=[demand.company_id, demand.pk])


@login_required
@require_GET
def demand_list(request: HttpRequest) -> HttpResponse:
    """The demands the user may see, newest first."""
    require(request, "matching.list_demands")
    demands = queries.demands_for_user(user=request.user)
    page = paginate(demands, page=request.GET.get("page"), per_page=settings.AIHUB_PAGE_SIZE)
    companies = (
        list(companies_for_user(user=request.user)[:2]) if not request.user.is_hub_staff else []
    )
    return render(request, "matching/demand_list.html", {"page": page, "companies": companies})


@login_required
@require_http_methods(["GET", "POST"])
def demand_create(request: HttpRequest, pk: int) -> HttpResponse:
    company = companies_for_user(user=request.user).filter(pk=pk).first()
    if company is None:
        raise NotFound()
    require(request, "matching.post_demand", company)
    form = DemandForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            demand = services.post_demand(company=company, actor=request.user, **form.cleaned_data)
        except HubError as error:
            add_hub_error(form, error)
        else:
            messages.success(request, _("Your problem was posted. Staff will propose experts."))
            return redirect(_demand_url(demand))
    return render(request, "matching/demand_form.html", {"form": form, "company": company})


@login_required
@require_GET
def demand_detail(request: HttpRequest, pk: int, demand_pk: int) -> HttpResponse:
    demand = queries.demand_for_user(user=request.user, company_pk=pk, pk=demand_pk)
    require(request, "matching.view_demand", demand)
    matches = list(queries.matches_for_user(user=request.user, demand=demand))
    for match in matches:
        match.can_respond = match.status == MatchStatus.APPROVED and request.user.has_perm(
            "matching.respond_match", match
        )
        match.can_advance = request.user.has_perm("matching.advance_match", match)
        match.can_book = match.status in BOOKABLE_STATUSES and request.user.has_perm(
            "matching.book_session", match
        )
        match.session_list = list(queries.sessions_for_match(match=match))
    return render(
        request,
        "matching/demand_detail.html",
        {
            "demand": demand,
            "matches": matches,
            "is_staff": request.user.is_hub_staff,
            "outcome_form": OutcomeForm(),
        },
    )


@login_required
@require_POST
def propose(request: HttpRequest, pk: int, demand_pk: int) -> HttpResponse:
    demand = queries.demand_for_user(user=request.user, company_pk=pk, pk=demand_pk)
    require(request, "matching.run_engine")
    try:
        created = services.propose_matches(actor=request.user, demands=[demand])
    except HubError as error:
        messages.error(request, str(error.message))
    else:
        count = len(created[demand.pk])
        messages.success(request, _("%(count)s experts proposed.") % {"count": count})
    return redirect(_demand_url(demand))


@login_required
@require_POST
def propose_all(request: HttpRequest) -> HttpResponse:
    """Rank and propose experts for every open demand in the background."""
    require(request, "matching.run_engine")
    return start_and_follow(request, kind="matching.propose_all", key="open-demands")


@login_required
@require_POST
def match_action(request: HttpRequest, pk: int, match_pk: int, action: str) -> HttpResponse:
    """One lifecycle step of a match (approve, reject, accept, decline, meeting, start,
    solved, not_solved)."""
    if action not in ACTIONS:
        raise Http404()
    match = queries.match_for_user(user=request.user, company_pk=pk, pk=match_pk)
    require(request, ACTIONS[action], match)
    try:
        match = run_action(
            action=action,
            match=match,
            actor=request.user,
            outcome_note=request.POST.get("outcome_note", ""),
        )
    except HubError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("The match is now: %(status)s.") % {"status": match.get_status_display()},
        )
    return redirect(_demand_url(match))


@login_required
@require_http_methods(["GET", "POST"])
def session_book(request: HttpRequest, pk: int, match_pk: int) -> HttpResponse:
    match = queries.match_for_user(user=request.user, company_pk=pk, pk=match_pk)
    require(request, "matching.book_session", match)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.book_session(match=match, actor=request.user, **form.cleaned_data)
        except HubError as error:
            add_hub_error(form, error)
        else:
            messages.success(request, _("The session is booked; both sides get a confirmation."))
            return redirect(_demand_url(match))
    return render(request, "matching/session_form.html", {"form": form, "match": match})


@login_required
@require_POST
def session_notes(request: HttpRequest, pk: int, match_pk: int, session_pk: int) -> HttpResponse:
    match = queries.match_for_user(user=request.user, company_pk=pk, pk=match_pk)
    session = match.sessions.filter(pk=session_pk).first()
    if session is None:
        raise NotFound()
    require(request, "matching.note_session", session)
    form = NotesForm(request.POST)
    try:
        form.is_valid()
        services.save_session_notes(
            session=session, notes=form.cleaned_data.get("notes", ""), actor=request.user
        )
    except HubError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The notes were saved."))
    return redirect(_demand_url(match))


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """Matches shared with the user's expert profiles."""
    matches = queries.my_matches(user=request.user)
    page = paginate(matches, page=request.GET.get("page"), per_page=settings.AIHUB_PAGE_SIZE)
    return render(request, "matching/mine.html", {"page": page})


@login_required
@require_GET
def expert_list(request: HttpRequest) -> HttpResponse:
    require(request, "matching.manage_experts")
    experts = queries.experts_for_user(user=request.user)
    page = paginate(experts, page=request.GET.get("page"), per_page=settings.AIHUB_PAGE_SIZE)
    return render(request, "matching/expert_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def expert_create(request: HttpRequest) -> HttpResponse:
    """Staff add an expert profile; a refusal is shown next to its field, nothing is saved."""
    require(request, "matching.manage_experts")
    form = ExpertForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            expert = expert_services.create_expert(actor=request.user, **form.cleaned_data)
        except HubError as error:
            add_hub_error(form, error)
        else:
            messages.success(
                request, _("The expert profile %(name)s was added.") % {"name": expert.name}
            )
            return redirect("matching:experts")
    return render(request, "matching/expert_form.html", {"form": form, "expert": None})


@login_required
@require_http_methods(["GET", "POST"])
def expert_edit(request: HttpRequest, expert_pk: int) -> HttpResponse:
    """Staff edit an expert profile; a refusal is shown next to its field, nothing is saved."""
    require(request, "matching.manage_experts")
    expert = queries.expert_for_user(user=request.user, pk=expert_pk)
    form = ExpertForm(request.POST or None, initial=ExpertForm.initial_for(expert))
    if request.method == "POST" and form.is_valid():
        try:
            expert = expert_services.update_expert(
                expert=expert, actor=request.user, **form.cleaned_data
            )
        except HubError as error:
            add_hub_error(form, error)
        else:
            messages.success(
                request, _("The expert profile %(name)s was saved.") % {"name": expert.name}
            )
            return redirect("matching:experts")
    return render(request, "matching/expert_form.html", {"form": form, "expert": expert})


@login_required
@require_GET
def stats(request: HttpRequest) -> HttpResponse:
    require(request, "matching.view_stats")
    total, rows = queries.match_counts()
    return render(request, "matching/stats.html", {"total": total, "rows": stats_rows(rows)})


@login_required
@require_GET
def stats_export(request: HttpRequest) -> HttpResponse:
    require(request, "matching.view_stats")
    total, rows = queries.match_counts()
    table = [
        (r.name, r.counts.proposed, r.counts.accepted, r.counts.solved) for r in stats_rows(rows)
    ]
    table.append((_("Total"), total.proposed, total.accepted, total.solved))
    if request.GET.get("format") == "csv":
        return csv_response(filename="matching", headers=stats_headers(), rows=table)
    return xlsx_response(
        filename="matching", sheet=_("Matches"), headers=stats_headers(), rows=table
    )
