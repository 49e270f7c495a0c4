"""The personal-data consent an applicant gives (개인정보 수집·이용 동의).

The four parts the Personal Information Protection Act asks for: purpose, items collected,
retention period and the right to refuse with its consequence. The text shown is stored with
the application, in the language it was shown in, with the time of consent.
"""

import datetime

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

VERSION = "2026-01"
RETENTION_YEARS = 3

PURPOSE = gettext_lazy("To review your application, contact you about it and announce the result.")
ITEMS = gettext_lazy(
    "Name, email address, company details from the company record, the answers and documents "
    "you submit."
)
RETENTION = gettext_lazy("Three years after the call closes; the application is then deleted.")
REFUSAL = gettext_lazy("You may refuse to consent. Without consent the application cannot be made.")


def parts() -> list[tuple[str, str]]:
    """(heading, text) of each part, in the active language."""
    return [
        (_("Purpose"), str(PURPOSE)),
        (_("Items collected"), str(ITEMS)),
        (_("Retention period"), str(RETENTION)),
        (_("Right to refuse"), str(REFUSAL)),
    ]


def record() -> dict[str, str]:
    """What the applicant agreed to, as stored on the application."""
    return {
        "version": VERSION,
        "language": (get_language() or "ko")[:2],
        "purpose": str(PURPOSE),
        "items": str(ITEMS),
        "retention": str(RETENTION),
        "refusal": str(REFUSAL),
    }


def retain_until(closes_at: datetime.datetime) -> datetime.date:
    day = closes_at.date()
    try:
        return day.replace(year=day.year + RETENTION_YEARS)
    except ValueError:
        return day.replace(year=day.year + RETENTION_YEARS, day=28)
