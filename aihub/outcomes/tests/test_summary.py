"""The summary tables give exactly the figures computed from the reports themselves."""

import datetime
import io
import random
from dataclasses import asdict

import pytest
from django.core.management import call_command

from aihub.companies import services as company_services
from aihub.companies.enums import MembershipKind
from aihub.companies.models import AIDomain, MembershipPeriod
from aihub.outcomes import services, summary
from aihub.outcomes.enums import Basis, PeriodKind
from aihub.outcomes.figures import FigureRange, hub_figures
from aihub.outcomes.models import (
    CompanyFigureInput,
    GroupMoney,
    MembershipSpan,
    PeriodSummary,
    Report,
    ReportRun,
)
from aihub.outcomes.tests import reference
from aihub.outcomes.tests.conftest import a_round, figures
from aihub.spaces import services as space_services

pytestmark = pytest.mark.django_db

DATES = [
    datetime.date(2017, 1, 1),
    datetime.date(2018, 2, 14),
    datetime.date(2018, 12, 31),
    datetime.date(2019, 4, 1),
    datetime.date(2019, 9, 30),
    datetime.date(2020, 1, 1),
    datetime.date(2020, 6, 30),
    datetime.date(2020, 11, 15),
    datetime.date(2021, 3, 31),
    datetime.date(2021, 7, 1),
    datetime.date(2022, 12, 31),
]


def _ranges() -> list[FigureRange]:
    return [
        FigureRange(date_from=start, date_to=end, basis=basis)
        for start in DATES
        for end in DATES
        if start <= end
        for basis in (Basis.MEMBER, Basis.ALL)
    ]


def _same(figure_range: FigureRange) -> tuple[dict, dict]:
    new = asdict(hub_figures(figure_range))
    old = asdict(reference.hub_figures(figure_range))
    return new, old


def _tables() -> dict[str, list]:
    return {
        "periods": sorted(
            PeriodSummary.objects.values_list(
                "period_ends_on", "during_membership", "reports", "revenue", "investment",
                "new_hires", "young_hires", "export_sales", "ip_filed", "ip_registered",
                "products_launched", "enterprise_value", "valued",
            )
        ),
        "spans": sorted(
            MembershipSpan.objects.values_list(
                "family", "key", "starts_on", "ends_on", "previous_ends_on", "companies"
            )
        ),
        "money": sorted(
            GroupMoney.objects.values_list(
                "period_ends_on", "family", "key", "last_in_group", "next_in_group", "reports",
                "member_revenue", "member_investment", "all_revenue", "all_investment",
            )
        ),
        "runs": sorted(
            ReportRun.objects.values_list(
                "basis", "period_ends_on", "previous_ends_on", "companies"
            )
        ),
        "inputs": sorted(CompanyFigureInput.objects.values_list("company_id", "data")),
    }  # fmt: skip


@pytest.fixture
def history(staff, make_company, ai_domains):
    """Eight companies over 2018-2021 with every kind of report history.

    Residents in two facilities, members, companies that left (alumni reporting on some
    periods), one that came back after a gap, one that changed facility, AI domains changed
    after the fact; accepted, returned, draft, corrected and recorded reports, some
    without an enterprise value; annual periods 2018-2019, quarterly 2020-2021.
    """
    rng = random.Random(6)
    first = space_services.create_facility(
        slug="first",
        name_ko="제1센터",
        name_en="First centre",
        address_ko="서울",
        address_en="Seoul",
        area_m2=500,
        opened_on=datetime.date(2017, 1, 1),
        lowest_level=1,
        highest_level=3,
        actor=staff,
    )
    second = space_services.create_facility(
        slug="second",
        name_ko="제2센터",
        name_en="Second centre",
        address_ko="서울",
        address_en="Seoul",
        area_m2=500,
        opened_on=datetime.date(2017, 1, 1),
        lowest_level=1,
        highest_level=3,
        actor=staff,
    )
    gap = ("membership", None, (2018, 6, 1), (2020, 2, 10))
    moved = ("resident", first, (2018, 1, 1), (2020, 5, 31))
    plans = [
        [("resident", first, (2018, 1, 1), None)],
        [("resident", second, (2018, 3, 5), (2019, 8, 20))],
        [gap, ("resident", first, (2021, 2, 1), None)],
        [("membership", None, (2019, 5, 1), None)],
        [moved, ("resident", second, (2020, 6, 1), None)],
        [("membership", None, (2020, 4, 1), (2021, 5, 15))],
        [("resident", second, (2017, 5, 1), (2018, 10, 31))],
        [("membership", None, (2021, 8, 1), None)],
    ]  # fmt: skip
    companies = []
    for plan in plans:
        company = make_company(owner=None)
        for kind, facility, start, end in plan:
            company_services.record_membership(
                company=company,
                kind=kind,
                facility=facility,
                starts_on=datetime.date(*start),
                ends_on=datetime.date(*end) if end else None,
                actor=staff,
            )
        companies.append(company)
    company_services.update_company(company=companies[3], ai_domains=[ai_domains[0]], actor=staff)
    periods = [
        services.open_period(
            kind=PeriodKind.ANNUAL,
            year=year,
            deadline=datetime.date(year + 1, 3, 31),
            include_alumni=True,
            actor=staff,
        )
        for year in (2018, 2019)
    ]
    for year in (2020, 2021):
        for quarter in (1, 2, 3, 4):
            periods.append(
                services.open_period(
                    kind=PeriodKind.QUARTERLY,
                    year=year,
                    quarter=quarter,
                    deadline=datetime.date(year + (quarter == 4), 3 * quarter % 12 + 1, 28),
                    include_alumni=quarter % 2 == 0,
                    actor=staff,
                )
            )
    for report in Report.objects.select_related("period").order_by("period__starts_on", "pk"):
        roll = rng.random()
        values = figures(
            revenue=rng.randint(1, 90) * 10_000_000,
            new_hires=rng.randint(0, 5),
            young_hires=0,
            enterprise_value=rng.choice((None, rng.randint(1, 50) * 1_000_000_000)),
        )
        start = report.period.starts_on
        rounds = [a_round(closed_on=start, amount=rng.randint(1, 9) * 100_000_000)]
        if roll < 0.15:
            continue
        if roll < 0.5:
            services.record_accepted_report(report=report, figures=values, actor=staff)
            continue
        services.save_draft(report=report, figures=values, rounds=rounds, actor=staff)
        if roll < 0.6:
            continue
        services.submit_report(report=report, confirm_warnings=True, actor=staff)
        if roll < 0.7:
            services.return_report(report=report, comment="확인해 주세요.", actor=staff)
            continue
        services.accept_report(report=report, actor=staff, notify=False)
        if roll < 0.85:
            services.start_correction(report=report, actor=staff)
            changed = figures(revenue=values["revenue"] * 2, enterprise_value=None)
            services.save_draft(report=report, figures=changed, rounds=[], actor=staff)
            services.submit_report(report=report, confirm_warnings=True, actor=staff)
            services.accept_report(report=report, actor=staff, notify=False)
    company_services.update_company(
        company=companies[0], ai_domains=[ai_domains[1], ai_domains[0]], actor=staff
    )
    open_one = MembershipPeriod.objects.get(company=companies[7])
    company_services.end_membership(
        period=open_one, ends_on=datetime.date(2021, 12, 31), actor=staff
    )
    return companies


def test_summary_figures_equal_reports_for_every_range(history):
    mismatches = []
    for figure_range in _ranges():
        new, old = _same(figure_range)
        if new != old:
            mismatches.append((figure_range, new, old))
    assert mismatches == []


def test_summary_figures_cover_corrections_alumni_and_cut_years(history):
    figure_range = FigureRange(
        date_from=datetime.date(2019, 4, 1), date_to=datetime.date(2021, 3, 31), basis=Basis.ALL
    )
    new, old = _same(figure_range)
    member = hub_figures(
        FigureRange(date_from=figure_range.date_from, date_to=figure_range.date_to)
    )
    assert new == old
    assert new["totals"]["revenue"] > member.totals.revenue
    assert [row["totals"]["reporting_companies"] > 0 for row in new["years"]] == [True] * 3


def test_summary_incremental_equals_rebuild(history):
    incremental = _tables()
    call_command("rebuild_outcome_summaries", stdout=io.StringIO())
    assert _tables() == incremental


def test_summary_rebuild_heals_stale_tables(history):
    expected = _same(FigureRange(date_from=datetime.date(2018, 1, 1)))[1]
    PeriodSummary.objects.all().delete()
    GroupMoney.objects.filter(family="domain").delete()
    MembershipSpan.objects.filter(family="cohort").update(companies=7)
    ReportRun.objects.filter(basis="all").delete()
    CompanyFigureInput.objects.filter(company=history[2]).delete()
    summary.rebuild()
    assert asdict(hub_figures(FigureRange(date_from=datetime.date(2018, 1, 1)))) == expected


def test_summary_membership_change_updates_figures(history, staff):
    figure_range = FigureRange(
        date_from=datetime.date(2022, 1, 1), date_to=datetime.date(2022, 12, 31)
    )
    before = hub_figures(figure_range).supported_in_range
    company_services.record_membership(
        company=history[1],
        kind=MembershipKind.MEMBERSHIP,
        starts_on=datetime.date(2022, 3, 1),
        actor=staff,
    )
    new, old = _same(figure_range)
    assert (new == old, new["supported_in_range"]) == (True, before + 1)


def test_summary_domain_change_updates_figures(history, staff):
    domain = AIDomain.objects.create(code="robotics-x", name_ko="로봇", name_en="Robotics")
    company_services.update_company(company=history[0], ai_domains=[domain], actor=staff)
    new, old = _same(FigureRange(date_from=datetime.date(2018, 1, 1)))
    assert new == old
    assert str(domain.pk) in [group["key"] for group in new["by_domain"]]


def test_summary_query_count_same_for_any_range(history, django_assert_num_queries):
    for figure_range in (
        FigureRange(),
        FigureRange(date_from=datetime.date(2019, 4, 1), date_to=datetime.date(2020, 9, 30)),
    ):
        with django_assert_num_queries(7):
            hub_figures(figure_range)


def test_summary_company_deletion_updates_figures(history):
    history[4].delete()
    history[2].delete()
    for figure_range in _ranges()[::7]:
        new, old = _same(figure_range)
        assert new == old
    incremental = _tables()
    summary.rebuild()
    assert _tables() == incremental


def test_summary_figures_equal_reports_for_ranges_inside_quarters(history):
    dates = [datetime.date(2017, 1, 1) + datetime.timedelta(days=n) for n in range(0, 2000, 97)]
    mismatches = []
    for start in dates:
        for end in dates[::3]:
            if start <= end:
                for basis in (Basis.MEMBER, Basis.ALL):
                    figure_range = FigureRange(date_from=start, date_to=end, basis=basis)
                    new, old = _same(figure_range)
                    if new != old:
                        mismatches.append(figure_range)
    assert mismatches == []
