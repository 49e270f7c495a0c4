"""Booking pages: they parse, authorise through django-rules, call one service, render.

Calendars and the search answer HTMX requests (``request.htmx``) with their partial only.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aihub.bookings import availability, calendar, queries, services
from aihub.bookings.forms import BookingForm, ChangeForm, SearchForm
from aihub.bookings.ical import feed_token
from aihub.bookings.models import BookableRoom, Booking
from aihub.bookings.timeutil import days, local, week_start
from aihub.bookings.visibility import viewer_for
from aihub.companies.models import Company
from aihub.companies.queries import companies_of_user
from aihub.core.audit import history_for
from aihub.core.errors import HubError
from aihub.core.forms import add_hub_error
from aihub.core.pagination import paginate
from aihub.core.permissions import require


def _day(request: HttpRequest) -> datetime.date:
    try:
        return datetime.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return timezone.localdate()


def _view(request: HttpRequest, default: str) -> str:
    view = request.GET.get("view", default)
    return view if view in ("day", "week") else default


def booking_url(booking: Booking) -> str:
    if booking.company_id:
        return reverse(
            "bookings:booking", kwargs={"pk": booking.company_id, "booking_pk": booking.pk}
        )
    return reverse("bookings:personal", kwargs={"booking_pk": booking.pk})


def action_urls(booking: Booking) -> dict[str, str]:
    """Where the booking page's forms post: company bookings under the company's address."""
    if booking.company_id:
        kwargs = {"pk": booking.company_id, "booking_pk": booking.pk}
        names = {"cancel": "cancel", "change": "change", "check_in": "check_in"}
    else:
        kwargs = {"booking_pk": booking.pk}
        names = {
            "cancel": "personal_cancel",
            "change": "personal_change",
            "check_in": "personal_check_in",
        }
    return {key: reverse(f"bookings:{name}", kwargs=kwargs) for key, name in names.items()}


def _companies_to_book_for(request: HttpRequest):
    if request.user.has_perm("bookings.book_for_anyone"):
        return Company.objects.order_by("name_ko")
    return companies_of_user(user=request.user).order_by("name_ko")


def _navigation(day: datetime.date, view: str) -> dict[str, object]:
    step = datetime.timedelta(days=7 if view == "week" else 1)
    return {
        "day": day,
        "view": view,
        "previous": (day - step).isoformat(),
        "next": (day + step).isoformat(),
        "today": timezone.localdate().isoformat(),
    }


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Facilities with rooms, and the search for free rooms (results by HTMX or in page)."""
    require(request, "bookings.view_rooms")
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid():
        starts_at, ends_at = form.times()
        rooms = list(
            queries.rooms_for_user(user=request.user, kind=form.cleaned_data["kind"] or "")
        )
        results = availability.free_rooms(
            rooms=rooms,
            starts_at=starts_at,
            ends_at=ends_at,
            capacity=form.cleaned_data["capacity"] or 1,
            equipment=form.cleaned_data["equipment"],
            now=timezone.now(),
        )
    context = {
        "form": form,
        "results": results,
        "start": local(form.times()[0]) if results is not None else None,
        "end": local(form.times()[1]) if results is not None else None,
        "facilities": queries.facilities_with_rooms(),
    }
    if request.htmx and request.htmx.target == "search-results":
        return render(request, "bookings/_search_results.html", context)
    return render(request, "bookings/index.html", context)


@login_required
@require_GET
def facility_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """A facility's rooms for a day (times by rooms) or a week (rooms by days)."""
    require(request, "bookings.view_rooms")
    facility = queries.facility_for_slug(slug=slug)
    rooms = list(queries.rooms_for_user(user=request.user, facility=slug))
    view, day = _view(request, "day"), _day(request)
    now, viewer = timezone.now(), viewer_for(request.user)
    context = {"facility": facility, "rooms": rooms, **_navigation(day, view)}
    if view == "day":
        context["grid"] = calendar.build(calendar.rooms_day(rooms, day), viewer=viewer, now=now)
    else:
        monday = week_start(day)
        week = days(monday, 7)
        found = availability.availability(
            rooms=rooms, first_day=monday, day_count=7, viewer=viewer, now=now
        )
        context["week"] = week
        context["agenda"] = [
            (
                entry.room,
                [[b for b in entry.busy if local(b.starts_at).date() == d] for d in week],
            )
            for entry in found
        ]
    template = "bookings/_facility_calendar.html" if request.htmx else "bookings/facility.html"
    return render(request, template, context)


def _room_context(
    request: HttpRequest, room: BookableRoom, form: BookingForm | None = None
) -> dict[str, object]:
    view, day = _view(request, "week"), _day(request)
    columns = (
        calendar.room_week(room, week_start(day))
        if view == "week"
        else [calendar.Column(room, day, calendar.day_label(day))]
    )
    if form is None:
        initial = {"day": day}
        start = request.GET.get("start", "")
        try:
            moment = local(datetime.datetime.fromisoformat(start))
        except ValueError:
            moment = None
        if moment is not None:
            end = moment + datetime.timedelta(minutes=max(room.min_minutes, 60))
            initial = {"day": moment.date(), "start": moment.time(), "end": end.time()}
        form = BookingForm(initial=initial, companies=_companies_to_book_for(request))
    return {
        "room": room,
        "form": form,
        "grid": calendar.build(columns, viewer=viewer_for(request.user), now=timezone.now()),
        "feed_token": feed_token(request.user),
        **_navigation(day, view),
    }


@login_required
@require_GET
def room_calendar(request: HttpRequest, room_pk: int) -> HttpResponse:
    """A room's week (or day) with its rules and the booking form."""
    require(request, "bookings.view_rooms")
    room = queries.room_for_user(user=request.user, pk=room_pk)
    context = _room_context(request, room)
    if request.htmx and request.htmx.target == "booking-panel":
        return render(request, "bookings/_booking_form.html", context)
    if request.htmx:
        return render(request, "bookings/_room_calendar.html", context)
    return render(request, "bookings/room.html", context)


@login_required
@require_POST
def room_book(request: HttpRequest, room_pk: int) -> HttpResponse:
    """Book once or weekly; a refusal is shown on the form with status 4xx."""
    require(request, "bookings.book")
    room = queries.room_for_user(user=request.user, pk=room_pk)
    form = BookingForm(request.POST, companies=_companies_to_book_for(request))
    status, conflicts = 400, []
    if form.is_valid():
        arguments = form.service_arguments()
        weeks = form.cleaned_data["weeks"]
        try:
            if weeks > 1:
                series = services.book_series(
                    room=room, weeks=weeks, actor=request.user, **arguments
                )
                booking = series.bookings.order_by("starts_at").first()
                messages.success(
                    request,
                    _("%(count)d weekly bookings were made.") % {"count": weeks},
                )
            else:
                booking = services.book_room(room=room, actor=request.user, **arguments)
                messages.success(
                    request,
                    _("Booking %(number)s was made.") % {"number": booking.number}
                    if booking.status != "pending"
                    else _("Booking %(number)s was requested; staff will approve it.")
                    % {"number": booking.number},
                )
        except HubError as error:
            add_hub_error(form, error)
            status = error.status
            conflicts = getattr(error, "conflicts", []) if weeks > 1 else []
        else:
            if request.htmx:
                response = HttpResponse(status=204)
                response["HX-Redirect"] = booking_url(booking)
                return response
            return redirect(booking_url(booking))
    context = _room_context(request, room, form)
    context["conflicts"] = conflicts
    template = "bookings/_booking_form.html" if request.htmx else "bookings/room.html"
    return render(request, template, context, status=status)


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """Someone's way in: their company's bookings, or the ones they hold in person."""
    company = companies_of_user(user=request.user).first()
    if company is not None:
        return redirect("bookings:company", pk=company.pk)
    return redirect("bookings:personal_list")


def _booking_list(request: HttpRequest, bookings, title: str, **extra) -> HttpResponse:
    now = timezone.now()
    upcoming = bookings.filter(ends_at__gt=now)
    past = bookings.filter(ends_at__lte=now).order_by("-starts_at", "-id")
    page = paginate(past, page=request.GET.get("page"), per_page=25)
    return render(
        request,
        "bookings/list.html",
        {
            "title": title,
            "upcoming": list(upcoming[:50]),
            "page": page,
            "feed_token": feed_token(request.user),
            **extra,
        },
    )


@login_required
@require_GET
def company_bookings(request: HttpRequest, pk: int) -> HttpResponse:
    company = queries.company_bookings_for_user(user=request.user, pk=pk)
    require(request, "bookings.view_company_bookings", company)
    bookings = queries.bookings_for_user(
        user=request.user, filters=queries.BookingFilters(company=company.pk)
    )
    charges = queries.charges_for_user(user=request.user, company=company.pk)[:12]
    return _booking_list(
        request,
        bookings,
        _("Room bookings of %(name)s") % {"name": company.name},
        company=company,
        charges=list(charges),
    )


@login_required
@require_GET
def personal_list(request: HttpRequest) -> HttpResponse:
    """The bookings a person holds without a company (partners, outside organisers)."""
    bookings = queries.bookings_for_user(user=request.user).filter(
        company__isnull=True, booked_by=request.user
    )
    return _booking_list(request, bookings, _("My room bookings"))


def _booking(request: HttpRequest, pk: int | None, booking_pk: int) -> Booking:
    if pk is None:
        return queries.personal_booking_for_user(user=request.user, pk=booking_pk)
    company = queries.company_bookings_for_user(user=request.user, pk=pk)
    require(request, "bookings.view_company_bookings", company)
    return queries.booking_for_user(user=request.user, company_pk=pk, pk=booking_pk)


def _detail(request: HttpRequest, booking: Booking, change_form=None, status=200) -> HttpResponse:
    if change_form is None:
        start, end = local(booking.starts_at), local(booking.ends_at)
        change_form = ChangeForm(
            initial={"day": start.date(), "start": start.time(), "end": end.time()}
        )
    return render(
        request,
        "bookings/booking.html",
        {
            "booking": booking,
            "urls": action_urls(booking),
            "change_form": change_form,
            "can_manage": request.user.has_perm("bookings.manage_booking", booking),
            "can_check_in": booking.can_check_in(),
            "charges": list(booking.charges.all()),
            "history": history_for(booking)[:15],
            "is_upcoming": booking.starts_at > timezone.now(),
        },
        status=status,
    )


@login_required
@require_GET
def booking_detail(request: HttpRequest, booking_pk: int, pk: int | None = None) -> HttpResponse:
    return _detail(request, _booking(request, pk, booking_pk))


def _act(request: HttpRequest, pk: int | None, booking_pk: int, action: str) -> HttpResponse:
    booking = _booking(request, pk, booking_pk)
    require(request, "bookings.manage_booking", booking)
    try:
        if action == "cancel":
            services.cancel_booking(booking=booking, actor=request.user)
            messages.success(request, _("The booking was cancelled."))
        elif action == "check_in":
            services.check_in(booking=booking, actor=request.user)
            messages.success(request, _("You are checked in."))
        else:
            form = ChangeForm(request.POST)
            if not form.is_valid():
                return _detail(request, booking, form, status=400)
            starts_at, ends_at = form.times()
            try:
                services.change_booking(
                    booking=booking, starts_at=starts_at, ends_at=ends_at, actor=request.user
                )
            except HubError as error:
                add_hub_error(form, error)
                return _detail(request, booking, form, status=error.status)
            messages.success(request, _("The booking was changed."))
    except HubError as error:
        messages.error(request, str(error.message))
    return redirect(booking_url(booking))


@login_required
@require_POST
def booking_cancel(request: HttpRequest, booking_pk: int, pk: int | None = None) -> HttpResponse:
    return _act(request, pk, booking_pk, "cancel")


@login_required
@require_POST
def booking_check_in(request: HttpRequest, booking_pk: int, pk: int | None = None) -> HttpResponse:
    return _act(request, pk, booking_pk, "check_in")


@login_required
@require_POST
def booking_change(request: HttpRequest, booking_pk: int, pk: int | None = None) -> HttpResponse:
    return _act(request, pk, booking_pk, "change")


@login_required
@require_POST
def series_cancel(request: HttpRequest, pk: int, series_pk: int) -> HttpResponse:
    company = queries.company_bookings_for_user(user=request.user, pk=pk)
    require(request, "bookings.view_company_bookings", company)
    series = queries.series_for_user(user=request.user, company_pk=pk, pk=series_pk)
    count = services.cancel_series(series=series, actor=request.user)
    messages.success(
        request, _("%(count)d bookings of the series were cancelled.") % {"count": count}
    )
    return redirect("bookings:company", pk=pk)


@login_required
@require_http_methods(["GET"])
def charge_receipt(request: HttpRequest, pk: int, charge_pk: int) -> HttpResponse:
    """A booking receipt: hours, hourly price, VAT and total."""
    company = queries.company_bookings_for_user(user=request.user, pk=pk)
    require(request, "bookings.view_company_bookings", company)
    charge = queries.charge_for_user(user=request.user, company_pk=pk, pk=charge_pk)
    return render(request, "bookings/receipt.html", {"charge": charge, "company": company})
