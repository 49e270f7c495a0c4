"""Reads about outcome reports; every fetch of a report starts from the companies gate."""

from django.db.models import Count, Prefetch, Q, QuerySet

from aihub.accounts.enums import COMPANY_MEMBER
from aihub.accounts.models import User
from aihub.companies.queries import companies_for_user
from aihub.core.errors import NotFound
from aihub.outcomes.enums import EDITABLE_STATUSES, ReportStatus
from aihub.outcomes.models import (
    InvestmentRound,
    PublicationConsent,
    Report,
    ReportingPeriod,
    ReportVersion,
)


def reports_for_user(*, user: User) -> QuerySet[Report]:
    """Reports of the companies the user may see: every one for staff, their own otherwise."""
    return Report.objects.filter(company__in=companies_for_user(user=user)).select_related(
        "company", "period", "current_version"
    )


def report_for_user(*, user: User, company_pk: int, pk: int) -> Report:
    """One report of one company the user may see, with its versions and rounds; 404 if not."""
    report = (
        reports_for_user(user=user)
        .filter(company_id=company_pk, pk=pk)
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=ReportVersion.objects.select_related(
                    "submitted_by", "reviewed_by"
                ).prefetch_related("rounds"),
            )
        )
        .first()
    )
    if report is None:
        raise NotFound()
    return report


def current_rounds(report: Report) -> list[InvestmentRound]:
    """The rounds of the report's current version, from the prefetch when there is one."""
    if report.current_version_id is None:
        return []
    for version in report.versions.all():
        if version.pk == report.current_version_id:
            return list(version.rounds.all())
    return []


def reports_for_company(*, company_pk: int, user: User) -> QuerySet[Report]:
    """One company's reports, newest period first."""
    return reports_for_user(user=user).filter(company_id=company_pk).order_by("-period__starts_on")


def pending_reports_for_user(user: User) -> list[Report]:
    """Reports a company member still has to file in periods that are not closed.

    Staff and people without a company get an empty list without a query.
    """
    if not getattr(user, "is_authenticated", False) or COMPANY_MEMBER not in user.role_set:
        return []
    return list(
        Report.objects.filter(
            company__members__user=user,
            status__in=EDITABLE_STATUSES,
            period__closed_at__isnull=True,
        )
        .select_related("company", "period")
        .order_by("period__deadline", "company__name_ko")
    )


def periods_with_counts() -> QuerySet[ReportingPeriod]:
    """Every reporting period with how many of its reports are in each state."""
    counts = {
        f"count_{status}": Count("reports", filter=Q(reports__status=status))
        for status in ReportStatus.values
    }
    return ReportingPeriod.objects.annotate(count_all=Count("reports"), **counts).order_by(
        "-starts_on"
    )


def period_for_staff(*, pk: int) -> ReportingPeriod:
    period = periods_with_counts().filter(pk=pk).first()
    if period is None:
        raise NotFound()
    return period


def consent_of(company_pk: int) -> PublicationConsent | None:
    """The company's consent to publication by name, if it was ever recorded."""
    return PublicationConsent.objects.filter(company_id=company_pk).first()
