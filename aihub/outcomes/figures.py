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
from aihub.companies.models import AIDomain
from aihub.core.models import is_english, pick
from aihub.outcomes.enums import Basis
from aihub.outcomes.models import (
    NEVER,
    GroupMoney,
    MembershipSpan,
    PeriodSummary,
    ReportRun,
    ReportVersion,
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
    for ends_on, reports, enterprise_value, valued, *flows in summaries.values_list(
        "period_ends_on", "reports", "enterprise_value", "valued", *FLOWS
    ):
        row = rows.setdefault(ends_on, _PeriodRow(ends_on))
        row.reports += reports
        row.enterprise_value += enterprise_value
        row.valued += valued
        for name, value in zip(FLOWS, flows, strict=True):
            row.flows[name] = row.flows.get(name, 0) + value
    return [row for row in rows.values() if row.reports]


def _report_figures(figure_range: FigureRange, periods: list[_PeriodRow]):
    """Totals and per-year rows of the flows and enterprise value (no query)."""
    start, end = figure_range.date_from, figure_range.date_to
    totals = Totals()
    years = {year: YearRow(year=year, totals=Totals()) for year in _years(figure_range)}
    for row in periods:
        if not start <= row.ends_on <= end:
            continue
        year_row = years[row.ends_on.year]
        year_row.totals.add(row.flows)
        totals.add(row.flows)
        if row.valued:
            year_row.totals.enterprise_value = row.enterprise_value
            year_row.totals.valued_companies = row.valued
            totals.enterprise_value = row.enterprise_value
            totals.valued_companies = row.valued
    return totals, years


def _runs(basis: str) -> list[tuple[datetime.date, datetime.date, int]]:
    """The ``ReportRun`` rows of the basis (one query)."""
    table = ReportRun._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT period_ends_on, previous_ends_on, companies FROM {table} "  # noqa: S608
            "WHERE basis = %s",
            ["all" if basis == Basis.ALL else "member"],
        )
        return [(_date(end), _date(previous), n) for end, previous, n in cursor.fetchall()]


def _reporting(runs: list[tuple], low: datetime.date, high: datetime.date) -> int:
    """Companies with a counted report ending from ``low`` to ``high``: each counts at its
    first report in the range, the one whose previous report came before ``low``."""
    return sum(n for end, previous, n in runs if low <= end <= high and previous < low)


def _spans(figure_range: FigureRange) -> dict[tuple[str, str], tuple[int, int]]:
    """Per breakdown group, the companies in it over the range and those in it by the end
    of the range (one query)."""
    start, end = figure_range.date_from, figure_range.date_to
    table = MembershipSpan._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT family, key, "  # noqa: S608
            "SUM(CASE WHEN starts_on <= %s AND ends_on >= %s AND previous_ends_on < %s "
            "THEN companies ELSE 0 END), "
            "SUM(CASE WHEN previous_ends_on = %s AND starts_on <= %s THEN companies ELSE 0 END) "
            f"FROM {table} GROUP BY family, key",
            [end, start, start, NEVER, end],
        )
        return {(family, key): (inside, by_end) for family, key, inside, by_end in cursor}


def _active_by_year(figure_range: FigureRange, years: dict[int, YearRow]) -> None:
    """Fill in the companies active in each year and supported by its end (one query)."""
    columns, params = [], []
    for year in years:
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        columns.append(
            "SUM(CASE WHEN starts_on <= %s AND ends_on >= %s AND previous_ends_on < %s "
            "THEN companies ELSE 0 END)"
        )
        columns.append(
            "SUM(CASE WHEN previous_ends_on = %s AND starts_on <= %s THEN companies ELSE 0 END)"
        )
        params += [last, first, first, NEVER, min(last, figure_range.date_to)]
    table = MembershipSpan._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM {table} WHERE family = %s",  # noqa: S608
            [*params, "cohort"],
        )
        counts = cursor.fetchone()
    for index, row in enumerate(years.values()):
        row.active_companies = counts[2 * index] or 0
        row.supported_to_date = counts[2 * index + 1] or 0


def _money(figure_range: FigureRange) -> dict[tuple[str, str], tuple[int, int]]:
    """Per breakdown group, the revenue and investment of its companies over the range
    (one query)."""
    start, end = figure_range.date_from, figure_range.date_to
    prefix = "all" if figure_range.basis == Basis.ALL else "member"
    table = GroupMoney._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT family, key, SUM({prefix}_revenue), SUM({prefix}_investment) "  # noqa: S608
            f"FROM {table} WHERE period_ends_on >= %s AND period_ends_on <= %s "
            "AND (last_in_group >= %s OR next_in_group <= %s) GROUP BY family, key",
            [start, end, start, end],
        )
        return {(family, key): (revenue, investment) for family, key, revenue, investment in cursor}


def _breakdowns(
    spans: dict[tuple[str, str], tuple[int, int]], money: dict[tuple[str, str], tuple[int, int]]
) -> dict[str, list[Group]]:
    """The breakdowns with their labels in the current language (two queries)."""
    english = is_english()
    by_family: dict[str, dict[str, tuple[int, int, int]]] = defaultdict(dict)
    for (family, key), (companies, _by_end) in spans.items():
        if companies:
            revenue, investment = money.get((family, key), (0, 0))
            by_family[family][key] = (companies, int(revenue or 0), int(investment or 0))
    facilities = by_family["facility"]
    facility_labels = {
        str(pk): pick(ko or "", en or "", english=english)
        for pk, ko, en in Facility.objects.filter(
            pk__in=[int(key) for key in facilities if key]
        ).values_list("pk", "name_ko", "name_en")
    }
    if "" in facilities:
        facility_labels[""] = _("No facility (membership)")
    domain_labels = {
        str(pk): pick(ko, en, english=english)
        for pk, ko, en in AIDomain.objects.values_list("pk", "name_ko", "name_en")
    }
    labels = {
        "kind": {value: str(label) for value, label in MembershipKind.choices},
        "facility": facility_labels,
        "domain": domain_labels,
        "cohort": {key: key for key in by_family["cohort"]},
    }
    groups = {
        family: sorted(
            (
                Group(
                    key=key,
                    label=labels[family].get(key, key),
                    companies=companies,
                    revenue=revenue,
                    investment=investment,
                )
                for key, (companies, revenue, investment) in by_family[family].items()
            ),
            key=lambda g: (-g.companies, g.label),
        )
        for family in ("kind", "facility", "domain", "cohort")
    }
    return {
        "by_kind": groups["kind"],
        "by_facility": groups["facility"],
        "by_domain": groups["domain"],
        "by_cohort": sorted(groups["cohort"], key=lambda g: g.key),
    }


def hub_figures(figure_range: FigureRange) -> HubFigures:
    """Every hub figure for the range, following the counting rules of this module.

    Reads the summary tables of ``aihub.outcomes.summary`` in a fixed number of queries
    (seven) whatever the amount of data or the range; the rows read grow with the number
    of period ends, breakdown groups and distinct membership dates, not with companies.
    """
    start, end = figure_range.date_from, figure_range.date_to
    totals, years = _report_figures(figure_range, _period_rows(figure_range.basis))
    runs = _runs(figure_range.basis)
    totals.reporting_companies = _reporting(runs, start, end)
    for year, row in years.items():
        low, high = max(start, datetime.date(year, 1, 1)), min(end, datetime.date(year, 12, 31))
        row.totals.reporting_companies = _reporting(runs, low, high)
    spans = _spans(figure_range)
    _active_by_year(figure_range, years)
    cumulative = Totals()
    for year in years.values():
        cumulative.add(vars(year.totals))
        year.cumulative_revenue = cumulative.revenue
        year.cumulative_investment = cumulative.investment
        year.cumulative_new_hires = cumulative.new_hires
        year.label = str(year.year)
    cohorts = [counts for (family, _key), counts in spans.items() if family == "cohort"]
    return HubFigures(
        range=figure_range,
        totals=totals,
        years=list(years.values()),
        supported_in_range=sum(inside for inside, _by_end in cohorts),
        supported_to_date=sum(by_end for _inside, by_end in cohorts),
        **_breakdowns(spans, _money(figure_range)),
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
