import pytest

from aihub.demo.seed import seed_demo
from aihub.matching.demo import seed_matching
from aihub.matching.enums import MatchStatus
from aihub.matching.models import Demand, Expert, Match

pytestmark = pytest.mark.django_db


def _totals() -> tuple[int, int, int]:
    return Expert.objects.count(), Demand.objects.count(), Match.objects.count()


def test_seed_matching_every_stage_idempotent_and_full_adds_the_rest():
    seed_demo(scale=1)
    first = seed_matching()
    assert (first["experts"], first["demands"]) == (98, 60)
    assert _totals() == (98, 60, first["matches"])
    statuses = set(Match.objects.values_list("status", flat=True))
    assert statuses == set(MatchStatus.values)
    assert seed_matching() == {"experts": 0, "demands": 0, "matches": 0}

    more = seed_matching(full=True)
    assert (more["experts"], more["demands"]) == (300 - 98, 200 - 60)
    assert more["matches"] > 0
    assert _totals()[:2] == (300, 200)
    assert Match.objects.values("demand").distinct().count() > 60
    assert seed_matching(full=True) == {"experts": 0, "demands": 0, "matches": 0}
