"""Staff pages: the approval queue and the use reports with their exports."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from aihub.bookings import holds, queries, reports, services
from aihub.bookings.forms import RejectForm, ReportForm
from aihub.bookings.models import Booking
from aihub.core.errors import HubError, NotFound
from aihub.core.exports import csv_response, xlsx_response
from aihub.core.pagination import paginate
from aihub.core.permissions import require


@login_required
@require_GET
def approvals(request: HttpRequest) -> HttpResponse:
    """Pending bookings, soonest first, and uses of a room that clash with another."""
    require(request, "bookings.approve")
    page = paginate(queries.approval_queue(), page=request.GET.get("page"), per_page=25)
    clashes = [
        {
            "hold": hold,
            "link": queries.owner_link(hold),
            "against": holds.overlapping(hold.space, [(hold.starts_at, hold.blocked_until)]),
        }
        for hold in queries.clashing_holds()[:50]
    ]
    return render(
        request,
        "bookings/approvals.html",
        {"page": page, "reject_form": RejectForm(), "clashes": clashes},
    )


@login_required
@require_POST
def hold_again(request: HttpRequest, hold_pk: int) -> HttpResponse:
    """Try to give a clashing use its room again (once the other use has moved or ended)."""
    require(request, "bookings.approve")
    hold = queries.clashing_holds().filter(pk=hold_pk).first()
    if hold is None:
        raise NotFound()
    try:
        holds.move_hold(
            hold=hold, starts_at=hold.starts_at, ends_at=hold.ends_at, actor=request.user
        )
    except HubError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The room is held again for this use."))
    return redirect("bookings:approvals")


def _pending(booking_pk: int) -> Booking:
    booking = queries.approval_queue().filter(pk=booking_pk).first()
    if booking is None:
        raise NotFound()
    return booking


@login_required
@require_POST
def approve(request: HttpRequest, booking_pk: int) -> HttpResponse:
    require(request, "bookings.approve")
    booking = _pending(booking_pk)
    try:
        services.approve_booking(booking=booking, actor=request.user)
    except HubError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("Booking %(number)s was approved.") % {"number": booking.number}
        )
    return redirect("bookings:approvals")


@login_required
@require_POST
def reject(request: HttpRequest, booking_pk: int) -> HttpResponse:
    require(request, "bookings.approve")
    booking = _pending(booking_pk)
    form = RejectForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.reject_booking(booking=booking, actor=request.user, note=note)
    except HubError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("Booking %(number)s was declined.") % {"number": booking.number}
        )
    return redirect("bookings:approvals")


def _period(request: HttpRequest) -> tuple[ReportForm, datetime.date, datetime.date]:
    form = ReportForm(request.GET or None)
    today = timezone.localdate()
    first = today.replace(day=1)
    last = today
    if form.is_valid():
        first = form.cleaned_data["first"] or first
        last = form.cleaned_data["last"] or last
    if last < first:
        first, last = last, first
    return form, first, last


def _usage(request: HttpRequest):
    form, first, last = _period(request)
    rooms = list(queries.rooms_for_user(user=request.user, include_inactive=True))
    per_room, per_facility = reports.usage(rooms=rooms, first=first, last=last)
    return form, first, last, per_room, per_facility


@login_required
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    """Hours booked, occupancy and no-shows per facility and per room for a period."""
    require(request, "bookings.view_reports")
    form, first, last, per_room, per_facility = _usage(request)
    return render(
        request,
        "bookings/report.html",
        {
            "form": form,
            "first": first,
            "last": last,
            "per_room": per_room,
            "per_facility": per_facility,
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_GET
def report_export(request: HttpRequest) -> HttpResponse:
    """The report as XLSX (default) or CSV: facilities first, then rooms."""
    require(request, "bookings.view_reports")
    _form, first, last, per_room, per_facility = _usage(request)
    rows = reports.rows(per_facility) + reports.rows(per_room)
    filename = f"room-use-{first.isoformat()}-{last.isoformat()}"
    if request.GET.get("format") == "csv":
        return csv_response(filename=filename, headers=reports.headers(), rows=rows)
    return xlsx_response(
        filename=filename, sheet=_("Room use"), headers=reports.headers(), rows=rows
    )
