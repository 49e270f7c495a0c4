"""Helpers shared by the outcome tests."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from aihub.outcomes import services
from aihub.outcomes.enums import PeriodKind
from aihub.outcomes.models import ReportingPeriod


def queries_for(client, url: str) -> int:
    """How many queries one GET of ``url`` runs; the answer must be 200."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def open_quarter(staff, quarter: int, year: int = 2025) -> ReportingPeriod:
    return services.open_period(
        kind=PeriodKind.QUARTERLY,
        year=year,
        quarter=quarter,
        deadline=datetime.date(year + (quarter == 4), 3 * quarter % 12 + 1, 28),
        actor=staff,
    )
