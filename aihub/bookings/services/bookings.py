"""Booking writes: book, book weekly, change, cancel, approve, reject, check in, release.

A booking holds its room through ``aihub.bookings.holds`` like every other use of a room
(events, expert sessions, classes): no two held ranges of one room overlap, buffers
included. Every write that places a booking checks for overlaps and inserts its hold in one
transaction; on SQLite the IMMEDIATE transaction serialises writers so the two cannot
interleave, on PostgreSQL the exclusion constraint refuses the loser of a race, and both
end as ``BookingConflict`` naming the time that is taken. A booking that ends (cancelled,
rejected, released) frees its hold in the same transaction.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from aihub.accounts.enums import Role
from aihub.accounts.models import User
from aihub.bookings import holds, mail, policy
from aihub.bookings.enums import (
    ACTIVE_STATUSES,
    BOOKING_LIFECYCLE,
    BookerKind,
    BookingStatus,
    HoldPurpose,
)
from aihub.bookings.errors import BookingConflict
from aihub.bookings.models import RELEASE_AFTER, BookableRoom, Booking, BookingSeries, RoomHold
from aihub.bookings.services.charges import Quota, cancel_charges, create_charge
from aihub.bookings.timeutil import local, show, show_range
from aihub.companies.enums import CompanyStatus
from aihub.companies.models import Company
from aihub.core.errors import Conflict, HubError, PermissionDenied, ValidationFailed
from aihub.core.lifecycle import move
from aihub.spaces.enums import SpaceStatus

MAX_WEEKS = 26


@dataclass(frozen=True)
class Slot:
    starts_at: datetime.datetime
    ends_at: datetime.datetime


def booker_kind(*, user: User, company: Company | None, organiser: str = "") -> str:
    """What ``user`` books as: their company's membership kind today, a partner, the hub,
    or an outside organisation (which must name itself). A company not resident or member
    today books as an outside organisation."""
    if company is not None:
        if not user.is_hub_staff and not company.members.filter(user=user).exists():
            raise PermissionDenied(_("You can only book for a company you belong to."))
        status = company.status_on(timezone.localdate())
        if status == CompanyStatus.RESIDENT:
            return BookerKind.RESIDENT
        if status == CompanyStatus.MEMBERSHIP:
            return BookerKind.MEMBERSHIP
        return BookerKind.OUTSIDE
    if user.is_hub_staff and not organiser.strip():
        return BookerKind.HUB
    if Role.RESEARCHER in user.role_set and not organiser.strip():
        return BookerKind.PARTNER
    if not organiser.strip():
        raise ValidationFailed(_("Enter the organisation you are booking for."), field="organiser")
    return BookerKind.OUTSIDE


def _check_room_open(room: BookableRoom) -> None:
    if not room.is_active or room.space.status == SpaceStatus.MAINTENANCE:
        raise Conflict(_("This room cannot be booked at the moment."), code="room_closed")


def _blocked(room: BookableRoom, slot: Slot) -> tuple[datetime.datetime, datetime.datetime]:
    return slot.starts_at, slot.ends_at + room.buffer


def _conflict_message(room: BookableRoom, taken: RoomHold, actor: User | None) -> str:
    if taken.purpose != HoldPurpose.BOOKING:
        return holds.taken_message(taken, viewer=actor)
    if room.buffer_minutes:
        return _(
            "The room is booked from %(start)s to %(end)s and needs %(buffer)d minutes "
            "between bookings."
        ) % {
            "start": show(taken.starts_at),
            "end": local(taken.ends_at).strftime("%H:%M"),
            "buffer": room.buffer_minutes,
        }
    return _("The room is already booked from %(start)s to %(end)s.") % {
        "start": show(taken.starts_at),
        "end": local(taken.ends_at).strftime("%H:%M"),
    }


def _refuse_overlaps(
    room: BookableRoom, slots: list[Slot], exclude: list[int], actor: User | None = None
) -> None:
    """``BookingConflict`` when any other use holds the room during a slot (holds in
    ``exclude`` are the booking's own)."""
    taken = holds.overlapping(room.space, [_blocked(room, slot) for slot in slots], exclude=exclude)
    if not taken:
        return
    if len(slots) == 1:
        raise BookingConflict(
            _conflict_message(room, taken[0], actor),
            field="starts_at",
            conflicts=[show_range(h.starts_at, h.ends_at) for h in taken],
        )
    dates = sorted(
        {
            local(slot.starts_at).date().isoformat()
            for slot in slots
            for h in taken
            if h.starts_at < slot.ends_at + room.buffer and h.blocked_until > slot.starts_at
        }
    )
    raise BookingConflict(
        _("The room is already booked on these dates: %(dates)s. No booking was made.")
        % {"dates": ", ".join(dates)},
        field="starts_at",
        conflicts=dates,
    )


def _fresh_room(room: BookableRoom) -> BookableRoom:
    """The room's rules as stored now. Not locked: on PostgreSQL concurrent writers of one
    room race to the exclusion constraint, which lets exactly one of them through."""
    return BookableRoom.objects.select_related("space").get(pk=room.pk)


def _check_all(
    room: BookableRoom,
    slots: list[Slot],
    *,
    kind: str,
    attendees: int,
    now: datetime.datetime,
) -> None:
    _check_room_open(room)
    policy.check_kind(room, kind)
    policy.check_attendees(room, attendees)
    if len(slots) == 1:
        policy.check_times(room, slots[0].starts_at, slots[0].ends_at, now=now)
        return
    problems: dict[str, list[str]] = {}
    for slot in slots:
        try:
            policy.check_times(room, slot.starts_at, slot.ends_at, now=now)
        except ValidationFailed as error:
            problems.setdefault(local(slot.starts_at).date().isoformat(), []).append(
                str(error.message)
            )
    if problems:
        first = next(iter(problems.values()))[0]
        raise ValidationFailed(
            _("These dates of the series break the room's rules: %(dates)s. %(reason)s")
            % {"dates": ", ".join(problems), "reason": first},
            field="starts_at",
            code="series_invalid",
        )


def _hold(booking: Booking, room: BookableRoom, actor: User | None) -> RoomHold:
    return holds.hold_room(
        space=room.space,
        starts_at=booking.starts_at,
        ends_at=booking.ends_at,
        purpose=HoldPurpose.BOOKING,
        owner=booking,
        title_ko=booking.title,
        title_en=booking.title,
        company=booking.company,
        held_by=booking.booked_by,
        actor=actor,
    )


def _insert(
    bookings: list[Booking], room: BookableRoom, slots: list[Slot], actor: User | None
) -> None:
    """Insert the bookings and their holds inside a savepoint; any overlap (found by the
    check or by the exclusion constraint) becomes ``BookingConflict`` and nothing stays."""
    try:
        with transaction.atomic():
            for booking in bookings:
                booking.save()
                _hold(booking, room, actor)
    except (IntegrityError, holds.RoomTaken) as exc:
        for booking in bookings:
            booking.pk = None
        _refuse_overlaps(room, slots, [], actor)
        raise BookingConflict(field="starts_at") from exc


def _release(booking: Booking, actor: User | None) -> None:
    hold = holds.hold_for(booking)
    if hold is not None:
        holds.release_hold(hold=hold, actor=actor)


def _audit_data(booking: Booking) -> dict:
    return {
        "booking": str(booking),
        "code": booking.room.code,
        "starts_at": show(booking.starts_at),
        "ends_at": local(booking.ends_at).strftime("%H:%M"),
        "booker_kind": booking.booker_kind,
    }


def _initial_status(room: BookableRoom, kind: str, actor: User) -> str:
    if actor.is_hub_staff:
        return BookingStatus.CONFIRMED
    if room.approval_required or kind == BookerKind.OUTSIDE:
        return BookingStatus.PENDING
    return BookingStatus.CONFIRMED


def _after_booking(bookings: list[Booking], charged: list[int], actor: User) -> None:
    for booking, minutes in zip(bookings, charged, strict=True):
        action = (
            "bookings.booking.requested"
            if booking.status == BookingStatus.PENDING
            else "bookings.booking.created"
        )
        booking.log_action(action, actor=actor, data=_audit_data(booking))
        create_charge(booking=booking, minutes=minutes, actor=actor)


@transaction.atomic
def book_room(
    *,
    room: BookableRoom,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    title: str,
    actor: User,
    company: Company | None = None,
    organiser: str = "",
    attendees: int = 1,
    now: datetime.datetime | None = None,
) -> Booking:
    """Book ``room`` for the company (or the actor in person) from ``starts_at`` to ``ends_at``.

    Confirmed at once, or pending when the room needs approval or an outside organisation
    books (staff's bookings are always confirmed). Minutes beyond the company's free hours
    in a paid room, and every minute of an outside organisation, get a ``BookingCharge``.
    Mails the booker after commit. Refuses bad times, a booker the room does not admit,
    too many attendees, a used-up quota, and any overlap (``BookingConflict``).
    """
    now = now or timezone.now()
    title = title.strip()
    if not title:
        raise ValidationFailed(_("Enter a title for the booking."), field="title")
    kind = booker_kind(user=actor, company=company, organiser=organiser)
    room = _fresh_room(room)
    slots = [Slot(starts_at, ends_at)]
    _check_all(room, slots, kind=kind, attendees=attendees, now=now)
    quota = Quota(room=room, company=company, kind=kind)
    quota.lock()
    charged = quota.charged_minutes(starts_at, ends_at)
    _refuse_overlaps(room, slots, [], actor)
    booking = Booking(
        room=room,
        company=company,
        booked_by=actor,
        booker_kind=kind,
        organiser=organiser.strip()[:120],
        title=title[:120],
        attendees=attendees,
        starts_at=starts_at,
        ends_at=ends_at,
        blocked_until=ends_at + room.buffer,
        status=_initial_status(room, kind, actor),
    )
    _insert([booking], room, slots, actor)
    _after_booking([booking], [charged], actor)
    mail.notify(booking, "requested" if booking.status == BookingStatus.PENDING else "confirmed")
    return booking


def weekly_slots(
    starts_at: datetime.datetime, ends_at: datetime.datetime, weeks: int
) -> list[Slot]:
    """The same local times on the same weekday for ``weeks`` weeks."""
    start, end = local(starts_at), local(ends_at)
    slots = []
    for week in range(weeks):
        shift = datetime.timedelta(weeks=week)
        slots.append(
            Slot(
                timezone.make_aware(start.replace(tzinfo=None) + shift),
                timezone.make_aware(end.replace(tzinfo=None) + shift),
            )
        )
    return slots


@transaction.atomic
def book_series(
    *,
    room: BookableRoom,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    weeks: int,
    title: str,
    actor: User,
    company: Company | None = None,
    organiser: str = "",
    attendees: int = 1,
    now: datetime.datetime | None = None,
) -> BookingSeries:
    """Book the same time weekly for ``weeks`` weeks: every booking is created or none.

    A date that breaks the room's rules or is taken refuses the whole series, listing
    the dates (``BookingConflict.conflicts`` for taken ones). Same statuses, charges and
    mail as ``book_room``; one mail for the series.
    """
    now = now or timezone.now()
    if not 2 <= weeks <= MAX_WEEKS:
        raise ValidationFailed(
            _("A weekly series has from 2 to %(max)d weeks.") % {"max": MAX_WEEKS},
            field="weeks",
        )
    title = title.strip()
    if not title:
        raise ValidationFailed(_("Enter a title for the booking."), field="title")
    kind = booker_kind(user=actor, company=company, organiser=organiser)
    room = _fresh_room(room)
    slots = weekly_slots(starts_at, ends_at, weeks)
    _check_all(room, slots, kind=kind, attendees=attendees, now=now)
    quota = Quota(room=room, company=company, kind=kind)
    quota.lock()
    charged = [quota.charged_minutes(slot.starts_at, slot.ends_at) for slot in slots]
    _refuse_overlaps(room, slots, [], actor)
    series = BookingSeries.objects.create(
        room=room,
        company=company,
        booked_by=actor,
        title=title[:120],
        weeks=weeks,
        first_starts_at=starts_at,
    )
    status = _initial_status(room, kind, actor)
    bookings = [
        Booking(
            room=room,
            company=company,
            booked_by=actor,
            booker_kind=kind,
            organiser=organiser.strip()[:120],
            title=title[:120],
            attendees=attendees,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            blocked_until=slot.ends_at + room.buffer,
            status=status,
            series=series,
        )
        for slot in slots
    ]
    _insert(bookings, room, slots, actor)
    series.log_action(
        "bookings.series.created", actor=actor, data={"series": str(series), "weeks": weeks}
    )
    _after_booking(bookings, charged, actor)
    mail.notify(bookings[0], "requested" if status == BookingStatus.PENDING else "confirmed")
    return series


def _locked(booking: Booking) -> Booking:
    return (
        Booking.objects.select_for_update(of=("self",))
        .select_related("room__space", "company", "booked_by")
        .get(pk=booking.pk)
    )


@transaction.atomic
def change_booking(
    *,
    booking: Booking,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    actor: User,
    title: str | None = None,
    attendees: int | None = None,
    now: datetime.datetime | None = None,
) -> Booking:
    """Move a booking that has not begun; the same rules as a new one, its own time not
    counted as taken. Charges are recomputed; a room needing approval asks again (unless
    staff move it). Mails the booker after commit."""
    now = now or timezone.now()
    booking = _locked(booking)
    if booking.status not in (BookingStatus.PENDING, BookingStatus.CONFIRMED):
        raise Conflict(_("Only a pending or confirmed booking can be changed."))
    if booking.starts_at <= now:
        raise Conflict(_("A booking that has begun cannot be changed."), code="booking_begun")
    room = _fresh_room(booking.room)
    attendees = booking.attendees if attendees is None else attendees
    slots = [Slot(starts_at, ends_at)]
    _check_all(room, slots, kind=booking.booker_kind, attendees=attendees, now=now)
    quota = Quota(
        room=room, company=booking.company, kind=booking.booker_kind, exclude=[booking.pk]
    )
    quota.lock()
    charged = quota.charged_minutes(starts_at, ends_at)
    own = holds.hold_for(booking)
    _refuse_overlaps(room, slots, [own.pk] if own else [], actor)
    booking.starts_at, booking.ends_at = starts_at, ends_at
    booking.blocked_until = ends_at + room.buffer
    booking.attendees = attendees
    if title is not None and title.strip():
        booking.title = title.strip()[:120]
    booking.save()
    try:
        if own is None:
            _hold(booking, room, actor)
        else:
            holds.move_hold(
                hold=own,
                starts_at=starts_at,
                ends_at=ends_at,
                space=room.space,
                title_ko=booking.title,
                title_en=booking.title,
                actor=actor,
            )
    except holds.RoomTaken as exc:
        _refuse_overlaps(room, slots, [own.pk] if own else [], actor)
        raise BookingConflict(field="starts_at") from exc
    booking.log_action("bookings.booking.changed", actor=actor, data=_audit_data(booking))
    cancel_charges(booking=booking, actor=actor)
    create_charge(booking=booking, minutes=charged, actor=actor)
    asks_again = _initial_status(room, booking.booker_kind, actor) == BookingStatus.PENDING
    if booking.status == BookingStatus.CONFIRMED and asks_again:
        set_booking_status(booking=booking, to=BookingStatus.PENDING, actor=actor, notify=False)
    mail.notify(booking, "changed")
    return booking


BOOKING_ACTIONS = {
    BookingStatus.PENDING: "bookings.booking.requested",
    BookingStatus.CONFIRMED: "bookings.booking.approved",
    BookingStatus.REJECTED: "bookings.booking.rejected",
    BookingStatus.CANCELLED: "bookings.booking.cancelled",
    BookingStatus.CHECKED_IN: "bookings.booking.checked_in",
    BookingStatus.RELEASED: "bookings.booking.released",
}
BOOKING_MAIL = {
    BookingStatus.CONFIRMED: "approved",
    BookingStatus.REJECTED: "rejected",
    BookingStatus.CANCELLED: "cancelled",
    BookingStatus.RELEASED: "released",
}


def set_booking_status(
    *,
    booking: Booking,
    to: str,
    actor: User | None,
    now: datetime.datetime | None = None,
    note: str = "",
    notify: bool = True,
    refusal: HubError | None = None,
) -> Booking:
    """The one door of a booking's status (the booking locked by the caller): checks the move
    against ``BOOKING_LIFECYCLE``, records when and by whom, writes the audit entry, frees
    the room when the booking stops holding it, cancels open charges of a cancelled or
    rejected booking and queues the booker's mail (unless ``notify`` is false)."""
    now = now or timezone.now()
    fields: list[str] = []
    if to == BookingStatus.CANCELLED:
        booking.cancelled_at = now
        fields.append("cancelled_at")
    elif to == BookingStatus.CHECKED_IN:
        booking.checked_in_at = now
        fields.append("checked_in_at")
    elif to in (BookingStatus.CONFIRMED, BookingStatus.REJECTED) and actor is not None:
        booking.decided_by = actor
        fields.append("decided_by")
    if note:
        booking.decision_note = note.strip()[:200]
        fields.append("decision_note")
    data = {"booking": str(booking)}
    if to == BookingStatus.REJECTED:
        data["note"] = booking.decision_note
    if to == BookingStatus.PENDING:
        data = _audit_data(booking)
    move(
        booking,
        lifecycle=BOOKING_LIFECYCLE,
        to=to,
        actor=actor,
        action=BOOKING_ACTIONS[to],
        data=data,
        fields=fields,
        refusal=refusal,
    )
    if to not in ACTIVE_STATUSES:
        _release(booking, actor)
    if to in (BookingStatus.CANCELLED, BookingStatus.REJECTED):
        cancel_charges(booking=booking, actor=actor)
    if notify and to in BOOKING_MAIL:
        mail.notify(booking, BOOKING_MAIL[to])
    return booking


@transaction.atomic
def cancel_booking(
    *, booking: Booking, actor: User, now: datetime.datetime | None = None
) -> Booking:
    """Cancel a pending or confirmed booking before it begins (staff: any active one);
    its open charges are cancelled and the slot is free at once. Mails the booker."""
    now = now or timezone.now()
    booking = _locked(booking)
    if booking.status in ACTIVE_STATUSES and booking.starts_at <= now and not actor.is_hub_staff:
        raise Conflict(_("A booking that has begun cannot be cancelled."), code="booking_begun")
    return set_booking_status(
        booking=booking,
        to=BookingStatus.CANCELLED,
        actor=actor,
        now=now,
        refusal=Conflict(_("This booking is no longer active."), code="booking_inactive"),
    )


@transaction.atomic
def cancel_series(
    *, series: BookingSeries, actor: User, now: datetime.datetime | None = None
) -> int:
    """Cancel every booking of the series that has not begun; returns how many. One mail."""
    now = now or timezone.now()
    upcoming = list(
        series.bookings.select_for_update(of=("self",))
        .filter(status__in=(BookingStatus.PENDING, BookingStatus.CONFIRMED), starts_at__gt=now)
        .select_related("room__space", "company", "booked_by")
    )
    for booking in upcoming:
        set_booking_status(
            booking=booking, to=BookingStatus.CANCELLED, actor=actor, now=now, notify=False
        )
    series.log_action(
        "bookings.series.cancelled",
        actor=actor,
        data={"series": str(series), "count": len(upcoming)},
    )
    if upcoming:
        mail.notify(upcoming[0], "cancelled")
    return len(upcoming)


def _decide(booking: Booking, actor: User) -> Booking:
    if not actor.is_hub_staff:
        raise PermissionDenied()
    return _locked(booking)


@transaction.atomic
def approve_booking(*, booking: Booking, actor: User) -> Booking:
    """Staff confirm a pending booking; the booker is mailed."""
    booking = _decide(booking, actor)
    return set_booking_status(
        booking=booking,
        to=BookingStatus.CONFIRMED,
        actor=actor,
        refusal=_refused_unless_pending(booking),
    )


def _refused_unless_pending(booking: Booking) -> HubError | None:
    if booking.status == BookingStatus.PENDING:
        return None
    return Conflict(_("This booking is not awaiting approval."), code="not_pending")


@transaction.atomic
def reject_booking(*, booking: Booking, actor: User, note: str = "") -> Booking:
    """Staff refuse a pending booking with a note; the slot is freed, charges cancelled."""
    booking = _decide(booking, actor)
    return set_booking_status(
        booking=booking,
        to=BookingStatus.REJECTED,
        actor=actor,
        note=note,
        refusal=_refused_unless_pending(booking),
    )


@transaction.atomic
def check_in(*, booking: Booking, actor: User, now: datetime.datetime | None = None) -> Booking:
    """Check in from 15 minutes before the start until 15 minutes after it."""
    now = now or timezone.now()
    booking = _locked(booking)
    if not booking.can_check_in(now):
        if booking.status == BookingStatus.CHECKED_IN:
            raise Conflict(_("You have already checked in."), code="checked_in")
        raise Conflict(
            _("Check-in is open from 15 minutes before the start until 15 minutes after it."),
            code="check_in_closed",
        )
    return set_booking_status(booking=booking, to=BookingStatus.CHECKED_IN, actor=actor, now=now)


@transaction.atomic
def release_no_shows(*, now: datetime.datetime | None = None) -> int:
    """Release confirmed bookings nobody checked in to within 15 minutes of the start (in
    rooms that ask for check-in), and refuse requests still pending when they begin.
    The rest of the slot becomes free; the bookers are mailed. Returns how many."""
    now = now or timezone.now()
    due = list(
        Booking.objects.select_for_update(of=("self",))
        .filter(
            Q(status=BookingStatus.CONFIRMED, room__check_in_required=True)
            | Q(status=BookingStatus.PENDING),
            starts_at__lte=now - RELEASE_AFTER,
            ends_at__gt=now - datetime.timedelta(days=2),
        )
        .select_related("room__space", "company", "booked_by")
    )
    for booking in due:
        if booking.status == BookingStatus.PENDING:
            set_booking_status(
                booking=booking,
                to=BookingStatus.REJECTED,
                actor=None,
                now=now,
                note=_("Not approved before it began."),
            )
        else:
            set_booking_status(booking=booking, to=BookingStatus.RELEASED, actor=None, now=now)
    return len(due)
