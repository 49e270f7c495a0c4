"""Companies as lists show them: every label resolved once, in the active language."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from aihub.companies.enums import CompanyStatus, Stage
from aihub.companies.models import Company, company_url
from aihub.companies.queries import list_details
from aihub.core.models import is_english, pick


@dataclass(frozen=True)
class CompanyRow:
    """One line of the company list, with every label already in the active language."""

    url: str
    name: str
    registration_number: str
    status: str
    status_label: str
    stage_label: str
    domains: str
    headcount: int
    founded_on: str
    registered_on: str


def company_rows(companies: Iterable[Company]) -> list[CompanyRow]:
    """Rows for a page of companies, reading their status and domains in two queries."""
    companies = list(companies)
    details = list_details(companies)
    english = is_english()
    stages = {value: str(label) for value, label in Stage.choices}
    statuses = {value: str(label) for value, label in CompanyStatus.choices}
    rows = []
    for company in companies:
        status = details[company.pk].status
        rows.append(
            CompanyRow(
                url=company_url(company.pk),
                name=pick(company.name_ko, company.name_en, english=english),
                registration_number=company.registration_number_display,
                status=status,
                status_label=statuses[status],
                stage_label=stages.get(company.stage, company.stage),
                domains=", ".join(
                    pick(ko, en, english=english) for ko, en in details[company.pk].domains
                ),
                headcount=company.headcount,
                founded_on=company.founded_on.isoformat(),
                registered_on=timezone.localdate(company.created_at).isoformat(),
            )
        )
    return rows
