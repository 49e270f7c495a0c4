"""The demo reports reproduce the figures the hub published, computed from the reports."""

import datetime

import pytest

from aihub.companies.models import Company
from aihub.core.models import AuditEntry
from aihub.demo.seed import seed_demo
from aihub.outcomes.demo import seed_outcomes
from aihub.outcomes.enums import ReportStatus
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

    assert seeded > 3000
    assert not Mail.objects.exists()


def _figures(start: datetime.date, end: datetime.date):
    return hub_figures(FigureRange(date_from=start, date_to=end))


def test_demo_2018_2019_matches_published_figures(seeded):
    figures = _figures(datetime.date(2018, 1, 1), datetime.date(2019, 12, 31))
    assert figures.totals.new_hires == 443
    assert krw_english(figures.totals.revenue) == "60.7 billion KRW"
    assert krw_english(figures.totals.investment) == "36.2 billion KRW"
    assert krw_korean(figures.totals.revenue) == "607억 원"


def test_demo_cumulative_to_2024_matches_published_figures(seeded):
    figures = _figures(datetime.date(2017, 1, 1), datetime.date(2024, 12, 31))
    assert krw_korean(figures.totals.revenue) == "3,659억 원"
    assert krw_english(figures.totals.revenue) == "365.9 billion KRW"
    assert krw_english(figures.totals.investment) == "369.4 billion KRW"
    assert krw_english(figures.totals.enterprise_value) == "1.5 trillion KRW"


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
