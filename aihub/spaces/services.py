"""Writes about facilities and their floors."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from aihub.accounts.models import User
from aihub.core.errors import Conflict, ValidationFailed
from aihub.spaces.models import Facility, Floor


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
