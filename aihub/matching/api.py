"""Matching endpoints under ``/api/v1/matching/``: the same gate, rules and services as the pages.

Demands and matches are addressed under ``/companies/{pk}/…`` with the company's id, so the
cross-company access matrix covers them.
"""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from aihub.companies.queries import companies_for_user
from aihub.core.api import Error, page_of
from aihub.core.errors import NotFound, ValidationFailed
from aihub.core.permissions import require
from aihub.matching import queries, services
from aihub.matching.models import Demand, Match, Session
from aihub.matching.schemas import (
    DemandIn,
    DemandOut,
    DemandPage,
    MatchOut,
    MatchPage,
    SessionIn,
    SessionOut,
    StatusIn,
)
from aihub.matching.services import ACTIONS, run_action
from aihub.spaces.models import Space

router = Router(tags=["matching"])
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


def _demand(request: HttpRequest, pk: int, demand_pk: int) -> Demand:
    demand = queries.demand_for_user(user=request.user, company_pk=pk, pk=demand_pk)
    require(request, "matching.view_demand", demand)
    return demand


@router.get("/demands", response={200: DemandPage, **ERRORS}, summary="List demands")
def list_demands(
    request: HttpRequest, page: int = 1, page_size: int = Query(25, ge=1, le=100)
) -> dict:
    require(request, "matching.list_demands")
    return page_of(queries.demands_for_user(user=request.user), page=page, page_size=page_size)


@router.post(
    "/companies/{int:pk}/demands", response={201: DemandOut, **ERRORS}, summary="Post a demand"
)
def post_demand(request: HttpRequest, pk: int, payload: DemandIn) -> Status[Demand]:
    company = companies_for_user(user=request.user).filter(pk=pk).first()
    if company is None:
        raise NotFound()
    require(request, "matching.post_demand", company)
    demand = services.post_demand(company=company, actor=request.user, **payload.dict())
    return Status(201, demand)


@router.get(
    "/companies/{int:pk}/demands/{int:demand_pk}",
    response={200: DemandOut, **ERRORS},
    summary="A demand",
)
def get_demand(request: HttpRequest, pk: int, demand_pk: int) -> Demand:
    return _demand(request, pk, demand_pk)


@router.get(
    "/companies/{int:pk}/demands/{int:demand_pk}/matches",
    response={200: MatchPage, **ERRORS},
    summary="A demand's matches (all proposals for staff)",
)
def list_matches(
    request: HttpRequest,
    pk: int,
    demand_pk: int,
    page: int = 1,
    page_size: int = Query(25, ge=1, le=100),
) -> dict:
    demand = _demand(request, pk, demand_pk)
    matches = queries.matches_for_user(user=request.user, demand=demand)
    return page_of(matches, page=page, page_size=page_size)


@router.post(
    "/companies/{int:pk}/demands/{int:demand_pk}/propose",
    response={200: list[MatchOut], **ERRORS},
    summary="Run the engine for a demand (staff)",
)
def propose(request: HttpRequest, pk: int, demand_pk: int) -> list[Match]:
    demand = _demand(request, pk, demand_pk)
    require(request, "matching.run_engine")
    created = services.propose_matches(actor=request.user, demands=[demand])
    return list(
        Match.objects.filter(pk__in=[m.pk for m in created[demand.pk]])
        .select_related("expert__partner")
        .order_by("rank")
    )


@router.post(
    "/companies/{int:pk}/matches/{int:match_pk}/status",
    response={200: MatchOut, **ERRORS},
    summary="Move a match through its lifecycle",
)
def change_status(request: HttpRequest, pk: int, match_pk: int, payload: StatusIn) -> Match:
    match = queries.match_for_user(user=request.user, company_pk=pk, pk=match_pk)
    if payload.action not in ACTIONS:
        raise ValidationFailed(_("Unknown action."), field="action")
    require(request, ACTIONS[payload.action], match)
    run_action(
        action=payload.action,
        match=match,
        actor=request.user,
        outcome_note=payload.outcome_note,
    )
    return Match.objects.select_related("expert__partner").get(pk=match.pk)


@router.post(
    "/companies/{int:pk}/matches/{int:match_pk}/sessions",
    response={201: SessionOut, **ERRORS},
    summary="Book a session of an accepted match",
)
def book_session(
    request: HttpRequest, pk: int, match_pk: int, payload: SessionIn
) -> Status[Session]:
    match = queries.match_for_user(user=request.user, company_pk=pk, pk=match_pk)
    require(request, "matching.book_session", match)
    room = None
    if payload.room_id is not None:
        room = Space.objects.filter(pk=payload.room_id).first()
        if room is None:
            raise ValidationFailed(
                _("Choose a meeting room for a session in a room."), field="room"
            )
    session = services.book_session(
        match=match,
        starts_at=payload.starts_at,
        minutes=payload.minutes,
        mode=payload.mode,
        room=room,
        actor=request.user,
    )
    return Status(201, session)
