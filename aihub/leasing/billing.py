"""The arithmetic of a monthly invoice: proration by day, discount, VAT and rounding.

Rounding rule (stated on every invoice as ``ROUNDING_RULE``): amounts are whole won.
A line's prorated charge, ``quantity * monthly unit price * days billed / days in the month``,
is rounded half up to the won, and so is its discount; VAT is 10 % of the invoice's subtotal,
rounded down to the won (원 미만 절사). The total is the subtotal plus VAT.

Every function here is pure: no database, no clock.
"""

import calendar
import datetime
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

VAT_RATE = Fraction(10, 100)
PAYMENT_TERM_DAYS = 14
"""An invoice is due this many days after it is issued."""

ROUNDING_RULE = _(
    "Amounts are in whole won. Each line's prorated charge and its discount are rounded "
    "half up to the won; VAT, a tenth of the subtotal, is rounded down to the won."
)


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def last_of_month(month: datetime.date) -> datetime.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def next_month(month: datetime.date) -> datetime.date:
    return (last_of_month(month) + datetime.timedelta(days=1)).replace(day=1)


def parse_month(text: str) -> datetime.date:
    """``2026-11`` as 2026-11-01; ``ValueError`` for anything else."""
    year, month = text.strip().split("-")
    if len(year) != 4 or not 1 <= len(month) <= 2:
        raise ValueError(text)
    return datetime.date(int(year), int(month), 1)


def _round_half_up(value: Fraction) -> int:
    decimal = Decimal(value.numerator) / Decimal(value.denominator)
    return int(decimal.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _round_down(value: Fraction) -> int:
    decimal = Decimal(value.numerator) / Decimal(value.denominator)
    return int(decimal.quantize(Decimal(1), rounding=ROUND_DOWN))


def billed_days(
    *, month: datetime.date, starts_on: datetime.date, ends_on: datetime.date
) -> tuple[int, int]:
    """Days of ``month`` inside [starts_on, ends_on] (inclusive), and the month's length.

    A lease outside the month gives 0 days.
    """
    first, last = first_of_month(month), last_of_month(month)
    start, end = max(first, starts_on), min(last, ends_on)
    days = (end - start).days + 1 if start <= end else 0
    return days, last.day


@dataclass(frozen=True)
class LineAmounts:
    days: int
    days_in_month: int
    gross: int
    discount: int
    amount: int


def line_amounts(
    *,
    quantity: Decimal | int,
    unit_price: int,
    month: datetime.date,
    starts_on: datetime.date,
    ends_on: datetime.date,
    discount_percent: int = 0,
) -> LineAmounts:
    """One lease's charge for one month, prorated by day; see the module's rounding rule."""
    days, days_in_month = billed_days(month=month, starts_on=starts_on, ends_on=ends_on)
    exact = Fraction(Decimal(quantity)) * unit_price * Fraction(days, days_in_month)
    gross = _round_half_up(exact)
    discount = _round_half_up(Fraction(gross) * Fraction(discount_percent, 100))
    return LineAmounts(days, days_in_month, gross, discount, gross - discount)


@dataclass(frozen=True)
class Totals:
    subtotal: int
    vat: int
    total: int


def invoice_totals(amounts: list[int]) -> Totals:
    """Subtotal of the lines, VAT at 10% rounded down, and the total."""
    subtotal = sum(amounts)
    vat = _round_down(Fraction(subtotal) * VAT_RATE)
    return Totals(subtotal, vat, subtotal + vat)


def due_date(issued_on: datetime.date) -> datetime.date:
    return issued_on + datetime.timedelta(days=PAYMENT_TERM_DAYS)


def peak_seats(
    intervals: list[tuple[datetime.date, datetime.date, int]],
) -> int:
    """The most seats held on any one day by (starts_on, ends_on inclusive, seats) intervals."""
    events: list[tuple[datetime.date, int]] = []
    for starts_on, ends_on, seats in intervals:
        events.append((starts_on, seats))
        events.append((ends_on + datetime.timedelta(days=1), -seats))
    events.sort(key=lambda event: (event[0], event[1]))
    peak = current = 0
    for _day, change in events:
        current += change
        peak = max(peak, current)
    return peak
