"""Free hours and paid hours: how much of a booking a company pays, and its charge.

Free hours are counted per company, per room and per calendar month (Asia/Seoul) over the
bookings that use them (active ones and no-shows). In a paid room (hourly price above 0)
the minutes beyond the free hours are charged; outside organisations pay every minute.
In a free room the free hours are a monthly cap, and 0 free hours means no cap.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from aihub.accounts.models import User
from aihub.bookings.enums import COUNTED_STATUSES, PAYING_KINDS, BookerKind, ChargeStatus
from aihub.bookings.errors import QuotaExceeded
from aihub.bookings.models import BookableRoom, Booking, BookingCharge
from aihub.bookings.timeutil import at as local_at
from aihub.bookings.timeutil import month_of, next_month
from aihub.companies.models import Company
from aihub.leasing import billing

COMPANY_KINDS = (BookerKind.RESIDENT, BookerKind.MEMBERSHIP)


def used_minutes(
    *, room: BookableRoom, company: Company, month: datetime.date, exclude: list[int] | None = None
) -> int:
    """Minutes the company's counted bookings of the room take in ``month``."""
    start = local_at(month, datetime.time())
    end = local_at(next_month(month), datetime.time())
    spans = (
        Booking.objects.filter(
            room=room,
            company=company,
            status__in=COUNTED_STATUSES,
            starts_at__gte=start,
            starts_at__lt=end,
        )
        .exclude(pk__in=exclude or [])
        .values_list("starts_at", "ends_at")
    )
    return sum(int((end - start).total_seconds() // 60) for start, end in spans)


class Quota:
    """The running free-minute balance of one company in one room, month by month."""

    def __init__(
        self,
        *,
        room: BookableRoom,
        company: Company | None,
        kind: str,
        exclude: list[int] | None = None,
    ) -> None:
        self.room, self.company, self.kind = room, company, kind
        self.exclude = exclude or []
        self.used: dict[datetime.date, int] = {}

    def applies(self) -> bool:
        return self.company is not None and self.kind in COMPANY_KINDS

    def counts(self) -> bool:
        """Whether the company's use of this room is counted: free hours or a price."""
        return self.applies() and bool(
            self.room.hourly_price or self.room.free_hours_for(self.kind)
        )

    def lock(self) -> None:
        """Serialise the company's bookings while its hours are counted (PostgreSQL)."""
        if self.counts():
            Company.objects.select_for_update().filter(pk=self.company.pk).first()

    def charged_minutes(self, starts_at: datetime.datetime, ends_at: datetime.datetime) -> int:
        """Minutes of this booking to be paid for; raises ``QuotaExceeded`` in a free room
        whose cap the booking passes. Call in booking order: it counts what it accepts."""
        minutes = int((ends_at - starts_at).total_seconds() // 60)
        if self.kind in PAYING_KINDS:
            return minutes if self.room.hourly_price else 0
        if not self.applies():
            return 0
        free = self.room.free_hours_for(self.kind) * 60
        if not self.room.hourly_price and not free:
            return 0
        month = month_of(starts_at)
        if month not in self.used:
            self.used[month] = used_minutes(
                room=self.room, company=self.company, month=month, exclude=self.exclude
            )
        used = self.used[month]
        beyond = max(0, used + minutes - free) - max(0, used - free)
        if beyond and not self.room.hourly_price:
            raise QuotaExceeded(
                _(
                    "Your company has %(left)s of its %(free)d free hours left in this room "
                    "in %(month)s; this booking needs %(hours)s hours."
                )
                % {
                    "left": _hours(max(0, free - used)),
                    "free": free // 60,
                    "month": month.strftime("%Y-%m"),
                    "hours": _hours(minutes),
                },
                field="ends_at",
            )
        self.used[month] = used + minutes
        return beyond


def _hours(minutes: int) -> str:
    return f"{minutes / 60:g}"


def amounts(minutes: int, hourly_price: int) -> billing.Totals:
    """The subtotal (rounded half up to the won), 10% VAT rounded down, and the total."""
    exact = Decimal(minutes) * Decimal(hourly_price) / Decimal(60)
    subtotal = int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return billing.invoice_totals([subtotal])


def create_charge(*, booking: Booking, minutes: int, actor: User | None) -> BookingCharge | None:
    """A charge for ``minutes`` of ``booking`` at its room's hourly price; none for 0."""
    if minutes <= 0 or not booking.room.hourly_price:
        return None
    totals = amounts(minutes, booking.room.hourly_price)
    charge = BookingCharge.objects.create(
        booking=booking,
        company=booking.company,
        month=month_of(booking.starts_at),
        minutes=minutes,
        hourly_price=booking.room.hourly_price,
        subtotal=totals.subtotal,
        vat=totals.vat,
        total=totals.total,
    )
    charge.log_action(
        "bookings.charge.created",
        actor=actor,
        data={"charge": str(charge), "total": charge.total, "booking": str(booking)},
    )
    return charge


def cancel_charges(*, booking: Booking, actor: User | None) -> None:
    """Cancel the booking's open charges (invoiced ones stay on their invoice). Locks them
    first, so a charge an invoice run has just billed is left alone."""
    for charge in BookingCharge.objects.select_for_update().filter(
        booking=booking, status=ChargeStatus.OPEN
    ):
        charge.status = ChargeStatus.CANCELLED
        charge.save(update_fields=["status", "updated_at"])
        charge.log_action("bookings.charge.cancelled", actor=actor, data={"charge": str(charge)})
