"""The hub figures computed straight from the reports, as before the summary tables.

Tests compare ``hub_figures`` with this on varied data. The result types and the list of
flows are shared with ``figures``; every computation here is its own. Original docstring:

The hub figures: companies supported, revenue, investment, hires and enterprise value.

Counting rules (also written on the figures pages):

- A company is *supported* in a range when one of its membership periods (resident or
  membership) overlaps the range; *supported to date* counts every company whose first
  period began on or before the end of the range.
- Revenue, investment, new hires and the other flows add up the *accepted* version of each
  report whose reporting period *ends* within the range. Drafts, submitted and returned
  reports never count; a correction counts once accepted, replacing the earlier version.
- By default only reports for periods in which the company was a member count; the
  "also as alumni" basis adds reports alumni were asked to file.
- Enterprise value is a stock: for a year or a range it is the sum of the values reported
  for the last reporting period ending in it; a company that left it empty is not counted.

The figures are computed in a fixed number of queries whatever the amount of data.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from aihub.companies.enums import MembershipKind
from aihub.companies.models import AIDomain, Company, MembershipPeriod
from aihub.core.models import is_english, pick
from aihub.outcomes.enums import Basis
from aihub.outcomes.figures import FLOWS, FigureRange, Group, HubFigures, Totals, YearRow
from aihub.outcomes.models import ReportVersion


def counted_versions(figure_range: FigureRange) -> QuerySet[ReportVersion]:
    """Accepted versions of reports whose period ends within the range."""
    versions = ReportVersion.objects.filter(
        is_counted=True,
        period_ends_on__gte=figure_range.date_from,
        period_ends_on__lte=figure_range.date_to,
    )
    if figure_range.basis != Basis.ALL:
        versions = versions.filter(during_membership=True)
    return versions.order_by()


def _flow_sums() -> dict[str, Sum]:
    return {name: Sum(name) for name in FLOWS}


def _years(figure_range: FigureRange) -> list[int]:
    return list(range(figure_range.date_from.year, figure_range.date_to.year + 1))


def _report_figures(figure_range: FigureRange) -> tuple[Totals, dict[int, YearRow]]:
    """Totals and per-year rows from the accepted reports, in two queries."""
    versions = counted_versions(figure_range)
    per_period = (
        versions.values("period_ends_on")
        .annotate(
            ev=Sum("enterprise_value"),
            valued=Count("id", filter=Q(enterprise_value__isnull=False)),
            **_flow_sums(),
        )
        .order_by("period_ends_on")
    )
    totals = Totals()
    years = {year: YearRow(year=year, totals=Totals()) for year in _years(figure_range)}
    for row in per_period:
        year = years[row["period_ends_on"].year]
        year.totals.add(row)
        totals.add(row)
        if row["valued"]:
            year.totals.enterprise_value = row["ev"] or 0
            year.totals.valued_companies = row["valued"]
            totals.enterprise_value = row["ev"] or 0
            totals.valued_companies = row["valued"]
    distinct = versions.values("period_year").annotate(companies=Count("company", distinct=True))
    for row in distinct:
        years[row["period_year"]].totals.reporting_companies = row["companies"]
    return totals, years


def _overlapping(start: datetime.date, end: datetime.date) -> Q:
    return Q(starts_on__lte=end) & (Q(ends_on__isnull=True) | Q(ends_on__gte=start))


def _membership_by_year(figure_range: FigureRange, years: dict[int, YearRow]) -> int:
    """Fill in active and cumulative companies per year; returns supported to date."""
    counts = {
        "to_date": Count("company", distinct=True, filter=Q(starts_on__lte=figure_range.date_to))
    }
    for year in years:
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        counts[f"active_{year}"] = Count("company", distinct=True, filter=_overlapping(start, end))
        counts[f"cumulative_{year}"] = Count(
            "company", distinct=True, filter=Q(starts_on__lte=min(end, figure_range.date_to))
        )
    result = MembershipPeriod.objects.order_by().aggregate(**counts)
    for year, row in years.items():
        row.active_companies = result[f"active_{year}"]
        row.supported_to_date = result[f"cumulative_{year}"]
    return result["to_date"]


def _groups(counts: dict[str, int], labels: dict[str, str], money: dict[str, tuple]) -> list[Group]:
    groups = [
        Group(
            key=key,
            label=labels.get(key, key),
            companies=count,
            revenue=money.get(key, (0, 0))[0],
            investment=money.get(key, (0, 0))[1],
        )
        for key, count in counts.items()
    ]
    return sorted(groups, key=lambda g: (-g.companies, g.label))


def _breakdowns(figure_range: FigureRange) -> tuple[int, int, dict[str, list[Group]]]:
    """Companies supported in the range by kind, facility, AI domain and year joined.

    Also returns how many companies have a counted report in the range.
    """
    english = is_english()
    overlap = _overlapping(figure_range.date_from, figure_range.date_to)
    in_range = MembershipPeriod.objects.filter(overlap).order_by()

    per_company = {
        row["company"]: (row["revenue"] or 0, row["investment"] or 0)
        for row in counted_versions(figure_range)
        .values("company")
        .annotate(revenue=Sum("revenue"), investment=Sum("investment"))
    }
    firsts = (
        MembershipPeriod.objects.order_by()
        .values("company")
        .annotate(first=Min("starts_on"), inside=Max("id", filter=overlap))
    )
    supported: set[int] = set()
    cohorts: dict[str, set[int]] = defaultdict(set)
    for row in firsts:
        if row["inside"] is not None:
            supported.add(row["company"])
            cohorts[str(row["first"].year)].add(row["company"])

    def money(members: dict[str, set[int]]) -> dict[str, tuple[int, int]]:
        return {
            key: (
                sum(per_company.get(pk, (0, 0))[0] for pk in pks),
                sum(per_company.get(pk, (0, 0))[1] for pk in pks),
            )
            for key, pks in members.items()
        }

    kinds: dict[str, set[int]] = defaultdict(set)
    facilities: dict[str, set[int]] = defaultdict(set)
    facility_labels: dict[str, str] = {}
    for company, kind, facility, name_ko, name_en in in_range.values_list(
        "company", "kind", "facility", "facility__name_ko", "facility__name_en"
    ):
        kinds[kind].add(company)
        key = str(facility or "")
        facilities[key].add(company)
        facility_labels[key] = pick(name_ko or "", name_en or "", english=english)
    if "" in facilities:
        facility_labels[""] = _("No facility (membership)")
    domains: dict[str, set[int]] = defaultdict(set)
    links = Company.ai_domains.through.objects.order_by().values_list("company_id", "aidomain_id")
    for company, domain in links:
        if company in supported:
            domains[str(domain)].add(company)
    domain_labels = {
        str(pk): pick(ko, en, english=english)
        for pk, ko, en in AIDomain.objects.values_list("pk", "name_ko", "name_en")
    }
    kind_labels = {value: str(label) for value, label in MembershipKind.choices}

    def build(members: dict[str, set[int]], labels: dict[str, str]) -> list[Group]:
        return _groups({k: len(v) for k, v in members.items()}, labels, money(members))

    cohort_groups = build(cohorts, {key: key for key in cohorts})
    return (
        len(supported),
        len(per_company),
        {
            "by_kind": build(kinds, kind_labels),
            "by_facility": build(facilities, facility_labels),
            "by_domain": build(domains, domain_labels),
            "by_cohort": sorted(cohort_groups, key=lambda g: g.key),
        },
    )


def hub_figures(figure_range: FigureRange) -> HubFigures:
    """Every hub figure for the range, following the counting rules of this module."""
    totals, years = _report_figures(figure_range)
    supported_to_date = _membership_by_year(figure_range, years)
    supported_in_range, reporting, groups = _breakdowns(figure_range)
    cumulative = Totals()
    for year in years.values():
        cumulative.add(vars(year.totals))
        year.cumulative_revenue = cumulative.revenue
        year.cumulative_investment = cumulative.investment
        year.cumulative_new_hires = cumulative.new_hires
        year.label = str(year.year)
    totals.reporting_companies = reporting
    return HubFigures(
        range=figure_range,
        totals=totals,
        years=list(years.values()),
        supported_in_range=supported_in_range,
        supported_to_date=supported_to_date,
        **groups,
    )


@dataclass(frozen=True)
class CompanyPoint:
    label: str
    ends_on: datetime.date
    revenue: int
    investment: int
    headcount: int
    new_hires: int
    enterprise_value: int | None


def company_trend(*, company_pk: int) -> list[CompanyPoint]:
    """The company's accepted figures period by period, oldest first."""
    from aihub.outcomes.models import period_label

    versions = (
        ReportVersion.objects.filter(company_id=company_pk, is_counted=True)
        .select_related("report__period")
        .order_by("period_ends_on")
    )
    return [
        CompanyPoint(
            label=period_label(v.report.period.kind, v.report.period.starts_on),
            ends_on=v.period_ends_on,
            revenue=v.revenue,
            investment=v.investment,
            headcount=v.headcount,
            new_hires=v.new_hires,
            enterprise_value=v.enterprise_value,
        )
        for v in versions
    ]
