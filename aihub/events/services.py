"""Writes about events: creation, registration with a waiting list, cancellation, check-in.

Every function runs in one transaction, writes its audit entry in it and sends mail on commit,
in the recipient's language. The event row is locked while places are counted, so two people
registering at once never both take the last place.
"""

import datetime
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aihub.accounts.models import User
from aihub.bookings import holds
from aihub.bookings.enums import HoldPurpose
from aihub.core.errors import Conflict, NotFound, ValidationFailed
from aihub.core.lifecycle import move
from aihub.events.enums import REGISTRATION_LIFECYCLE, EventKind, RegistrationStatus
from aihub.events.models import Event, Registration
from aihub.outbox.services import queue_mail
from aihub.spaces.models import Space

EVENT_FIELDS = (
    "kind",
    "title_ko",
    "title_en",
    "description_ko",
    "description_en",
    "space",
    "address",
    "starts_at",
    "ends_at",
    "capacity",
    "registration_closes_at",
    "is_public",
)


class RegistrationClosed(Conflict):
    code = "registration_closed"


def _check_event(details: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if details.get("kind") not in EventKind.values:
        errors["kind"] = [_("Choose a kind of event from the list.")]
    if not str(details.get("title_ko", "")).strip():
        errors["title_ko"] = [_("Enter the Korean title.")]
    if not str(details.get("title_en", "")).strip():
        errors["title_en"] = [_("Enter the English title.")]
    space, address = details.get("space"), str(details.get("address") or "").strip()
    if (space is None) == (not address):
        errors["address"] = [_("Choose a room of the hub or enter an address elsewhere, not both.")]
    starts, ends = details.get("starts_at"), details.get("ends_at")
    if starts is None or ends is None or starts >= ends:
        errors["ends_at"] = [_("The event must end after it starts.")]
    capacity = details.get("capacity")
    if not isinstance(capacity, int) or capacity < 1:
        errors["capacity"] = [_("The capacity is a whole number of 1 or more.")]
    closes = details.get("registration_closes_at")
    if closes is not None and starts is not None and closes > starts:
        errors["registration_closes_at"] = [_("Registration must close before the event starts.")]
    if errors:
        raise ValidationFailed(errors=errors)


@transaction.atomic
def create_event(
    *,
    kind: str,
    title_ko: str,
    title_en: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    capacity: int,
    actor: User | None,
    description_ko: str = "",
    description_en: str = "",
    space: Space | None = None,
    address: str = "",
    registration_closes_at: datetime.datetime | None = None,
    is_public: bool = True,
) -> Event:
    """Create an event; raises ``ValidationFailed`` naming each bad field (nothing saved).

    An event in a hub room holds the room for its time (``aihub.bookings.holds``): a room in
    use then refuses the event with a ``RoomTaken`` naming what holds it and when.
    """
    details = {k: v for k, v in locals().items() if k in EVENT_FIELDS}
    _check_event(details)
    event = Event.objects.create(**details)
    _hold_room(event, actor)
    event.log_action("events.event.created", actor=actor, data={"event_kind": kind})
    return event


def _hold_room(event: Event, actor: User | None) -> None:
    """Hold, move or free the event's room so that it matches the event."""
    try:
        holds.sync_hold(
            owner=event,
            space=event.space,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            purpose=HoldPurpose.EVENT,
            title_ko=event.title_ko,
            title_en=event.title_en,
            held_by=actor,
            actor=actor,
        )
    except holds.RoomTaken as taken:
        raise holds.RoomTaken(
            str(taken.message), field="space", conflicts=taken.conflicts
        ) from taken


@transaction.atomic
def change_event(*, event: Event, actor: User | None, **changes: Any) -> Event:
    """Change the given fields; a larger capacity promotes people from the waiting list. A
    new time or room moves the event's hold in the same transaction (``RoomTaken`` when the
    new slot is in use, and nothing is saved)."""
    unknown = set(changes) - set(EVENT_FIELDS)
    if unknown:
        raise ValidationFailed(errors={sorted(unknown)[0]: [_("This field cannot be changed.")]})
    event = Event.objects.select_for_update().get(pk=event.pk)
    details = {f: getattr(event, f) for f in EVENT_FIELDS} | changes
    _check_event(details)
    changed = [f for f in changes if getattr(event, f) != changes[f]]
    for field, value in changes.items():
        setattr(event, field, value)
    event.save()
    if {"space", "starts_at", "ends_at", "title_ko", "title_en"} & set(changed):
        _hold_room(event, actor)
    if changed:
        event.log_action("events.event.changed", actor=actor, data={"fields": ", ".join(changed)})
    _promote(event=event, actor=actor)
    return event


def _confirmed_count(event: Event) -> int:
    return event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


SUBJECTS = {
    "registration": gettext_lazy("Your registration: %(event)s"),
    "promoted": gettext_lazy("A place is free, you are confirmed: %(event)s"),
    "reminder": gettext_lazy("Reminder, coming up soon: %(event)s"),
    "agenda_published": gettext_lazy("Your demo-day agenda: %(event)s"),
    "agenda_changed": gettext_lazy("Your demo-day agenda changed: %(event)s"),
}
"""Subjects of the event mails, each naming the event in the recipient's language."""


def _mail(
    *, users: Iterable[User], subject: str, template: str, context: dict[str, Any], event: Event
) -> None:
    """Queue the mail for each of ``users`` in their language (``subject`` is a key of
    ``SUBJECTS``); it leaves once the transaction commits."""
    queue_mail(
        recipients=users,
        subject=lambda _recipient: str(SUBJECTS[subject]) % {"event": event.title},
        template=template,
        context=context,
        related=event,
    )


@transaction.atomic
def register(*, event: Event, user: User, actor: User | None = None) -> Registration:
    """Register ``user``: confirmed while places last, else on the waiting list.

    Raises ``RegistrationClosed`` after closing time and ``Conflict`` when the person already
    holds a confirmed or waiting registration. Mails the confirmation (with the QR code link).
    """
    event = Event.objects.select_for_update().get(pk=event.pk)
    if timezone.now() >= event.closes_at():
        raise RegistrationClosed(_("Registration for this event is closed."))
    if event.registrations.filter(user=user).exclude(status=RegistrationStatus.CANCELLED).exists():
        raise Conflict(_("You are already registered for this event."), code="already_registered")
    full = _confirmed_count(event) >= event.capacity
    status = RegistrationStatus.WAITING if full else RegistrationStatus.CONFIRMED
    registration = Registration.objects.create(event=event, user=user, status=status)
    registration.log_action(
        "events.registration.created",
        actor=actor or user,
        data={"email": user.email, "registration_status": status},
    )
    _mail(
        users=[user],
        subject="registration",
        template="events/mail/registration.txt",
        context={"registration": registration, "event": event},
        event=event,
    )
    return registration


REGISTRATION_ACTIONS = {
    RegistrationStatus.CONFIRMED: "events.registration.promoted",
    RegistrationStatus.CANCELLED: "events.registration.cancelled",
}


def set_registration_status(
    *,
    registration: Registration,
    to: str,
    actor: User | None,
    refusal: Conflict | None = None,
) -> Registration:
    """The one door of a registration's status after it is made (the event locked by the
    caller): checks ``REGISTRATION_LIFECYCLE``, writes the audit entry, and mails the person
    whose waiting turned into a place."""
    move(
        registration,
        lifecycle=REGISTRATION_LIFECYCLE,
        to=to,
        actor=actor,
        action=REGISTRATION_ACTIONS[to],
        data={"email": registration.user.email},
        refusal=refusal,
    )
    if to == RegistrationStatus.CONFIRMED:
        _mail(
            users=[registration.user],
            subject="promoted",
            template="events/mail/promoted.txt",
            context={"registration": registration, "event": registration.event},
            event=registration.event,
        )
    return registration


def _promote(*, event: Event, actor: User | None) -> list[Registration]:
    """Fill free places from the waiting list in registration order (event row locked)."""
    free = event.capacity - _confirmed_count(event)
    promoted = []
    if free <= 0:
        return promoted
    waiting = event.registrations.filter(status=RegistrationStatus.WAITING).select_related(
        "user", "event"
    )
    for registration in waiting.order_by("created_at", "pk")[:free]:
        set_registration_status(
            registration=registration, to=RegistrationStatus.CONFIRMED, actor=actor
        )
        promoted.append(registration)
    return promoted


@transaction.atomic
def cancel_registration(*, registration: Registration, actor: User | None) -> Registration:
    """Cancel a registration; a freed place goes to the first person on the waiting list."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_related("user", "event").get(pk=registration.pk)
    if registration.checked_in_at is not None:
        raise Conflict(_("A checked-in registration cannot be cancelled."), code="checked_in")
    set_registration_status(
        registration=registration,
        to=RegistrationStatus.CANCELLED,
        actor=actor,
        refusal=Conflict(_("This registration is already cancelled."), code="already_cancelled"),
    )
    _promote(event=event, actor=actor)
    return registration


@transaction.atomic
def check_in(*, token: uuid.UUID | str, actor: User | None) -> Registration:
    """Check in the confirmed registration whose QR code carries ``token``."""
    try:
        registration = Registration.objects.select_for_update().get(token=uuid.UUID(str(token)))
    except (Registration.DoesNotExist, ValueError) as error:
        raise NotFound(_("No registration has this check-in code.")) from error
    registration = Registration.objects.select_related("user", "event").get(pk=registration.pk)
    if registration.status != RegistrationStatus.CONFIRMED:
        raise Conflict(_("Only a confirmed registration can be checked in."), code="not_confirmed")
    if registration.checked_in_at is not None:
        raise Conflict(_("This person has already checked in."), code="already_checked_in")
    registration.checked_in_at = timezone.now()
    registration.save(update_fields=["checked_in_at", "updated_at"])
    registration.log_action(
        "events.registration.checked_in", actor=actor, data={"email": registration.user.email}
    )
    return registration


@transaction.atomic
def record_attendance(*, event: Event, user: User, actor: User | None) -> Registration:
    """Staff record that ``user`` attended a past event (a walk-in or a paper list).

    The registration is confirmed and checked in at the event's start; no mail is sent.
    Raises ``Conflict`` when the person already holds a registration.
    """
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.registrations.filter(user=user).exclude(status=RegistrationStatus.CANCELLED).exists():
        raise Conflict(_("You are already registered for this event."), code="already_registered")
    registration = Registration.objects.create(
        event=event, user=user, status=RegistrationStatus.CONFIRMED, checked_in_at=event.starts_at
    )
    registration.log_action(
        "events.registration.checked_in", actor=actor, data={"email": user.email}
    )
    return registration


@transaction.atomic
def send_reminders(
    *, now: datetime.datetime, within: datetime.timedelta, actor: User | None = None
) -> int:
    """Mail every confirmed person of the events starting within ``within`` of ``now``.

    An event is reminded once (``reminded_at``); returns the number of mails queued.
    """
    count = 0
    events = Event.objects.select_for_update().filter(
        starts_at__gt=now, starts_at__lte=now + within, reminded_at__isnull=True
    )
    for event in events:
        people = event.registrations.filter(status=RegistrationStatus.CONFIRMED).select_related(
            "user"
        )
        for registration in people:
            _mail(
                users=[registration.user],
                subject="reminder",
                template="events/mail/reminder.txt",
                context={"registration": registration, "event": event},
                event=event,
            )
        event.reminded_at = now
        event.save(update_fields=["reminded_at", "updated_at"])
        event.log_action("events.event.reminded", actor=actor, data={"count": len(people)})
        count += len(people)
    return count
