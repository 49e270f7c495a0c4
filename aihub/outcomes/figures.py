"""The hub figures: companies supported, revenue, investment, hires and enterprise value.

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

The figures are computed in a fixed number of queries whatever the amount of data, from
the summary tables that ``aihub.outcomes.summary`` keeps in step with every write.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from aihub.companies.enums import MembershipKind
from aihub.companies.models import AIDomain, MembershipPeriod
from aihub.core.models import is_english, pick
from aihub.outcomes.enums import Basis
from aihub.outcomes.models import (
    CompanyMembershipSummary,
    CompanyRunningTotal,
    PeriodSummary,
    ReportVersion,
    YearSummary,
)
from aihub.spaces.models import Facility

HUB_OPENED = datetime.date(2017, 1, 1)
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


@dataclass(frozen=True)
class FigureRange:
    """The dates the figures cover, both included, and which reports count."""

    date_from: datetime.date = HUB_OPENED
    date_to: datetime.date = field(default_factory=timezone.localdate)
    basis: str = Basis.MEMBER


@dataclass
class Totals:
    revenue: int = 0
    investment: int = 0
    new_hires: int = 0
    young_hires: int = 0
    export_sales: int = 0
    ip_filed: int = 0
    ip_registered: int = 0
    products_launched: int = 0
    enterprise_value: int = 0
    valued_companies: int = 0
    reporting_companies: int = 0

    def add(self, row: dict) -> None:
        for name in FLOWS:
            setattr(self, name, getattr(self, name) + (row.get(name) or 0))


@dataclass
class YearRow:
    year: int
    totals: Totals
    active_companies: int = 0
    supported_to_date: int = 0
    cumulative_revenue: int = 0
    cumulative_investment: int = 0
    cumulative_new_hires: int = 0
    label: str = ""


@dataclass(frozen=True)
class Group:
    """One line of a breakdown: companies, and the revenue and investment they reported."""

    key: str
    label: str
    companies: int
    revenue: int = 0
    investment: int = 0


@dataclass
class HubFigures:
    range: FigureRange
    totals: Totals
    years: list[YearRow]
    supported_in_range: int
    supported_to_date: int
    by_kind: list[Group]
    by_facility: list[Group]
    by_domain: list[Group]
    by_cohort: list[Group]


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


def _years(figure_range: FigureRange) -> list[int]:
    return list(range(figure_range.date_from.year, figure_range.date_to.year + 1))


def _date(value: object) -> datetime.date | None:
    """A date from a raw SQL row: SQLite gives ISO strings, PostgreSQL dates."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


@dataclass
class _PeriodRow:
    ends_on: datetime.date
    reports: int = 0
    enterprise_value: int = 0
    valued: int = 0
    flows: dict[str, int] = field(default_factory=dict)


def _period_rows(basis: str) -> list[_PeriodRow]:
    """Every period end with counted reports on the basis, oldest first (one query)."""
    rows: dict[datetime.date, _PeriodRow] = {}
    summaries = PeriodSummary.objects.order_by("period_ends_on")
    if basis != Basis.ALL:
        summaries = summaries.filter(during_membership=True)
    for summary in summaries:
        row = rows.setdefault(summary.period_ends_on, _PeriodRow(summary.period_ends_on))
        row.reports += summary.reports
        row.enterprise_value += summary.enterprise_value
        row.valued += summary.valued
        for name in FLOWS:
            row.flows[name] = row.flows.get(name, 0) + getattr(summary, name)
    return [row for row in rows.values() if row.reports]


def _last_before(ends: list[datetime.date], limit: datetime.date, *, strict: bool):
    """The latest of ``ends`` before ``limit`` (or on it unless ``strict``); date.min if none."""
    chosen = datetime.date.min
    for end in ends:
        if end < limit or (end == limit and not strict):
            chosen = end
    return chosen


def _report_figures(
    figure_range: FigureRange, periods: list[_PeriodRow]
) -> tuple[Totals, dict[int, YearRow], list[tuple[int, datetime.date, datetime.date]]]:
    """Totals and per-year rows; also the years the range cuts through, with their bounds.

    A year is cut when one of its period ends with counted reports lies outside the range;
    its reporting companies are then counted from the running totals between the bounds.
    """
    start, end = figure_range.date_from, figure_range.date_to
    totals = Totals()
    years = {year: YearRow(year=year, totals=Totals()) for year in _years(figure_range)}
    cut: list[tuple[int, datetime.date, datetime.date]] = []
    ends = [row.ends_on for row in periods]
    for row in periods:
        if not start <= row.ends_on <= end:
            year = row.ends_on.year
            if year in years and all(c[0] != year for c in cut):
                low = max(start, datetime.date(year, 1, 1))
                high = min(end, datetime.date(year, 12, 31))
                cut.append(
                    (
                        year,
                        _last_before(ends, low, strict=True),
                        _last_before(ends, high, strict=False),
                    )
                )
            continue
        year_row = years[row.ends_on.year]
        year_row.totals.add(row.flows)
        totals.add(row.flows)
        if row.valued:
            year_row.totals.enterprise_value = row.enterprise_value
            year_row.totals.valued_companies = row.valued
            totals.enterprise_value = row.enterprise_value
            totals.valued_companies = row.valued
    column = "all_companies" if figure_range.basis == Basis.ALL else "member_companies"
    for year, companies in YearSummary.objects.filter(year__in=list(years)).values_list(
        "year", column
    ):
        years[year].totals.reporting_companies = companies
    return totals, years, cut


def _reporting_companies(basis: str, pairs: list[tuple[datetime.date, datetime.date]]) -> list[int]:
    """For each (low, high) pair of period ends, how many companies have a counted report
    ending after ``low`` and on or before ``high``; three pairs, in one query."""
    table = CompanyRunningTotal._meta.db_table
    column = "all_reports" if basis == Basis.ALL else "member_reports"
    pairs = [*pairs, *[(datetime.date.min, datetime.date.min)] * (3 - len(pairs))]
    # Table and column names come from the models; every value is a parameter.
    one = (
        f"(SELECT COUNT(*) FROM {table} hi LEFT JOIN {table} lo "  # noqa: S608
        f"ON lo.company_id = hi.company_id AND lo.period_ends_on = %s "
        f"WHERE hi.period_ends_on = %s AND hi.{column} > COALESCE(lo.{column}, 0))"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {one}, {one}, {one}", [date for pair in pairs for date in pair])
        return list(cursor.fetchone())


def _company_rows(basis: str, low: datetime.date, high: datetime.date) -> list[tuple]:
    """Each member company's summary with its revenue and investment in the range."""
    members = CompanyMembershipSummary._meta.db_table
    running = CompanyRunningTotal._meta.db_table
    prefix = "all" if basis == Basis.ALL else "member"
    sql = (
        f"SELECT m.company_id, m.first_starts_on, m.last_ends_on, m.periods, m.kind, "  # noqa: S608
        f"m.facility_id, m.domains, "
        f"COALESCE(hi.{prefix}_revenue, 0) - COALESCE(lo.{prefix}_revenue, 0), "
        f"COALESCE(hi.{prefix}_investment, 0) - COALESCE(lo.{prefix}_investment, 0) "
        f"FROM {members} m "
        f"LEFT JOIN {running} hi ON hi.company_id = m.company_id AND hi.period_ends_on = %s "
        f"LEFT JOIN {running} lo ON lo.company_id = m.company_id AND lo.period_ends_on = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [high, low])
        return cursor.fetchall()


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


@dataclass
class _Tally:
    """Companies and money per group key, each company counted once per key."""

    companies: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    revenue: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    investment: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, keys: "set[str] | list[str] | tuple[str, ...]", revenue: int, investment: int):
        for key in keys:
            self.companies[key] += 1
            self.revenue[key] += revenue
            self.investment[key] += investment

    def groups(self, labels: dict[str, str]) -> list[Group]:
        money = {key: (self.revenue[key], self.investment[key]) for key in self.companies}
        return _groups(dict(self.companies), labels, money)


def _several(
    periods: list[tuple], start: datetime.date, end: datetime.date, active: dict[int, int]
) -> tuple[set[str], set[str]]:
    """Kinds and facilities of a company with several periods that overlap the range.

    Also adds the company once to ``active`` (as +1/-1 steps) for every year it was active.
    """
    first_year, last_year = start.year, end.year
    years: set[int] = set()
    kinds: set[str] = set()
    facilities: set[str] = set()
    for kind, facility, starts_on, ends_on in periods:
        starts_on, ends_on = _date(starts_on), _date(ends_on)
        low_year = max(starts_on.year, first_year)
        high_year = min(ends_on.year if ends_on else last_year, last_year)
        years.update(range(low_year, high_year + 1))
        if starts_on <= end and (ends_on is None or ends_on >= start):
            kinds.add(kind)
            facilities.add(str(facility or ""))
    for year in years:
        active[year] += 1
        active[year + 1] -= 1
    return kinds, facilities


def _membership_figures(
    figure_range: FigureRange, years: dict[int, YearRow], low: datetime.date, high: datetime.date
) -> tuple[int, int, dict[str, _Tally]]:
    """Companies active and supported per year, supported in the range and to date, and
    the breakdowns by kind, facility, AI domain and year joined (two queries)."""
    start, end = figure_range.date_from, figure_range.date_to
    first_year, last_year = start.year, end.year
    rows = _company_rows(figure_range.basis, low, high)
    several = defaultdict(list)
    for company, kind, facility, starts_on, ends_on in (
        MembershipPeriod.objects.filter(
            company__in=CompanyMembershipSummary.objects.filter(periods__gt=1).values("company")
        )
        .order_by()
        .values_list("company", "kind", "facility", "starts_on", "ends_on")
    ):
        several[company].append((kind, facility, starts_on, ends_on))
    active = defaultdict(int)
    joined_by = defaultdict(int)
    to_date = supported = 0
    tallies = {name: _Tally() for name in ("kind", "facility", "domain", "cohort")}
    kind_t, facility_t, domain_t, cohort_t = (tallies[n] for n in tallies)
    for company, first, last, count, kind, facility, domains, revenue, investment in rows:
        first, last = _date(first), _date(last)
        if first <= end:
            to_date += 1
            joined_by[max(first.year, first_year)] += 1
        if count == 1:
            low_year = max(first.year, first_year)
            high_year = min(last.year if last else last_year, last_year)
            if low_year <= high_year:
                active[low_year] += 1
                active[high_year + 1] -= 1
            if first > end or (last is not None and last < start):
                continue
            kinds, facilities = (kind,), (str(facility or ""),)
        else:
            kinds, facilities = _several(several[company], start, end, active)
            if not kinds:
                continue
        supported += 1
        revenue, investment = revenue or 0, investment or 0
        kind_t.add(kinds, revenue, investment)
        facility_t.add(facilities, revenue, investment)
        if domains:
            domain_t.add(domains.split(","), revenue, investment)
        cohort_t.add((str(first.year),), revenue, investment)
    running_active = 0
    for year in range(first_year, last_year + 1):
        running_active += active.get(year, 0)
        active[year] = running_active
    cumulative = sum(n for year, n in joined_by.items() if year < first_year)
    for year, row in years.items():
        cumulative += joined_by.get(year, 0)
        row.active_companies = active.get(year, 0)
        row.supported_to_date = cumulative
    return supported, to_date, tallies


def _labels(tallies: dict[str, _Tally]) -> dict[str, list[Group]]:
    """The breakdowns with their labels in the current language (two queries)."""
    english = is_english()
    facility_labels = {
        str(pk): pick(ko or "", en or "", english=english)
        for pk, ko, en in Facility.objects.filter(
            pk__in=[int(k) for k in tallies["facility"].companies if k]
        ).values_list("pk", "name_ko", "name_en")
    }
    if "" in tallies["facility"].companies:
        facility_labels[""] = _("No facility (membership)")
    domain_labels = {
        str(pk): pick(ko, en, english=english)
        for pk, ko, en in AIDomain.objects.values_list("pk", "name_ko", "name_en")
    }
    kind_labels = {value: str(label) for value, label in MembershipKind.choices}
    cohorts = tallies["cohort"].groups({key: key for key in tallies["cohort"].companies})
    return {
        "by_kind": tallies["kind"].groups(kind_labels),
        "by_facility": tallies["facility"].groups(facility_labels),
        "by_domain": tallies["domain"].groups(domain_labels),
        "by_cohort": sorted(cohorts, key=lambda g: g.key),
    }


def hub_figures(figure_range: FigureRange) -> HubFigures:
    """Every hub figure for the range, following the counting rules of this module.

    Reads the summary tables of ``aihub.outcomes.summary`` in a fixed number of queries
    (eight) whatever the amount of data or the range.
    """
    periods = _period_rows(figure_range.basis)
    totals, years, cut = _report_figures(figure_range, periods)
    ends = [row.ends_on for row in periods]
    low = _last_before(ends, figure_range.date_from, strict=True)
    high = _last_before(ends, figure_range.date_to, strict=False)
    counts = _reporting_companies(figure_range.basis, [(low, high)] + [c[1:] for c in cut])
    for (year, _low, _high), count in zip(cut, counts[1:], strict=False):
        years[year].totals.reporting_companies = count
    supported_in_range, supported_to_date, tallies = _membership_figures(
        figure_range, years, low, high
    )
    cumulative = Totals()
    for year in years.values():
        cumulative.add(vars(year.totals))
        year.cumulative_revenue = cumulative.revenue
        year.cumulative_investment = cumulative.investment
        year.cumulative_new_hires = cumulative.new_hires
        year.label = str(year.year)
    totals.reporting_companies = counts[0]
    return HubFigures(
        range=figure_range,
        totals=totals,
        years=list(years.values()),
        supported_in_range=supported_in_range,
        supported_to_date=supported_to_date,
        **_labels(tallies),
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
