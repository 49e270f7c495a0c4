"""Choices of the leasing app; labels are translated with a context."""

from django.db import models
from django.utils.translation import pgettext_lazy

from aihub.core.lifecycle import Lifecycle


class PriceBasis(models.TextChoices):
    """What a lease is priced by; one price rule per basis and effective date."""

    PER_M2 = "per_m2", pgettext_lazy("price basis", "Private office, per m² per month")
    PER_SEAT = "per_seat", pgettext_lazy("price basis", "Open-office seat, per seat per month")
    MEMBERSHIP = "membership", pgettext_lazy("price basis", "Membership fee, per month")


class LeaseStatus(models.TextChoices):
    """draft → active → ending → ended; a draft may be cancelled instead."""

    DRAFT = "draft", pgettext_lazy("lease status", "Draft")
    ACTIVE = "active", pgettext_lazy("lease status", "Active")
    ENDING = "ending", pgettext_lazy("lease status", "Ending")
    ENDED = "ended", pgettext_lazy("lease status", "Ended")
    CANCELLED = "cancelled", pgettext_lazy("lease status", "Cancelled")


LEASE_LIFECYCLE = Lifecycle(
    thing=pgettext_lazy("lifecycle", "lease"),
    states=LeaseStatus,
    moves={
        LeaseStatus.DRAFT: {LeaseStatus.ACTIVE, LeaseStatus.CANCELLED},
        LeaseStatus.ACTIVE: {LeaseStatus.ENDING, LeaseStatus.ENDED},
        LeaseStatus.ENDING: {LeaseStatus.ACTIVE, LeaseStatus.ENDING, LeaseStatus.ENDED},
    },
)
"""A draft is signed (active) or withdrawn; a signed lease nears its end (ending), may be
renewed (active again) or ended early (ending, again), and ends."""

OCCUPYING_STATUSES = (LeaseStatus.DRAFT, LeaseStatus.ACTIVE, LeaseStatus.ENDING, LeaseStatus.ENDED)
"""Leases that hold their space for their dates: every one except a cancelled draft."""

BILLABLE_STATUSES = (LeaseStatus.ACTIVE, LeaseStatus.ENDING, LeaseStatus.ENDED)


class InvoiceStatus(models.TextChoices):
    ISSUED = "issued", pgettext_lazy("invoice status", "Issued")
    PAID = "paid", pgettext_lazy("invoice status", "Paid")
    CANCELLED = "cancelled", pgettext_lazy("invoice status", "Cancelled")


INVOICE_LIFECYCLE = Lifecycle(
    thing=pgettext_lazy("lifecycle", "invoice"),
    states=InvoiceStatus,
    moves={InvoiceStatus.ISSUED: {InvoiceStatus.PAID, InvoiceStatus.CANCELLED}},
)
"""An issued invoice is paid in full or cancelled (and reissued); nothing comes after."""


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", pgettext_lazy("payment method", "Bank transfer")
    VIRTUAL_ACCOUNT = "virtual_account", pgettext_lazy("payment method", "Virtual account")
    CARD = "card", pgettext_lazy("payment method", "Card")
    OTHER = "other", pgettext_lazy("payment method", "Other")
