"""Reads of the bookings app. Company-owned rows start from the companies gate."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.urls import reverse

from aihub.accounts.models import User
from aihub.bookings.enums import BookingStatus, ChargeStatus, HoldPurpose, HoldState
from aihub.bookings.models import (
    BOOKABLE_KINDS,
    MAX_BUFFER,
    MAX_HOLD,
    BookableRoom,
    Booking,
    BookingCharge,
    BookingSeries,
    RoomHold,
)
from aihub.companies.models import Company
from aihub.companies.queries import companies_for_user, company_for_user
from aihub.core.errors import NotFound
from aihub.core.models import is_english, pick
from aihub.spaces.models import Facility, Space

MAX_SPAN = MAX_HOLD + MAX_BUFFER
"""The longest blocked range a use of a room can have: bounds scans."""


def rooms_for_user(
    *, user: User, facility: str = "", kind: str = "", include_inactive: bool = False
) -> QuerySet[BookableRoom]:
    """Bookable rooms for anyone signed in, with their space, floor and facility."""
    if not user.is_authenticated:
        return BookableRoom.objects.none()
    rooms = BookableRoom.objects.select_related("space__facility", "space__floor")
    if not include_inactive:
        rooms = rooms.filter(is_active=True)
    if facility:
        rooms = rooms.filter(space__facility__slug=facility)
    if kind:
        rooms = rooms.filter(space__kind=kind)
    return rooms.order_by(
        "space__facility__opened_on", "space__facility_id", "space__floor__level", "space__code"
    )


def room_for_user(*, user: User, pk: int) -> BookableRoom:
    room = rooms_for_user(user=user, include_inactive=user.is_hub_staff).filter(pk=pk).first()
    if room is None:
        raise NotFound()
    return room


def spaces_for_room_setup(*, user: User, facility: str = "") -> QuerySet[Space]:
    """Every space of a bookable kind with its booking profile (or none), for hub staff;
    nothing for anyone else. Ordered like the calendars; one query however many rooms."""
    if not user.is_authenticated or not user.is_hub_staff:
        return Space.objects.none()
    spaces = Space.objects.filter(kind__in=BOOKABLE_KINDS).select_related(
        "facility", "floor", "bookable"
    )
    if facility:
        spaces = spaces.filter(facility__slug=facility)
    return spaces.order_by("facility__opened_on", "facility_id", "floor__level", "code")


def space_for_room_setup(*, user: User, pk: int) -> Space:
    """One space of a bookable kind for hub staff; 404 for other kinds and other users."""
    space = spaces_for_room_setup(user=user).filter(pk=pk).first()
    if space is None:
        raise NotFound()
    return space


def facilities_with_bookable_kinds() -> QuerySet[Facility]:
    """Facilities that have a meeting room, education room, lounge or hall, set up or not."""
    return (
        Facility.objects.filter(spaces__kind__in=BOOKABLE_KINDS)
        .distinct()
        .order_by("-is_anchor", "opened_on", "id")
    )


def facilities_with_rooms() -> QuerySet[Facility]:
    return (
        Facility.objects.filter(spaces__bookable__is_active=True)
        .distinct()
        .order_by("-is_anchor", "opened_on", "id")
    )


def facility_for_slug(*, slug: str) -> Facility:
    facility = facilities_with_rooms().filter(slug=slug).first()
    if facility is None:
        raise NotFound()
    return facility


@dataclass(frozen=True)
class BookingFilters:
    company: int | None = None
    status: str = ""
    upcoming_from: datetime.datetime | None = None
    room: int | None = None


def bookings_for_user(*, user: User, filters: BookingFilters | None = None) -> QuerySet[Booking]:
    """Bookings the user may see in full: their companies' (all for staff) and their own
    bookings held without a company; with room, company and booker joined."""
    filters = filters or BookingFilters()
    if not user.is_authenticated:
        return Booking.objects.none()
    bookings = Booking.objects.select_related(
        "room__space__facility", "room__space__floor", "company", "booked_by"
    )
    if not user.is_hub_staff:
        bookings = bookings.filter(
            Q(company__in=companies_for_user(user=user)) | Q(company__isnull=True, booked_by=user)
        )
    if filters.company:
        bookings = bookings.filter(company_id=filters.company)
    if filters.status:
        bookings = bookings.filter(status=filters.status)
    if filters.upcoming_from:
        bookings = bookings.filter(ends_at__gt=filters.upcoming_from)
    if filters.room:
        bookings = bookings.filter(room_id=filters.room)
    return bookings.order_by("starts_at", "id")


def booking_for_user(*, user: User, company_pk: int, pk: int) -> Booking:
    """One booking of the company in the URL, if the user may see that company; 404 otherwise."""
    booking = (
        bookings_for_user(user=user).filter(company_id=company_pk, pk=pk).select_related("series")
    ).first()
    if booking is None:
        raise NotFound()
    return booking


def personal_booking_for_user(*, user: User, pk: int) -> Booking:
    """A booking held without a company, for the person who holds it and staff."""
    booking = (
        bookings_for_user(user=user).filter(company__isnull=True, pk=pk).select_related("series")
    ).first()
    if booking is None:
        raise NotFound()
    return booking


def series_for_user(*, user: User, company_pk: int, pk: int) -> BookingSeries:
    series = (
        BookingSeries.objects.filter(
            company__in=companies_for_user(user=user), company_id=company_pk, pk=pk
        )
        .select_related("room__space", "company")
        .first()
    )
    if series is None:
        raise NotFound()
    return series


def company_bookings_for_user(*, user: User, pk: int) -> Company:
    """The company in the URL through the gate; 404 when the user may not see it."""
    return company_for_user(user=user, pk=pk)


@dataclass(frozen=True)
class Taken:
    """A held range of a room as calendars read it: a booking or any other use.

    ``booking_id`` and ``status`` are set for bookings; ``company_id`` and ``held_by_id`` say
    who may see what the use is for."""

    hold_id: int
    room_id: int
    purpose: str
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    blocked_until: datetime.datetime
    company_id: int | None
    held_by_id: int | None
    owner_type_id: int
    owner_id: int
    status: str = ""

    @property
    def booking_id(self) -> int | None:
        return self.owner_id if self.purpose == HoldPurpose.BOOKING else None

    @property
    def is_pending(self) -> bool:
        return self.status == BookingStatus.PENDING


HOLD_FIELDS = (
    "id",
    "space_id",
    "purpose",
    "title_ko",
    "title_en",
    "starts_at",
    "ends_at",
    "blocked_until",
    "company_id",
    "held_by_id",
    "owner_type_id",
    "owner_id",
)


def busy(
    *, rooms: list[BookableRoom], start: datetime.datetime, end: datetime.datetime
) -> list[Taken]:
    """Every use holding one of ``rooms`` whose blocked range meets [start, end), by start:
    bookings (with their status) and events, sessions, classes alike. Two queries.

    The scan is bounded by the longest possible use of a room.
    """
    if not rooms:
        return []
    room_of = {room.space_id: room.pk for room in rooms}
    english = is_english()
    rows = list(
        RoomHold.objects.filter(
            space__in=list(room_of),
            state=HoldState.HELD,
            starts_at__lt=end,
            starts_at__gt=start - MAX_SPAN,
            blocked_until__gt=start,
        )
        .order_by("starts_at", "id")
        .values_list(*HOLD_FIELDS)
    )
    booking_ids = [row[11] for row in rows if row[2] == HoldPurpose.BOOKING]
    statuses = (
        dict(Booking.objects.filter(pk__in=booking_ids).values_list("pk", "status"))
        if booking_ids
        else {}
    )
    return [
        Taken(
            hold_id=pk,
            room_id=room_of[space_id],
            purpose=purpose,
            title=pick(title_ko, title_en, english=english),
            starts_at=starts_at,
            ends_at=ends_at,
            blocked_until=blocked_until,
            company_id=company_id,
            held_by_id=held_by_id,
            owner_type_id=owner_type_id,
            owner_id=owner_id,
            status=statuses.get(owner_id, "") if purpose == HoldPurpose.BOOKING else "",
        )
        for (
            pk,
            space_id,
            purpose,
            title_ko,
            title_en,
            starts_at,
            ends_at,
            blocked_until,
            company_id,
            held_by_id,
            owner_type_id,
            owner_id,
        ) in rows
    ]


def busy_rows(
    *, room_ids: list[int], start: datetime.datetime, end: datetime.datetime
) -> list[Taken]:
    """Like ``busy`` for rooms given by id (searches over many rooms)."""
    if not room_ids:
        return []
    rooms = list(BookableRoom.objects.filter(pk__in=room_ids).only("id", "space_id"))
    return busy(rooms=rooms, start=start, end=end)


def owner_links(taken: list[Taken]) -> dict[int, str]:
    """The address of what each use is for (an event's page, a session's demand), by hold;
    one query per kind of owner. Uses whose owner has no page are left out."""
    from django.contrib.contenttypes.models import ContentType

    by_type: dict[int, list[Taken]] = {}
    for use in taken:
        if use.purpose != HoldPurpose.BOOKING:
            by_type.setdefault(use.owner_type_id, []).append(use)
    links: dict[int, str] = {}
    for type_id, uses in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None or not hasattr(model, "get_absolute_url"):
            continue
        owners = model._default_manager.in_bulk([use.owner_id for use in uses])
        for use in uses:
            owner = owners.get(use.owner_id)
            if owner is not None:
                links[use.hold_id] = owner.get_absolute_url()
    return links


def owner_link(hold: RoomHold) -> str:
    """The page of what a hold is for (a booking's or its owner's page), or ""."""
    owner = hold.owner
    if owner is None:
        return ""
    if isinstance(owner, Booking):
        if owner.company_id:
            return reverse(
                "bookings:booking", kwargs={"pk": owner.company_id, "booking_pk": owner.pk}
            )
        return reverse("bookings:personal", kwargs={"booking_pk": owner.pk})
    return owner.get_absolute_url() if hasattr(owner, "get_absolute_url") else ""


def clashing_holds() -> QuerySet[RoomHold]:
    """Uses recorded before each room had one owner of its time that overlap another; for
    staff to resolve."""
    return (
        RoomHold.objects.filter(state=HoldState.CLASHING)
        .select_related("space__facility")
        .order_by("starts_at", "id")
    )


def approval_queue() -> QuerySet[Booking]:
    """Pending bookings, soonest first, for staff."""
    return (
        Booking.objects.filter(status=BookingStatus.PENDING)
        .select_related("room__space__facility", "company", "booked_by")
        .order_by("starts_at", "id")
    )


def charges_for_user(*, user: User, company: int | None = None) -> QuerySet[BookingCharge]:
    """Charges of the companies the user may see, and their own charges without a company."""
    if not user.is_authenticated:
        return BookingCharge.objects.none()
    charges = BookingCharge.objects.select_related(
        "booking__room__space__facility", "company", "booking__booked_by", "invoice"
    )
    if not user.is_hub_staff:
        charges = charges.filter(
            Q(company__in=companies_for_user(user=user))
            | Q(company__isnull=True, booking__booked_by=user)
        )
    if company:
        charges = charges.filter(company_id=company)
    return charges.order_by("-month", "-id")


def charge_for_user(*, user: User, company_pk: int, pk: int) -> BookingCharge:
    charge = charges_for_user(user=user).filter(company_id=company_pk, pk=pk).first()
    if charge is None:
        raise NotFound()
    return charge


def open_charges_total(*, company: Company) -> int:
    return sum(
        BookingCharge.objects.filter(company=company, status=ChargeStatus.OPEN).values_list(
            "total", flat=True
        )
    )
