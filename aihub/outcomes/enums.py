from django.db import models
from django.utils.translation import pgettext_lazy

from aihub.core.lifecycle import Lifecycle


class PeriodKind(models.TextChoices):
    """How long a reporting period lasts."""

    QUARTERLY = "quarterly", pgettext_lazy("reporting period kind", "Quarterly")
    ANNUAL = "annual", pgettext_lazy("reporting period kind", "Annual")


class ReportStatus(models.TextChoices):
    """Where a company's report for one period stands."""

    TO_FILE = "to_file", pgettext_lazy("outcome report status", "To file")
    DRAFT = "draft", pgettext_lazy("outcome report status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("outcome report status", "Submitted")
    RETURNED = "returned", pgettext_lazy("outcome report status", "Returned")
    ACCEPTED = "accepted", pgettext_lazy("outcome report status", "Accepted")


EDITABLE_STATUSES = (ReportStatus.TO_FILE, ReportStatus.DRAFT, ReportStatus.RETURNED)

REPORT_LIFECYCLE = Lifecycle(
    thing=pgettext_lazy("lifecycle", "outcome report"),
    states=ReportStatus,
    moves={
        ReportStatus.TO_FILE: {ReportStatus.DRAFT, ReportStatus.ACCEPTED},
        ReportStatus.DRAFT: {ReportStatus.DRAFT, ReportStatus.SUBMITTED},
        ReportStatus.SUBMITTED: {ReportStatus.RETURNED, ReportStatus.ACCEPTED},
        ReportStatus.RETURNED: {ReportStatus.DRAFT, ReportStatus.SUBMITTED},
        ReportStatus.ACCEPTED: {ReportStatus.DRAFT},
    },
)
"""A company saves a draft and submits it; staff return it or accept it; an accepted report
is corrected as a new draft. Staff may record a report received outside as accepted."""
"""A company can still change its report in these states."""


class VersionStatus(models.TextChoices):
    """The state of one version of a report; corrections add versions."""

    DRAFT = "draft", pgettext_lazy("report version status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("report version status", "Submitted")
    RETURNED = "returned", pgettext_lazy("report version status", "Returned")
    ACCEPTED = "accepted", pgettext_lazy("report version status", "Accepted")
    SUPERSEDED = "superseded", pgettext_lazy("report version status", "Superseded")


class RoundStage(models.TextChoices):
    """The stage of an investment round."""

    ANGEL = "angel", pgettext_lazy("investment stage", "Angel")
    SEED = "seed", pgettext_lazy("investment stage", "Seed")
    PRE_A = "pre_a", pgettext_lazy("investment stage", "Pre-Series A")
    SERIES_A = "series_a", pgettext_lazy("investment stage", "Series A")
    SERIES_B = "series_b", pgettext_lazy("investment stage", "Series B")
    SERIES_C = "series_c", pgettext_lazy("investment stage", "Series C or later")
    STRATEGIC = "strategic", pgettext_lazy("investment stage", "Strategic investment")
    GRANT = "grant", pgettext_lazy("investment stage", "Government grant")


class Basis(models.TextChoices):
    """Which reports the hub figures count."""

    MEMBER = "member", pgettext_lazy("figures basis", "While a member only")
    ALL = "all", pgettext_lazy("figures basis", "Also as alumni")


class PlausibilityWarning(models.TextChoices):
    """Plausibility checks that a company must confirm before submitting."""

    REVENUE_JUMP = "revenue_jump", pgettext_lazy("plausibility warning", "Revenue jump")
    HEADCOUNT_DROP = "headcount_drop", pgettext_lazy("plausibility warning", "Headcount drop")
