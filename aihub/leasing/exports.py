"""Invoices as accounting rows for XLSX and CSV exports."""

from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext as _

from aihub.leasing.enums import InvoiceStatus
from aihub.leasing.models import Invoice


def invoice_headers() -> list[str]:
    return [
        _("Invoice number"),
        _("Billed month"),
        _("Company"),
        _("Business registration number"),
        _("Issued on"),
        _("Due on"),
        _("Subtotal (KRW)"),
        _("VAT (KRW)"),
        _("Total (KRW)"),
        _("Paid (KRW)"),
        _("Still owed (KRW)"),
        _("Status"),
    ]


def invoice_rows(invoices: Iterable[Invoice]) -> Iterator[list[Any]]:
    """One row per invoice; needs ``paid`` and ``balance`` from ``queries.with_balance``."""
    labels = dict(InvoiceStatus.choices)
    for invoice in invoices:
        yield [
            invoice.display_number,
            invoice.month.strftime("%Y-%m"),
            invoice.company.name,
            invoice.company.registration_number_display,
            invoice.issued_on,
            invoice.due_on,
            invoice.subtotal,
            invoice.vat,
            invoice.total,
            invoice.paid,
            invoice.balance,
            str(labels[invoice.status]),
        ]
