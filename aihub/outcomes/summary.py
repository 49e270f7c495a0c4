"""Summary tables behind the hub figures, kept in step with the reports and memberships.

The figures read these instead of every accepted report:

- ``PeriodSummary``: per reporting period end, and whether the reports were filed while a
  member, the sums of the counted versions;
- ``YearSummary``: per year, how many companies have a counted report (both bases);
- ``CompanyRunningTotal``: per company and period end, the running totals the range
  breakdowns subtract;
- ``CompanyMembershipSummary``: per company, its first start, last end, only kind and
  facility, and AI domains.

The services call ``report_counted`` and ``period_opened`` in their own transaction;
membership and AI-domain changes reach ``membership_changed`` through the signals wired in
``OutcomesConfig.ready``. ``rebuild`` (the ``rebuild_outcome_summaries`` command) recomputes
everything after bulk loads that bypass the services.
"""

import datetime
from collections import defaultdict

from django.db import transaction
from django.db.models import Count, Q, Sum

from aihub.companies.models import Company, MembershipPeriod
from aihub.outcomes.models import (
    CompanyMembershipSummary,
    CompanyRunningTotal,
    PeriodSummary,
    ReportingPeriod,
    ReportVersion,
    YearSummary,
)

FLOWS = (
    "revenue",
    "investment",
    "new_hires",
    "young_hires",
    "export_sales",
    "ip_filed",
    "ip_registered",
    "products_launched",
)
BATCH = 2_000


def _counted() -> "ReportVersion.objects":
    return ReportVersion.objects.filter(is_counted=True).order_by()


def _period_rows(ends: list[datetime.date] | None) -> list[PeriodSummary]:
    versions = _counted()
    if ends is not None:
        versions = versions.filter(period_ends_on__in=ends)
    rows = versions.values("period_ends_on", "during_membership").annotate(
        reports=Count("id"),
        ev=Sum("enterprise_value"),
        valued_count=Count("id", filter=Q(enterprise_value__isnull=False)),
        **{name: Sum(name) for name in FLOWS},
    )
    return [
        PeriodSummary(
            period_ends_on=row["period_ends_on"],
            during_membership=row["during_membership"],
            reports=row["reports"],
            enterprise_value=row["ev"] or 0,
            valued=row["valued_count"],
            **{name: row[name] or 0 for name in FLOWS},
        )
        for row in rows
    ]


def _year_rows(years: list[int] | None) -> list[YearSummary]:
    versions = _counted()
    if years is not None:
        versions = versions.filter(period_year__in=years)
    rows = versions.values("period_year").annotate(
        members=Count("company", distinct=True, filter=Q(during_membership=True)),
        everyone=Count("company", distinct=True),
    )
    return [
        YearSummary(
            year=row["period_year"], member_companies=row["members"], all_companies=row["everyone"]
        )
        for row in rows
    ]


def _running_rows(
    company_pk: int, versions: list[tuple], ends: list[datetime.date]
) -> list[CompanyRunningTotal]:
    """Running totals of one company at every period end from its first counted one."""
    if not versions:
        return []
    by_end: dict[datetime.date, list[tuple]] = defaultdict(list)
    for version in versions:
        by_end[version[0]].append(version)
    first = min(by_end)
    totals = [0, 0, 0, 0, 0, 0]
    rows = []
    for end in sorted({*ends, *by_end}):
        if end < first:
            continue
        for _end, member, revenue, investment in by_end.get(end, ()):
            if member:
                totals[0] += revenue
                totals[1] += investment
                totals[2] += 1
            totals[3] += revenue
            totals[4] += investment
            totals[5] += 1
        rows.append(
            CompanyRunningTotal(
                company_id=company_pk,
                period_ends_on=end,
                member_revenue=totals[0],
                member_investment=totals[1],
                member_reports=totals[2],
                all_revenue=totals[3],
                all_investment=totals[4],
                all_reports=totals[5],
            )
        )
    return rows


def _period_ends() -> list[datetime.date]:
    return list(ReportingPeriod.objects.order_by("ends_on").values_list("ends_on", flat=True))


def _membership_row(company_pk: int, periods: list[tuple], domains: list[int]):
    if not periods:
        return None
    periods = sorted(periods, key=lambda p: p[2])
    ends = [p[3] for p in periods]
    only = periods[0] if len(periods) == 1 else None
    return CompanyMembershipSummary(
        company_id=company_pk,
        first_starts_on=periods[0][2],
        last_ends_on=None if None in ends else max(ends),
        periods=len(periods),
        kind=only[0] if only else "",
        facility_id=only[1] if only else None,
        domains=",".join(str(pk) for pk in sorted(domains)),
    )


@transaction.atomic
def report_counted(*, version: ReportVersion) -> None:
    """Take in that ``version`` now counts in place of any earlier version of its report.

    Recomputes the period end's and the year's summaries and the company's running totals.
    """
    end, year = version.period_ends_on, version.period_year
    PeriodSummary.objects.filter(period_ends_on=end).delete()
    PeriodSummary.objects.bulk_create(_period_rows([end]))
    YearSummary.objects.filter(year=year).delete()
    YearSummary.objects.bulk_create(_year_rows([year]))
    refresh_company_totals(company_pk=version.company_id)


def refresh_company_totals(*, company_pk: int) -> None:
    """Recompute one company's running totals from its counted versions."""
    versions = list(
        _counted()
        .filter(company_id=company_pk)
        .values_list("period_ends_on", "during_membership", "revenue", "investment")
    )
    CompanyRunningTotal.objects.filter(company_id=company_pk).delete()
    CompanyRunningTotal.objects.bulk_create(_running_rows(company_pk, versions, _period_ends()))


def period_opened(*, period: ReportingPeriod) -> None:
    """Give every company with earlier accepted reports a running total at the new end.

    The new end carries the totals of the end before it, as nothing counts in it yet.
    """
    end = period.ends_on
    previous = (
        ReportingPeriod.objects.filter(ends_on__lt=end)
        .exclude(pk=period.pk)
        .order_by("-ends_on")
        .values_list("ends_on", flat=True)
        .first()
    )
    if previous is None:
        return
    existing = set(
        CompanyRunningTotal.objects.filter(period_ends_on=end).values_list("company_id", flat=True)
    )
    CompanyRunningTotal.objects.bulk_create(
        (
            CompanyRunningTotal(
                company_id=row.company_id,
                period_ends_on=end,
                member_revenue=row.member_revenue,
                member_investment=row.member_investment,
                member_reports=row.member_reports,
                all_revenue=row.all_revenue,
                all_investment=row.all_investment,
                all_reports=row.all_reports,
            )
            for row in CompanyRunningTotal.objects.filter(period_ends_on=previous)
            if row.company_id not in existing
        ),
        batch_size=BATCH,
    )


def membership_changed(company: Company | int) -> None:
    """Recompute what the figures know of the company's membership periods and AI domains.

    Call it in the transaction of every write to a company's membership periods or AI
    domains; the signals in ``OutcomesConfig.ready`` do so for saves and deletions.
    """
    company_pk = company if isinstance(company, int) else company.pk
    periods = list(
        MembershipPeriod.objects.filter(company_id=company_pk).values_list(
            "kind", "facility_id", "starts_on", "ends_on"
        )
    )
    domains = list(
        Company.ai_domains.through.objects.filter(company_id=company_pk).values_list(
            "aidomain_id", flat=True
        )
    )
    CompanyMembershipSummary.objects.filter(company_id=company_pk).delete()
    row = _membership_row(company_pk, periods, domains)
    if row is not None and Company.objects.filter(pk=company_pk).exists():
        row.save(force_insert=True)


@transaction.atomic
def rebuild() -> dict[str, int]:
    """Recompute every summary table from the reports and memberships; returns row counts."""
    PeriodSummary.objects.all().delete()
    periods = PeriodSummary.objects.bulk_create(_period_rows(None), batch_size=BATCH)
    YearSummary.objects.all().delete()
    years = YearSummary.objects.bulk_create(_year_rows(None), batch_size=BATCH)

    CompanyRunningTotal.objects.all().delete()
    ends = _period_ends()
    by_company: dict[int, list[tuple]] = defaultdict(list)
    for company_pk, *version in _counted().values_list(
        "company_id", "period_ends_on", "during_membership", "revenue", "investment"
    ):
        by_company[company_pk].append(tuple(version))
    running = 0
    pending: list[CompanyRunningTotal] = []
    for company_pk, versions in by_company.items():
        pending.extend(_running_rows(company_pk, versions, ends))
        if len(pending) >= BATCH * 5:
            running += len(CompanyRunningTotal.objects.bulk_create(pending, batch_size=BATCH))
            pending = []
    running += len(CompanyRunningTotal.objects.bulk_create(pending, batch_size=BATCH))

    CompanyMembershipSummary.objects.all().delete()
    periods_of: dict[int, list[tuple]] = defaultdict(list)
    for company_pk, *period in MembershipPeriod.objects.values_list(
        "company_id", "kind", "facility_id", "starts_on", "ends_on"
    ):
        periods_of[company_pk].append(tuple(period))
    domains_of: dict[int, list[int]] = defaultdict(list)
    for company_pk, domain_pk in Company.ai_domains.through.objects.values_list(
        "company_id", "aidomain_id"
    ):
        domains_of[company_pk].append(domain_pk)
    members = CompanyMembershipSummary.objects.bulk_create(
        (
            _membership_row(pk, periods, domains_of.get(pk, []))
            for pk, periods in periods_of.items()
        ),
        batch_size=BATCH,
    )
    return {
        "periods": len(periods),
        "years": len(years),
        "running_totals": running,
        "companies": len(members),
    }
