"""Reads about events and demo days; company-owned seats are reached through the companies gate."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from aihub.accounts.models import User
from aihub.companies.queries import companies_for_user
from aihub.core.errors import NotFound
from aihub.events.enums import RegistrationStatus, Side
from aihub.events.models import (
    DemoDay,
    DemoDayInvestor,
    DemoDayStartup,
    Event,
    Interest,
    Meeting,
    Registration,
)


def _with_counts(queryset: QuerySet[Event]) -> QuerySet[Event]:
    return (
        queryset.select_related("space__facility", "demo_day")
        .order_by("starts_at", "pk")
        .annotate(
            confirmed=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            ),
            waiting=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
            ),
        )
    )


def public_events(*, upcoming: bool | None = None) -> QuerySet[Event]:
    """Public events with their confirmed and waiting counts, soonest first."""
    events = _with_counts(Event.objects.filter(is_public=True))
    now = timezone.now()
    if upcoming is True:
        events = events.filter(ends_at__gte=now)
    elif upcoming is False:
        events = events.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    return events


def events_for_user(*, user: User) -> QuerySet[Event]:
    """Every event for staff, public events for everyone else."""
    events = (
        Event.objects.all()
        if user.has_perm("events.manage_events")
        else Event.objects.filter(is_public=True)
    )
    return _with_counts(events)


def event_for_user(*, user: User, pk: int) -> Event:
    try:
        return events_for_user(user=user).get(pk=pk)
    except (Event.DoesNotExist, ValueError, TypeError) as error:
        raise NotFound() from error


def registrations_for_user(*, user: User) -> QuerySet[Registration]:
    """The user's own registrations, newest event first."""
    return (
        Registration.objects.filter(user=user)
        .select_related("event__space__facility")
        .order_by("-event__starts_at", "pk")
    )


def registration_for_user(*, user: User, pk: int) -> Registration:
    """A registration its owner or staff may see; ``NotFound`` otherwise."""
    queryset = Registration.objects.select_related("event__space__facility", "user")
    if not user.has_perm("events.manage_events"):
        queryset = queryset.filter(user=user)
    try:
        return queryset.get(pk=pk)
    except (Registration.DoesNotExist, ValueError, TypeError) as error:
        raise NotFound() from error


def attendees_for_event(*, event: Event) -> QuerySet[Registration]:
    return event.registrations.select_related("user").order_by("status", "created_at", "pk")


def demo_day_for_event(*, event: Event) -> DemoDay:
    try:
        return DemoDay.objects.select_related("event").get(event=event)
    except DemoDay.DoesNotExist as error:
        raise NotFound() from error


def investor_seats_for_user(*, user: User, demo_day: DemoDay) -> QuerySet[DemoDayInvestor]:
    """All investor seats for staff; the user's own seat for an investor."""
    seats = DemoDayInvestor.objects.filter(demo_day=demo_day).select_related(
        "user", "demo_day__event"
    )
    return seats if user.has_perm("events.manage_demoday") else seats.filter(user=user)


def startup_seats_for_user(*, user: User, demo_day: DemoDay) -> QuerySet[DemoDayStartup]:
    """All startup seats for staff; the seats of the user's companies otherwise (the gate)."""
    seats = DemoDayStartup.objects.filter(demo_day=demo_day).select_related(
        "company", "demo_day__event"
    )
    return seats.filter(company__in=companies_for_user(user=user))


def investor_seat_for_user(*, user: User, demo_day: DemoDay, pk: int) -> DemoDayInvestor:
    try:
        return investor_seats_for_user(user=user, demo_day=demo_day).get(pk=pk)
    except (DemoDayInvestor.DoesNotExist, ValueError, TypeError) as error:
        raise NotFound() from error


def startup_seat_for_user(*, user: User, demo_day: DemoDay, company_pk: int) -> DemoDayStartup:
    try:
        return startup_seats_for_user(user=user, demo_day=demo_day).get(company_id=company_pk)
    except (DemoDayStartup.DoesNotExist, ValueError, TypeError) as error:
        raise NotFound() from error


def pitch_deck_seat_for_user(*, user: User, demo_day: DemoDay, company_pk: int) -> DemoDayStartup:
    """The startup seat of ``company_pk`` whose pitch deck ``user`` may download.

    Staff and the investors invited to ``demo_day`` reach every startup's deck, a startup's
    members their own (through the companies gate). ``NotFound`` for anyone else, and when the
    startup has no deck, so that a refused person cannot tell whether a deck exists.
    """
    seats = (
        DemoDayStartup.objects.filter(demo_day=demo_day)
        .exclude(pitch_deck="")
        .select_related("company", "demo_day__event")
    )
    if not investor_seats_for_user(user=user, demo_day=demo_day).exists():
        seats = seats.filter(company__in=companies_for_user(user=user))
    try:
        seat = seats.get(company_id=company_pk)
    except (DemoDayStartup.DoesNotExist, ValueError, TypeError) as error:
        raise NotFound() from error
    if not user.has_perm("events.view_pitch_deck", seat):
        raise NotFound()
    return seat


def interests_for_seat(*, seat: DemoDayInvestor | DemoDayStartup) -> QuerySet[Interest]:
    """The marks this seat gave (its own side only): an investor never sees startups' marks."""
    if isinstance(seat, DemoDayInvestor):
        return Interest.objects.filter(investor=seat, side=Side.INVESTOR).select_related(
            "startup__company"
        )
    return Interest.objects.filter(startup=seat, side=Side.STARTUP).select_related("investor__user")


def counterparts_for_seat(*, seat: DemoDayInvestor | DemoDayStartup) -> list:
    """The other side's seats, each with ``mark`` set to this seat's interest (or None)."""
    marks = {}
    for interest in interests_for_seat(seat=seat):
        marks[
            interest.startup_id if isinstance(seat, DemoDayInvestor) else interest.investor_id
        ] = interest
    if isinstance(seat, DemoDayInvestor):
        others = DemoDayStartup.objects.filter(
            demo_day_id=seat.demo_day_id, withdrawn=False
        ).select_related("company")
        others = others.prefetch_related("company__ai_domains")
    else:
        others = DemoDayInvestor.objects.filter(
            demo_day_id=seat.demo_day_id, withdrawn=False
        ).select_related("user")
    result = list(others)
    for other in result:
        other.mark = marks.get(other.pk)
    return result


def agenda_for_seat(*, seat: DemoDayInvestor | DemoDayStartup) -> QuerySet[Meeting]:
    """The seat's meetings in slot order, with the counterpart loaded."""
    field = "investor" if isinstance(seat, DemoDayInvestor) else "startup"
    return (
        Meeting.objects.filter(**{field: seat})
        .select_related("investor__user", "startup__company", "demo_day__event")
        .order_by("slot")
    )


def meetings_for_demo_day(*, demo_day: DemoDay) -> QuerySet[Meeting]:
    return Meeting.objects.filter(demo_day=demo_day).select_related(
        "investor__user", "startup__company"
    )


def seats_of_demo_day(demo_day: DemoDay) -> tuple[list[DemoDayInvestor], list[DemoDayStartup]]:
    investors = list(
        demo_day.investors.select_related("user").prefetch_related(
            Prefetch("meetings", queryset=Meeting.objects.all())
        )
    )
    startups = list(
        demo_day.startups.select_related("company").prefetch_related(
            Prefetch("meetings", queryset=Meeting.objects.all())
        )
    )
    return investors, startups
