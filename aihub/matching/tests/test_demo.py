import pytest

from aihub.demo.seed import seed_demo
from aihub.matching.demo import seed_matching
from aihub.matching.enums import MatchStatus
from aihub.matching.models import Match

pytestmark = pytest.mark.django_db


def test_seed_matching_every_stage_and_idempotent():
    seed_demo(scale=1)
    first = seed_matching()
    assert first["experts"] == 300
    assert first["demands"] == 200
    statuses = set(Match.objects.values_list("status", flat=True))
    assert statuses == set(MatchStatus.values)
    again = seed_matching()
    assert again == first
