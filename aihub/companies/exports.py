"""The company list as rows for a spreadsheet."""

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from aihub.companies.enums import CompanyStatus, Stage


def export_headers() -> list[str]:
    return [
        _("Name (Korean)"),
        _("Name (English)"),
        _("Business registration number"),
        _("Founded on"),
        _("Representative"),
        _("Status"),
        _("Stage"),
        _("Headcount"),
        _("AI domains"),
        _("Homepage"),
    ]


def export_rows(companies: QuerySet) -> Iterator[list[Any]]:
    for company in companies.iterator(chunk_size=500):
        yield [
            company.name_ko,
            company.name_en,
            company.registration_number_display,
            company.founded_on,
            company.representative,
            str(CompanyStatus(company.status).label),
            str(Stage(company.stage).label),
            company.headcount,
            ", ".join(d.name for d in company.ai_domains.all()),
            company.homepage,
        ]
