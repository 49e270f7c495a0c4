"""Writes about facilities, their floors and spaces."""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from aihub.accounts.models import User
from aihub.core.errors import Conflict, ValidationFailed
from aihub.spaces.enums import SpaceKind, SpaceStatus
from aihub.spaces.models import Facility, Floor, Space


def floor_label(level: int) -> str:
    """B1 for -1, 1F for 1."""
    if level == 0:
        raise ValidationFailed(_("There is no floor 0."), field="level")
    return f"B{-level}" if level < 0 else f"{level}F"


@transaction.atomic
def create_facility(
    *,
    slug: str,
    name_ko: str,
    name_en: str,
    address_ko: str,
    address_en: str,
    area_m2: int,
    opened_on: datetime.date,
    lowest_level: int,
    highest_level: int,
    is_anchor: bool = False,
    description_ko: str = "",
    description_en: str = "",
    actor: User | None,
) -> Facility:
    """A facility with one floor per level from ``lowest_level`` to ``highest_level``."""
    if area_m2 <= 0:
        raise ValidationFailed(_("The area must be more than 0 m²."), field="area_m2")
    if lowest_level > highest_level:
        raise ValidationFailed(_("The lowest floor is above the highest."), field="lowest_level")
    if Facility.objects.filter(slug=slug).exists():
        raise Conflict(_("A facility with this short name already exists."), field="slug")
    if is_anchor and Facility.objects.filter(is_anchor=True).exists():
        raise Conflict(_("The hub already has an anchor facility."), field="is_anchor")
    facility = Facility.objects.create(
        slug=slug,
        name_ko=name_ko,
        name_en=name_en,
        address_ko=address_ko,
        address_en=address_en,
        area_m2=area_m2,
        opened_on=opened_on,
        is_anchor=is_anchor,
        description_ko=description_ko,
        description_en=description_en,
    )
    Floor.objects.bulk_create(
        Floor(facility=facility, level=level, label=floor_label(level))
        for level in range(lowest_level, highest_level + 1)
        if level != 0
    )
    facility.log_action("spaces.facility.created", actor=actor, data={"slug": slug})
    return facility


@transaction.atomic
def describe_floor(
    *, floor: Floor, uses_ko: str, uses_en: str, area_m2: int | None, actor: User | None
) -> Floor:
    """Set what a floor holds, in both languages."""
    floor.uses_ko, floor.uses_en, floor.area_m2 = uses_ko, uses_en, area_m2
    floor.save(update_fields=["uses_ko", "uses_en", "area_m2"])
    floor.facility.log_action("spaces.floor.described", actor=actor, data={"label": floor.label})
    return floor


def _check_space(
    *, kind: str, code: str, name_ko: str, name_en: str, area_m2: Decimal, desks: int, seats: int
) -> None:
    errors: dict[str, list[str]] = {}
    if kind not in SpaceKind.values:
        errors["kind"] = [_("Choose a kind of space from the list.")]
    if not code.strip():
        errors["code"] = [_("Enter the space's code, for example 6F-01.")]
    if not name_ko.strip() and not name_en.strip():
        errors["name_ko"] = [_("Enter a name in Korean or English.")]
    if area_m2 is None or area_m2 <= 0:
        errors["area_m2"] = [_("The area must be more than 0 m².")]
    if desks < 0:
        errors["desks"] = [_("The number of desks cannot be negative.")]
    if seats < 0:
        errors["seats"] = [_("The number of seats cannot be negative.")]
    if kind == SpaceKind.OPEN_OFFICE and seats == 0:
        errors["seats"] = [_("An open-office area needs at least one seat.")]
    if errors:
        raise ValidationFailed(errors=errors)


def _area(value: Decimal | int | float | str) -> Decimal:
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationFailed(_("Enter the area as a number of m²."), field="area_m2") from exc


@transaction.atomic
def create_space(
    *,
    facility: Facility,
    floor: Floor,
    kind: str,
    code: str,
    name_ko: str,
    name_en: str,
    area_m2: Decimal | int | float | str,
    desks: int = 0,
    seats: int = 0,
    status: str = SpaceStatus.AVAILABLE,
    actor: User | None,
) -> Space:
    """A new space on one of the facility's floors; the code is unique in the facility."""
    area = _area(area_m2)
    _check_space(
        kind=kind,
        code=code,
        name_ko=name_ko,
        name_en=name_en,
        area_m2=area,
        desks=desks,
        seats=seats,
    )
    if floor.facility_id != facility.pk:
        raise ValidationFailed(_("The floor is not in this facility."), field="floor")
    if status not in SpaceStatus.values:
        raise ValidationFailed(_("Choose a status from the list."), field="status")
    code = code.strip()
    if Space.objects.filter(facility=facility, code=code).exists():
        raise Conflict(_("This facility already has a space with this code."), field="code")
    try:
        with transaction.atomic():
            space = Space.objects.create(
                facility=facility,
                floor=floor,
                kind=kind,
                code=code,
                name_ko=name_ko.strip(),
                name_en=name_en.strip(),
                area_m2=area,
                desks=desks,
                seats=seats,
                status=status,
            )
    except IntegrityError as exc:
        raise Conflict(
            _("This facility already has a space with this code."), field="code"
        ) from exc
    space.log_action("spaces.space.created", actor=actor, data={"code": code, "space_kind": kind})
    return space


@transaction.atomic
def set_space_status(*, space: Space, status: str, actor: User | None) -> Space:
    """Mark a space available, under maintenance or reserved; logged only when it changes."""
    if status not in SpaceStatus.values:
        raise ValidationFailed(_("Choose a status from the list."), field="status")
    space = Space.objects.select_for_update().get(pk=space.pk)
    if space.status != status:
        space.status = status
        space.save(update_fields=["status", "updated_at"])
        space.log_action(
            "spaces.space.status_changed",
            actor=actor,
            data={"code": space.code, "space_status": status},
        )
    return space
