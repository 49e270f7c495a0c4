"""Spaces, price rules, leases, invoices and payments.

Invariants the database holds: positive areas, no negative seats, desks or amounts, leases
that end after they start, one invoice number per year, one non-cancelled invoice per company
per month and, on PostgreSQL, no two overlapping leases of one private office (an exclusion
constraint added by migration 0002). Issued invoices and their lines refuse to be changed or
deleted through the ORM: a correction is a cancellation plus a new invoice.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from aihub.companies.models import Company
from aihub.core.errors import Conflict
from aihub.core.models import LoggedModel, TimeStampedModel, bilingual
from aihub.leasing.enums import InvoiceStatus, LeaseStatus, PaymentMethod, PriceBasis
from aihub.spaces.models import Space


class PriceRule(LoggedModel, TimeStampedModel):
    """A monthly unit price for one basis, in force from a day until the next rule."""

    basis = models.CharField(_("basis"), max_length=12, choices=PriceBasis.choices)
    unit_price = models.PositiveIntegerField(_("unit price (KRW)"))
    effective_from = models.DateField(_("effective from"))

    class Meta:
        verbose_name = _("price rule")
        verbose_name_plural = _("price rules")
        ordering = ["basis", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["basis", "effective_from"], name="leasing_price_rule_once_per_day"
            ),
            models.CheckConstraint(
                condition=Q(unit_price__gte=0), name="leasing_price_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_basis_display()} {self.unit_price} ({self.effective_from})"


class Lease(LoggedModel, TimeStampedModel):
    """A company's right to a private office, some open seats, or a membership, for dates.

    ``ends_on`` is the last day of the lease, inclusive.
    """

    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.PROTECT, related_name="leases"
    )
    basis = models.CharField(_("basis"), max_length=12, choices=PriceBasis.choices)
    space = models.ForeignKey(
        Space,
        verbose_name=_("space"),
        on_delete=models.PROTECT,
        related_name="leases",
        null=True,
        blank=True,
    )
    seats = models.PositiveIntegerField(_("seats"), default=0)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    deposit = models.PositiveBigIntegerField(_("deposit (KRW)"), default=0)
    discount_percent = models.PositiveSmallIntegerField(_("discount (%)"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=LeaseStatus.choices, default=LeaseStatus.DRAFT
    )
    renewed_from = models.OneToOneField(
        "self",
        verbose_name=_("renewal of"),
        on_delete=models.PROTECT,
        related_name="renewal",
        null=True,
        blank=True,
    )
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)

    class Meta:
        verbose_name = _("lease")
        verbose_name_plural = _("leases")
        ordering = ["-starts_on", "-id"]
        indexes = [
            models.Index(
                fields=["space", "starts_on", "ends_on", "status"], name="leasing_lease_on_space"
            ),
            models.Index(
                fields=["status", "ends_on", "starts_on", "space", "seats"],
                name="leasing_lease_current",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="leasing_lease_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(discount_percent__lte=100), name="leasing_lease_discount_at_most_100"
            ),
            models.CheckConstraint(
                condition=Q(basis=PriceBasis.MEMBERSHIP, space__isnull=True)
                | Q(basis=PriceBasis.PER_M2, space__isnull=False, seats=0)
                | Q(basis=PriceBasis.PER_SEAT, space__isnull=False, seats__gt=0),
                name="leasing_lease_basis_matches_space",
            ),
        ]

    def __str__(self) -> str:
        return f"L-{self.pk or 0:06d}"

    @property
    def number(self) -> str:
        return str(self)

    def covers(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on


class InvoiceSequence(models.Model):
    """The last invoice number given in a year; locked while a number is taken."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("invoice number sequence")
        verbose_name_plural = _("invoice number sequences")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class IssuedDocumentError(Conflict):
    """An issued money document was about to be changed or deleted."""

    code = "invoice_issued"


FROZEN_INVOICE_FIELDS = (
    "company_id",
    "month",
    "year",
    "number",
    "issued_on",
    "due_on",
    "subtotal",
    "vat",
    "total",
)


def _refuse_change() -> IssuedDocumentError:
    return IssuedDocumentError(
        _("An issued invoice cannot be changed. Cancel it and issue a new invoice instead.")
    )


class Invoice(LoggedModel, TimeStampedModel):
    """A company's bill for one month; immutable once issued except for its status."""

    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.PROTECT, related_name="invoices"
    )
    month = models.DateField(_("month"), help_text=_("The first day of the billed month."))
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    issued_on = models.DateField(_("issued on"))
    due_on = models.DateField(_("due on"))
    subtotal = models.BigIntegerField(_("subtotal (KRW)"))
    vat = models.BigIntegerField(_("VAT (KRW)"))
    total = models.BigIntegerField(_("total (KRW)"))
    status = models.CharField(
        _("status"), max_length=10, choices=InvoiceStatus.choices, default=InvoiceStatus.ISSUED
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancellation"), max_length=200, blank=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.PROTECT,
        related_name="replaced_by",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-month", "-year", "-number"]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["month", "status", "total"], name="leasing_invoice_month_total"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="leasing_invoice_number_once"),
            models.UniqueConstraint(
                fields=["company", "month"],
                condition=~Q(status=InvoiceStatus.CANCELLED),
                name="leasing_one_invoice_per_company_month",
            ),
            models.CheckConstraint(
                condition=Q(subtotal__gte=0) & Q(vat__gte=0) & Q(total__gte=0),
                name="leasing_invoice_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(total=F("subtotal") + F("vat")), name="leasing_invoice_total_adds_up"
            ),
            models.CheckConstraint(
                condition=Q(number__gt=0), name="leasing_invoice_number_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.number:06d}"

    def save(self, *args, **kwargs) -> None:
        """Refuse a change to an issued invoice's content; its status may still move."""
        if self.pk is not None and not self._state.adding:
            stored = Invoice.objects.filter(pk=self.pk).values(*FROZEN_INVOICE_FIELDS).first() or {}
            if any(stored.get(field) != getattr(self, field) for field in stored):
                raise _refuse_change()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise _refuse_change()

    @property
    def display_number(self) -> str:
        return str(self)


class InvoiceLine(models.Model):
    """One lease's charge on an invoice, prorated by day, or a line from another app's
    source (``aihub.leasing.lines``): no lease, no basis, 0 days, and ``source_ref`` naming
    the charge it bills."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="lines")
    lease = models.ForeignKey(
        Lease, on_delete=models.PROTECT, related_name="invoice_lines", null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(default=1)
    description_ko = models.CharField(max_length=200)
    description_en = models.CharField(max_length=200)
    basis = models.CharField(max_length=12, choices=PriceBasis.choices, blank=True)
    quantity = models.DecimalField(max_digits=10, decimal_places=2)
    unit_price = models.PositiveIntegerField()
    days = models.PositiveSmallIntegerField()
    days_in_month = models.PositiveSmallIntegerField()
    gross = models.BigIntegerField()
    discount = models.BigIntegerField(default=0)
    amount = models.BigIntegerField()
    source_ref = models.CharField(max_length=100, blank=True, default="")

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["invoice", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(gross__gte=0) & Q(discount__gte=0) & Q(amount__gte=0),
                name="leasing_line_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(amount=F("gross") - F("discount")), name="leasing_line_adds_up"
            ),
            models.CheckConstraint(
                condition=Q(days__lte=F("days_in_month")), name="leasing_line_days_in_month"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invoice} #{self.position}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not self._state.adding:
            raise _refuse_change()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise _refuse_change()

    @property
    def description(self) -> str:
        return bilingual(self, "description")

    @property
    def is_prorated(self) -> bool:
        """Whether the line is a lease's charge prorated by day (not another app's line)."""
        return self.days_in_month > 0


class Payment(LoggedModel, TimeStampedModel):
    """Money received against an invoice; several partial payments may settle one."""

    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="payments"
    )
    paid_on = models.DateField(_("paid on"))
    amount = models.BigIntegerField(_("amount (KRW)"))
    method = models.CharField(
        _("method"),
        max_length=16,
        choices=PaymentMethod.choices,
        default=PaymentMethod.BANK_TRANSFER,
    )
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-paid_on", "-id"]
        indexes = [models.Index(fields=["paid_on", "amount"], name="leasing_payment_paid_on")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="leasing_payment_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.invoice} {self.amount}"


class MonthTotal(models.Model):
    """Money of one month, kept for the dashboard: ``invoiced`` adds the totals of the
    invoices of that billed month that are not cancelled, ``received`` the payments dated in
    the month, the last of them on ``last_paid_on``.

    Derived data, like ``DueDateTotal``: the invoice and payment services update both in the
    same transaction as the invoices and payments they write (``services/totals.py``), so
    invoices and payments are written only through them; ``services.recount_totals``
    rebuilds both from the records.
    """

    month = models.DateField(unique=True)
    invoiced = models.BigIntegerField(default=0)
    received = models.BigIntegerField(default=0)
    last_paid_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.invoiced} {self.received}"


class DueDateTotal(models.Model):
    """What the issued (unpaid or partly paid) invoices due on one day still owe, and how
    many they are; kept by the services for the dashboard's receivables (see ``MonthTotal``).
    """

    due_on = models.DateField(unique=True)
    owed = models.BigIntegerField(default=0)
    invoices = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.due_on} {self.owed} {self.invoices}"


class ReminderLog(models.Model):
    """A reminder already sent, so the daily command mails each one once."""

    kind = models.CharField(max_length=30)
    object_id = models.BigIntegerField()
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="leasing_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
