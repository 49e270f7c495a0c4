"""Event and demo-day pages: parse, authorise, call one service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aihub.accounts.models import User
from aihub.companies.models import Company
from aihub.core.errors import Conflict, HubError, NotFound
from aihub.core.exports import csv_response, xlsx_response
from aihub.core.forms import add_hub_error, report_form_errors
from aihub.core.permissions import require
from aihub.core.redirects import safe_next
from aihub.events import demoday, display, pitch_decks, queries, services
from aihub.events.enums import DemoDayStatus, Side
from aihub.events.exports import attendee_headers, attendee_rows
from aihub.events.forms import (
    DemoDaySetupForm,
    EventForm,
    InterestForm,
    InviteInvestorForm,
    ParticipationForm,
    PitchDeckForm,
    ScheduleActionForm,
    invite_form,
)
from aihub.events.models import DemoDay, DemoDayInvestor, DemoDayStartup
from aihub.jobs.shortcuts import export_in_background, start_and_follow


def _failed(request: HttpRequest, error: HubError) -> None:
    details = [m for messages_ in error.errors.values() for m in messages_]
    messages.error(request, " ".join(details) if details else str(error.message))


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "events/list.html",
        {
            "upcoming": queries.public_events(upcoming=True),
            "past": queries.public_events(upcoming=False)[:20],
        },
    )


@require_GET
def event_feed(request: HttpRequest) -> HttpResponse:
    return display.events_ical(queries.public_events(upcoming=True), name=_("Seoul AI Hub events"))


@require_GET
def event_detail(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = queries.event_for_user(user=request.user, pk=event_pk)
    mine = None
    if request.user.is_authenticated:
        mine = (
            queries.registrations_for_user(user=request.user)
            .filter(event=event)
            .exclude(status="cancelled")
            .first()
        )
    return render(request, "events/detail.html", {"event": event, "mine": mine})


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    require(request, "events.manage_events")
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(actor=request.user, **form.cleaned_data)
        except HubError as error:
            add_hub_error(form, error)
        else:
            messages.success(request, _("The event was created."))
            return redirect("events:detail", event_pk=event.pk)
    return render(request, "events/form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, event_pk: int) -> HttpResponse:
    """Staff change an event through ``change_event``; a larger capacity promotes waiting people.

    Refused input is shown next to its field with status 400 and nothing is saved.
    """
    require(request, "events.manage_events")
    event = queries.event_for_user(user=request.user, pk=event_pk)
    initial = {field: getattr(event, field) for field in services.EVENT_FIELDS}
    form = EventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_event(event=event, actor=request.user, **form.cleaned_data)
        except HubError as error:
            add_hub_error(form, error)
        else:
            messages.success(request, _("The event was saved."))
            return redirect("events:detail", event_pk=event.pk)
    return render(
        request,
        "events/form.html",
        {"form": form, "event": event},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def event_register(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = queries.event_for_user(user=request.user, pk=event_pk)
    try:
        registration = services.register(event=event, user=request.user)
    except HubError as error:
        _failed(request, error)
        return redirect("events:detail", event_pk=event.pk)
    if registration.status == "waiting":
        messages.info(request, _("The event is full; you are on the waiting list."))
    else:
        messages.success(request, _("You are registered."))
    return redirect("events:registration", registration_pk=registration.pk)


@login_required
@require_GET
def registration_detail(request: HttpRequest, registration_pk: int) -> HttpResponse:
    registration = queries.registration_for_user(user=request.user, pk=registration_pk)
    check_in_url = request.build_absolute_uri(reverse("events:check_in", args=[registration.token]))
    return render(
        request,
        "events/registration.html",
        {
            "registration": registration,
            "event": registration.event,
            "qr": display.qr_svg(check_in_url) if registration.status == "confirmed" else "",
        },
    )


@login_required
@require_POST
def registration_cancel(request: HttpRequest, registration_pk: int) -> HttpResponse:
    registration = queries.registration_for_user(user=request.user, pk=registration_pk)
    require(request, "events.cancel_registration", registration)
    try:
        services.cancel_registration(registration=registration, actor=request.user)
    except HubError as error:
        _failed(request, error)
    else:
        messages.success(request, _("Your registration was cancelled."))
    return redirect("events:detail", event_pk=registration.event_id)


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request: HttpRequest, token: str) -> HttpResponse:
    require(request, "events.check_in")
    done = None
    if request.method == "POST":
        try:
            done = services.check_in(token=token, actor=request.user)
        except HubError as error:
            _failed(request, error)
        else:
            messages.success(request, _("%(name)s is checked in.") % {"name": done.user.full_name})
    return render(request, "events/check_in.html", {"token": token, "done": done})


@login_required
@require_GET
def event_attendees(request: HttpRequest, event_pk: int) -> HttpResponse:
    require(request, "events.manage_events")
    event = queries.event_for_user(user=request.user, pk=event_pk)
    attendees = queries.attendees_for_event(event=event)
    fmt = request.GET.get("format", "")
    if fmt in ("xlsx", "csv"):
        background = export_in_background(
            request,
            kind="events.export_attendees",
            count=attendees.count(),
            params={"event_pk": event.pk},
        )
        if background is not None:
            return background
        headers, rows = attendee_headers(), attendee_rows(attendees)
    if fmt == "xlsx":
        return xlsx_response(
            filename=f"attendees-{event.pk}", sheet=_("Attendees"), headers=headers, rows=rows
        )
    if fmt == "csv":
        return csv_response(filename=f"attendees-{event.pk}", headers=headers, rows=rows)
    return render(request, "events/attendees.html", {"event": event, "attendees": attendees})


def _demo_day(request: HttpRequest, event_pk: int) -> DemoDay:
    event = queries.event_for_user(user=request.user, pk=event_pk)
    return queries.demo_day_for_event(event=event)


@login_required
@require_GET
def demoday_manage(request: HttpRequest, event_pk: int) -> HttpResponse:
    require(request, "events.manage_demoday")
    event = queries.event_for_user(user=request.user, pk=event_pk)
    demo_day = DemoDay.objects.filter(event=event).first()
    investors, startups = queries.seats_of_demo_day(demo_day) if demo_day else ([], [])
    return render(
        request,
        "events/demoday_manage.html",
        {
            "event": event,
            "demo_day": demo_day,
            "investors": investors,
            "startups": startups,
            "candidates": User.objects.filter(role_assignments__role="investor").order_by("email"),
            "companies": Company.objects.order_by("name_ko"),
        },
    )


@login_required
@require_POST
def demoday_setup(request: HttpRequest, event_pk: int) -> HttpResponse:
    require(request, "events.manage_demoday")
    event = queries.event_for_user(user=request.user, pk=event_pk)
    form = DemoDaySetupForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect("events:demoday", event_pk=event.pk)
    try:
        existing = DemoDay.objects.filter(event=event).first()
        if existing:
            demoday.change_demo_day(demo_day=existing, actor=request.user, **form.cleaned_data)
        else:
            demoday.create_demo_day(event=event, actor=request.user, **form.cleaned_data)
    except HubError as error:
        _failed(request, error)
    else:
        messages.success(request, _("The demo-day settings were saved."))
    return redirect("events:demoday", event_pk=event.pk)


@login_required
@require_POST
def demoday_invite(request: HttpRequest, event_pk: int) -> HttpResponse:
    require(request, "events.manage_demoday")
    demo_day = _demo_day(request, event_pk)
    form = invite_form(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect("events:demoday", event_pk=event_pk)
    try:
        if isinstance(form, InviteInvestorForm):
            demoday.invite_investor(demo_day=demo_day, actor=request.user, **form.cleaned_data)
        else:
            demoday.invite_startup(demo_day=demo_day, actor=request.user, **form.cleaned_data)
    except HubError as error:
        _failed(request, error)
    else:
        messages.success(request, _("The invitation was recorded."))
    return redirect("events:demoday", event_pk=event_pk)


def _seat(
    request: HttpRequest, demo_day: DemoDay, side: str, pk: int
) -> DemoDayInvestor | DemoDayStartup:
    if side == Side.INVESTOR:
        seat = queries.investor_seat_for_user(user=request.user, demo_day=demo_day, pk=pk)
    else:
        seat = queries.startup_seat_for_user(user=request.user, demo_day=demo_day, company_pk=pk)
    require(request, "events.view_seat", seat)
    return seat


def _seat_url(seat: DemoDayInvestor | DemoDayStartup, view: str) -> str:
    event_pk = seat.demo_day.event_id
    if isinstance(seat, DemoDayInvestor):
        return reverse(f"events:investor_{view}", kwargs={"event_pk": event_pk, "seat_pk": seat.pk})
    return reverse(f"events:startup_{view}", kwargs={"event_pk": event_pk, "pk": seat.company_id})


def _seat_pk(kwargs: dict) -> tuple[str, int]:
    if "seat_pk" in kwargs:
        return Side.INVESTOR, kwargs["seat_pk"]
    return Side.STARTUP, kwargs["pk"]


@login_required
@require_POST
def participation(request: HttpRequest, event_pk: int, **kwargs: int) -> HttpResponse:
    """Availability and limits: staff for anyone, a participant for their own seat.

    Afterwards to the posted ``next`` when it is an address of this site, else to the seat's
    interests page."""
    demo_day = _demo_day(request, event_pk)
    seat = _seat(request, demo_day, *_seat_pk(kwargs))
    form = ParticipationForm(request.POST, demo_day=demo_day)
    if form.is_valid():
        data = form.cleaned_data
        try:
            demoday.set_participation(
                seat=seat,
                available=data["available"],
                min_meetings=data["min_meetings"],
                max_meetings=data["max_meetings"],
                actor=request.user,
            )
        except HubError as error:
            _failed(request, error)
        else:
            messages.success(request, _("Availability and limits were saved."))
    else:
        report_form_errors(request, form)
    return redirect(safe_next(request, form.cleaned_data.get("next"), _seat_url(seat, "interests")))


@login_required
@require_http_methods(["GET", "POST"])
def interests(request: HttpRequest, event_pk: int, **kwargs: int) -> HttpResponse:
    demo_day = _demo_day(request, event_pk)
    side, pk = _seat_pk(kwargs)
    seat = _seat(request, demo_day, side, pk)
    if request.method == "POST":
        require(request, "events.mark_interest", seat)
        other_model = DemoDayStartup if side == Side.INVESTOR else DemoDayInvestor
        form = InterestForm(
            request.POST, side=side, others=other_model.objects.filter(demo_day=demo_day)
        )
        if not form.is_valid():
            report_form_errors(request, form)
            return redirect(_seat_url(seat, "interests"))
        data = form.cleaned_data
        pair = (
            {"investor": seat, "startup": data["other"]}
            if side == Side.INVESTOR
            else {"investor": data["other"], "startup": seat}
        )
        try:
            demoday.mark_interest(
                side=side,
                score=data["score"],
                no_thanks=data["no_thanks"],
                reason=data["reason"],
                actor=request.user,
                **pair,
            )
        except HubError as error:
            _failed(request, error)
        else:
            messages.success(request, _("Your interest was saved."))
        return redirect(_seat_url(seat, "interests"))
    return render(
        request,
        "events/interests.html",
        {
            "demo_day": demo_day,
            "event": demo_day.event,
            "seat": seat,
            "side": side,
            "others": queries.counterparts_for_seat(seat=seat),
            "scores": range(6),
            "slots": [(s + 1, s in seat.available) for s in range(demo_day.slots)],
            "participation_url": _seat_url(seat, "participation"),
            "agenda_url": _seat_url(seat, "agenda"),
            "pitch_deck_url": _seat_url(seat, "pitch_deck") if side == Side.STARTUP else "",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pitch_deck(request: HttpRequest, event_pk: int, pk: int) -> HttpResponse:
    """A startup member uploads (or replaces) the company's pitch deck for this demo day.

    Another company's seat is 404; a refused file is shown next to the field with status 400
    and nothing is saved.
    """
    demo_day = _demo_day(request, event_pk)
    seat = queries.startup_seat_for_user(user=request.user, demo_day=demo_day, company_pk=pk)
    if not request.user.has_perm("events.upload_pitch_deck", seat):
        raise NotFound()
    form = PitchDeckForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            pitch_decks.upload_pitch_deck(
                seat=seat, file=form.cleaned_data["pitch_deck"], actor=request.user
            )
        except HubError as error:
            add_hub_error(form, error)
        else:
            messages.success(request, _("The pitch deck was uploaded."))
            return redirect(_seat_url(seat, "interests"))
    return render(
        request,
        "events/pitch_deck.html",
        {
            "demo_day": demo_day,
            "event": demo_day.event,
            "seat": seat,
            "form": form,
            "max_mb": pitch_decks.MAX_PITCH_DECK_BYTES // (1024 * 1024),
            "interests_url": _seat_url(seat, "interests"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def pitch_deck_download(request: HttpRequest, event_pk: int, pk: int) -> FileResponse:
    """Stream a startup's pitch deck to staff, the demo day's investors and its own members;
    everyone else (and a startup without a deck) gets 404."""
    demo_day = _demo_day(request, event_pk)
    seat = queries.pitch_deck_seat_for_user(user=request.user, demo_day=demo_day, company_pk=pk)
    return FileResponse(
        seat.pitch_deck.open("rb"),
        as_attachment=True,
        filename=f"{seat.company.name_en or seat.company.name_ko} pitch deck.pdf",
        content_type="application/pdf",
    )


@login_required
@require_GET
def agenda(request: HttpRequest, event_pk: int, **kwargs: int) -> HttpResponse:
    demo_day = _demo_day(request, event_pk)
    side, pk = _seat_pk(kwargs)
    seat = _seat(request, demo_day, side, pk)
    published = demo_day.status == DemoDayStatus.PUBLISHED
    meetings = list(queries.agenda_for_seat(seat=seat)) if published else []
    if request.GET.get("format") == "ics":
        return display.agenda_ical(
            meetings, name=demo_day.event.title, investor_view=side == Side.INVESTOR
        )
    rows = [
        {
            "meeting": m,
            "starts": demo_day.slot_start(m.slot),
            "ends": demo_day.slot_end(m.slot),
            "other": m.startup.company.name if side == Side.INVESTOR else str(m.investor),
        }
        for m in meetings
    ]
    return render(
        request,
        "events/agenda.html",
        {
            "demo_day": demo_day,
            "event": demo_day.event,
            "seat": seat,
            "rows": rows,
            "published": published,
            "withdraw_url": _seat_url(seat, "withdraw"),
            "interests_url": _seat_url(seat, "interests"),
        },
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, event_pk: int, **kwargs: int) -> HttpResponse:
    demo_day = _demo_day(request, event_pk)
    side, pk = _seat_pk(kwargs)
    seat = _seat(request, demo_day, side, pk)
    require(request, "events.withdraw_seat", seat)
    back = (
        reverse("events:schedule", kwargs={"event_pk": event_pk})
        if request.user.has_perm("events.manage_demoday")
        else reverse("events:detail", kwargs={"event_pk": event_pk})
    )
    if demo_day.status == DemoDayStatus.PUBLISHED and not seat.withdrawn:
        return start_and_follow(
            request,
            kind="events.withdraw_seat",
            key=f"demoday:{demo_day.pk}:seat:{side}:{seat.pk}",
            params={"side": side, "seat_pk": seat.pk, "back_url": back},
        )
    try:
        plan = demoday.withdraw(seat=seat, actor=request.user)
    except HubError as error:
        _failed(request, error)
    else:
        moved = plan.moved_count if plan else 0
        messages.success(
            request,
            _("The participation was cancelled; %(moved)s other meetings moved.")
            % {"moved": moved},
        )
    if request.user.has_perm("events.manage_demoday"):
        return redirect("events:schedule", event_pk=event_pk)
    return redirect("events:detail", event_pk=event_pk)


def _below_minimum(seats: list[DemoDayInvestor | DemoDayStartup]) -> list[dict[str, object]]:
    """Seats still taking part whose meetings in the stored schedule fall short of their
    minimum, as the engine's ``Schedule.below_minimum`` counts them (meetings prefetched)."""
    short = []
    for seat in seats:
        count = len(seat.meetings.all())
        if not seat.withdrawn and count < seat.min_meetings:
            short.append({"seat": seat, "meetings": count, "minimum": seat.min_meetings})
    return short


@login_required
@require_http_methods(["GET", "POST"])
def schedule(request: HttpRequest, event_pk: int) -> HttpResponse:
    """The staff review page: run, pin or forbid, publish."""
    require(request, "events.manage_demoday")
    demo_day = _demo_day(request, event_pk)
    if request.method == "POST":
        form = ScheduleActionForm(request.POST, demo_day=demo_day)
        if not form.is_valid():
            report_form_errors(request, form)
            return redirect("events:schedule", event_pk=event_pk)
        action = form.cleaned_data["action"]
        try:
            if action == "run":
                if demo_day.status == DemoDayStatus.PUBLISHED:
                    raise Conflict(
                        _("The schedule is published; cancel a participation to re-plan instead.")
                    )
                return start_and_follow(
                    request,
                    kind="events.schedule_demo_day",
                    key=f"demoday:{demo_day.pk}",
                    params={"demo_day_pk": demo_day.pk},
                )
            if action == "publish":
                demoday.publish(demo_day=demo_day, actor=request.user)
                messages.success(request, _("The schedule is published."))
            else:
                demoday.decide_pair(actor=request.user, **form.decision_arguments())
                messages.success(request, _("The review decision was saved."))
        except HubError as error:
            _failed(request, error)
        return redirect("events:schedule", event_pk=event_pk)
    investors, startups = queries.seats_of_demo_day(demo_day)
    meetings = list(queries.meetings_for_demo_day(demo_day=demo_day))
    grid = [
        {
            "slot": s + 1,
            "starts": demo_day.slot_start(s),
            "meetings": [m for m in meetings if m.slot == s],
        }
        for s in range(demo_day.slots)
    ]
    return render(
        request,
        "events/schedule.html",
        {
            "demo_day": demo_day,
            "event": demo_day.event,
            "grid": grid,
            "investors": investors,
            "startups": startups,
            "decisions": demo_day.decisions.select_related("investor__user", "startup__company"),
            "gap_percent": round((demo_day.gap or 0) * 100, 2),
            "uncovered": sum(1 for s in startups if not s.withdrawn and not s.meetings.all()),
            "below_minimum": _below_minimum([*investors, *startups]),
        },
    )


@login_required
@require_GET
def table_cards(request: HttpRequest, event_pk: int) -> HttpResponse:
    require(request, "events.manage_demoday")
    demo_day = _demo_day(request, event_pk)
    meetings = list(queries.meetings_for_demo_day(demo_day=demo_day))
    tables = [
        {"table": t, "rows": [(demo_day.slot_start(m.slot), m) for m in meetings if m.table == t]}
        for t in range(1, demo_day.tables + 1)
    ]
    return render(
        request,
        "events/table_cards.html",
        {"demo_day": demo_day, "event": demo_day.event, "tables": [t for t in tables if t["rows"]]},
    )


@login_required
@require_GET
def my_events(request: HttpRequest) -> HttpResponse:
    """The user's registrations and demo-day seats (agenda links)."""
    user = request.user
    investor_seats = DemoDayInvestor.objects.filter(user=user).select_related("demo_day__event")
    startup_seats = DemoDayStartup.objects.filter(company__members__user=user).select_related(
        "demo_day__event", "company"
    )
    seats = [
        (s, _seat_url(s, "agenda"), _seat_url(s, "interests"))
        for s in [*investor_seats, *startup_seats]
    ]
    return render(
        request,
        "events/mine.html",
        {
            "registrations": queries.registrations_for_user(user=user),
            "seats": seats,
        },
    )
