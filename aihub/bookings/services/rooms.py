"""Writes about bookable rooms: setting one up, changing its rules, its photo."""

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from aihub.accounts.models import User
from aihub.bookings.enums import BookerKind, Equipment
from aihub.bookings.models import BOOKABLE_KINDS, BookableRoom
from aihub.companies.images import validate_logo
from aihub.core.errors import Conflict, ValidationFailed
from aihub.leasing.models import Space

RULE_FIELDS = (
    "capacity",
    "equipment",
    "description_ko",
    "description_en",
    "opens_at",
    "closes_at",
    "open_weekdays",
    "allowed_bookers",
    "slot_minutes",
    "min_minutes",
    "max_minutes",
    "window_days",
    "buffer_minutes",
    "approval_required",
    "check_in_required",
    "hourly_price",
    "free_hours_resident",
    "free_hours_membership",
    "is_active",
)


def _check_rules(values: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}

    def refuse(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if values["capacity"] < 1:
        refuse("capacity", _("The capacity must be at least one person."))
    if set(values["equipment"]) - set(Equipment.values):
        refuse("equipment", _("Choose equipment from the list."))
    if not values["open_weekdays"] or set(values["open_weekdays"]) - set(range(7)):
        refuse("open_weekdays", _("Choose at least one day of the week."))
    if set(values["allowed_bookers"]) - set(BookerKind.values):
        refuse("allowed_bookers", _("Choose who may book from the list."))
    if values["closes_at"] <= values["opens_at"]:
        refuse("closes_at", _("The room must close after it opens."))
    slot = values["slot_minutes"]
    if slot not in (15, 30, 60):
        refuse("slot_minutes", _("The slot is 15, 30 or 60 minutes."))
    elif values["min_minutes"] % slot or values["max_minutes"] % slot:
        refuse("min_minutes", _("The shortest and longest bookings are whole slots."))
    if values["min_minutes"] < 1 or values["max_minutes"] < values["min_minutes"]:
        refuse("max_minutes", _("The longest booking cannot be shorter than the shortest."))
    if values["max_minutes"] > 1440:
        refuse("max_minutes", _("A booking lasts at most 24 hours."))
    if values["buffer_minutes"] > 240:
        refuse("buffer_minutes", _("The buffer is at most 240 minutes."))
    if values["window_days"] < 1:
        refuse("window_days", _("Bookings must open at least one day ahead."))
    if errors:
        raise ValidationFailed(errors=errors)


def _defaults() -> dict[str, Any]:
    room = BookableRoom()
    return {field: getattr(room, field) for field in RULE_FIELDS}


@transaction.atomic
def set_up_room(*, space: Space, actor: User | None, **rules: Any) -> BookableRoom:
    """Make a meeting room, education room, lounge or hall bookable with ``rules``
    (fields of ``BookableRoom``; the others keep their defaults). One profile per space."""
    if space.kind not in BOOKABLE_KINDS:
        raise ValidationFailed(
            _("Only meeting rooms, education rooms, lounges and halls can be booked."),
            field="space",
            code="not_bookable_kind",
        )
    unknown = set(rules) - set(RULE_FIELDS)
    if unknown:
        raise ValidationFailed(_("Unknown booking rule: %(name)s.") % {"name": sorted(unknown)[0]})
    values = {**_defaults(), **rules}
    if "capacity" not in rules:
        values["capacity"] = max(space.seats, 1)
    _check_rules(values)
    if BookableRoom.objects.filter(space=space).exists():
        raise Conflict(_("This space is already bookable."), field="space")
    try:
        with transaction.atomic():
            room = BookableRoom.objects.create(space=space, **values)
    except IntegrityError as exc:
        raise Conflict(_("This space is already bookable."), field="space") from exc
    room.log_action("bookings.room.set_up", actor=actor, data={"code": space.code})
    return room


@transaction.atomic
def change_room(*, room: BookableRoom, actor: User | None, **changes: Any) -> BookableRoom:
    """Change a room's rules; bookings already made keep their times and buffers."""
    unknown = set(changes) - set(RULE_FIELDS)
    if unknown:
        raise ValidationFailed(_("Unknown booking rule: %(name)s.") % {"name": sorted(unknown)[0]})
    room = BookableRoom.objects.select_for_update().select_related("space").get(pk=room.pk)
    values = {field: getattr(room, field) for field in RULE_FIELDS}
    values.update(changes)
    _check_rules(values)
    changed = [field for field in RULE_FIELDS if getattr(room, field) != values[field]]
    if changed:
        for field in changed:
            setattr(room, field, values[field])
        room.save(update_fields=[*changed, "updated_at"])
        room.log_action(
            "bookings.room.changed", actor=actor, data={"code": room.code, "fields": changed}
        )
    return room


def _photo_error(error: ValidationFailed) -> ValidationFailed:
    if error.code == "logo_too_large":
        message = _("The photo is too large: at most 2 MB and 4096 × 4096 pixels.")
    else:
        message = _("The photo must be an image file (PNG, JPEG, WebP or GIF).")
    return ValidationFailed(message, field="photo", code=error.code.replace("logo", "photo"))


@transaction.atomic
def set_room_photo(
    *, room: BookableRoom, photo: UploadedFile | None, actor: User | None
) -> BookableRoom:
    """Replace (or, with ``None``, remove) the room's photo after the same checks as a
    company logo; the old file is deleted once the transaction commits."""
    if photo is not None:
        try:
            validate_logo(photo)
        except ValidationFailed as error:
            raise _photo_error(error) from error
    old_name = room.photo.name if room.photo else ""
    if photo is None:
        room.photo = ""
    else:
        room.photo.save(photo.name, photo, save=False)
    room.save(update_fields=["photo", "updated_at"])
    if old_name and old_name != room.photo.name:
        transaction.on_commit(lambda: room.photo.storage.delete(old_name))
    room.log_action(
        "bookings.room.changed", actor=actor, data={"code": room.code, "fields": ["photo"]}
    )
    return room
