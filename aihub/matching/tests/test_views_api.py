import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from aihub.matching import experts as expert_services
from aihub.matching import services
from aihub.matching.enums import MatchStatus
from aihub.matching.models import Demand, Match, Session
from aihub.matching.tests.helpers import (
    accepted_match,
    expert_mila,
    expert_vision,
    korean_demand,
    next_office_slot,
    researcher,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/matching"


def _demands(company, owner, count):
    for number in range(count):
        korean_demand(company=company, actor=owner, title=f"문제 {number}")


def _count_queries(django_assert_num_queries, client, url, expected=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", [reverse("matching:demands"), API + "/demands"])
def test_demand_list_queries_do_not_grow(
    owner_client, company, owner, url, django_assert_num_queries
):
    _demands(company, owner, 1)
    one = _count_queries(django_assert_num_queries, owner_client, url)
    _demands(company, owner, 2)
    with django_assert_num_queries(one):
        response = owner_client.get(url)
    assert response.status_code == 200


def test_expert_list_queries_do_not_grow(staff_client, django_assert_num_queries):
    expert_mila()
    one = _count_queries(django_assert_num_queries, staff_client, reverse("matching:experts"))
    expert_vision()
    expert_vision()
    with django_assert_num_queries(one):
        staff_client.get(reverse("matching:experts"))


def test_match_list_endpoint_queries_do_not_grow(
    staff_client, company, owner, staff, django_assert_num_queries
):
    expert_mila()
    demand = korean_demand(company=company, actor=owner)
    services.propose_matches(actor=staff, demands=[demand])
    url = f"{API}/companies/{company.pk}/demands/{demand.pk}/matches"
    one = _count_queries(django_assert_num_queries, staff_client, url)
    expert_mila_two = expert_services.create_expert(
        actor=None, kind="lab", name_en="LLM team", profile_en="Large language model chatbots."
    )
    expert_services.create_expert(
        actor=None, kind="lab", name_en="NLP team", profile_en="Natural language processing."
    )
    services.propose_matches(actor=staff, demands=[demand])
    assert Match.objects.filter(demand=demand).count() == 3
    assert expert_mila_two.pk
    with django_assert_num_queries(one):
        staff_client.get(url)


def test_demand_create_page_posts_demand(owner_client, company):
    response = owner_client.post(
        reverse("matching:demand_create", args=[company.pk]),
        {
            "title": "챗봇",
            "description_ko": "언어모델 챗봇",
            "tags": "LLM",
            "help_kind": "mentor",
            "confidential": "on",
        },
    )
    demand = Demand.objects.get()
    assert response.status_code == 302
    assert demand.tags == ["llm"]


def test_demand_create_page_unknown_tag_shows_error(owner_client, company):
    response = owner_client.post(
        reverse("matching:demand_create", args=[company.pk]),
        {"title": "챗봇", "description_ko": "언어모델", "tags": "뜨개질", "help_kind": "mentor"},
    )
    assert response.status_code == 200
    assert "뜨개질" in response.context["form"].errors["tags"][0]
    assert Demand.objects.count() == 0


def test_post_demand_endpoint_creates_demand(owner_client, company):
    response = owner_client.post(
        f"{API}/companies/{company.pk}/demands",
        {"title": "t", "description_en": "LLM chatbot", "help_kind": "mentor", "tags": ["NLP"]},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["tags"] == ["nlp"]


def test_post_demand_endpoint_long_text_is_4xx(owner_client, company):
    response = owner_client.post(
        f"{API}/companies/{company.pk}/demands",
        {"title": "t", "description_en": "a" * 100_001, "help_kind": "mentor"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "text_too_long"


def test_propose_endpoint_staff_only(owner_client, staff_client, company, owner):
    expert_mila()
    demand = korean_demand(company=company, actor=owner)
    url = f"{API}/companies/{company.pk}/demands/{demand.pk}/propose"
    assert owner_client.post(url).status_code == 403
    response = staff_client.post(url)
    assert response.status_code == 200
    assert response.json()[0]["expert_name"] == "Mila language lab"


def test_propose_endpoint_without_candidates_is_409(staff_client, company, owner):
    expert_vision()
    demand = services.post_demand(
        company=company,
        actor=owner,
        title="세무",
        description_ko="법인세 신고",
        help_kind="consultant",
    )
    response = staff_client.post(f"{API}/companies/{company.pk}/demands/{demand.pk}/propose")
    assert response.status_code == 409
    assert response.json()["code"] == "no_candidates"


def test_status_endpoint_expert_accepts(client, company, owner, staff, make_user):
    user = researcher(make_user)
    expert_mila(user=user)
    demand = korean_demand(company=company, actor=owner)
    (match,) = services.propose_matches(actor=staff, demands=[demand])[demand.pk]
    url = f"{API}/companies/{company.pk}/matches/{match.pk}/status"
    client.force_login(user)
    assert (
        client.post(url, {"action": "accept"}, content_type="application/json").status_code == 404
    )
    services.review_match(match=match, approve=True, actor=staff)
    response = client.post(url, {"action": "accept"}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["status"] == MatchStatus.ACCEPTED


def test_status_endpoint_company_cannot_review(owner_client, company, owner, staff):
    expert_mila()
    demand = korean_demand(company=company, actor=owner)
    (match,) = services.propose_matches(actor=staff, demands=[demand])[demand.pk]
    services.review_match(match=match, approve=True, actor=staff)
    url = f"{API}/companies/{company.pk}/matches/{match.pk}/status"
    response = owner_client.post(url, {"action": "reject"}, content_type="application/json")
    assert response.status_code == 403


def test_session_endpoint_books_session(owner_client, company, owner, staff, make_user):
    _, _, match = accepted_match(
        company=company, owner=owner, staff=staff, expert_user=researcher(make_user)
    )
    response = owner_client.post(
        f"{API}/companies/{company.pk}/matches/{match.pk}/sessions",
        {"starts_at": next_office_slot().isoformat(), "minutes": 45, "mode": "online"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert Session.objects.count() == 1


def test_stats_export_counts_by_institution(staff_client, company, owner, staff, make_user):
    accepted_match(company=company, owner=owner, staff=staff, expert_user=researcher(make_user))
    page = staff_client.get(reverse("matching:stats"))
    assert (page.context["total"].proposed, page.context["total"].accepted) == (1, 1)
    xlsx = staff_client.get(reverse("matching:stats_export"))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[sheet.max_row]][1:] == [1, 1, 0]
    csv = staff_client.get(reverse("matching:stats_export") + "?format=csv")
    assert csv.content.startswith("\ufeff".encode())


def test_stats_page_refused_to_members(owner_client):
    assert owner_client.get(reverse("matching:stats")).status_code == 403
