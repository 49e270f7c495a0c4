"""The demo reports reproduce the figures the hub published, computed from the reports."""

import datetime

import pytest

from aihub.companies.models import Company
from aihub.core.models import AuditEntry
from aihub.demo.seed import seed_demo
from aihub.outcomes.demo import period_plan, seed_outcomes
from aihub.outcomes.enums import PeriodKind, ReportStatus
from aihub.outcomes.figures import FigureRange, hub_figures
from aihub.outcomes.formatting import krw_english, krw_korean
from aihub.outcomes.models import (
    PeriodSummary,
    Report,
    ReportingPeriod,
    ReportVersion,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo companies and their outcome reports, seeded once for the module."""
    with django_db_blocker.unblock():
        seed_demo()
        written = seed_outcomes()
    yield written
    with django_db_blocker.unblock():
        PeriodSummary.objects.all().delete()
        ReportVersion.objects.all().delete()
        Report.objects.all().delete()
        ReportingPeriod.objects.all().delete()
        AuditEntry.objects.all().delete()
        Company.objects.all().delete()
        from aihub.demo.tests.test_seed import _clear_seeded_data

        _clear_seeded_data()


def test_demo_outcomes_mail_nobody(seeded):
    from aihub.outbox.models import Mail

    assert seeded > 1400
    assert not Mail.objects.exists()


def test_period_plan_default_annual_periods_and_current_quarter():
    periods = [(kind, year, quarter) for kind, year, quarter, _deadline in period_plan(full=False)]
    assert periods == [
        *((PeriodKind.ANNUAL, year, None) for year in range(2017, 2025)),
        (PeriodKind.QUARTERLY, 2026, 3),
    ]


def test_period_plan_full_every_quarter_since_2025():
    quarters = [(year, quarter) for kind, year, quarter, _d in period_plan(full=True) if quarter]
    assert quarters == [(2025, 1), (2025, 2), (2025, 3), (2025, 4), (2026, 1), (2026, 2), (2026, 3)]


def _figures(start: datetime.date, end: datetime.date):
    return hub_figures(FigureRange(date_from=start, date_to=end))


def _published_2018_2019() -> None:
    figures = _figures(datetime.date(2018, 1, 1), datetime.date(2019, 12, 31))
    assert figures.totals.new_hires == 443
    assert krw_english(figures.totals.revenue) == "60.7 billion KRW"
    assert krw_english(figures.totals.investment) == "36.2 billion KRW"
    assert krw_korean(figures.totals.revenue) == "607억 원"


def _published_to_2024() -> None:
    figures = _figures(datetime.date(2017, 1, 1), datetime.date(2024, 12, 31))
    assert krw_korean(figures.totals.revenue) == "3,659억 원"
    assert krw_english(figures.totals.revenue) == "365.9 billion KRW"
    assert krw_english(figures.totals.investment) == "369.4 billion KRW"
    assert krw_english(figures.totals.enterprise_value) == "1.5 trillion KRW"


def test_demo_2018_2019_matches_published_figures(seeded):
    _published_2018_2019()


def test_demo_cumulative_to_2024_matches_published_figures(seeded):
    _published_to_2024()


def test_demo_companies_supported_360_by_2024(seeded):
    figures = _figures(datetime.date(2017, 1, 1), datetime.date(2024, 12, 31))
    assert figures.supported_to_date == 360


def test_demo_current_quarter_has_every_status(seeded):
    statuses = set(
        Report.objects.filter(period__closed_at__isnull=True).values_list("status", flat=True)
    )
    assert statuses == set(ReportStatus.values)


def test_demo_second_run_writes_nothing(seeded):
    before = ReportVersion.objects.count()
    assert seed_outcomes() == 0
    assert ReportVersion.objects.count() == before


def test_demo_full_run_adds_the_quarters_and_keeps_the_figures(seeded):
    quarterly = ReportingPeriod.objects.filter(kind=PeriodKind.QUARTERLY)
    assert quarterly.count() == 1
    added = seed_outcomes(full=True)
    assert seeded + added > 3000
    assert quarterly.count() == 7
    _published_2018_2019()
    _published_to_2024()
    assert seed_outcomes(full=True) == 0
