import datetime
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.db import models
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from aihub.companies.enums import CompanyStatus, MemberRole, MembershipKind, Stage
from aihub.companies.validators import format_registration_number
from aihub.core.models import LoggedModel, TimeStampedModel, bilingual


@lru_cache(maxsize=8)
def _companies_prefix(script_prefix: str) -> str:
    return reverse("companies:list")


def company_url(pk: int) -> str:
    """The address of a company's page, without resolving the URL patterns every time."""
    return f"{_companies_prefix(get_script_prefix())}{pk}/"


def status_from_periods(
    periods: Iterable[tuple[str, datetime.date, datetime.date | None]], on: datetime.date
) -> CompanyStatus:
    """Resident or membership during a period, alumni after one, none before any.

    ``periods`` are (kind, starts_on, ends_on) of one company; ``ends_on`` None is open.
    """
    started = False
    for kind, starts_on, ends_on in periods:
        if starts_on <= on:
            if ends_on is None or ends_on >= on:
                return CompanyStatus(kind)
            started = True
    return CompanyStatus.ALUMNI if started else CompanyStatus.NONE


class AIDomain(models.Model):
    """A field of AI a company works in, named in both languages."""

    code = models.SlugField(_("code"), unique=True)
    name_ko = models.CharField(_("name (Korean)"), max_length=50)
    name_en = models.CharField(_("name (English)"), max_length=50)

    class Meta:
        verbose_name = _("AI domain")
        verbose_name_plural = _("AI domains")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return bilingual(self, "name")


def logo_path(instance: "Company", filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower()
    return f"logos/{instance.registration_number}.{suffix}"


class Company(LoggedModel, TimeStampedModel):
    name_ko = models.CharField(_("name (Korean)"), max_length=100, db_index=True)
    name_en = models.CharField(_("name (English)"), max_length=100, db_index=True)
    registration_number = models.CharField(
        _("business registration number"), max_length=10, unique=True
    )
    founded_on = models.DateField(_("founded on"))
    representative = models.CharField(_("representative"), max_length=100)
    ai_domains = models.ManyToManyField(
        AIDomain, verbose_name=_("AI domains"), related_name="companies", blank=True
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.SEED)
    headcount = models.PositiveIntegerField(_("headcount"), default=1)
    homepage = models.URLField(_("homepage"), blank=True)
    logo = models.ImageField(_("logo"), upload_to=logo_path, blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name_ko", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(registration_number__regex=r"^[0-9]{10}$"),
                name="companies_registration_number_digits",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return bilingual(self, "name")

    @property
    def description(self) -> str:
        return bilingual(self, "description")

    def current_period(self, on: datetime.date | None = None) -> "MembershipPeriod | None":
        """The membership period covering ``on`` (today by default), if any.

        Reads ``membership_periods`` through its prefetch cache when the query made one.
        """
        on = on or timezone.localdate()
        for period in self.membership_periods.all():
            if period.is_current(on):
                return period
        return None

    def status_on(self, on: datetime.date | None = None) -> CompanyStatus:
        """The company's status on a day; see ``status_from_periods``."""
        return status_from_periods(
            ((p.kind, p.starts_on, p.ends_on) for p in self.membership_periods.all()),
            on or timezone.localdate(),
        )

    @cached_property
    def status(self) -> CompanyStatus:
        """The company's status today."""
        return self.status_on()

    @property
    def status_display(self) -> str:
        return str(self.status.label)

    @property
    def registration_number_display(self) -> str:
        return format_registration_number(self.registration_number)

    def get_absolute_url(self) -> str:
        return company_url(self.pk)


class CompanyMember(models.Model):
    """A user who belongs to a company, as its owner or a member."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="company_memberships"
    )
    role = models.CharField(
        _("role"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("company member")
        verbose_name_plural = _("company members")
        ordering = ["company", "role", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["company", "user"], name="companies_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.company}"


class Invitation(models.Model):
    """An emailed link that lets a person join a company; used once, expires."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    role = models.CharField(
        _("role"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.company}"

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class MembershipPeriod(models.Model):
    """A span of time in which a company was a resident or a member of the hub."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="membership_periods"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=MembershipKind.choices)
    facility = models.ForeignKey(
        "spaces.Facility",
        verbose_name=_("facility"),
        on_delete=models.PROTECT,
        related_name="membership_periods",
        null=True,
        blank=True,
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership period")
        verbose_name_plural = _("membership periods")
        ordering = ["company", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="companies_period_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="resident") | models.Q(facility__isnull=False),
                name="companies_resident_has_facility",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} {self.get_kind_display()} {self.starts_on}–{self.ends_on or ''}"

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)
