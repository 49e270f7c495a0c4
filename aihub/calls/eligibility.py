"""Eligibility rules of a call, checked against the applicant company's record.

Rules (keys of ``Call.eligibility``): ``founded_within_years`` (int), ``ai_domain`` (the
company works in at least one AI domain), ``seoul_head_office`` (head office in Seoul or
moving there within 2 months, as the applicant declares), ``not_resident`` (no current
residency at the hub). Unknown keys are refused when the call is saved.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from aihub.calls.enums import HeadOffice
from aihub.companies.enums import MembershipKind
from aihub.core.errors import ValidationFailed

RULES = ("founded_within_years", "ai_domain", "seoul_head_office", "not_resident")


@dataclass(frozen=True)
class RuleResult:
    code: str
    label: str
    passed: bool
    detail: str


def check_rules(rules: Any) -> dict[str, Any]:
    """The rules cleaned; ``ValidationFailed`` on ``eligibility`` for unknown or bad ones."""
    if not isinstance(rules, dict):
        raise ValidationFailed(_("Eligibility rules are a mapping."), field="eligibility")
    unknown = sorted(set(rules) - set(RULES))
    if unknown:
        raise ValidationFailed(
            _("Unknown eligibility rules: %(rules)s") % {"rules": ", ".join(unknown)},
            field="eligibility",
        )
    cleaned: dict[str, Any] = {}
    years = rules.get("founded_within_years")
    if years not in (None, "", 0):
        if not isinstance(years, int) or isinstance(years, bool) or not 1 <= years <= 50:
            raise ValidationFailed(
                _("Founded within: a whole number of years from 1 to 50."), field="eligibility"
            )
        cleaned["founded_within_years"] = years
    for flag in ("ai_domain", "seoul_head_office", "not_resident"):
        if rules.get(flag):
            cleaned[flag] = True
    return cleaned


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def evaluate(
    rules: dict[str, Any],
    *,
    company: Any,
    head_office: str,
    today: datetime.date | None = None,
) -> list[RuleResult]:
    """Each rule of the call with whether the company passes it, in the active language.

    Reads the company's AI domains and membership periods (prefetched when available).
    """
    today = today or timezone.localdate()
    results = []
    years = rules.get("founded_within_years")
    if years:
        earliest = _years_before(today, years)
        results.append(
            RuleResult(
                "founded_within_years",
                _("Founded within %(years)d years (on or after %(date)s)")
                % {"years": years, "date": earliest.isoformat()},
                company.founded_on >= earliest,
                _("Founded on %(date)s") % {"date": company.founded_on.isoformat()},
            )
        )
    if rules.get("ai_domain"):
        domains = [d.name for d in company.ai_domains.all()]
        results.append(
            RuleResult(
                "ai_domain",
                _("Works in an AI domain"),
                bool(domains),
                ", ".join(domains) if domains else _("No AI domain on the company's record"),
            )
        )
    if rules.get("seoul_head_office"):
        passed = head_office in (HeadOffice.SEOUL, HeadOffice.MOVING)
        results.append(
            RuleResult(
                "seoul_head_office",
                _("Head office in Seoul, or moving there within 2 months"),
                passed,
                str(HeadOffice(head_office).label) if head_office else _("Not declared yet"),
            )
        )
    if rules.get("not_resident"):
        resident = any(
            p.kind == MembershipKind.RESIDENT and p.is_current(today)
            for p in company.membership_periods.all()
        )
        results.append(
            RuleResult(
                "not_resident",
                _("Not a resident company of the hub today"),
                not resident,
                _("Currently resident") if resident else _("Not resident"),
            )
        )
    return results


def describe(rules: dict[str, Any]) -> list[str]:
    """The rules as sentences for the public call page."""
    lines = []
    if rules.get("founded_within_years"):
        lines.append(
            _("Founded within the last %(years)d years") % {"years": rules["founded_within_years"]}
        )
    if rules.get("ai_domain"):
        lines.append(_("Works in an AI domain"))
    if rules.get("seoul_head_office"):
        lines.append(_("Head office in Seoul, or moving there within 2 months"))
    if rules.get("not_resident"):
        lines.append(_("Not a resident company of the hub today"))
    return lines
