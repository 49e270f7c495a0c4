"""Writes about partner institutions, their contacts and agreements."""

import datetime
import re
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from aihub.accounts.models import User
from aihub.accounts.services import clean_email
from aihub.core.errors import Conflict, ValidationFailed
from aihub.partners.enums import PartnerKind
from aihub.partners.models import Agreement, Partner, PartnerContact

EDITABLE_FIELDS = (
    "name_ko",
    "name_en",
    "kind",
    "country",
    "homepage",
    "description_ko",
    "description_en",
)


def _check(details: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    cleaned = dict(details)
    for key in ("name_ko", "name_en"):
        if key in cleaned:
            cleaned[key] = str(cleaned[key]).strip()
            if not cleaned[key]:
                errors[key] = [_("This field is required.")]
    if "kind" in cleaned and cleaned["kind"] not in PartnerKind.values:
        errors["kind"] = [_("Choose a type from the list.")]
    if "country" in cleaned:
        cleaned["country"] = str(cleaned["country"]).strip().upper()
        if not re.fullmatch(r"[A-Z]{2}", cleaned["country"]):
            errors["country"] = [_("Enter a two-letter country code, like KR or CA.")]
    if errors:
        raise ValidationFailed(errors=errors)
    return cleaned


@transaction.atomic
def create_partner(
    *,
    name_ko: str,
    name_en: str,
    kind: str,
    country: str,
    homepage: str = "",
    description_ko: str = "",
    description_en: str = "",
    actor: User | None,
) -> Partner:
    details = _check(
        {
            "name_ko": name_ko,
            "name_en": name_en,
            "kind": kind,
            "country": country,
            "homepage": homepage,
            "description_ko": description_ko,
            "description_en": description_en,
        }
    )
    if Partner.objects.filter(name_en__iexact=details["name_en"]).exists():
        raise Conflict(_("A partner with this English name already exists."), field="name_en")
    try:
        with transaction.atomic():
            partner = Partner.objects.create(**details)
    except IntegrityError as exc:
        raise Conflict(
            _("A partner with this English name already exists."), field="name_en"
        ) from exc
    partner.log_action("partners.partner.created", actor=actor, data={"name_en": partner.name_en})
    return partner


@transaction.atomic
def update_partner(*, partner: Partner, actor: User, **changes: Any) -> Partner:
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(
            _("These fields cannot be changed: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    changes = _check(changes)
    if (
        "name_en" in changes
        and Partner.objects.filter(name_en__iexact=changes["name_en"])
        .exclude(pk=partner.pk)
        .exists()
    ):
        raise Conflict(_("A partner with this English name already exists."), field="name_en")
    changed = {f: [getattr(partner, f), v] for f, v in changes.items() if getattr(partner, f) != v}
    if changed:
        for field, (_old, new) in changed.items():
            setattr(partner, field, new)
        partner.save()
        partner.log_action(
            "partners.partner.changed",
            actor=actor,
            data={"fields": sorted(changed), "changes": changed},
        )
    return partner


@transaction.atomic
def add_contact(
    *,
    partner: Partner,
    name: str,
    title: str = "",
    email: str = "",
    phone: str = "",
    user: User | None = None,
    actor: User | None,
) -> PartnerContact:
    if not name.strip():
        raise ValidationFailed(_("Enter the contact's name."), field="name")
    if email:
        email = clean_email(email)
    contact = PartnerContact.objects.create(
        partner=partner, name=name.strip(), title=title, email=email, phone=phone, user=user
    )
    partner.log_action("partners.contact.added", actor=actor, data={"name": contact.name})
    return contact


@transaction.atomic
def remove_contact(*, contact: PartnerContact, actor: User) -> None:
    name = contact.name
    contact.delete()
    contact.partner.log_action("partners.contact.removed", actor=actor, data={"name": name})


@transaction.atomic
def record_agreement(
    *,
    partner: Partner,
    title: str,
    signed_on: datetime.date,
    items: list[str],
    actor: User | None,
) -> Agreement:
    """Record an MOU or other agreement with the items it covers."""
    if not title.strip():
        raise ValidationFailed(_("Enter the agreement's title."), field="title")
    items = [item.strip() for item in items if item and item.strip()]
    agreement = Agreement.objects.create(
        partner=partner, title=title.strip(), signed_on=signed_on, items=items
    )
    partner.log_action(
        "partners.agreement.signed",
        actor=actor,
        data={"title": agreement.title, "signed_on": signed_on.isoformat()},
    )
    return agreement
