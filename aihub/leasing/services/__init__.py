"""Writes of the leasing app: keyword-only, typed, one transaction each, audited."""

from aihub.leasing.services.invoices import (
    cancel_invoice,
    change_invoice,
    issue_invoices,
    record_payment,
    reissue_invoice,
    set_invoice_status,
)
from aihub.leasing.services.leases import (
    activate_lease,
    cancel_lease,
    create_lease,
    renew_lease,
    set_lease_status,
    sync_lease_statuses,
    terminate_lease,
)
from aihub.leasing.services.prices import set_price
from aihub.leasing.services.reminders import send_lease_ending_reminders, send_overdue_reminders
from aihub.leasing.services.totals import recount_totals

__all__ = [
    "activate_lease",
    "cancel_invoice",
    "cancel_lease",
    "change_invoice",
    "create_lease",
    "issue_invoices",
    "record_payment",
    "recount_totals",
    "reissue_invoice",
    "renew_lease",
    "send_lease_ending_reminders",
    "send_overdue_reminders",
    "set_invoice_status",
    "set_lease_status",
    "set_price",
    "sync_lease_statuses",
    "terminate_lease",
]
