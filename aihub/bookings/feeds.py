"""iCalendar feeds: a company's bookings and a room's bookings.

Signed in, the session decides; a calendar program sends ``?token=`` (the personal token
shown on the pages) instead. Either way a viewer sees others' bookings only as "busy",
and a company's feed only through the companies gate.
"""

import datetime

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from aihub.bookings import queries
from aihub.bookings.enums import ACTIVE_STATUSES
from aihub.bookings.ical import calendar_bytes, user_for_token
from aihub.core.errors import NotFound, PermissionDenied

HISTORY = datetime.timedelta(days=31)


def _viewer(request: HttpRequest):
    if request.user.is_authenticated:
        return request.user
    user = user_for_token(request.GET.get("token", ""))
    if user is None:
        raise NotFound()
    return user


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


@require_GET
def company_feed(request: HttpRequest, pk: int) -> HttpResponse:
    user = _viewer(request)
    company = queries.company_bookings_for_user(user=user, pk=pk)
    if not user.has_perm("bookings.view_company_bookings", company):
        raise PermissionDenied()
    bookings = queries.bookings_for_user(
        user=user,
        filters=queries.BookingFilters(company=company.pk, upcoming_from=timezone.now() - HISTORY),
    ).filter(status__in=ACTIVE_STATUSES)
    return _ics(calendar_bytes(bookings, viewer=user, name=company.name), f"company-{company.pk}")


@require_GET
def room_feed(request: HttpRequest, room_pk: int) -> HttpResponse:
    user = _viewer(request)
    room = queries.room_for_user(user=user, pk=room_pk)
    start = timezone.now() - HISTORY
    bookings = (
        room.bookings.filter(status__in=ACTIVE_STATUSES, ends_at__gt=start)
        .select_related("room__space__facility", "company", "booked_by")
        .order_by("starts_at")
    )
    return _ics(
        calendar_bytes(bookings, viewer=user, name=f"{room.code} {room.name}"), f"room-{room.pk}"
    )
