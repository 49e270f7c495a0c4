"""What the public may see of the hub figures: aggregates of at least five companies.

Company-level figures are private to the company and hub staff; a company's own figures
appear by name only while its consent to publication is recorded.
"""

from dataclasses import dataclass, replace

from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aihub.core.errors import PermissionDenied
from aihub.core.models import is_english, pick
from aihub.outcomes.figures import (
    FigureRange,
    Group,
    HubFigures,
    Totals,
    YearRow,
    counted_versions,
)
from aihub.outcomes.models import PublicationConsent

MIN_COMPANIES = 5


class TooFewCompanies(PermissionDenied):
    """An aggregate that would describe fewer than five companies."""

    code = "too_few_companies"
    default_message = gettext_lazy(
        "These figures cover fewer than 5 companies, so they are not published. "
        "Choose a longer date range."
    )


def _merge_small_groups(groups: list[Group]) -> list[Group]:
    """Fold groups of fewer than 5 companies into "Other" until "Other" has 5 or more.

    Then no group's figures can be worked out by subtracting the others from the total.
    """
    ordered = sorted(groups, key=lambda g: g.companies)
    small = [g for g in ordered if g.companies < MIN_COMPANIES]
    large = [g for g in ordered if g.companies >= MIN_COMPANIES]
    if not small:
        return groups
    while sum(g.companies for g in small) < MIN_COMPANIES and large:
        small.append(large.pop(0))
    other = Group(
        key="other",
        label=_("Other"),
        companies=sum(g.companies for g in small),
        revenue=sum(g.revenue for g in small),
        investment=sum(g.investment for g in small),
    )
    kept = [g for g in groups if g in large]
    return [*kept, other] if other.companies >= MIN_COMPANIES else kept


def _merge_small_years(years: list[YearRow]) -> list[YearRow]:
    """Join a year with fewer than 5 reporting companies to the next (or the previous) one."""
    merged: list[YearRow] = []
    pending: list[YearRow] = []
    for year in years:
        pending.append(year)
        if max(y.totals.reporting_companies for y in pending) >= MIN_COMPANIES:
            merged.append(_join(pending))
            pending = []
    if pending:
        if not merged:
            return []
        merged[-1] = _join([merged[-1], *pending])
    return merged


def _join(rows: list[YearRow]) -> YearRow:
    if len(rows) == 1:
        return rows[0]
    first, last = rows[0], rows[-1]
    totals = replace(last.totals)
    for name in ("revenue", "investment", "new_hires", "young_hires", "export_sales"):
        setattr(totals, name, sum(getattr(r.totals, name) for r in rows))
    totals.reporting_companies = max(r.totals.reporting_companies for r in rows)
    start = first.label.split("–")[0]
    end = last.label.split("–")[-1]
    return replace(
        last,
        totals=totals,
        label=f"{start}–{end}",
        active_companies=max(r.active_companies for r in rows),
    )


def _hide_small_value(totals: Totals) -> Totals:
    """The totals without their enterprise value when fewer than 5 companies reported it
    (shown as 0 with ``valued_companies`` 0, which the pages show as a dash)."""
    if totals.valued_companies < MIN_COMPANIES:
        return replace(totals, enterprise_value=0, valued_companies=0)
    return totals


def publishable(figures: HubFigures) -> HubFigures:
    """The figures with every aggregate of fewer than 5 companies merged away or hidden.

    Years with fewer than 5 reporting companies are joined to a neighbour; groups of
    fewer than 5 companies are folded into "Other"; an enterprise value (for the range or
    a year) that fewer than 5 companies reported is hidden. Raises ``TooFewCompanies``
    when the whole range covers fewer than 5 companies.
    """
    if figures.totals.reporting_companies < MIN_COMPANIES:
        raise TooFewCompanies()
    years = [
        replace(row, totals=_hide_small_value(row.totals))
        for row in _merge_small_years(figures.years)
    ]
    return replace(
        figures,
        totals=_hide_small_value(figures.totals),
        years=years,
        by_kind=_merge_small_groups(figures.by_kind),
        by_facility=_merge_small_groups(figures.by_facility),
        by_domain=_merge_small_groups(figures.by_domain),
        by_cohort=_merge_small_groups(figures.by_cohort),
    )


@dataclass(frozen=True)
class NamedCompany:
    name: str
    revenue: int
    investment: int
    new_hires: int


def consenting_companies(figure_range: FigureRange) -> list[NamedCompany]:
    """Companies that consent to publication by name, with their figures in the range."""
    consenting = PublicationConsent.objects.filter(withdrawn_at__isnull=True).values("company")
    rows = (
        counted_versions(figure_range)
        .filter(company__in=consenting)
        .values("company", "company__name_ko", "company__name_en")
        .annotate(revenue=Sum("revenue"), investment=Sum("investment"), hires=Sum("new_hires"))
        .order_by("-revenue", "company")
    )
    english = is_english()
    return [
        NamedCompany(
            name=pick(row["company__name_ko"], row["company__name_en"], english=english),
            revenue=row["revenue"] or 0,
            investment=row["investment"] or 0,
            new_hires=row["hires"] or 0,
        )
        for row in rows
    ]
