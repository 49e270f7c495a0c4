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
from aihub.spaces.models import Space

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


LIMITS = {
    "capacity": (1, 10_000),
    "window_days": (1, 730),
    "hourly_price": (0, 10_000_000),
    "free_hours_resident": (0, 744),
    "free_hours_membership": (0, 744),
}
"""Bounds of the numeric rules beyond the ones below; kept inside the database's columns."""


def _rule_errors(values: dict[str, Any]) -> dict[str, list[str]]:
    """Every broken rule of ``values`` as field → messages, in the active language."""
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
    elif values["buffer_minutes"] < 0:
        refuse("buffer_minutes", _("The buffer cannot be negative."))
    if values["window_days"] < 1:
        refuse("window_days", _("Bookings must open at least one day ahead."))
    for field, (low, high) in LIMITS.items():
        if field not in errors and not low <= values[field] <= high:
            refuse(
                field,
                _("Enter a number from %(low)s to %(high)s.")
                % {"low": f"{low:,}", "high": f"{high:,}"},
            )
    return errors


def _defaults() -> dict[str, Any]:
    room = BookableRoom()
    return {field: getattr(room, field) for field in RULE_FIELDS}


def _refuse_unknown(rules: dict[str, Any]) -> None:
    unknown = set(rules) - set(RULE_FIELDS)
    if unknown:
        raise ValidationFailed(_("Unknown booking rule: %(name)s.") % {"name": sorted(unknown)[0]})


def _photo_error(error: ValidationFailed) -> ValidationFailed:
    if error.code == "logo_too_large":
        message = _("The photo is too large: at most 2 MB and 4096 × 4096 pixels.")
    else:
        message = _("The photo must be an image file (PNG, JPEG, WebP or GIF).")
    return ValidationFailed(message, field="photo", code=error.code.replace("logo", "photo"))


def _photo_refusal(photo: UploadedFile | None) -> ValidationFailed | None:
    """The company-logo checks (size, a real PNG/JPEG/WebP/GIF) on a room photo."""
    if photo is None:
        return None
    try:
        validate_logo(photo)
    except ValidationFailed as error:
        return _photo_error(error)
    return None


def _photo_errors(photo: UploadedFile | None) -> dict[str, list[str]]:
    refusal = _photo_refusal(photo)
    return refusal.errors if refusal is not None else {}


def _store_photo(room: BookableRoom, photo: UploadedFile | None) -> None:
    """Put ``photo`` (or, with ``None``, no photo) on the unsaved room; the old file is
    deleted once the transaction commits."""
    old_name = room.photo.name if room.photo else ""
    if photo is None:
        room.photo = ""
    else:
        room.photo.save(photo.name, photo, save=False)
    if old_name and old_name != room.photo.name:
        storage = room.photo.storage
        transaction.on_commit(lambda: storage.delete(old_name))


@transaction.atomic
def set_up_room(
    *, space: Space, actor: User | None, photo: UploadedFile | None = None, **rules: Any
) -> BookableRoom:
    """Make a meeting room, education room, lounge or hall bookable with ``rules``
    (fields of ``BookableRoom``; the others keep their defaults) and an optional photo.
    One profile per space. Every broken rule and a refused photo are reported together,
    and nothing is written unless all checks pass."""
    if space.kind not in BOOKABLE_KINDS:
        raise ValidationFailed(
            _("Only meeting rooms, education rooms, lounges and halls can be booked."),
            field="space",
            code="not_bookable_kind",
        )
    _refuse_unknown(rules)
    values = {**_defaults(), **rules}
    if "capacity" not in rules:
        values["capacity"] = max(space.seats, 1)
    errors = {**_rule_errors(values), **_photo_errors(photo)}
    if errors:
        raise ValidationFailed(errors=errors)
    if BookableRoom.objects.filter(space=space).exists():
        raise Conflict(_("This space is already bookable."), field="space")
    try:
        with transaction.atomic():
            room = BookableRoom.objects.create(space=space, **values)
    except IntegrityError as exc:
        raise Conflict(_("This space is already bookable."), field="space") from exc
    if photo is not None:
        _store_photo(room, photo)
        room.save(update_fields=["photo", "updated_at"])
    room.log_action("bookings.room.set_up", actor=actor, data={"code": space.code})
    return room


def change_room(*, room: BookableRoom, actor: User | None, **changes: Any) -> BookableRoom:
    """Change a room's rules; bookings already made keep their times and buffers."""
    return edit_room(room=room, actor=actor, **changes)


@transaction.atomic
def edit_room(
    *,
    room: BookableRoom,
    actor: User | None,
    photo: UploadedFile | None = None,
    remove_photo: bool = False,
    **changes: Any,
) -> BookableRoom:
    """Change a room's rules and, with ``photo`` or ``remove_photo``, its photo, at once.

    The room row is locked; every broken rule and a refused photo are reported together
    and nothing is written unless all checks pass. One audit entry names the changed
    fields; nothing is logged when nothing changed. Bookings already made keep their times
    and buffers; a rule tightened later applies to new bookings and changes only.
    """
    _refuse_unknown(changes)
    room = BookableRoom.objects.select_for_update().select_related("space").get(pk=room.pk)
    values = {field: getattr(room, field) for field in RULE_FIELDS}
    values.update(changes)
    errors = {**_rule_errors(values), **_photo_errors(photo)}
    if errors:
        raise ValidationFailed(errors=errors)
    changed = [field for field in RULE_FIELDS if getattr(room, field) != values[field]]
    for field in changed:
        setattr(room, field, values[field])
    if photo is not None or (remove_photo and room.photo):
        _store_photo(room, photo)
        changed.append("photo")
    if changed:
        room.save(update_fields=[*changed, "updated_at"])
        room.log_action(
            "bookings.room.changed", actor=actor, data={"code": room.code, "fields": changed}
        )
    return room


@transaction.atomic
def set_room_photo(
    *, room: BookableRoom, photo: UploadedFile | None, actor: User | None
) -> BookableRoom:
    """Replace (or, with ``None``, remove) the room's photo after the same checks as a
    company logo; the old file is deleted once the transaction commits."""
    refusal = _photo_refusal(photo)
    if refusal is not None:
        raise refusal
    _store_photo(room, photo)
    room.save(update_fields=["photo", "updated_at"])
    room.log_action(
        "bookings.room.changed", actor=actor, data={"code": room.code, "fields": ["photo"]}
    )
    return room
