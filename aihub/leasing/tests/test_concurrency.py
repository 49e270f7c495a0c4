"""Writes at the same moment from several connections: of two conflicting leases one wins;
concurrent money writes all succeed and keep the dashboard's totals right."""

import datetime
import threading

import pytest
from django.db import connection, connections

from aihub.core.errors import Conflict
from aihub.leasing import services
from aihub.leasing.enums import PriceBasis
from aihub.leasing.models import DueDateTotal, Lease, MonthTotal
from aihub.leasing.services.totals import totals_from_records

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite runs one writer at a time (IMMEDIATE transactions), so two leases "
        "cannot be written at the same moment; the race is tested on PostgreSQL",
    ),
]


def _race(targets) -> list[object]:
    barrier = threading.Barrier(len(targets))
    results: list[object] = [None] * len(targets)

    def run(index: int, target) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = target()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, target)) for index, target in enumerate(targets)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_conflicting_office_leases_same_moment_one_succeeds(company, other_company, office):
    def lease_for(tenant):
        return lambda: services.create_lease(
            company=tenant,
            basis=PriceBasis.PER_M2,
            space=office,
            starts_on=datetime.date(2026, 12, 1),
            ends_on=datetime.date(2027, 11, 30),
            activate=True,
            actor=None,
        )

    results = _race([lease_for(company), lease_for(other_company)])
    assert sorted(type(result).__name__ for result in results) == ["Conflict", "Lease"]
    assert Lease.objects.filter(space=office).count() == 1
    refused = next(result for result in results if isinstance(result, Conflict))
    assert refused.code == "lease_overlap"


def test_conflicting_seat_leases_same_moment_one_succeeds(company, other_company, open_area):
    def lease_for(tenant):
        return lambda: services.create_lease(
            company=tenant,
            basis=PriceBasis.PER_SEAT,
            space=open_area,
            seats=6,
            starts_on=datetime.date(2026, 12, 1),
            ends_on=datetime.date(2027, 11, 30),
            activate=True,
            actor=None,
        )

    results = _race([lease_for(company), lease_for(other_company)])
    assert sorted(type(result).__name__ for result in results) == ["Conflict", "Lease"]
    assert Lease.objects.filter(space=open_area).count() == 1


def test_money_writes_same_moment_keep_totals(make_company, make_office, prices, facility):
    """Payments, a cancellation and a reissue of one month's invoices, all at once: each
    succeeds (no deadlock on the month's and due date's totals) and the kept totals equal a
    recount."""
    for index in range(4):
        services.create_lease(
            company=make_company(resident_at=facility),
            basis=PriceBasis.PER_M2,
            space=make_office(f"6F-{index:02d}"),
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2027, 12, 31),
            activate=True,
            actor=None,
        )
    month, today = datetime.date(2026, 11, 1), datetime.date(2026, 11, 21)
    first, second, third, fourth = services.issue_invoices(month=month, actor=None, today=month)

    def pay(invoice, amount):
        return lambda: services.record_payment(
            invoice=invoice, amount=amount, paid_on=today, actor=None, today=today
        )

    results = _race(
        [
            pay(first, first.total),
            pay(second, 1_000),
            lambda: services.cancel_invoice(invoice=third, reason="중복", actor=None),
            lambda: services.reissue_invoice(
                invoice=fourth, reason="정정", actor=None, today=today
            ),
        ]
    )
    assert [type(result).__name__ for result in results] == [
        "Payment",
        "Payment",
        "Invoice",
        "Invoice",
    ]
    months, due_dates = totals_from_records()
    assert sorted(MonthTotal.objects.values_list("month", "invoiced", "received")) == [
        (row.month, row.invoiced, row.received) for row in months
    ]
    assert sorted(
        DueDateTotal.objects.exclude(owed=0, invoices=0).values_list("due_on", "owed", "invoices")
    ) == [(row.due_on, row.owed, row.invoices) for row in due_dates if row.owed or row.invoices]
