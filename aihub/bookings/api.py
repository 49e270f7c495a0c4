"""Booking endpoints under ``/api/v1/bookings/``: the same gate, rules and services as the pages.

Company-owned bookings are addressed under ``/companies/{pk}/…`` with the company's id, so
the cross-company access matrix covers them. Availability shows others' bookings as busy.
"""

import datetime
import json

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from aihub.bookings import availability, queries, services
from aihub.bookings.models import Booking
from aihub.bookings.schemas import (
    AvailabilityOut,
    BookingIn,
    BookingOut,
    BookingPage,
    BookingsOut,
    ChangeIn,
    RejectIn,
    RoomOut,
    RoomPage,
)
from aihub.bookings.visibility import viewer_for
from aihub.companies.queries import companies_for_user
from aihub.core.api import Error, page_of
from aihub.core.errors import NotFound, ValidationFailed
from aihub.core.permissions import require

router = Router(tags=["bookings"])
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}
MAX_DAYS = 31
ROOM_IDS = Query(None, description="Only these rooms (repeat the parameter)")
EQUIPMENT = Query(None, description="Equipment every room must have (repeat the parameter)")


def _aware(moment: datetime.datetime, field: str) -> datetime.datetime:
    if timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


def _booking(request: HttpRequest, pk: int, booking_pk: int) -> Booking:
    company = queries.company_bookings_for_user(user=request.user, pk=pk)
    require(request, "bookings.view_company_bookings", company)
    return queries.booking_for_user(user=request.user, company_pk=pk, pk=booking_pk)


@router.get("/rooms", response={200: RoomPage, **ERRORS}, summary="List bookable rooms")
def list_rooms(
    request: HttpRequest,
    facility: str = "",
    kind: str = "",
    page: int = 1,
    page_size: int = Query(50, ge=1, le=200),
) -> dict:
    require(request, "bookings.view_rooms")
    rooms = queries.rooms_for_user(user=request.user, facility=facility, kind=kind)
    return page_of(rooms, page=page, page_size=page_size)


@router.get(
    "/availability",
    response={200: list[AvailabilityOut], **ERRORS},
    summary="Busy and free times of rooms over some days",
)
def room_availability(
    request: HttpRequest,
    start: datetime.date | None = None,
    days: int = Query(7, ge=1, le=MAX_DAYS),
    facility: str = "",
    kind: str = "",
    room: list[int] = ROOM_IDS,
) -> HttpResponse:
    """Each room's bookings (in full only the caller's own, else just the time) and the
    windows still free for a booking, for ``days`` days from ``start`` (today)."""
    require(request, "bookings.view_rooms")
    rooms = queries.rooms_for_user(user=request.user, facility=facility, kind=kind)
    if room:
        rooms = rooms.filter(pk__in=room)
    found = availability.availability(
        rooms=list(rooms),
        first_day=start or timezone.localdate(),
        day_count=days,
        viewer=viewer_for(request.user),
        now=timezone.now(),
    )
    # Thousands of busy blocks: built as plain JSON here rather than validated one by one.
    body = [
        {
            "room": RoomOut.from_orm(entry.room).model_dump(mode="json"),
            "busy": [
                {
                    "starts_at": _iso(b.starts_at),
                    "ends_at": _iso(b.ends_at),
                    "mine": b.visible,
                    "booking": b.booking_id,
                    "title": b.title if b.visible else None,
                }
                for b in entry.busy
            ],
            "free": [{"starts_at": _iso(s), "ends_at": _iso(e)} for s, e in entry.free],
        }
        for entry in found
    ]
    return HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/json")


def _iso(moment: datetime.datetime) -> str:
    """ISO 8601 in Asia/Seoul time, offset included."""
    return timezone.localtime(moment).isoformat()


@router.get("/free-rooms", response={200: list[RoomOut], **ERRORS}, summary="Rooms free at a time")
def free_rooms(
    request: HttpRequest,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    capacity: int = Query(1, ge=1),
    equipment: list[str] = EQUIPMENT,
    facility: str = "",
    kind: str = "",
) -> list:
    require(request, "bookings.view_rooms")
    starts_at, ends_at = _aware(starts_at, "starts_at"), _aware(ends_at, "ends_at")
    if ends_at <= starts_at:
        raise ValidationFailed(_("The end must be after the start."), field="ends_at")
    rooms = list(queries.rooms_for_user(user=request.user, facility=facility, kind=kind))
    return availability.free_rooms(
        rooms=rooms,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        equipment=equipment or [],
        now=timezone.now(),
    )


@router.get("/bookings", response={200: BookingPage, **ERRORS}, summary="List bookings")
def list_bookings(
    request: HttpRequest,
    company: int | None = None,
    status: str = "",
    upcoming: bool = False,
    page: int = 1,
    page_size: int = Query(25, ge=1, le=100),
) -> dict:
    """Staff see every booking; others their companies' and the ones they hold in person."""
    filters = queries.BookingFilters(
        company=company, status=status, upcoming_from=timezone.now() if upcoming else None
    )
    return page_of(
        queries.bookings_for_user(user=request.user, filters=filters),
        page=page,
        page_size=page_size,
    )


@router.post(
    "/bookings",
    response={201: BookingsOut, **ERRORS},
    summary="Book a room, once or weekly",
)
def create_booking(request: HttpRequest, payload: BookingIn) -> Status[dict]:
    """One booking, or with ``weeks`` > 1 a weekly series: all weeks or none (409 with
    the taken dates in ``errors.starts_at``)."""
    require(request, "bookings.book")
    room = queries.room_for_user(user=request.user, pk=payload.room)
    company = None
    if payload.company is not None:
        company = companies_for_user(user=request.user).filter(pk=payload.company).first()
        if company is None:
            raise NotFound(_("Unknown company."))
    arguments = {
        "room": room,
        "starts_at": _aware(payload.starts_at, "starts_at"),
        "ends_at": _aware(payload.ends_at, "ends_at"),
        "title": payload.title,
        "attendees": payload.attendees,
        "company": company,
        "organiser": payload.organiser,
        "actor": request.user,
    }
    if payload.weeks > 1:
        series = services.book_series(weeks=payload.weeks, **arguments)
        bookings = list(series.bookings.select_related("room__space").order_by("starts_at"))
        return Status(201, {"series": series.pk, "bookings": bookings})
    booking = services.book_room(**arguments)
    return Status(201, {"series": None, "bookings": [booking]})


@router.get(
    "/companies/{int:pk}/bookings/{int:booking_pk}",
    response={200: BookingOut, **ERRORS},
    summary="A company's booking",
)
def get_booking(request: HttpRequest, pk: int, booking_pk: int) -> Booking:
    return _booking(request, pk, booking_pk)


@router.post(
    "/companies/{int:pk}/bookings/{int:booking_pk}/cancel",
    response={200: BookingOut, **ERRORS},
    summary="Cancel a booking",
)
def cancel_booking(request: HttpRequest, pk: int, booking_pk: int) -> Booking:
    booking = _booking(request, pk, booking_pk)
    require(request, "bookings.manage_booking", booking)
    return services.cancel_booking(booking=booking, actor=request.user)


@router.post(
    "/companies/{int:pk}/bookings/{int:booking_pk}/change",
    response={200: BookingOut, **ERRORS},
    summary="Move a booking",
)
def change_booking(request: HttpRequest, pk: int, booking_pk: int, payload: ChangeIn) -> Booking:
    booking = _booking(request, pk, booking_pk)
    require(request, "bookings.manage_booking", booking)
    return services.change_booking(
        booking=booking,
        starts_at=_aware(payload.starts_at, "starts_at"),
        ends_at=_aware(payload.ends_at, "ends_at"),
        actor=request.user,
    )


@router.post(
    "/companies/{int:pk}/bookings/{int:booking_pk}/check-in",
    response={200: BookingOut, **ERRORS},
    summary="Check in to a booking",
)
def check_in(request: HttpRequest, pk: int, booking_pk: int) -> Booking:
    booking = _booking(request, pk, booking_pk)
    require(request, "bookings.manage_booking", booking)
    return services.check_in(booking=booking, actor=request.user)


def _pending(request: HttpRequest, booking_pk: int) -> Booking:
    require(request, "bookings.approve")
    booking = queries.approval_queue().filter(pk=booking_pk).first()
    if booking is None:
        raise NotFound()
    return booking


@router.post(
    "/approvals/{int:booking_pk}/approve",
    response={200: BookingOut, **ERRORS},
    summary="Approve a pending booking (staff)",
)
def approve(request: HttpRequest, booking_pk: int) -> Booking:
    booking = _pending(request, booking_pk)
    return services.approve_booking(booking=booking, actor=request.user)


@router.post(
    "/approvals/{int:booking_pk}/reject",
    response={200: BookingOut, **ERRORS},
    summary="Decline a pending booking (staff)",
)
def reject(request: HttpRequest, booking_pk: int, payload: RejectIn) -> Booking:
    booking = _pending(request, booking_pk)
    return services.reject_booking(booking=booking, actor=request.user, note=payload.note)
