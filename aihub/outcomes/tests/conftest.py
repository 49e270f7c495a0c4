"""Fixtures for the outcome tests: a period with reports, figures, and the browser."""

import datetime

import pytest

from aihub.outcomes import services
from aihub.outcomes.enums import PeriodKind
from aihub.outcomes.models import Report, ReportingPeriod


def figures(**changes: object) -> dict[str, object]:
    """A plausible set of report figures, with ``changes`` applied."""
    data: dict[str, object] = {
        "revenue": 1_200_000_000,
        "export_sales": 100_000_000,
        "headcount": 20,
        "new_hires": 4,
        "young_hires": 3,
        "ip_filed": 2,
        "ip_registered": 1,
        "products_launched": 1,
        "enterprise_value": 30_000_000_000,
        "note": "",
    }
    data.update(changes)
    return data


def a_round(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "closed_on": datetime.date(2025, 2, 10),
        "stage": "series_a",
        "investors": "양재벤처파트너스",
        "amount": 2_000_000_000,
    }
    data.update(changes)
    return data


@pytest.fixture
def period(staff, company, other_company) -> ReportingPeriod:
    """2025 Q1, open, due 2025-04-30; the two resident companies each have a report."""
    return services.open_period(
        kind=PeriodKind.QUARTERLY,
        year=2025,
        quarter=1,
        deadline=datetime.date(2025, 4, 30),
        actor=staff,
    )


@pytest.fixture
def report(period, company) -> Report:
    return Report.objects.get(period=period, company=company)


@pytest.fixture
def other_report(period, other_company) -> Report:
    return Report.objects.get(period=period, company=other_company)


@pytest.fixture
def submitted(report, owner) -> Report:
    services.save_draft(report=report, figures=figures(), rounds=[a_round()], actor=owner)
    services.submit_report(report=report, actor=owner)
    report.refresh_from_db()
    return report


@pytest.fixture
def accepted(submitted, staff) -> Report:
    services.accept_report(report=submitted, actor=staff)
    submitted.refresh_from_db()
    return submitted
