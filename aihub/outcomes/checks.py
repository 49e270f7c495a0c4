"""Plausibility checks a company confirms before submitting a report (reads only)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from aihub.outcomes.enums import PlausibilityWarning, VersionStatus
from aihub.outcomes.formatting import krw
from aihub.outcomes.models import ReportVersion

REVENUE_JUMP_FACTOR = 10
HEADCOUNT_DROP_SHARE = 0.5


@dataclass(frozen=True)
class Finding:
    code: str
    message: str


def previous_version(version: ReportVersion) -> ReportVersion | None:
    """The company's filed figures for the latest earlier period of the same kind.

    The accepted version counts first; a filed version stands in while none is accepted.
    """
    period = version.report.period
    return (
        ReportVersion.objects.filter(
            company_id=version.company_id,
            report__period__kind=period.kind,
            period_ends_on__lt=period.starts_on,
            status__in=(VersionStatus.SUBMITTED, VersionStatus.ACCEPTED),
        )
        .order_by("-period_ends_on", "-is_counted", "-number")
        .first()
    )


def plausibility_findings(version: ReportVersion) -> list[Finding]:
    """Revenue ten times the previous period's, or headcount down by more than half."""
    previous = previous_version(version)
    if previous is None:
        return []
    findings = []
    if previous.revenue > 0 and version.revenue >= REVENUE_JUMP_FACTOR * previous.revenue:
        findings.append(
            Finding(
                PlausibilityWarning.REVENUE_JUMP,
                _(
                    "Revenue is %(ratio)s times that of the previous period (%(previous)s). "
                    "Check the amount, then confirm it."
                )
                % {
                    "ratio": f"{version.revenue / previous.revenue:,.1f}",
                    "previous": krw(previous.revenue),
                },
            )
        )
    if previous.headcount > 0 and version.headcount < HEADCOUNT_DROP_SHARE * previous.headcount:
        findings.append(
            Finding(
                PlausibilityWarning.HEADCOUNT_DROP,
                _(
                    "Headcount fell from %(previous)s to %(current)s, by more than half. "
                    "Check the number, then confirm it."
                )
                % {"previous": previous.headcount, "current": version.headcount},
            )
        )
    return findings
