"""Proposing experts for every open demand runs in the background, step by step."""

import pytest
from django.urls import reverse

from aihub.jobs.models import Job
from aihub.matching.enums import MatchStatus
from aihub.matching.models import Match
from aihub.matching.tests.helpers import expert_mila, expert_vision, korean_demand

pytestmark = pytest.mark.django_db


def test_propose_all_runs_as_a_job_and_links_to_the_demands(
    staff_client, company, owner, run_tasks
):
    mila = expert_mila()
    expert_vision()
    demand = korean_demand(company=company, actor=owner)
    response = staff_client.post(reverse("matching:propose_all"))
    job = Job.objects.get(kind="matching.propose_all")
    assert response.url == job.get_absolute_url()
    assert not Match.objects.exists()
    run_tasks()
    job.refresh_from_db()
    assert (job.state, job.done, job.total) == ("succeeded", 4, 4)
    assert job.result["url"] == reverse("matching:demands")
    proposed = Match.objects.filter(demand=demand, status=MatchStatus.PROPOSED)
    assert [match.expert for match in proposed] == [mila]


def test_propose_all_without_open_demands_fails_with_the_reason(staff_client, run_tasks):
    expert_mila()
    staff_client.post(reverse("matching:propose_all"))
    run_tasks()
    job = Job.objects.get(kind="matching.propose_all")
    assert job.state == "failed"
    assert job.error


def test_a_demand_closed_while_ranking_gets_no_proposals(company, owner, staff):
    from aihub.matching import services

    expert_mila()
    open_one = korean_demand(company=company, actor=owner)
    closing = korean_demand(company=company, actor=owner, title="다른 문제")

    def close_during_ranking(step: str) -> None:
        if step == "assign":
            services.close_demand(demand=closing, actor=owner)

    created = services.propose_matches(actor=staff, progress=close_during_ranking)
    assert set(created) == {open_one.pk}
    assert not Match.objects.filter(demand=closing).exists()


def test_propose_all_is_staff_only(member_client):
    assert member_client.post(reverse("matching:propose_all")).status_code == 403
    assert not Job.objects.exists()
