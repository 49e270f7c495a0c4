"""Checks on what a company enters in a report; ``ValidationFailed`` names each bad field."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from aihub.core.errors import ValidationFailed
from aihub.outcomes.enums import RoundStage
from aihub.outcomes.models import FIGURE_FIELDS, ReportingPeriod

COUNT_FIELDS = (
    "headcount",
    "new_hires",
    "young_hires",
    "ip_filed",
    "ip_registered",
    "products_launched",
)
AMOUNT_FIELDS = ("revenue", "export_sales")
MAX_AMOUNT = 10**16
"""Ten quadrillion KRW: anything larger is a typing error."""


def _whole_number(value: Any, *, maximum: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= maximum


def clean_figures(figures: dict[str, Any]) -> dict[str, Any]:
    """The figures with defaults filled in; ``ValidationFailed`` names each bad field."""
    unknown = set(figures) - set(FIGURE_FIELDS)
    if unknown:
        raise ValidationFailed(
            _("These fields cannot be set: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    data = {name: figures.get(name, 0) for name in FIGURE_FIELDS}
    data["note"] = str(figures.get("note") or "").strip()
    data["enterprise_value"] = figures.get("enterprise_value")
    errors: dict[str, list[str]] = {}
    for name in AMOUNT_FIELDS:
        if not _whole_number(data[name], maximum=MAX_AMOUNT):
            errors[name] = [_("Enter an amount in KRW: a whole number of 0 or more.")]
    value = data["enterprise_value"]
    if value is not None and not _whole_number(value, maximum=MAX_AMOUNT):
        errors["enterprise_value"] = [
            _("Enter an amount in KRW: a whole number of 0 or more, or leave it empty.")
        ]
    for name in COUNT_FIELDS:
        if not _whole_number(data[name], maximum=10_000_000):
            errors[name] = [_("Enter a whole number of 0 or more.")]
    if (
        "new_hires" not in errors
        and "young_hires" not in errors
        and data["young_hires"] > data["new_hires"]
    ):
        errors["young_hires"] = [_("Hires aged 15–34 cannot outnumber all new hires.")]
    if len(data["note"]) > 5000:
        errors["note"] = [_("Keep the note under 5,000 characters.")]
    if errors:
        raise ValidationFailed(errors=errors)
    return data


def clean_rounds(rounds: Sequence[dict[str, Any]], *, period: ReportingPeriod) -> list[dict]:
    """Investment rounds closed within the period, each with stage, investors and amount."""
    errors: dict[str, list[str]] = {}
    cleaned = []
    for index, given in enumerate(rounds):
        closed_on = given.get("closed_on")
        stage = given.get("stage")
        investors = str(given.get("investors") or "").strip()
        amount = given.get("amount")
        key = f"rounds.{index}"
        if not isinstance(closed_on, datetime.date):
            errors[f"{key}.closed_on"] = [_("Enter the date the round closed.")]
        elif not period.starts_on <= closed_on <= period.ends_on:
            errors[f"{key}.closed_on"] = [
                _("The round must have closed within the period, %(start)s to %(end)s.")
                % {"start": period.starts_on.isoformat(), "end": period.ends_on.isoformat()}
            ]
        if stage not in RoundStage.values:
            errors[f"{key}.stage"] = [_("Choose a stage from the list.")]
        if not investors or len(investors) > 300:
            errors[f"{key}.investors"] = [_("Name the investors (up to 300 characters).")]
        if not _whole_number(amount, maximum=MAX_AMOUNT) or amount == 0:
            errors[f"{key}.amount"] = [_("Enter the amount in KRW: a whole number above 0.")]
        cleaned.append(
            {"closed_on": closed_on, "stage": stage, "investors": investors, "amount": amount}
        )
    if errors:
        raise ValidationFailed(errors=errors)
    return cleaned
