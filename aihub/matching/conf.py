"""Settings of the matching app, each overridable in Django settings under the same name."""

from django.conf import settings

DEFAULT_CONSULTING_HOURS_PER_YEAR = 20


def consulting_hours_per_year() -> int:
    """Session hours a company may book per calendar year (``AIHUB_CONSULTING_HOURS_PER_YEAR``)."""
    return int(
        getattr(settings, "AIHUB_CONSULTING_HOURS_PER_YEAR", DEFAULT_CONSULTING_HOURS_PER_YEAR)
    )


SESSION_MIN_MINUTES = 30
SESSION_MAX_MINUTES = 60
PROPOSALS_PER_DEMAND = 10
ASSIGN_PER_DEMAND = 3
