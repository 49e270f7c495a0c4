"""Reporting periods, company outcome reports with their versions, and publication consent."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from aihub.core.models import LoggedModel, TimeStampedModel
from aihub.outcomes.enums import (
    EDITABLE_STATUSES,
    PeriodKind,
    ReportStatus,
    RoundStage,
    VersionStatus,
)

FIGURE_FIELDS = (
    "revenue",
    "headcount",
    "new_hires",
    "young_hires",
    "ip_filed",
    "ip_registered",
    "export_sales",
    "products_launched",
    "enterprise_value",
    "note",
)
"""What a company enters in a report, apart from its investment rounds."""


def period_label(kind: str, starts_on: datetime.date) -> str:
    """ "2024 Q1" or "2024" in English, "2024년 1분기" or "2024년" in Korean."""
    if kind == PeriodKind.QUARTERLY:
        quarter = (starts_on.month - 1) // 3 + 1
        return pgettext("reporting period", "%(year)s Q%(quarter)s") % {
            "year": starts_on.year,
            "quarter": quarter,
        }
    return pgettext("reporting period", "%(year)s") % {"year": starts_on.year}


class ReportingPeriod(LoggedModel, TimeStampedModel):
    """A quarter or a year for which every active company files one report."""

    kind = models.CharField(_("kind"), max_length=10, choices=PeriodKind.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    deadline = models.DateField(_("deadline"))
    include_alumni = models.BooleanField(_("alumni report too"), default=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["-starts_on", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "starts_on"], name="outcomes_period_once"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="outcomes_period_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(deadline__gte=F("ends_on")), name="outcomes_deadline_after_period"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return period_label(self.kind, self.starts_on)

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return (today or timezone.localdate()) > self.deadline


class Report(LoggedModel, TimeStampedModel):
    """One company's report for one period; its figures live in versions."""

    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="outcome_reports"
    )
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.TO_FILE
    )
    during_membership = models.BooleanField(_("during membership"), default=True)
    current_version = models.ForeignKey(
        "ReportVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("outcome report")
        verbose_name_plural = _("outcome reports")
        ordering = ["-period__starts_on", "company__name_ko", "id"]
        constraints = [
            models.UniqueConstraint(fields=["company", "period"], name="outcomes_report_once"),
        ]
        indexes = [models.Index(fields=["status", "period"])]

    def __str__(self) -> str:
        return f"{self.company} · {self.period}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES and not self.period.is_closed

    @property
    def is_filed(self) -> bool:
        return self.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


class ReportVersion(TimeStampedModel):
    """The figures of a report as filed once; an accepted version is never changed.

    ``company``, ``period_ends_on``, ``period_year`` and ``during_membership`` repeat the
    report's so the hub figures read this one table; ``is_counted`` marks the accepted
    version the figures count, at most one per report.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="+")
    period_ends_on = models.DateField()
    period_year = models.PositiveSmallIntegerField()
    during_membership = models.BooleanField(default=True)
    is_counted = models.BooleanField(default=False)

    revenue = models.BigIntegerField(_("revenue (KRW)"), default=0)
    investment = models.BigIntegerField(_("investment attracted (KRW)"), default=0)
    headcount = models.PositiveIntegerField(_("headcount at period end"), default=0)
    new_hires = models.PositiveIntegerField(_("new hires"), default=0)
    young_hires = models.PositiveIntegerField(_("of which aged 15–34"), default=0)
    ip_filed = models.PositiveIntegerField(_("patents and other IP filed"), default=0)
    ip_registered = models.PositiveIntegerField(_("patents and other IP registered"), default=0)
    export_sales = models.BigIntegerField(_("export sales (KRW)"), default=0)
    products_launched = models.PositiveIntegerField(_("products launched"), default=0)
    enterprise_value = models.BigIntegerField(_("enterprise value (KRW)"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    confirmed_warnings = models.JSONField(default=list, blank=True)

    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    review_comment = models.TextField(_("review comment"), blank=True)

    class Meta:
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="outcomes_version_number"),
            models.UniqueConstraint(
                fields=["report"], condition=Q(is_counted=True), name="outcomes_one_counted"
            ),
            models.CheckConstraint(
                condition=Q(revenue__gte=0, investment__gte=0, export_sales__gte=0)
                & (Q(enterprise_value__isnull=True) | Q(enterprise_value__gte=0)),
                name="outcomes_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(young_hires__lte=F("new_hires")), name="outcomes_young_within_hires"
            ),
            models.CheckConstraint(
                condition=Q(is_counted=False) | Q(status="accepted"),
                name="outcomes_counted_is_accepted",
            ),
        ]
        indexes = [
            models.Index(fields=["is_counted", "period_ends_on"], name="outcomes_counted_end"),
            models.Index(
                fields=["company", "is_counted", "period_ends_on"], name="outcomes_company_end"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"

    def figures(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in FIGURE_FIELDS}


class InvestmentRound(models.Model):
    """An investment a company closed during the period."""

    version = models.ForeignKey(ReportVersion, on_delete=models.CASCADE, related_name="rounds")
    closed_on = models.DateField(_("date"))
    stage = models.CharField(_("stage"), max_length=12, choices=RoundStage.choices)
    investors = models.CharField(_("investors"), max_length=300)
    amount = models.BigIntegerField(_("amount (KRW)"))

    class Meta:
        verbose_name = _("investment round")
        verbose_name_plural = _("investment rounds")
        ordering = ["version", "closed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="outcomes_round_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.closed_on}"


class PublicationConsent(models.Model):
    """A company's recorded consent to show its own figures by name; withdrawable."""

    company = models.OneToOneField(
        "companies.Company", on_delete=models.CASCADE, related_name="publication_consent"
    )
    granted_at = models.DateTimeField(_("granted at"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("publication consent")
        verbose_name_plural = _("publication consents")

    def __str__(self) -> str:
        return str(self.company)

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class PeriodSummary(models.Model):
    """The accepted figures of one reporting period end, split by membership at the time.

    Maintained by ``aihub.outcomes.summary`` in the transaction of every write that changes
    which version counts; ``rebuild_outcome_summaries`` recomputes it from the reports.
    """

    period_ends_on = models.DateField()
    during_membership = models.BooleanField()
    reports = models.PositiveIntegerField(default=0)
    revenue = models.BigIntegerField(default=0)
    investment = models.BigIntegerField(default=0)
    new_hires = models.BigIntegerField(default=0)
    young_hires = models.BigIntegerField(default=0)
    export_sales = models.BigIntegerField(default=0)
    ip_filed = models.BigIntegerField(default=0)
    ip_registered = models.BigIntegerField(default=0)
    products_launched = models.BigIntegerField(default=0)
    enterprise_value = models.BigIntegerField(default=0)
    valued = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period_ends_on", "during_membership"], name="outcomes_summary_period_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_ends_on} ({'member' if self.during_membership else 'alumni'})"


class YearSummary(models.Model):
    """How many companies have an accepted report for a period ending in the year."""

    year = models.PositiveSmallIntegerField(unique=True)
    member_companies = models.PositiveIntegerField(default=0)
    all_companies = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.year)


class CompanyRunningTotal(models.Model):
    """A company's accepted revenue, investment and report count up to a period end.

    One row per company and reporting period end from the company's first accepted report
    on, so a range's figures are the difference of two rows. ``member_*`` counts reports
    filed while a member, ``all_*`` every accepted report.
    """

    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    period_ends_on = models.DateField()
    member_revenue = models.BigIntegerField(default=0)
    member_investment = models.BigIntegerField(default=0)
    member_reports = models.PositiveIntegerField(default=0)
    all_revenue = models.BigIntegerField(default=0)
    all_investment = models.BigIntegerField(default=0)
    all_reports = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period_ends_on", "company"], name="outcomes_running_once"
            ),
        ]
        indexes = [models.Index(fields=["company", "period_ends_on"], name="outcomes_running_co")]

    def __str__(self) -> str:
        return f"{self.company_id} · {self.period_ends_on}"


class CompanyMembershipSummary(models.Model):
    """What the figures need of a company's membership periods and AI domains.

    ``kind`` and ``facility`` are those of the only period when ``periods`` is 1; companies
    with several periods are read period by period. ``domains`` lists AI domain ids,
    comma-separated.
    """

    company = models.OneToOneField(
        "companies.Company", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    first_starts_on = models.DateField()
    last_ends_on = models.DateField(null=True, blank=True)
    periods = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=12)
    facility = models.ForeignKey(
        "spaces.Facility", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    domains = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return str(self.company_id)
