"""Audit action codes of the leasing app and how they read in both languages."""

from django.utils.translation import gettext_lazy as _

from aihub.core import audit
from aihub.leasing.enums import LeaseStatus, PaymentMethod, PriceBasis

audit.register(
    {
        "leasing.price.set": _("Price for {basis} set to {unit_price} KRW from {effective_from}"),
        "leasing.lease.created": _(
            "Lease {lease} drafted for {company} from {starts_on} to {ends_on}"
        ),
        "leasing.lease.activated": _("Lease {lease} activated"),
        "leasing.lease.cancelled": _("Lease {lease} cancelled"),
        "leasing.lease.terminated": _("Lease {lease} terminated early; it ends on {ends_on}"),
        "leasing.lease.renewed": _("Lease {lease} renewed as {renewal} until {ends_on}"),
        "leasing.lease.ended": _("Lease {lease} ended"),
        "leasing.lease.status_changed": _("Lease {lease} is now {lease_status}"),
        "leasing.invoice.issued": _("Invoice {invoice} issued for {month}: {total} KRW"),
        "leasing.invoice.cancelled": _("Invoice {invoice} cancelled: {reason}"),
        "leasing.invoice.paid": _("Invoice {invoice} paid in full"),
        "leasing.payment.recorded": _("Payment of {amount} KRW recorded for {invoice} ({method})"),
    }
)
audit.register_labels(
    {
        "basis": PriceBasis,
        "lease_status": LeaseStatus,
        "method": PaymentMethod,
    }
)
