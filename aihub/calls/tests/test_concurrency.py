"""Two staff deciding and finalising at the same moment on separate connections never select
more companies than the call has places."""

import threading

import pytest
from django.db import connection, connections

from aihub.accounts.enums import Role
from aihub.calls import services
from aihub.calls.enums import ApplicationStatus, Outcome
from aihub.calls.models import Application, Decision
from aihub.calls.tests.conftest import after_close
from aihub.core.errors import Conflict

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers (one IMMEDIATE transaction at a time), so two staff "
        "cannot select at the same moment; the race is tested on PostgreSQL",
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

    threads = [threading.Thread(target=run, args=(i, t)) for i, t in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_concurrent_selections_fill_exactly_the_places(
    call, stage, make_submitted, staff, make_user
):
    other_staff = make_user("staff2@hub.example", roles=(Role.HUB_STAFF,))
    applications = make_submitted(4)
    actors = [staff, other_staff, staff, other_staff]
    results = _race(
        [
            (
                lambda a=application, who=actor: services.decide(
                    stage=stage, application=a, outcome=Outcome.ADVANCE, actor=who
                )
            )
            for application, actor in zip(applications, actors, strict=True)
        ]
    )
    refused = [r for r in results if isinstance(r, Exception)]
    assert all(isinstance(r, Conflict) and r.code == "places_full" for r in refused)
    assert Decision.objects.filter(stage=stage, outcome=Outcome.ADVANCE).count() == call.places
    chosen = set(
        Decision.objects.filter(stage=stage, outcome=Outcome.ADVANCE).values_list(
            "application_id", flat=True
        )
    )
    for application in applications:
        if application.pk not in chosen:
            services.decide(
                stage=stage, application=application, outcome=Outcome.WAITLIST, actor=staff
            )
    now = after_close(call)
    finals = _race(
        [
            lambda: services.finalise_stage(stage=stage, actor=staff, now=now),
            lambda: services.finalise_stage(stage=stage, actor=other_staff, now=now),
        ]
    )
    assert sorted(type(r).__name__ for r in finals) == ["Conflict", "Stage"]
    selected = Application.objects.filter(call=call, status=ApplicationStatus.SELECTED)
    assert selected.count() == call.places
    assert set(selected.values_list("pk", flat=True)) == chosen
