"""Hub figures, KRW display, publication rules and charts."""

import datetime

import pytest

from aihub.core.errors import PermissionDenied
from aihub.outcomes import services
from aihub.outcomes.charts import Series, bar_chart
from aihub.outcomes.enums import Basis, PeriodKind
from aihub.outcomes.figures import FigureRange, Group, HubFigures, Totals, YearRow, hub_figures
from aihub.outcomes.formatting import krw_english, krw_exact, krw_korean
from aihub.outcomes.models import Report
from aihub.outcomes.publication import (
    TooFewCompanies,
    _merge_small_groups,
    consenting_companies,
    publishable,
)
from aihub.outcomes.tests.conftest import figures

pytestmark = pytest.mark.django_db

RANGE_2025 = FigureRange(date_from=datetime.date(2025, 1, 1), date_to=datetime.date(2025, 12, 31))


@pytest.mark.parametrize(
    ("amount", "korean", "english"),
    [
        (365_900_000_000, "3,659억 원", "365.9 billion KRW"),
        (1_500_000_000_000, "1조 5,000억 원", "1.5 trillion KRW"),
        (2_000_000_000_000, "2조 원", "2.0 trillion KRW"),
        (150_000_000, "1억 5,000만 원", "150.0 million KRW"),
        (50_000_000, "5,000만 원", "50.0 million KRW"),
        (9_500, "9,500원", "9,500 KRW"),
        (0, "0원", "0 KRW"),
    ],
)
def test_krw_display_both_languages(amount, korean, english):
    assert (krw_korean(amount), krw_english(amount)) == (korean, english)


def test_krw_exact_keeps_every_digit():
    assert krw_exact(365_912_345_678).replace(" KRW", "").replace("원", "") == "365,912,345,678"


def test_figures_count_only_accepted_reports(submitted, period):
    assert hub_figures(RANGE_2025).totals.revenue == 0


def test_figures_count_accepted_report(accepted):
    result = hub_figures(RANGE_2025)
    assert (result.totals.revenue, result.totals.investment, result.totals.new_hires) == (
        1_200_000_000,
        2_000_000_000,
        4,
    )
    assert result.totals.enterprise_value == 30_000_000_000
    assert [row.year for row in result.years] == [2025]


def test_figures_range_excluding_period_end_counts_nothing(accepted):
    early = FigureRange(date_from=datetime.date(2025, 1, 1), date_to=datetime.date(2025, 3, 30))
    assert hub_figures(early).totals.revenue == 0


def test_figures_alumni_report_counted_only_on_all_basis(staff, company, owner, make_company):
    from aihub.companies import services as company_services

    alumnus = make_company(owner=None)
    company_services.record_membership(
        company=alumnus,
        kind="membership",
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2023, 12, 31),
        actor=staff,
    )
    period = services.open_period(
        kind=PeriodKind.ANNUAL,
        year=2025,
        deadline=datetime.date(2026, 3, 31),
        include_alumni=True,
        actor=staff,
    )
    report = Report.objects.get(period=period, company=alumnus)
    assert report.during_membership is False
    services.record_accepted_report(report=report, figures=figures(), actor=staff)
    member_basis = hub_figures(RANGE_2025).totals.revenue
    all_basis = hub_figures(
        FigureRange(date_from=RANGE_2025.date_from, date_to=RANGE_2025.date_to, basis=Basis.ALL)
    ).totals.revenue
    assert (member_basis, all_basis) == (0, 1_200_000_000)


def test_figures_supported_by_kind_facility_domain(accepted, company, other_company):
    result = hub_figures(RANGE_2025)
    assert result.supported_in_range == 2
    assert [(g.key, g.companies) for g in result.by_kind] == [("resident", 2)]
    assert [g.companies for g in result.by_facility] == [2]
    assert sorted(g.companies for g in result.by_domain) == [2, 2]
    assert [(g.key, g.companies) for g in result.by_cohort] == [("2024", 2)]


def test_figures_query_count_constant(accepted, django_assert_num_queries):
    with django_assert_num_queries(7):
        hub_figures(RANGE_2025)


def test_publishable_fewer_than_five_companies_refused(accepted):
    with pytest.raises(TooFewCompanies) as caught:
        publishable(hub_figures(RANGE_2025))
    assert isinstance(caught.value, PermissionDenied)
    assert caught.value.status == 403


def test_merge_small_groups_hides_every_small_group():
    groups = [
        Group("a", "A", 20, 100),
        Group("b", "B", 9, 50),
        Group("c", "C", 2, 7),
        Group("d", "D", 1, 3),
    ]
    merged = _merge_small_groups(groups)
    assert [(g.key, g.companies, g.revenue) for g in merged] == [
        ("a", 20, 100),
        ("other", 12, 60),
    ]


def test_consenting_companies_only_with_active_consent(accepted, company, owner):
    assert consenting_companies(RANGE_2025) == []
    services.set_publication_consent(company=company, granted=True, actor=owner)
    assert [c.revenue for c in consenting_companies(RANGE_2025)] == [1_200_000_000]
    services.set_publication_consent(company=company, granted=False, actor=owner)
    assert consenting_companies(RANGE_2025) == []


def test_bar_chart_accessible_and_escaped():
    svg = bar_chart(
        title="<매출>", labels=["2024", "2025"], series=[Series("Revenue", [1, 3])], show=str
    )
    assert 'role="img"' in svg
    assert "&lt;매출&gt;" in svg
    assert "style=" not in svg
    assert svg.count("<rect") == 2


def _year(year: int, reporting: int, valued: int):
    totals = Totals(
        revenue=year, enterprise_value=valued * 1_000, valued_companies=valued,
        reporting_companies=reporting,
    )  # fmt: skip
    return YearRow(year=year, totals=totals, label=str(year))


def test_publishable_hides_year_value_of_fewer_than_five():
    years = [_year(2023, 6, 4), _year(2024, 6, 5), _year(2025, 7, 0)]
    result = publishable(
        HubFigures(
            range=RANGE_2025,
            totals=Totals(enterprise_value=3_000, valued_companies=5, reporting_companies=9),
            years=years,
            supported_in_range=9,
            supported_to_date=9,
            by_kind=[],
            by_facility=[],
            by_domain=[],
            by_cohort=[],
        )
    )
    shown = [(y.label, y.totals.enterprise_value, y.totals.valued_companies) for y in result.years]
    assert shown == [("2023", 0, 0), ("2024", 5_000, 5), ("2025", 0, 0)]
    assert (result.totals.enterprise_value, result.totals.revenue) == (3_000, 0)


def test_publishable_hides_value_of_joined_years_below_five():
    years = [_year(2024, 3, 3), _year(2025, 6, 4)]
    result = publishable(
        HubFigures(
            range=RANGE_2025,
            totals=Totals(enterprise_value=4_000, valued_companies=4, reporting_companies=6),
            years=years,
            supported_in_range=6,
            supported_to_date=6,
            by_kind=[],
            by_facility=[],
            by_domain=[],
            by_cohort=[],
        )
    )
    shown = [(y.label, y.totals.enterprise_value) for y in result.years]
    assert (shown, result.totals.enterprise_value) == ([("2024–2025", 0)], 0)
