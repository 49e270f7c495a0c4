"""Writes about money: the monthly invoice run, cancellation and reissue, payments.

Invoice numbers are taken from a per-year counter row locked for the whole run, in the
same transaction as the invoices, so they are gap-free: a failed run takes no number, a
cancelled invoice keeps its number.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from aihub.accounts.models import User
from aihub.core.audit import assert_known
from aihub.core.errors import Conflict, ValidationFailed
from aihub.core.lifecycle import move
from aihub.core.models import AuditEntry
from aihub.leasing import billing, lines
from aihub.leasing.enums import (
    BILLABLE_STATUSES,
    INVOICE_LIFECYCLE,
    InvoiceStatus,
    PaymentMethod,
    PriceBasis,
)
from aihub.leasing.models import (
    Invoice,
    InvoiceLine,
    InvoiceSequence,
    IssuedDocumentError,
    Lease,
    Payment,
    PriceRule,
)
from aihub.leasing.services.totals import counted_cancelled, counted_issued, counted_payment


def _log_many(objects: Iterable[Invoice], action: str, actor: User | None, data) -> None:
    """One audit entry per object in one insert; ``data`` maps an object to its entry's data."""
    assert_known(action)
    content_type = ContentType.objects.get_for_model(Invoice)
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=actor if getattr(actor, "pk", None) else None,
            action=action,
            content_type=content_type,
            object_id=obj.pk,
            object_repr=str(obj)[:200],
            data=data(obj),
        )
        for obj in objects
    )


def prices_on(day: datetime.date) -> dict[str, int]:
    """The unit price of each basis in force on ``day``."""
    prices: dict[str, int] = {}
    for basis, unit_price in (
        PriceRule.objects.filter(effective_from__lte=day)
        .order_by("basis", "-effective_from")
        .values_list("basis", "unit_price")
    ):
        prices.setdefault(basis, unit_price)
    return prices


def _describe(lease: Lease) -> tuple[str, str]:
    """The line's text in Korean and English."""
    if lease.basis == PriceBasis.MEMBERSHIP:
        return f"멤버십 이용료 ({lease})", f"Membership fee ({lease})"
    space = lease.space
    where_ko = f"{space.facility.name_ko} {space.code}"
    where_en = f"{space.facility.name_en or space.facility.name_ko} {space.code}"
    if lease.basis == PriceBasis.PER_M2:
        area = f"{space.area_m2.normalize():f}"
        return (
            f"전용 사무실 임대료 {where_ko} ({area}㎡, {lease})",
            f"Private office rent {where_en} ({area} m², {lease})",
        )
    return (
        f"오픈 오피스 좌석 이용료 {where_ko} ({lease.seats}석, {lease})",
        f"Open-office seats {where_en} ({lease.seats} seats, {lease})",
    )


def _quantity(lease: Lease):
    if lease.basis == PriceBasis.PER_M2:
        return lease.space.area_m2
    if lease.basis == PriceBasis.PER_SEAT:
        return lease.seats
    return 1


def _build_lines(leases: list[Lease], month: datetime.date, prices: dict[str, int]) -> list:
    built = []
    for position, lease in enumerate(leases, start=1):
        if lease.basis not in prices:
            raise ValidationFailed(
                _("No price is set for “%(basis)s” in %(month)s.")
                % {"basis": lease.get_basis_display(), "month": month.strftime("%Y-%m")},
                field="month",
                code="price_missing",
            )
        quantity = _quantity(lease)
        amounts = billing.line_amounts(
            quantity=quantity,
            unit_price=prices[lease.basis],
            month=month,
            starts_on=lease.starts_on,
            ends_on=lease.ends_on,
            discount_percent=lease.discount_percent,
        )
        description_ko, description_en = _describe(lease)
        built.append(
            InvoiceLine(
                lease=lease,
                position=position,
                description_ko=description_ko,
                description_en=description_en,
                basis=lease.basis,
                quantity=quantity,
                unit_price=prices[lease.basis],
                days=amounts.days,
                days_in_month=amounts.days_in_month,
                gross=amounts.gross,
                discount=amounts.discount,
                amount=amounts.amount,
            )
        )
    return built


def _extra_lines(extras: list[lines.SourcedLine], first_position: int) -> list[InvoiceLine]:
    """Invoice lines for other apps' charges: whole won before VAT, not prorated."""
    return [
        InvoiceLine(
            position=position,
            description_ko=line.description_ko[:200],
            description_en=line.description_en[:200],
            basis="",
            quantity=line.quantity,
            unit_price=line.unit_price,
            days=0,
            days_in_month=0,
            gross=line.amount,
            discount=0,
            amount=line.amount,
            source_ref=line.ref,
        )
        for position, (_source, line) in enumerate(extras, start=first_position)
    ]


def check_month_begun(month: datetime.date, today: datetime.date) -> datetime.date:
    month = billing.first_of_month(month)
    if month > billing.first_of_month(today):
        raise ValidationFailed(
            _("%(month)s has not begun yet; its invoices can be issued from %(first)s.")
            % {"month": month.strftime("%Y-%m"), "first": month.isoformat()},
            field="month",
            code="month_not_begun",
        )
    return month


def _lock_numbers(year: int) -> InvoiceSequence:
    """The invoice counter of ``year``, locked until the transaction ends: the first lock a
    write about invoices takes (see ``services.totals`` for the order)."""
    InvoiceSequence.objects.get_or_create(year=year)
    return InvoiceSequence.objects.select_for_update().get(year=year)


def _take_numbers(year: int, count: int) -> int:
    """Reserve ``count`` numbers of ``year`` under the counter's row lock; the first of them."""
    sequence = _lock_numbers(year)
    first = sequence.last_number + 1
    sequence.last_number += count
    sequence.save(update_fields=["last_number"])
    return first


def _issue(
    *,
    groups: dict[int, list[Lease]],
    extras: dict[int, list[lines.SourcedLine]],
    month: datetime.date,
    issued_on: datetime.date,
    actor: User | None,
    replaces: Invoice | None = None,
) -> list[Invoice]:
    """One invoice per company of ``groups`` or ``extras``, in company order: its lease
    lines first, then the other apps' lines, which their sources then mark as invoiced."""
    prices = prices_on(month) if groups else {}
    built = []
    for company_id in sorted(set(groups) | set(extras)):
        lease_lines = _build_lines(groups.get(company_id, []), month, prices)
        built.append(
            (
                company_id,
                lease_lines + _extra_lines(extras.get(company_id, []), len(lease_lines) + 1),
            )
        )
    if not built:
        return []
    first = _take_numbers(issued_on.year, len(built))
    invoices = []
    for offset, (company_id, made) in enumerate(built):
        totals = billing.invoice_totals([line.amount for line in made])
        invoices.append(
            Invoice(
                company_id=company_id,
                month=month,
                year=issued_on.year,
                number=first + offset,
                issued_on=issued_on,
                due_on=billing.due_date(issued_on),
                subtotal=totals.subtotal,
                vat=totals.vat,
                total=totals.total,
                replaces=replaces,
            )
        )
    try:
        with transaction.atomic():
            Invoice.objects.bulk_create(invoices)
    except IntegrityError as exc:
        raise Conflict(
            _("Invoices for %(month)s were issued at the same time by someone else; try again.")
            % {"month": month.strftime("%Y-%m")},
            code="invoice_run_conflict",
        ) from exc
    for invoice, (_company_id, made) in zip(invoices, built, strict=True):
        for line in made:
            line.invoice = invoice
    InvoiceLine.objects.bulk_create(line for _company_id, made in built for line in made)
    for invoice in invoices:
        if invoice.company_id in extras:
            lines.mark_invoiced(invoice, extras[invoice.company_id])
    counted_issued(invoices)
    _log_many(
        invoices,
        "leasing.invoice.issued",
        actor,
        lambda invoice: {
            "invoice": str(invoice),
            "month": invoice.month.strftime("%Y-%m"),
            "total": invoice.total,
        },
    )
    return invoices


def _billable_leases(month: datetime.date, company_ids: list[int] | None = None):
    leases = Lease.objects.filter(
        status__in=BILLABLE_STATUSES,
        starts_on__lte=billing.last_of_month(month),
        ends_on__gte=month,
    ).select_related("space__facility")
    if company_ids is not None:
        leases = leases.filter(company_id__in=company_ids)
    return leases.order_by("company_id", "starts_on", "id")


@transaction.atomic
def issue_invoices(
    *,
    month: datetime.date,
    actor: User | None,
    today: datetime.date | None = None,
    issued_on: datetime.date | None = None,
) -> list[Invoice]:
    """Issue one invoice per company for ``month``: a line per billable lease, then a line
    per open charge the registered line sources (``aihub.leasing.lines``) offer for it.

    Companies that already hold a non-cancelled invoice for the month are skipped (their
    open charges wait for a later invoice), so a second run creates nothing. A company with
    open charges and no lease gets an invoice of those charges. Refuses a month that has not
    begun on ``today``. ``issued_on`` (default ``today``) dates the invoices and sets their
    number's year.
    """
    today = today or timezone.localdate()
    month = check_month_begun(month, today)
    issued_on = issued_on or today
    _lock_numbers(issued_on.year)
    invoiced = set(
        Invoice.objects.filter(month=month)
        .exclude(status=InvoiceStatus.CANCELLED)
        .values_list("company_id", flat=True)
    )
    groups: dict[int, list[Lease]] = defaultdict(list)
    for lease in _billable_leases(month):
        if lease.company_id not in invoiced:
            groups[lease.company_id].append(lease)
    extras = {
        company_id: found
        for company_id, found in lines.open_lines(month=month).items()
        if company_id not in invoiced
    }
    return _issue(groups=dict(groups), extras=extras, month=month, issued_on=issued_on, actor=actor)


def _locked_invoice(invoice: Invoice) -> Invoice:
    return Invoice.objects.select_for_update().get(pk=invoice.pk)


@transaction.atomic
def cancel_invoice(*, invoice: Invoice, reason: str, actor: User | None) -> Invoice:
    """Cancel an unpaid invoice; it keeps its number. Refused once a payment is recorded.

    The other apps' charges on it are released (open again) for a reissue or a later run.
    """
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(_("Give the reason for the cancellation."), field="reason")
    invoice = _locked_invoice(invoice)
    if invoice.status == InvoiceStatus.CANCELLED:
        raise Conflict(_("This invoice is already cancelled."), code="invoice_cancelled")
    if invoice.payments.exists():
        raise Conflict(
            _("This invoice has payments recorded and cannot be cancelled."),
            code="invoice_has_payments",
        )
    return set_invoice_status(
        invoice=invoice, to=InvoiceStatus.CANCELLED, actor=actor, reason=reason
    )


def set_invoice_status(
    *, invoice: Invoice, to: str, actor: User | None, reason: str = ""
) -> Invoice:
    """The one door of an invoice's status (the invoice locked by the caller): paid in full,
    or cancelled with its reason — which gives its other apps' charges back for a later
    invoice and takes it out of the kept totals. Checks ``INVOICE_LIFECYCLE``; audited."""
    if to == InvoiceStatus.CANCELLED:
        invoice.cancelled_at = timezone.now()
        invoice.cancel_reason = reason[:200]
        move(
            invoice,
            lifecycle=INVOICE_LIFECYCLE,
            to=to,
            actor=actor,
            action="leasing.invoice.cancelled",
            data={"invoice": str(invoice), "reason": reason},
            fields=("cancelled_at", "cancel_reason"),
        )
        lines.release(invoice)
        counted_cancelled(invoice)
        return invoice
    return move(
        invoice,
        lifecycle=INVOICE_LIFECYCLE,
        to=to,
        actor=actor,
        action="leasing.invoice.paid",
        data={"invoice": str(invoice)},
    )


@transaction.atomic
def reissue_invoice(
    *, invoice: Invoice, reason: str, actor: User | None, today: datetime.date | None = None
) -> Invoice | None:
    """Cancel ``invoice`` and issue a new one for the same company and month from the leases
    as they are now and the open charges (those released from ``invoice`` included);
    ``None`` when nothing is billable any more."""
    today = today or timezone.localdate()
    _lock_numbers(today.year)
    cancelled = cancel_invoice(invoice=invoice, reason=reason, actor=actor)
    company_id = cancelled.company_id
    leases = list(_billable_leases(cancelled.month, [company_id]))
    extras = lines.open_lines(month=cancelled.month, company_ids=[company_id])
    if not leases and not extras:
        return None
    created = _issue(
        groups={company_id: leases} if leases else {},
        extras=extras,
        month=cancelled.month,
        issued_on=today,
        actor=actor,
        replaces=cancelled,
    )
    return created[0]


def change_invoice(*, invoice: Invoice, actor: User | None, **changes: object) -> Invoice:
    """Issued invoices are never edited: always refused with the way to correct one."""
    raise IssuedDocumentError(
        _("An issued invoice cannot be changed. Cancel it and issue a new invoice instead.")
    )


def amount_paid(invoice: Invoice) -> int:
    return invoice.payments.aggregate(total=Sum("amount"))["total"] or 0


@transaction.atomic
def record_payment(
    *,
    invoice: Invoice,
    amount: int,
    paid_on: datetime.date,
    method: str = PaymentMethod.BANK_TRANSFER,
    reference: str = "",
    actor: User | None,
    today: datetime.date | None = None,
) -> Payment:
    """Record money received; partial payments add up, and the last one marks it paid.

    Refuses a payment on a cancelled or settled invoice, a payment of 0 or less, a payment
    dated in the future, and one larger than what is still owed.
    """
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if amount <= 0:
        errors["amount"] = [_("The amount must be more than 0 won.")]
    if paid_on > today:
        errors["paid_on"] = [_("The payment date cannot be in the future.")]
    if method not in PaymentMethod.values:
        errors["method"] = [_("Choose a payment method from the list.")]
    if errors:
        raise ValidationFailed(errors=errors)
    invoice = _locked_invoice(invoice)
    if invoice.status == InvoiceStatus.CANCELLED:
        raise Conflict(_("This invoice is cancelled; no payment can be recorded."))
    owed = invoice.total - amount_paid(invoice)
    if owed <= 0:
        raise Conflict(_("This invoice is already paid in full."), code="invoice_paid")
    if amount > owed:
        raise ValidationFailed(
            _("The payment of %(amount)s won is more than the %(owed)s won still owed.")
            % {"amount": f"{amount:,}", "owed": f"{owed:,}"},
            field="amount",
            code="overpayment",
        )
    payment = Payment.objects.create(
        invoice=invoice,
        amount=amount,
        paid_on=paid_on,
        method=method,
        reference=reference.strip()[:100],
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    counted_payment(payment, invoice=invoice, settled=amount == owed)
    payment.log_action(
        "leasing.payment.recorded",
        actor=actor,
        data={"invoice": str(invoice), "amount": amount, "method": method},
    )
    if amount == owed:
        set_invoice_status(invoice=invoice, to=InvoiceStatus.PAID, actor=actor)
    return payment
