"""Writes about outcome reports: periods, drafts, submission, review, corrections, consent.

Every function runs in one transaction and writes its audit entry in it; mail to the
company goes out after the commit, in each recipient's language.
"""

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from aihub.accounts.models import User
from aihub.companies.models import Company, MembershipPeriod
from aihub.core.errors import Conflict, ValidationFailed
from aihub.core.lifecycle import move
from aihub.outcomes import mail, summary
from aihub.outcomes.checks import plausibility_findings
from aihub.outcomes.enums import (
    EDITABLE_STATUSES,
    REPORT_LIFECYCLE,
    PeriodKind,
    ReportStatus,
    VersionStatus,
)
from aihub.outcomes.models import (
    FIGURE_FIELDS,
    InvestmentRound,
    PublicationConsent,
    Report,
    ReportingPeriod,
    ReportVersion,
)
from aihub.outcomes.validation import clean_figures, clean_rounds


def period_dates(
    *, kind: str, year: int, quarter: int | None = None
) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a quarter or a calendar year."""
    if kind == PeriodKind.ANNUAL:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if kind != PeriodKind.QUARTERLY:
        raise ValidationFailed(_("Choose quarterly or annual."), field="kind")
    if quarter not in (1, 2, 3, 4):
        raise ValidationFailed(_("Choose a quarter from 1 to 4."), field="quarter")
    starts_on = datetime.date(year, 3 * quarter - 2, 1)
    next_start = datetime.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return starts_on, next_start - datetime.timedelta(days=1)


def _companies_for_period(period: ReportingPeriod) -> tuple[set[int], set[int]]:
    """Ids of companies with a membership overlapping the period, and of alumni before it."""
    overlapping = MembershipPeriod.objects.filter(starts_on__lte=period.ends_on).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=period.starts_on)
    )
    active = set(overlapping.values_list("company_id", flat=True))
    alumni: set[int] = set()
    if period.include_alumni:
        alumni = (
            set(
                Company.objects.filter(membership_periods__ends_on__lt=period.starts_on)
                .exclude(Exists(overlapping.filter(company=OuterRef("pk"))))
                .values_list("pk", flat=True)
            )
            - active
        )
    return active, alumni


def _add_reports(period: ReportingPeriod) -> int:
    active, alumni = _companies_for_period(period)
    existing = set(period.reports.values_list("company_id", flat=True))
    new = [
        Report(company_id=pk, period=period, during_membership=pk in active)
        for pk in sorted((active | alumni) - existing)
    ]
    Report.objects.bulk_create(new, batch_size=500)
    return len(new)


@transaction.atomic
def open_period(
    *,
    kind: str,
    year: int,
    quarter: int | None = None,
    deadline: datetime.date,
    include_alumni: bool = False,
    actor: User | None,
) -> ReportingPeriod:
    """Open a quarter or a year for reporting and give every active company a report.

    With ``include_alumni`` companies whose membership ended before the period report too;
    their figures count only where the figures include alumni. Periods never overlap.
    """
    if not 2000 <= year <= 2100:
        raise ValidationFailed(_("Enter a year between 2000 and 2100."), field="year")
    starts_on, ends_on = period_dates(kind=kind, year=year, quarter=quarter)
    if deadline < ends_on:
        raise ValidationFailed(
            _("The deadline cannot be before the end of the period (%(date)s).")
            % {"date": ends_on.isoformat()},
            field="deadline",
        )
    if ReportingPeriod.objects.filter(starts_on__lte=ends_on, ends_on__gte=starts_on).exists():
        raise Conflict(
            _("A reporting period already covers part of these dates."),
            field="year",
            code="period_overlap",
        )
    period = ReportingPeriod.objects.create(
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        deadline=deadline,
        include_alumni=include_alumni,
        opened_by=actor if getattr(actor, "pk", None) else None,
    )
    count = _add_reports(period)
    period.log_action(
        "outcomes.period.opened",
        actor=actor,
        data={
            "period_kind": kind,
            "label": period.label,
            "deadline": deadline.isoformat(),
            "reports": count,
        },
    )
    return period


@transaction.atomic
def add_missing_reports(*, period: ReportingPeriod, actor: User) -> int:
    """Give a report to companies that became active in the period after it was opened."""
    _refuse_closed(period)
    count = _add_reports(period)
    if count:
        period.log_action(
            "outcomes.period.reports_added",
            actor=actor,
            data={"count": count, "label": period.label},
        )
    return count


@transaction.atomic
def close_period(*, period: ReportingPeriod, actor: User) -> ReportingPeriod:
    """Lock the period: no report of it can be saved, submitted or corrected any more."""
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    _refuse_closed(period)
    period.closed_at = timezone.now()
    period.save(update_fields=["closed_at", "updated_at"])
    period.log_action("outcomes.period.closed", actor=actor, data={"label": period.label})
    return period


def _refuse_closed(period: ReportingPeriod) -> None:
    if period.is_closed:
        raise Conflict(
            _("The reporting period %(period)s is closed: its reports can no longer change.")
            % {"period": period.label},
            code="period_closed",
        )


def _lock(report: Report) -> Report:
    return Report.objects.select_for_update().select_related("period", "company").get(pk=report.pk)


def _new_version(report: Report, *, number: int) -> ReportVersion:
    return ReportVersion(
        report=report,
        number=number,
        company_id=report.company_id,
        period_ends_on=report.period.ends_on,
        period_year=report.period.ends_on.year,
        during_membership=report.during_membership,
    )


@transaction.atomic
def save_draft(
    *,
    report: Report,
    figures: dict[str, Any],
    rounds: Sequence[dict[str, Any]] = (),
    actor: User | None,
) -> ReportVersion:
    """Save the company's figures as a draft of the current version; nothing is submitted.

    Refused once the report is submitted or accepted (start a correction instead), or when
    the period is closed. The rounds given replace the version's rounds.
    """
    report = _lock(report)
    _refuse_closed(report.period)
    if report.status not in EDITABLE_STATUSES:
        raise Conflict(_refusal(report), code="report_locked")
    data = clean_figures(figures)
    cleaned_rounds = clean_rounds(rounds, period=report.period)
    version = report.current_version
    if version is None:
        version = _new_version(report, number=1)
    for name, value in data.items():
        setattr(version, name, value)
    version.investment = sum(r["amount"] for r in cleaned_rounds)
    version.status = VersionStatus.DRAFT
    version.save()
    version.rounds.all().delete()
    InvestmentRound.objects.bulk_create(
        InvestmentRound(version=version, **round_data) for round_data in cleaned_rounds
    )
    report.current_version = version
    set_report_status(
        report=report,
        to=ReportStatus.DRAFT,
        actor=actor,
        action="outcomes.report.saved",
        data={"version": version.number},
        fields=("current_version",),
    )
    return version


def set_report_status(
    *,
    report: Report,
    to: str,
    actor: User | None,
    action: str,
    data: dict[str, Any],
    fields: tuple[str, ...] = (),
    comment: str = "",
    notify: bool = True,
) -> Report:
    """The one door of a report's status (the report locked by the caller): checks the move
    against ``REPORT_LIFECYCLE``, saves it with ``fields``, writes ``action`` to the audit
    log and queues the mail the new state brings to the company's people (returned, with
    the comment; accepted, unless ``notify`` is false)."""
    refusal = None
    if to in (ReportStatus.DRAFT, ReportStatus.SUBMITTED) and report.status not in (
        *EDITABLE_STATUSES,
        ReportStatus.ACCEPTED,
    ):
        refusal = Conflict(_refusal(report), code="report_locked")
    move(
        report,
        lifecycle=REPORT_LIFECYCLE,
        to=to,
        actor=actor,
        action=action,
        data=data,
        fields=fields,
        refusal=refusal,
    )
    if to == ReportStatus.RETURNED:
        mail.send_report_mail(report=report, kind="returned", comment=comment)
    elif to == ReportStatus.ACCEPTED and notify:
        mail.send_report_mail(report=report, kind="accepted")
    return report


def _refusal(report: Report) -> str:
    if report.status == ReportStatus.ACCEPTED:
        return _("This report was accepted and is locked. Start a correction to change it.")
    return _("This report was submitted and waits for review; it cannot be changed now.")


@transaction.atomic
def submit_report(
    *, report: Report, confirm_warnings: bool = False, actor: User | None
) -> ReportVersion:
    """Submit the current draft for review.

    Plausibility warnings (see ``checks``) must be confirmed with ``confirm_warnings``;
    otherwise ``ValidationFailed`` with code ``confirmation_required`` lists them and
    nothing changes.
    """
    report = _lock(report)
    _refuse_closed(report.period)
    version = report.current_version
    if report.status == ReportStatus.TO_FILE or version is None:
        raise Conflict(_("Save the report's figures before submitting it."), code="no_draft")
    if report.status not in EDITABLE_STATUSES:
        raise Conflict(_refusal(report), code="report_locked")
    findings = plausibility_findings(version)
    if findings and not confirm_warnings:
        raise ValidationFailed(
            _("Some figures look unusual. Check them and confirm before submitting."),
            errors={"confirm_warnings": [finding.message for finding in findings]},
            code="confirmation_required",
        )
    version.status = VersionStatus.SUBMITTED
    version.confirmed_warnings = [finding.code for finding in findings]
    version.submitted_at = timezone.now()
    version.submitted_by = actor if getattr(actor, "pk", None) else None
    version.save()
    set_report_status(
        report=report,
        to=ReportStatus.SUBMITTED,
        actor=actor,
        action="outcomes.report.submitted",
        data={"version": version.number},
    )
    return version


def _reviewable(report: Report) -> ReportVersion:
    if report.status != ReportStatus.SUBMITTED or report.current_version is None:
        raise Conflict(_("Only a submitted report can be reviewed."), code="not_submitted")
    return report.current_version


@transaction.atomic
def return_report(*, report: Report, comment: str, actor: User) -> ReportVersion:
    """Send the submitted report back to the company with a comment; mails its people."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationFailed(_("Say what the company should correct."), field="comment")
    report = _lock(report)
    _refuse_closed(report.period)
    version = _reviewable(report)
    version.status = VersionStatus.RETURNED
    version.reviewed_at = timezone.now()
    version.reviewed_by = actor
    version.review_comment = comment
    version.save()
    set_report_status(
        report=report,
        to=ReportStatus.RETURNED,
        actor=actor,
        action="outcomes.report.returned",
        data={"version": version.number, "comment": comment},
        comment=comment,
    )
    return version


@transaction.atomic
def accept_report(*, report: Report, actor: User | None, notify: bool = True) -> ReportVersion:
    """Accept the submitted version: it is locked and counts in the figures from now on.

    A correction replaces the version accepted before it, which stays in the history. The
    figures' summary tables are updated in the same transaction.
    """
    report = _lock(report)
    _refuse_closed(report.period)
    version = _reviewable(report)
    report.versions.filter(is_counted=True).update(
        is_counted=False, status=VersionStatus.SUPERSEDED
    )
    version.status = VersionStatus.ACCEPTED
    version.is_counted = True
    version.reviewed_at = timezone.now()
    version.reviewed_by = actor if getattr(actor, "pk", None) else None
    version.save()
    summary.report_counted(version=version)
    set_report_status(
        report=report,
        to=ReportStatus.ACCEPTED,
        actor=actor,
        action="outcomes.report.accepted",
        data={"version": version.number},
        notify=notify,
    )
    return version


@transaction.atomic
def start_correction(*, report: Report, actor: User) -> ReportVersion:
    """Copy the accepted version into a new draft version; the accepted one still counts."""
    report = _lock(report)
    _refuse_closed(report.period)
    if report.status != ReportStatus.ACCEPTED or report.current_version is None:
        raise Conflict(_("Only an accepted report can be corrected."), code="not_accepted")
    accepted = report.current_version
    version = _new_version(report, number=accepted.number + 1)
    for name in (*FIGURE_FIELDS, "investment"):
        setattr(version, name, getattr(accepted, name))
    version.save()
    InvestmentRound.objects.bulk_create(
        InvestmentRound(
            version=version,
            closed_on=r.closed_on,
            stage=r.stage,
            investors=r.investors,
            amount=r.amount,
        )
        for r in accepted.rounds.all()
    )
    report.current_version = version
    set_report_status(
        report=report,
        to=ReportStatus.DRAFT,
        actor=actor,
        action="outcomes.report.correction_started",
        data={"version": version.number},
        fields=("current_version",),
    )
    return version


@transaction.atomic
def record_accepted_report(
    *,
    report: Report,
    figures: dict[str, Any],
    rounds: Sequence[dict[str, Any]] = (),
    actor: User | None,
) -> ReportVersion:
    """Record a report staff received and checked outside the platform, as accepted.

    For a report nobody has started yet; it gets an accepted version 1 that counts in the
    figures at once. No plausibility confirmation is asked and no mail is sent.
    """
    report = _lock(report)
    _refuse_closed(report.period)
    if report.status != ReportStatus.TO_FILE:
        raise Conflict(
            _("This report has already been started; review it instead."), code="report_started"
        )
    data = clean_figures(figures)
    cleaned_rounds = clean_rounds(rounds, period=report.period)
    now = timezone.now()
    version = _new_version(report, number=1)
    for name, value in data.items():
        setattr(version, name, value)
    version.investment = sum(r["amount"] for r in cleaned_rounds)
    version.status = VersionStatus.ACCEPTED
    version.is_counted = True
    version.submitted_at = version.reviewed_at = now
    version.submitted_by = version.reviewed_by = actor if getattr(actor, "pk", None) else None
    version.save()
    if cleaned_rounds:
        InvestmentRound.objects.bulk_create(
            InvestmentRound(version=version, **round_data) for round_data in cleaned_rounds
        )
    report.current_version = version
    summary.report_counted(version=version)
    set_report_status(
        report=report,
        to=ReportStatus.ACCEPTED,
        actor=actor,
        action="outcomes.report.recorded",
        data={"version": 1},
        fields=("current_version",),
        notify=False,
    )
    return version


@transaction.atomic
def set_publication_consent(*, company: Company, granted: bool, actor: User) -> bool:
    """Record (or withdraw) the company's consent to show its figures by name.

    Returns whether anything changed; granting twice changes nothing.
    """
    Company.objects.select_for_update().filter(pk=company.pk).first()
    consent = PublicationConsent.objects.filter(company=company).first()
    active = consent is not None and consent.is_active
    if granted == active:
        return False
    now = timezone.now()
    if granted:
        PublicationConsent.objects.update_or_create(
            company=company,
            defaults={"granted_at": now, "granted_by": actor, "withdrawn_at": None},
        )
        company.log_action("outcomes.consent.granted", actor=actor)
    else:
        consent.withdrawn_at = now
        consent.save(update_fields=["withdrawn_at"])
        company.log_action("outcomes.consent.withdrawn", actor=actor)
    return True


def note_reminder(*, report: Report, today: datetime.date, count: int) -> None:
    """Record that a reminder went out today, so a second run the same day sends none."""
    with transaction.atomic():
        Report.objects.filter(pk=report.pk).update(last_reminded_on=today)
        report.log_action("outcomes.report.reminded", actor=None, data={"count": count})
