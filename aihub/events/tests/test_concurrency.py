"""Two people register for the last place at the same moment from two connections: the
event row lock makes one of them confirmed and the other waiting, never both confirmed."""

import threading

import pytest
from django.db import connection, connections

from aihub.events import services
from aihub.events.enums import RegistrationStatus
from aihub.events.models import Registration

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite runs one writer at a time (IMMEDIATE transactions), so two "
        "registrations cannot be written at the same moment; the race is tested on PostgreSQL",
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


def test_last_place_same_moment_one_confirmed_one_waiting(make_event, make_user):
    event = make_event(capacity=2)
    services.register(event=event, user=make_user())
    first, second = make_user(), make_user()

    results = _race(
        [
            lambda: services.register(event=event, user=first),
            lambda: services.register(event=event, user=second),
        ]
    )

    assert [type(result).__name__ for result in results] == ["Registration", "Registration"]
    assert sorted(result.status for result in results) == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
    ]
    racing = Registration.objects.filter(event=event, user__in=[first, second])
    assert sorted(racing.values_list("status", flat=True)) == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
    ]
    assert (
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count() == 2
    )
