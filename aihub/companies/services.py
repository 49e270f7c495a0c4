"""Writes about companies: registration, details, logo, members, membership history."""

import datetime
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aihub.accounts import services as account_services
from aihub.accounts.models import User
from aihub.companies.enums import MemberRole, MembershipKind, Stage
from aihub.companies.images import validate_logo
from aihub.companies.models import AIDomain, Company, CompanyMember, Invitation, MembershipPeriod
from aihub.companies.validators import normalize_registration_number
from aihub.core.errors import Conflict, Expired, NotFound, ValidationFailed
from aihub.outbox.services import Recipient, queue_mail
from aihub.spaces.models import Facility

EDITABLE_FIELDS = (
    "name_ko",
    "name_en",
    "founded_on",
    "representative",
    "stage",
    "headcount",
    "homepage",
    "description_ko",
    "description_en",
)


def _check_details(details: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if "name_ko" in details and not str(details["name_ko"]).strip():
        errors["name_ko"] = [_("Enter the Korean name.")]
    if "name_en" in details and not str(details["name_en"]).strip():
        errors["name_en"] = [_("Enter the English name.")]
    if "representative" in details and not str(details["representative"]).strip():
        errors["representative"] = [_("Enter the representative's name.")]
    founded = details.get("founded_on")
    if founded is not None and founded > timezone.localdate():
        errors["founded_on"] = [_("The founding date cannot be in the future.")]
    if "stage" in details and details["stage"] not in Stage.values:
        errors["stage"] = [_("Choose a stage from the list.")]
    headcount = details.get("headcount")
    if headcount is not None and (not isinstance(headcount, int) or headcount < 0):
        errors["headcount"] = [_("The headcount is a whole number of 0 or more.")]
    if errors:
        raise ValidationFailed(errors=errors)


def _check_unique_number(number: str, *, exclude: int | None = None) -> None:
    taken = Company.objects.filter(registration_number=number)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise Conflict(
            _("A company with this business registration number is already registered."),
            field="registration_number",
            code="duplicate_registration_number",
        )


@transaction.atomic
def register_company(
    *,
    name_ko: str,
    name_en: str,
    registration_number: str,
    founded_on: datetime.date,
    representative: str,
    stage: str = Stage.SEED,
    headcount: int = 1,
    homepage: str = "",
    description_ko: str = "",
    description_en: str = "",
    ai_domains: list[AIDomain] | None = None,
    owner: User | None = None,
    actor: User | None,
) -> Company:
    """Register a company; ``owner`` becomes its first member, as owner."""
    number = normalize_registration_number(registration_number)
    details = {
        "name_ko": name_ko.strip(),
        "name_en": name_en.strip(),
        "founded_on": founded_on,
        "representative": representative.strip(),
        "stage": stage,
        "headcount": headcount,
        "homepage": homepage,
        "description_ko": description_ko,
        "description_en": description_en,
    }
    _check_details(details)
    _check_unique_number(number)
    try:
        with transaction.atomic():
            company = Company.objects.create(registration_number=number, **details)
    except IntegrityError as exc:
        raise Conflict(
            _("A company with this business registration number is already registered."),
            field="registration_number",
            code="duplicate_registration_number",
        ) from exc
    if ai_domains:
        company.ai_domains.set(ai_domains)
    company.log_action(
        "companies.company.registered", actor=actor, data={"registration_number": number}
    )
    if owner is not None:
        _add_member(company=company, user=owner, role=MemberRole.OWNER, actor=actor)
    return company


@transaction.atomic
def update_company(
    *,
    company: Company,
    actor: User,
    registration_number: str | None = None,
    ai_domains: list[AIDomain] | None = None,
    logo: UploadedFile | None = None,
    remove_logo: bool = False,
    **changes: Any,
) -> Company:
    """Change a company's details and logo; only fields that really change are logged.

    A new ``logo`` is checked before anything is written; ``remove_logo`` drops the old one.
    """
    if logo is not None:
        validate_logo(logo)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(
            _("These fields cannot be changed: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    for key in ("name_ko", "name_en", "representative"):
        if key in changes and isinstance(changes[key], str):
            changes[key] = changes[key].strip()
    _check_details(changes)
    company = Company.objects.select_for_update().get(pk=company.pk)
    changed: dict[str, list[Any]] = {}
    if registration_number is not None:
        number = normalize_registration_number(registration_number)
        if number != company.registration_number:
            _check_unique_number(number, exclude=company.pk)
            changed["registration_number"] = [company.registration_number, number]
            company.registration_number = number
    for field, value in changes.items():
        old = getattr(company, field)
        if old != value:
            changed[field] = [old, value]
            setattr(company, field, value)
    if changed:
        company.save()
    if ai_domains is not None:
        old_codes = sorted(company.ai_domains.values_list("code", flat=True))
        new_codes = sorted(d.code for d in ai_domains)
        if old_codes != new_codes:
            company.ai_domains.set(ai_domains)
            changed["ai_domains"] = [old_codes, new_codes]
    if changed:
        company.log_action(
            "companies.company.changed",
            actor=actor,
            data={"fields": sorted(changed), "changes": changed},
        )
    if logo is not None or (remove_logo and company.logo):
        set_logo(company=company, logo=logo, actor=actor)
    return company


@transaction.atomic
def set_logo(*, company: Company, logo: UploadedFile | None, actor: User) -> Company:
    """Replace (or, with ``None``, remove) the company's logo after checking the image."""
    if logo is not None:
        validate_logo(logo)
    old_name = company.logo.name if company.logo else ""
    if logo is None:
        company.logo = ""
    else:
        company.logo.save(logo.name, logo, save=False)
    company.save(update_fields=["logo", "updated_at"])
    if old_name and old_name != company.logo.name:
        transaction.on_commit(lambda: company.logo.storage.delete(old_name))
    company.log_action("companies.company.logo_changed", actor=actor)
    return company


def _add_member(
    *, company: Company, user: User, role: MemberRole, actor: User | None
) -> CompanyMember:
    member, created = CompanyMember.objects.get_or_create(
        company=company, user=user, defaults={"role": role}
    )
    if not created:
        raise Conflict(_("%(email)s is already a member of this company.") % {"email": user.email})
    user.__dict__.pop("role_set", None)
    company.log_action(
        "companies.member.added",
        actor=actor,
        data={"email": user.email, "member_role": role},
    )
    return member


@transaction.atomic
def add_member(*, company: Company, user: User, role: MemberRole, actor: User) -> CompanyMember:
    """Make an existing account a member of the company straight away (staff)."""
    return _add_member(company=company, user=user, role=role, actor=actor)


@transaction.atomic
def remove_member(*, member: CompanyMember, actor: User) -> None:
    """Remove a member; the last owner cannot be removed."""
    company = member.company
    if (
        member.role == MemberRole.OWNER
        and not company.members.filter(role=MemberRole.OWNER).exclude(pk=member.pk).exists()
    ):
        raise Conflict(_("A company keeps at least one owner."))
    email = member.user.email
    member.delete()
    company.log_action("companies.member.removed", actor=actor, data={"email": email})


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invite_member(
    *, company: Company, email: str, role: MemberRole = MemberRole.MEMBER, actor: User
) -> tuple[Invitation, str]:
    """Email an invitation link; returns the invitation and its one-time token."""
    email = account_services.clean_email(email)
    if role not in MemberRole.values:
        raise ValidationFailed(_("Choose a role from the list."), field="role")
    if company.members.filter(user__email=email).exists():
        raise Conflict(
            _("%(email)s is already a member of this company.") % {"email": email}, field="email"
        )
    now = timezone.now()
    if company.invitations.filter(
        email=email, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    ).exists():
        raise Conflict(
            _("An open invitation has already been sent to %(email)s.") % {"email": email},
            field="email",
        )
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        company=company,
        email=email,
        role=role,
        token_hash=_hash(token),
        invited_by=actor,
        expires_at=now + datetime.timedelta(days=settings.AIHUB_INVITATION_DAYS),
    )
    company.log_action(
        "companies.member.invited",
        actor=actor,
        data={"email": email, "member_role": role},
    )
    _send_invitation(invitation=invitation, token=token)
    return invitation, token


def _send_invitation(*, invitation: Invitation, token: str) -> None:
    """Queue the invitation in the invitee's language (the inviter's, for a new address)."""
    existing = User.objects.filter(email=invitation.email).first()
    recipient = existing or Recipient(
        address=invitation.email, language=translation.get_language() or "ko"
    )
    link = settings.AIHUB_SITE_URL + reverse("companies:invitation", kwargs={"token": token})
    queue_mail(
        recipients=[recipient],
        subject=lambda _r: (
            _("Invitation to join %(company)s at Seoul AI Hub")
            % {"company": invitation.company.name}
        ),
        template="companies/email/invitation.txt",
        context={"invitation": invitation, "link": link, "company": invitation.company},
        related=invitation.company,
        confidential=True,
    )


def invitation_for_token(*, token: str) -> Invitation:
    """The invitation a link points to, if it can still be used."""
    invitation = (
        Invitation.objects.select_related("company", "invited_by")
        .filter(token_hash=_hash(token or ""))
        .first()
    )
    if invitation is None:
        raise NotFound(_("This invitation link is not valid."), code="invitation_unknown")
    if invitation.accepted_at is not None:
        raise Conflict(_("This invitation has already been used."), code="invitation_used")
    if invitation.revoked_at is not None:
        raise Expired(_("This invitation was withdrawn."), code="invitation_revoked")
    if invitation.expires_at <= timezone.now():
        raise Expired(
            _("This invitation expired on %(date)s. Ask for a new one.")
            % {"date": timezone.localtime(invitation.expires_at).strftime("%Y-%m-%d %H:%M")},
            code="invitation_expired",
        )
    return invitation


@transaction.atomic
def accept_invitation(
    *,
    token: str,
    user: User | None = None,
    full_name: str = "",
    password: str | None = None,
    language: str = "ko",
) -> CompanyMember:
    """Join the company: as the signed-in ``user``, or by creating an account."""
    invitation = invitation_for_token(token=token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise Conflict(_("This invitation has already been used."), code="invitation_used")
    if user is None:
        if password is None:
            raise ValidationFailed(_("Choose a password."), field="password")
        user = account_services.create_user(
            email=invitation.email, password=password, full_name=full_name, language=language
        )
    elif user.email.lower() != invitation.email.lower():
        raise ValidationFailed(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
            % {"email": invitation.email},
            code="invitation_other_email",
        )
    if invitation.company.members.filter(user=user).exists():
        raise Conflict(_("You are already a member of this company."))
    member = CompanyMember.objects.create(
        company=invitation.company, user=user, role=invitation.role
    )
    user.__dict__.pop("role_set", None)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    invitation.company.log_action(
        "companies.member.joined",
        actor=user,
        data={"email": user.email, "member_role": invitation.role},
    )
    return member


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, actor: User) -> None:
    if not invitation.is_open:
        raise Conflict(_("Only an open invitation can be withdrawn."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    invitation.company.log_action(
        "companies.member.invitation_revoked", actor=actor, data={"email": invitation.email}
    )


@transaction.atomic
def record_membership(
    *,
    company: Company,
    kind: MembershipKind,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    facility: Facility | None = None,
    actor: User | None,
) -> MembershipPeriod:
    """Record a residency or membership period; periods of a company never overlap."""
    if kind not in MembershipKind.values:
        raise ValidationFailed(_("Choose a kind of membership from the list."), field="kind")
    if ends_on is not None and ends_on < starts_on:
        raise ValidationFailed(_("The end date is before the start date."), field="ends_on")
    if kind == MembershipKind.RESIDENT and facility is None:
        raise ValidationFailed(_("A resident company needs a facility."), field="facility")
    Company.objects.select_for_update().filter(pk=company.pk).first()
    overlapping = company.membership_periods.filter(starts_on__lte=ends_on or datetime.date.max)
    overlapping = overlapping.exclude(ends_on__lt=starts_on)
    if overlapping.exists():
        raise Conflict(
            _("This period overlaps another membership period of the company."),
            field="starts_on",
        )
    period = MembershipPeriod.objects.create(
        company=company, kind=kind, facility=facility, starts_on=starts_on, ends_on=ends_on
    )
    company.log_action(
        "companies.membership.recorded",
        actor=actor,
        data={
            "kind": kind,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat() if ends_on else None,
            "facility": facility.name_ko if facility else "",
            "facility_en": facility.name_en if facility else "",
        },
    )
    return period


@transaction.atomic
def end_membership(
    *, period: MembershipPeriod, ends_on: datetime.date, actor: User
) -> MembershipPeriod:
    """Close an open period on ``ends_on``; the company becomes alumni afterwards."""
    if period.ends_on is not None:
        raise Conflict(_("This period has already ended."))
    if ends_on < period.starts_on:
        raise ValidationFailed(_("The end date is before the start date."), field="ends_on")
    period.ends_on = ends_on
    period.save(update_fields=["ends_on"])
    period.company.log_action(
        "companies.membership.ended",
        actor=actor,
        data={"kind": period.kind, "ends_on": ends_on.isoformat()},
    )
    return period
