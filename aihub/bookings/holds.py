"""One owner of room time: every use of a room takes it through a hold.

A booking, an event or demo day in a hub room, an expert session in a room, a class (and
any later use) holds the room with ``hold_room`` on behalf of its owner object, moves the
hold with ``move_hold`` when the owner moves, and frees it with ``release_hold`` — each in the
owner's own transaction, so an owner and its hold change together or not at all.

No two held ranges of one room overlap, buffers included: on PostgreSQL an exclusion
constraint refuses the loser of a race; on SQLite the check and the insert run in one
IMMEDIATE transaction, so writers queue. Either way the refusal is ``RoomTaken``, naming
what holds the room and when (what it is for only to those who may see it).
"""

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aihub.bookings.enums import HoldPurpose, HoldState
from aihub.bookings.errors import BookingConflict
from aihub.bookings.models import MAX_HOLD, RoomHold
from aihub.bookings.timeutil import local, show
from aihub.core.errors import ValidationFailed
from aihub.spaces.enums import ROOM_KINDS, SpaceStatus
from aihub.spaces.models import Space


class RoomTaken(BookingConflict):
    """The room is held at that time by another use; the message says by what and when."""

    code = "room_taken"
    default_message = gettext_lazy("The room is already in use at this time.")


def buffer_of(space: Space) -> datetime.timedelta:
    """The room's buffer after each use (from its booking rules; none without them)."""
    bookable = getattr(space, "bookable", None)
    return datetime.timedelta(minutes=bookable.buffer_minutes if bookable else 0)


def _sees(hold: RoomHold, viewer: Any) -> bool:
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return False
    if getattr(viewer, "is_hub_staff", False) or hold.held_by_id == viewer.pk:
        return True
    return bool(
        hold.company_id and viewer.company_memberships.filter(company_id=hold.company_id).exists()
    )


def taken_message(hold: RoomHold, *, viewer: Any = None) -> str:
    """Why the room cannot be had: when it is taken and, for those who may know, by what."""
    values = {"start": show(hold.starts_at), "end": local(hold.ends_at).strftime("%H:%M")}
    if _sees(hold, viewer):
        values |= {"use": HoldPurpose(hold.purpose).label, "title": hold.title}
        return _("The room is taken from %(start)s to %(end)s by %(use)s “%(title)s”.") % values
    return _("The room is already booked from %(start)s to %(end)s.") % values


def overlapping(
    space: Space,
    ranges: list[tuple[datetime.datetime, datetime.datetime]],
    *,
    exclude: list[int] | None = None,
) -> list[RoomHold]:
    """Held ranges of ``space`` meeting any of ``ranges`` (each ``(starts_at, blocked_until)``)."""
    match = models.Q()
    for starts_at, blocked_until in ranges:
        match |= models.Q(starts_at__lt=blocked_until, blocked_until__gt=starts_at)
    return list(
        RoomHold.objects.filter(match, space=space, state=HoldState.HELD)
        .exclude(pk__in=exclude or [])
        .order_by("starts_at", "pk")
    )


def _fresh(space: Space) -> Space:
    """The room as stored now (its status and booking rules may have changed)."""
    return Space.objects.select_related("bookable").get(pk=space.pk)


def _check(space: Space, starts_at: datetime.datetime, ends_at: datetime.datetime) -> None:
    if starts_at is None or ends_at is None or ends_at <= starts_at:
        raise ValidationFailed(_("The use must end after it starts."), field="ends_at")
    if ends_at - starts_at > MAX_HOLD:
        raise ValidationFailed(
            _("A room can be held for at most 7 days at a time."), field="ends_at"
        )
    if space.kind not in ROOM_KINDS:
        raise ValidationFailed(
            _("Only a meeting or education room, a lounge or a hall can be held."), field="space"
        )
    if space.status == SpaceStatus.MAINTENANCE:
        raise BookingConflict(
            _("This room is under maintenance and cannot be used at the moment."),
            field="space",
            code="room_closed",
        )


def _refuse(space: Space, starts_at, blocked_until, *, exclude, viewer) -> None:
    taken = overlapping(space, [(starts_at, blocked_until)], exclude=exclude)
    if taken:
        raise RoomTaken(
            taken_message(taken[0], viewer=viewer),
            field="starts_at",
            conflicts=[f"{show(h.starts_at)}–{local(h.ends_at):%H:%M}" for h in taken],
        )


def _save(hold: RoomHold, *, viewer: Any) -> None:
    """Save in a savepoint; the exclusion constraint's refusal becomes ``RoomTaken``."""
    try:
        with transaction.atomic():
            hold.save()
    except IntegrityError as exc:
        _refuse(hold.space, hold.starts_at, hold.blocked_until, exclude=[hold.pk], viewer=viewer)
        raise RoomTaken(field="starts_at") from exc


def _data(hold: RoomHold) -> dict[str, Any]:
    return {
        "code": hold.space.code,
        "hold_purpose": hold.purpose,
        "starts_at": show(hold.starts_at),
        "ends_at": local(hold.ends_at).strftime("%H:%M"),
    }


@transaction.atomic
def hold_room(
    *,
    space: Space,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    purpose: str,
    owner: models.Model,
    title_ko: str,
    title_en: str = "",
    company: Any = None,
    held_by: Any = None,
    actor: Any = None,
) -> RoomHold:
    """Hold ``space`` from ``starts_at`` to ``ends_at`` (plus the room's buffer) for
    ``purpose`` on behalf of ``owner``; ``RoomTaken`` when any other use overlaps."""
    if purpose not in HoldPurpose.values:
        raise ValueError(f"Unknown hold purpose: {purpose}")
    space = _fresh(space)
    _check(space, starts_at, ends_at)
    blocked_until = ends_at + buffer_of(space)
    _refuse(space, starts_at, blocked_until, exclude=[], viewer=actor)
    hold = RoomHold(
        space=space,
        purpose=purpose,
        title_ko=(title_ko or title_en)[:200],
        title_en=(title_en or "")[:200],
        starts_at=starts_at,
        ends_at=ends_at,
        blocked_until=blocked_until,
        owner_type=ContentType.objects.get_for_model(type(owner)),
        owner_id=owner.pk,
        company=company,
        held_by=held_by if getattr(held_by, "pk", None) else None,
    )
    _save(hold, viewer=actor)
    hold.log_action("bookings.hold.created", actor=actor, data=_data(hold))
    return hold


@transaction.atomic
def move_hold(
    *,
    hold: RoomHold,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    space: Space | None = None,
    title_ko: str | None = None,
    title_en: str | None = None,
    actor: Any = None,
) -> RoomHold:
    """Move the hold to another time (and room); its own range never blocks it. A released
    or clashing hold is held again. ``RoomTaken`` when the new range is in use."""
    hold = RoomHold.objects.select_for_update().select_related("space").get(pk=hold.pk)
    space = _fresh(space or hold.space)
    _check(space, starts_at, ends_at)
    blocked_until = ends_at + buffer_of(space)
    _refuse(space, starts_at, blocked_until, exclude=[hold.pk], viewer=actor)
    hold.space, hold.starts_at, hold.ends_at = space, starts_at, ends_at
    hold.blocked_until, hold.state = blocked_until, HoldState.HELD
    if title_ko is not None:
        hold.title_ko = (title_ko or title_en or hold.title_ko)[:200]
    if title_en is not None:
        hold.title_en = title_en[:200]
    _save(hold, viewer=actor)
    hold.log_action("bookings.hold.moved", actor=actor, data=_data(hold))
    return hold


@transaction.atomic
def release_hold(*, hold: RoomHold, actor: Any = None) -> RoomHold:
    """Free the room's time at once; releasing a released hold changes nothing."""
    hold = RoomHold.objects.select_for_update().select_related("space").get(pk=hold.pk)
    if hold.state != HoldState.RELEASED:
        hold.state = HoldState.RELEASED
        hold.save(update_fields=["state", "updated_at"])
        hold.log_action("bookings.hold.released", actor=actor, data=_data(hold))
    return hold


def hold_for(owner: models.Model) -> RoomHold | None:
    """The hold of ``owner``, if it has one."""
    return (
        RoomHold.objects.select_related("space")
        .filter(owner_type=ContentType.objects.get_for_model(type(owner)), owner_id=owner.pk)
        .first()
    )


@transaction.atomic
def sync_hold(
    *,
    owner: models.Model,
    space: Space | None,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    purpose: str,
    title_ko: str,
    title_en: str = "",
    company: Any = None,
    held_by: Any = None,
    actor: Any = None,
) -> RoomHold | None:
    """Make ``owner``'s hold match it: none without a room, else hold or move it."""
    existing = hold_for(owner)
    if space is None:
        if existing is not None:
            release_hold(hold=existing, actor=actor)
        return None
    if existing is None:
        return hold_room(
            space=space,
            starts_at=starts_at,
            ends_at=ends_at,
            purpose=purpose,
            owner=owner,
            title_ko=title_ko,
            title_en=title_en,
            company=company,
            held_by=held_by,
            actor=actor,
        )
    unchanged = (
        existing.state == HoldState.HELD
        and existing.space_id == space.pk
        and (existing.starts_at, existing.ends_at) == (starts_at, ends_at)
    )
    if unchanged:
        if (existing.title_ko, existing.title_en) != (title_ko, title_en):
            RoomHold.objects.filter(pk=existing.pk).update(title_ko=title_ko, title_en=title_en)
        return existing
    return move_hold(
        hold=existing,
        starts_at=starts_at,
        ends_at=ends_at,
        space=space,
        title_ko=title_ko,
        title_en=title_en,
        actor=actor,
    )
