"""Writes about spaces and price rules."""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from aihub.accounts.models import User
from aihub.core.errors import Conflict, ValidationFailed
from aihub.leasing.enums import PriceBasis, SpaceKind, SpaceStatus
from aihub.leasing.models import PriceRule, Space
from aihub.spaces.models import Facility, Floor


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
    space.log_action("leasing.space.created", actor=actor, data={"code": code, "space_kind": kind})
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
            "leasing.space.status_changed",
            actor=actor,
            data={"code": space.code, "space_status": status},
        )
    return space


@transaction.atomic
def set_price(
    *, basis: str, unit_price: int, effective_from: datetime.date, actor: User | None
) -> PriceRule:
    """A unit price from ``effective_from``; months already invoiced keep their amounts."""
    if basis not in PriceBasis.values:
        raise ValidationFailed(_("Choose a price basis from the list."), field="basis")
    if unit_price < 0:
        raise ValidationFailed(_("A price cannot be negative."), field="unit_price")
    if PriceRule.objects.filter(basis=basis, effective_from=effective_from).exists():
        raise Conflict(
            _("A price for this basis already starts on this day."), field="effective_from"
        )
    rule = PriceRule.objects.create(
        basis=basis, unit_price=unit_price, effective_from=effective_from
    )
    rule.log_action(
        "leasing.price.set",
        actor=actor,
        data={"basis": basis, "unit_price": unit_price, "effective_from": effective_from},
    )
    return rule
