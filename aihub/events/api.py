"""Event endpoints under ``/api/v1/events/``: the same queries, rules and services as the pages.

A startup's seat is addressed by its company's id (``/demodays/{event_pk}/companies/{pk}/…``)
so the cross-company matrix covers it; an investor's seat by the seat id.
"""

from django.http import HttpRequest
from ninja import Query, Router, Status

from aihub.core.api import Error, page_of
from aihub.core.errors import NotFound
from aihub.core.permissions import require
from aihub.events import demoday, queries, services
from aihub.events.enums import DemoDayStatus, Side
from aihub.events.models import DemoDayInvestor, DemoDayStartup, Interest, Registration
from aihub.events.schemas import (
    AgendaItemOut,
    EventPage,
    InterestIn,
    InterestOut,
    RegistrationOut,
    RegistrationPage,
)

router = Router(tags=["events"])
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


@router.get("/", response={200: EventPage, **ERRORS}, auth=None, summary="Public upcoming events")
def list_events(
    request: HttpRequest, page: int = 1, page_size: int = Query(25, ge=1, le=100)
) -> dict:
    return page_of(queries.public_events(upcoming=True), page=page, page_size=page_size)


@router.get(
    "/registrations", response={200: RegistrationPage, **ERRORS}, summary="My registrations"
)
def my_registrations(
    request: HttpRequest, page: int = 1, page_size: int = Query(25, ge=1, le=100)
) -> dict:
    return page_of(
        queries.registrations_for_user(user=request.user), page=page, page_size=page_size
    )


@router.post(
    "/{event_pk}/registrations", response={201: RegistrationOut, **ERRORS}, summary="Register"
)
def register(request: HttpRequest, event_pk: int) -> Status[Registration]:
    require(request, "events.register")
    event = queries.event_for_user(user=request.user, pk=event_pk)
    return Status(201, services.register(event=event, user=request.user))


@router.post(
    "/registrations/{registration_pk}/cancel",
    response={200: RegistrationOut, **ERRORS},
    summary="Cancel a registration",
)
def cancel_registration(request: HttpRequest, registration_pk: int) -> Registration:
    registration = queries.registration_for_user(user=request.user, pk=registration_pk)
    require(request, "events.cancel_registration", registration)
    return services.cancel_registration(registration=registration, actor=request.user)


def _seat(
    request: HttpRequest, event_pk: int, side: str, pk: int
) -> DemoDayInvestor | DemoDayStartup:
    event = queries.event_for_user(user=request.user, pk=event_pk)
    demo_day = queries.demo_day_for_event(event=event)
    if side == Side.INVESTOR:
        seat = queries.investor_seat_for_user(user=request.user, demo_day=demo_day, pk=pk)
    else:
        seat = queries.startup_seat_for_user(user=request.user, demo_day=demo_day, company_pk=pk)
    require(request, "events.view_seat", seat)
    return seat


def _mark(
    request: HttpRequest, seat: DemoDayInvestor | DemoDayStartup, payload: InterestIn
) -> Interest:
    require(request, "events.mark_interest", seat)
    investor_side = isinstance(seat, DemoDayInvestor)
    other = (
        (DemoDayStartup if investor_side else DemoDayInvestor)
        .objects.filter(demo_day_id=seat.demo_day_id, pk=payload.other)
        .first()
    )
    if other is None:
        raise NotFound()
    pair = (
        {"investor": seat, "startup": other}
        if investor_side
        else {"investor": other, "startup": seat}
    )
    return demoday.mark_interest(
        side=Side.INVESTOR if investor_side else Side.STARTUP,
        score=payload.score,
        no_thanks=payload.no_thanks,
        reason=payload.reason,
        actor=request.user,
        **pair,
    )


def _agenda(seat: DemoDayInvestor | DemoDayStartup) -> list[dict]:
    demo_day = seat.demo_day
    if demo_day.status != DemoDayStatus.PUBLISHED:
        return []
    investor_side = isinstance(seat, DemoDayInvestor)
    return [
        {
            "slot": m.slot + 1,
            "table": m.table,
            "starts_at": demo_day.slot_start(m.slot),
            "ends_at": demo_day.slot_end(m.slot),
            "investor": m.investor_id,
            "startup": m.startup_id,
            "with_name": m.startup.company.name if investor_side else str(m.investor),
        }
        for m in queries.agenda_for_seat(seat=seat)
    ]


@router.get(
    "/demodays/{event_pk}/investors/{seat_pk}/interests",
    response={200: list[InterestOut], **ERRORS},
    summary="An investor's own interests",
)
def investor_interests(request: HttpRequest, event_pk: int, seat_pk: int) -> list[Interest]:
    return list(queries.interests_for_seat(seat=_seat(request, event_pk, Side.INVESTOR, seat_pk)))


@router.post(
    "/demodays/{event_pk}/investors/{seat_pk}/interests",
    response={200: InterestOut, **ERRORS},
    summary="Mark an investor's interest in a startup",
)
def investor_mark(
    request: HttpRequest, event_pk: int, seat_pk: int, payload: InterestIn
) -> Interest:
    return _mark(request, _seat(request, event_pk, Side.INVESTOR, seat_pk), payload)


@router.get(
    "/demodays/{event_pk}/investors/{seat_pk}/agenda",
    response={200: list[AgendaItemOut], **ERRORS},
    summary="An investor's published agenda",
)
def investor_agenda(request: HttpRequest, event_pk: int, seat_pk: int) -> list[dict]:
    return _agenda(_seat(request, event_pk, Side.INVESTOR, seat_pk))


@router.get(
    "/demodays/{event_pk}/companies/{pk}/interests",
    response={200: list[InterestOut], **ERRORS},
    summary="A startup's own interests",
)
def startup_interests(request: HttpRequest, event_pk: int, pk: int) -> list[Interest]:
    return list(queries.interests_for_seat(seat=_seat(request, event_pk, Side.STARTUP, pk)))


@router.post(
    "/demodays/{event_pk}/companies/{pk}/interests",
    response={200: InterestOut, **ERRORS},
    summary="Mark a startup's interest in an investor",
)
def startup_mark(request: HttpRequest, event_pk: int, pk: int, payload: InterestIn) -> Interest:
    return _mark(request, _seat(request, event_pk, Side.STARTUP, pk), payload)


@router.get(
    "/demodays/{event_pk}/companies/{pk}/agenda",
    response={200: list[AgendaItemOut], **ERRORS},
    summary="A startup's published agenda",
)
def startup_agenda(request: HttpRequest, event_pk: int, pk: int) -> list[dict]:
    return _agenda(_seat(request, event_pk, Side.STARTUP, pk))
