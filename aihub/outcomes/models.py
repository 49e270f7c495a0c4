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


NEVER = datetime.date(1, 1, 1)
"""Stands for "no earlier day" in the summary tables below, which hold no NULL dates."""
OPEN = datetime.date(9999, 12, 31)
"""Stands for "no later day" (an open-ended membership, no later group period)."""


class MembershipSpan(models.Model):
    """How many companies belong to a breakdown group over one stretch of days.

    ``family`` is ``kind``, ``facility``, ``domain`` or ``cohort`` and ``key`` the group
    (a kind, a facility id or "" for none, an AI domain id, a year joined). A company's
    membership periods that count for the group are merged into stretches; each stretch
    adds one to the row of its start, end (``OPEN`` when open-ended) and the end of the
    company's previous stretch in the group (``NEVER`` for the first). A company is in
    the group for a date range when one of its stretches overlaps it, and is counted once
    by counting only the first such stretch: the one whose previous stretch ended before
    the range.
    """

    family = models.CharField(max_length=8)
    key = models.CharField(max_length=40)
    starts_on = models.DateField()
    ends_on = models.DateField()
    previous_ends_on = models.DateField()
    companies = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["family", "key", "starts_on", "ends_on", "previous_ends_on"],
                name="outcomes_span_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.family}:{self.key} {self.starts_on}..{self.ends_on}"


class GroupMoney(models.Model):
    """Accepted revenue and investment of one breakdown group for one period end.

    A company's report for the period end counts for a group over a date range containing
    that end when the company is in the group for the range: ``last_in_group`` is the
    latest day on or before the end, ``next_in_group`` the earliest day on or after it,
    when the company belonged to the group (both the end itself when it belonged then;
    ``NEVER``/``OPEN`` when there is no such day). The report counts exactly when
    ``last_in_group >= date_from or next_in_group <= date_to``. ``member_*`` adds reports
    filed while a member, ``all_*`` every accepted report; ``reports`` counts them.
    """

    family = models.CharField(max_length=8)
    key = models.CharField(max_length=40)
    period_ends_on = models.DateField()
    last_in_group = models.DateField()
    next_in_group = models.DateField()
    reports = models.IntegerField(default=0)
    member_revenue = models.BigIntegerField(default=0)
    member_investment = models.BigIntegerField(default=0)
    all_revenue = models.BigIntegerField(default=0)
    all_investment = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period_ends_on", "family", "key", "last_in_group", "next_in_group"],
                name="outcomes_group_money_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.family}:{self.key} {self.period_ends_on}"


class ReportRun(models.Model):
    """How many companies have a counted report for a period end, by their previous one.

    ``basis`` is ``member`` (reports filed while a member) or ``all``. Each counted report
    adds one to the row of its period end and the company's previous counted period end
    on the basis (``NEVER`` for its first), so the companies reporting in a date range are
    the reports in it whose previous one lies before it.
    """

    basis = models.CharField(max_length=8)
    period_ends_on = models.DateField()
    previous_ends_on = models.DateField()
    companies = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["basis", "period_ends_on", "previous_ends_on"], name="outcomes_run_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.basis} {self.period_ends_on}"


class CompanyFigureInput(models.Model):
    """What the summary tables last counted of one company, so a change can be undone.

    ``data`` holds the company's membership periods, AI domains and counted reports
    (period end, filed while a member, revenue, investment) as the summaries saw them.
    """

    company = models.OneToOneField(
        "companies.Company", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    data = models.JSONField(default=dict)

    def __str__(self) -> str:
        return str(self.company_id)
