"""Writes of expert profiles: create and update, each atomic and audited, checked first."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from aihub.accounts.models import User
from aihub.core.errors import ValidationFailed
from aihub.matching.checks import check_text, resolve_tags
from aihub.matching.enums import ExpertKind
from aihub.matching.models import Expert


def _expert_values(
    *,
    kind: str,
    name_ko: str,
    name_en: str,
    profile_ko: str,
    profile_en: str,
    tags: Sequence[str],
    partner: Any,
    user: User | None,
    email: str,
    language: str,
    capacity: int,
    available: bool,
    office_days: Sequence[int],
    office_start: datetime.time,
    office_end: datetime.time,
) -> dict[str, Any]:
    """The checked field values of an expert profile; raises ValidationFailed on bad input."""
    if kind not in ExpertKind.values:
        raise ValidationFailed(_("Choose a kind of expert."), field="kind")
    if not (name_ko.strip() or name_en.strip()):
        raise ValidationFailed(_("Enter a name in Korean or in English."), field="name_ko")
    check_text(title=name_ko + name_en, ko=profile_ko, en=profile_en, field="profile_ko")
    if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 0:
        raise ValidationFailed(_("The capacity must be 0 or more."), field="capacity")
    if language not in dict(settings.LANGUAGES):
        raise ValidationFailed(_("Choose a language."), field="language")
    if office_start >= office_end:
        raise ValidationFailed(_("Office hours must end after they start."), field="office_end")
    if any(day not in range(7) for day in office_days):
        raise ValidationFailed(_("Choose weekdays for the office hours."), field="office_days")
    return {
        "kind": kind,
        "name_ko": name_ko.strip(),
        "name_en": name_en.strip(),
        "profile_ko": profile_ko.strip(),
        "profile_en": profile_en.strip(),
        "tags": resolve_tags(tags),
        "partner": partner,
        "user": user,
        "email": email.strip(),
        "language": language,
        "capacity": capacity,
        "available": available,
        "office_days": sorted(set(office_days)),
        "office_start": office_start,
        "office_end": office_end,
    }


@transaction.atomic
def create_expert(
    *,
    actor: User | None,
    kind: str,
    name_ko: str = "",
    name_en: str = "",
    profile_ko: str = "",
    profile_en: str = "",
    tags: Sequence[str] = (),
    partner: Any = None,
    user: User | None = None,
    email: str = "",
    language: str = "ko",
    capacity: int = 2,
    available: bool = True,
    office_days: Sequence[int] = (0, 1, 2, 3, 4),
    office_start: datetime.time = datetime.time(10, 0),
    office_end: datetime.time = datetime.time(17, 0),
) -> Expert:
    """A new expert profile. Capacity 0 is allowed (ranked, never assigned); a negative one,
    a blank profile, unknown tags or office hours that end before they start are refused."""
    expert = Expert.objects.create(
        **_expert_values(
            kind=kind,
            name_ko=name_ko,
            name_en=name_en,
            profile_ko=profile_ko,
            profile_en=profile_en,
            tags=tags,
            partner=partner,
            user=user,
            email=email,
            language=language,
            capacity=capacity,
            available=available,
            office_days=office_days,
            office_start=office_start,
            office_end=office_end,
        )
    )
    expert.log_action(
        "matching.expert.created", actor=actor, data={"name": expert.name_en or expert.name_ko}
    )
    return expert


@transaction.atomic
def update_expert(
    *,
    expert: Expert,
    actor: User | None,
    kind: str,
    name_ko: str = "",
    name_en: str = "",
    profile_ko: str = "",
    profile_en: str = "",
    tags: Sequence[str] = (),
    partner: Any = None,
    user: User | None = None,
    email: str = "",
    language: str = "ko",
    capacity: int = 2,
    available: bool = True,
    office_days: Sequence[int] = (0, 1, 2, 3, 4),
    office_start: datetime.time = datetime.time(10, 0),
    office_end: datetime.time = datetime.time(17, 0),
) -> Expert:
    """Replace every field of an expert profile, with the checks of :func:`create_expert`.

    Matches already made stay as they are; a lower capacity only limits later assignments.
    The audit entry lists the names of the fields that changed (none: no entry is written).
    """
    values = _expert_values(
        kind=kind,
        name_ko=name_ko,
        name_en=name_en,
        profile_ko=profile_ko,
        profile_en=profile_en,
        tags=tags,
        partner=partner,
        user=user,
        email=email,
        language=language,
        capacity=capacity,
        available=available,
        office_days=office_days,
        office_start=office_start,
        office_end=office_end,
    )
    expert = Expert.objects.select_for_update().get(pk=expert.pk)
    changed = [
        name
        for name, value in values.items()
        if getattr(expert, f"{name}_id" if name in ("partner", "user") else name)
        != (getattr(value, "pk", value) if name in ("partner", "user") else value)
    ]
    if not changed:
        return expert
    for name, value in values.items():
        setattr(expert, name, value)
    expert.save(update_fields=[*values, "updated_at"])
    expert.log_action(
        "matching.expert.updated",
        actor=actor,
        data={"name": expert.name_en or expert.name_ko, "fields": changed},
    )
    return expert
