"""Booking charges on the monthly invoices: the line source the leasing invoice run reads.

Rule: the invoice of month M carries every open charge of a member company (a charge with a
company) whose booking month is M or earlier; charges of later months wait for their own
month's invoice. A company that already holds an invoice for M when a charge is made finds
it on the next month's invoice. Charges without a company (outside organisers) are never
invoiced and keep their receipt.

When an invoice is cancelled its charges are released: open again for the reissued or the
next invoice, except those whose booking has since been cancelled or rejected (or that a
later change of the booking replaced with a new open charge), which are cancelled.
"""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from aihub.bookings.enums import COUNTED_STATUSES, ChargeStatus
from aihub.bookings.models import BookingCharge
from aihub.bookings.timeutil import show_range
from aihub.core.audit import assert_known
from aihub.core.errors import Conflict
from aihub.core.models import AuditEntry
from aihub.leasing.lines import ExtraLine
from aihub.leasing.models import Invoice

PREFIX = "bookings.charge:"
HOURS = Decimal("0.01")


def charge_ref(charge: BookingCharge) -> str:
    return f"{PREFIX}{charge.pk}"


def _charge_pk(ref: str) -> int:
    if not ref.startswith(PREFIX):
        raise ValueError(ref)
    return int(ref.removeprefix(PREFIX))


def describe(charge: BookingCharge) -> tuple[str, str]:
    """The invoice line's text in Korean and English."""
    booking = charge.booking
    space = booking.room.space
    facility = space.facility
    when = show_range(booking.starts_at, booking.ends_at)
    hours = f"{charge.minutes / 60:g}"
    return (
        f"공간 대관료 {facility.name_ko} {space.code} {when} ({hours}시간, {booking})",
        f"Room booking {facility.name_en or facility.name_ko} {space.code} {when} "
        f"({hours} h, {booking})",
    )


def _log(charges: list[BookingCharge], action: str, data) -> None:
    """One audit entry per charge in one insert."""
    assert_known(action)
    content_type = ContentType.objects.get_for_model(BookingCharge)
    AuditEntry.objects.bulk_create(
        AuditEntry(
            action=action,
            content_type=content_type,
            object_id=charge.pk,
            object_repr=str(charge),
            data=data(charge),
        )
        for charge in charges
    )


class BookingChargeLines:
    """The ``aihub.leasing.lines`` source over ``BookingCharge``."""

    key = "bookings.charge"

    def open_lines(self, *, month: datetime.date, company_ids: list[int] | None) -> list[ExtraLine]:
        """The open company charges of ``month`` and earlier, locked until the run ends."""
        charges = BookingCharge.objects.filter(
            status=ChargeStatus.OPEN, company__isnull=False, month__lte=month
        )
        if company_ids is not None:
            charges = charges.filter(company_id__in=company_ids)
        locked = set(charges.select_for_update().values_list("pk", flat=True))
        found = (
            BookingCharge.objects.filter(pk__in=locked)
            .select_related("booking__room__space__facility")
            .order_by("company_id", "month", "booking__starts_at", "id")
        )
        return [self._line(charge) for charge in found]

    @staticmethod
    def _line(charge: BookingCharge) -> ExtraLine:
        description_ko, description_en = describe(charge)
        return ExtraLine(
            company_id=charge.company_id,
            description_ko=description_ko,
            description_en=description_en,
            quantity=(Decimal(charge.minutes) / 60).quantize(HOURS),
            unit_price=charge.hourly_price,
            amount=charge.subtotal,
            ref=charge_ref(charge),
        )

    def mark_invoiced(self, *, refs: list[str], invoice: Invoice) -> None:
        """Mark the charges invoiced on ``invoice``; a conflict if one is no longer open."""
        pks = [_charge_pk(ref) for ref in refs]
        marked = BookingCharge.objects.filter(
            pk__in=pks, status=ChargeStatus.OPEN, company_id=invoice.company_id
        ).update(status=ChargeStatus.INVOICED, invoice=invoice, updated_at=timezone.now())
        if marked != len(set(pks)):
            raise Conflict(
                _("A booking charge changed while the invoices were issued; try again."),
                code="booking_charge_changed",
            )
        _log(
            list(BookingCharge.objects.filter(pk__in=pks)),
            "bookings.charge.invoiced",
            lambda charge: {"charge": str(charge), "invoice": str(invoice)},
        )

    def release(self, *, invoice: Invoice) -> None:
        """Open the charges of the cancelled ``invoice`` again; cancel those whose booking
        no longer counts or that a newer open charge of their booking replaced."""
        charges = list(
            BookingCharge.objects.select_for_update(of=("self",))
            .filter(invoice=invoice, status=ChargeStatus.INVOICED)
            .select_related("booking")
        )
        if not charges:
            return
        replaced = set(
            BookingCharge.objects.filter(
                booking_id__in=[charge.booking_id for charge in charges],
                status=ChargeStatus.OPEN,
            ).values_list("booking_id", flat=True)
        )
        dropped = [
            charge.pk
            for charge in charges
            if charge.booking.status not in COUNTED_STATUSES or charge.booking_id in replaced
        ]
        now = timezone.now()
        BookingCharge.objects.filter(pk__in=dropped).update(
            status=ChargeStatus.CANCELLED, invoice=None, updated_at=now
        )
        BookingCharge.objects.filter(
            Q(pk__in=[charge.pk for charge in charges]) & ~Q(pk__in=dropped)
        ).update(status=ChargeStatus.OPEN, invoice=None, updated_at=now)
        _log(
            charges,
            "bookings.charge.released",
            lambda charge: {
                "charge": str(charge),
                "invoice": str(invoice),
                "cancelled": charge.pk in dropped,
            },
        )
