import io

import pytest

from aihub.accounts.models import User
from aihub.core.models import AuditEntry
from aihub.events.demo import seed_events
from aihub.events.models import DemoDayInvestor, DemoDayStartup, Event, Interest, Registration

pytestmark = pytest.mark.django_db


def test_seed_events_is_deterministic_and_idempotent(make_company, make_user, facility):
    for n in range(6):
        make_company(name=f"데모회사{n}", owner=make_user())
    out = io.StringIO()
    seed_events(stdout=out)
    counts = (
        Event.objects.count(),
        Registration.objects.count(),
        Interest.objects.count(),
        DemoDayInvestor.objects.count(),
        DemoDayStartup.objects.count(),
    )
    assert counts[0] == 7
    assert (counts[3], counts[4]) == (20, 6)
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == counts[1] > 0
    assert User.objects.filter(email="investor01@aihub.example").exists()
    audit = AuditEntry.objects.count()
    seed_events()
    assert (
        Event.objects.count(),
        Registration.objects.count(),
        Interest.objects.count(),
        DemoDayInvestor.objects.count(),
        DemoDayStartup.objects.count(),
    ) == counts
    assert AuditEntry.objects.count() == audit
