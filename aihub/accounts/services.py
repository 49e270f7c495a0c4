"""Writes about people: accounts, roles, language, API tokens."""

import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from aihub.accounts.enums import Role
from aihub.accounts.models import ApiToken, RoleAssignment, User
from aihub.core.errors import Conflict, ValidationFailed
from aihub.outbox.services import queue_mail


def clean_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationFailed(_("Enter a valid email address."), field="email") from exc
    return email


@transaction.atomic
def create_user(
    *,
    email: str,
    password: str | None,
    full_name: str,
    language: str = "ko",
    roles: list[Role] | tuple[Role, ...] = (),
    actor: User | None = None,
    check_password: bool = True,
) -> User:
    """Create an account; ``password=None`` makes one that signs in only after a reset."""
    email = clean_email(email)
    set_language_codes = {code for code, _name in settings.LANGUAGES}
    if language not in set_language_codes:
        raise ValidationFailed(_("Unknown language code."), field="language")
    if not full_name.strip():
        raise ValidationFailed(_("Enter a name."), field="full_name")
    if User.objects.filter(email=email).exists():
        raise Conflict(_("An account with this email address already exists."), field="email")
    user = User(email=email, full_name=full_name.strip(), language=language)
    if password is not None and check_password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationFailed(errors={"password": list(exc.messages)}) from exc
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:
        raise Conflict(
            _("An account with this email address already exists."), field="email"
        ) from exc
    user.log_action("accounts.user.created", actor=actor or user, data={"email": email})
    for role in roles:
        grant_role(user=user, role=role, actor=actor)
    return user


@transaction.atomic
def grant_role(*, user: User, role: Role, actor: User | None) -> None:
    """Give ``user`` a role; granting one already held changes nothing."""
    _assignment, created = RoleAssignment.objects.get_or_create(user=user, role=Role(role))
    if created:
        user.__dict__.pop("role_set", None)
        user.log_action("accounts.user.role_granted", actor=actor, data={"role": role})


@transaction.atomic
def revoke_role(*, user: User, role: Role, actor: User | None) -> None:
    deleted, _rows = RoleAssignment.objects.filter(user=user, role=role).delete()
    if deleted:
        user.__dict__.pop("role_set", None)
        user.log_action("accounts.user.role_revoked", actor=actor, data={"role": role})


@transaction.atomic
def update_profile(*, user: User, full_name: str, language: str) -> User:
    """Change a user's own name and language preference."""
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise ValidationFailed(_("Unknown language code."), field="language")
    if not full_name.strip():
        raise ValidationFailed(_("Enter a name."), field="full_name")
    changed = {}
    if user.full_name != full_name.strip():
        changed["full_name"] = [user.full_name, full_name.strip()]
    if user.language != language:
        changed["language"] = [user.language, language]
    if changed:
        user.full_name = full_name.strip()
        user.language = language
        user.save(update_fields=["full_name", "language"])
        user.log_action("accounts.user.profile_changed", actor=user, data=changed)
    return user


@transaction.atomic
def set_language_preference(*, user: User, language: str) -> None:
    """Remember the language a signed-in user chose with the language switch."""
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise ValidationFailed(_("Unknown language code."), field="language")
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
        user.log_action("accounts.user.language_changed", actor=user, data={"language": language})


@transaction.atomic
def create_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new API token; the key is returned once and never stored in clear."""
    name = name.strip()
    if not name:
        raise ValidationFailed(_("Give the token a name."), field="name")
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:100], prefix=key[:8], key_hash=ApiToken.hash_key(key)
    )
    user.log_action("accounts.token.created", actor=user, data={"name": token.name})
    return token, key


@transaction.atomic
def revoke_api_token(*, token: ApiToken, actor: User) -> None:
    name = token.name
    token.delete()
    actor.log_action("accounts.token.revoked", actor=actor, data={"name": name})


@transaction.atomic
def add_person(
    *, email: str, full_name: str, language: str, roles: list[Role], actor: User
) -> User:
    """Create an account for someone (staff) and email them a link to choose a password."""
    user = create_user(
        email=email, password=None, full_name=full_name, language=language, roles=roles, actor=actor
    )
    send_welcome(user=user)
    return user


def send_welcome(*, user: User) -> None:
    """Queue a mail to a new account's holder, in their language, with a link to choose a
    password."""
    link = settings.AIHUB_SITE_URL + reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    queue_mail(
        recipients=[user],
        subject=lambda _recipient: _("Your Seoul AI Hub account"),
        template="accounts/email/welcome.txt",
        context={"user": user, "link": link},
        related=user,
        confidential=True,
    )
