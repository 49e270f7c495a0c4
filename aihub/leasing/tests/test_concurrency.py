"""Two conflicting leases created at the same moment from two connections: one wins."""

import datetime
import threading

import pytest
from django.db import connection, connections

from aihub.core.errors import Conflict
from aihub.leasing import services
from aihub.leasing.enums import PriceBasis
from aihub.leasing.models import Lease

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
