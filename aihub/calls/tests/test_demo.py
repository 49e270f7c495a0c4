"""The demo calls: past results, an open call with submissions, a call in judging; idempotent."""

import pytest

from aihub.calls.demo import seed_calls
from aihub.calls.enums import ApplicationStatus, CallPhase
from aihub.calls.models import Application, Call, Score
from aihub.demo.seed import seed_demo

pytestmark = pytest.mark.django_db


def test_seed_calls_phases_results_and_idempotence():
    seed_demo()
    first = seed_calls()
    assert first["calls"] == 4
    phases = sorted(call.phase().value for call in Call.objects.all())
    assert phases == sorted(
        [CallPhase.DECIDED, CallPhase.DECIDED, CallPhase.CLOSED, CallPhase.OPEN]
    )
    assert Application.objects.filter(status=ApplicationStatus.SELECTED).count() >= 2
    judging = Call.objects.get(title_en="2026 growth-stage office, room 4")
    assert Score.objects.filter(assignment__stage__call=judging).count() > 0
    open_call = Call.objects.get(title_en="2027 H1 membership call")
    assert open_call.applications.filter(status=ApplicationStatus.SUBMITTED).count() > 0
    counts = (Call.objects.count(), Application.objects.count(), Score.objects.count())
    second = seed_calls()
    assert second["calls"] == 0
    assert (Call.objects.count(), Application.objects.count(), Score.objects.count()) == counts
