import datetime
from decimal import Decimal

import pytest

from aihub.leasing import billing


def test_line_amounts_full_month_is_price_times_quantity():
    amounts = billing.line_amounts(
        quantity=Decimal("66"),
        unit_price=5_000,
        month=datetime.date(2026, 11, 1),
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2027, 1, 1),
    )
    assert (amounts.days, amounts.days_in_month, amounts.amount) == (30, 30, 330_000)


def test_line_amounts_partial_month_prorated_by_day_half_up():
    amounts = billing.line_amounts(
        quantity=3,
        unit_price=60_000,
        month=datetime.date(2026, 2, 1),
        starts_on=datetime.date(2026, 2, 11),
        ends_on=datetime.date(2026, 12, 31),
    )
    # 3 * 60,000 * 18 / 28 = 115,714.28… → 115,714
    assert (amounts.days, amounts.days_in_month, amounts.gross) == (18, 28, 115_714)


def test_line_amounts_half_won_rounds_up():
    amounts = billing.line_amounts(
        quantity=Decimal("0.5"),
        unit_price=1,
        month=datetime.date(2026, 11, 1),
        starts_on=datetime.date(2026, 11, 1),
        ends_on=datetime.date(2026, 11, 30),
    )
    assert amounts.gross == 1


def test_line_amounts_discount_rounded_and_subtracted():
    amounts = billing.line_amounts(
        quantity=33,
        unit_price=5_000,
        month=datetime.date(2026, 11, 1),
        starts_on=datetime.date(2026, 11, 1),
        ends_on=datetime.date(2026, 11, 30),
        discount_percent=15,
    )
    assert (amounts.gross, amounts.discount, amounts.amount) == (165_000, 24_750, 140_250)


def test_line_amounts_lease_outside_month_is_zero():
    amounts = billing.line_amounts(
        quantity=10,
        unit_price=5_000,
        month=datetime.date(2026, 11, 1),
        starts_on=datetime.date(2026, 12, 1),
        ends_on=datetime.date(2026, 12, 31),
    )
    assert (amounts.days, amounts.amount) == (0, 0)


def test_invoice_totals_vat_rounded_down():
    totals = billing.invoice_totals([115_714, 9])
    assert (totals.subtotal, totals.vat, totals.total) == (115_723, 11_572, 127_295)


def test_peak_seats_counts_overlapping_days_only():
    day = datetime.date
    intervals = [
        (day(2026, 1, 1), day(2026, 1, 31), 4),
        (day(2026, 2, 1), day(2026, 2, 28), 5),
        (day(2026, 1, 15), day(2026, 2, 5), 3),
    ]
    assert billing.peak_seats(intervals) == 8


def test_parse_month_refuses_garbage():
    assert billing.parse_month("2026-11") == datetime.date(2026, 11, 1)
    with pytest.raises(ValueError):  # noqa: PT011 (the message is not ours)
        billing.parse_month("November")
