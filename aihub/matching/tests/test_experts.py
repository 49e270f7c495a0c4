"""Staff pages that create and edit expert profiles, ``update_expert`` and the match mail."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from aihub.core.audit import history_for
from aihub.matching import experts as expert_services
from aihub.matching import services
from aihub.matching.models import Expert
from aihub.matching.tests.helpers import expert_mila, expert_vision, korean_demand, researcher
from aihub.partners.enums import PartnerKind
from aihub.partners.models import Partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner() -> Partner:
    return Partner.objects.create(
        name_ko="한국전자통신연구원",
        name_en="ETRI",
        kind=PartnerKind.RESEARCH_INSTITUTE,
        country="KR",
    )


def _payload(**changes) -> dict:
    payload = {
        "kind": "lab",
        "name_ko": "언어 연구실",
        "name_en": "Language lab",
        "profile_ko": "대규모 언어모델과 챗봇을 연구합니다.",
        "profile_en": "We study large language models and chatbots.",
        "tags": "자연어처리, LLM",
        "partner": "",
        "user": "",
        "email": "lab@example.com",
        "language": "en",
        "capacity": "0",
        "available": "on",
        "office_days": ["0", "2"],
        "office_start": "09:00",
        "office_end": "12:00",
    }
    payload.update(changes)
    return payload


def test_expert_create_page_saves_profile(staff_client, staff, partner, make_user):
    linked = researcher(make_user)
    url = reverse("matching:expert_create")
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(url, _payload(partner=partner.pk, user=linked.pk))
    assert response.status_code == 302
    expert = Expert.objects.get()
    assert (expert.name_en, expert.partner, expert.user, expert.capacity) == (
        "Language lab",
        partner,
        linked,
        0,
    )
    assert expert.office_days == [0, 2]
    assert len(expert.tags) == 2
    assert [e.action for e in history_for(expert)] == ["matching.expert.created"]


def test_expert_edit_page_updates_profile_and_audits(staff_client, staff, partner):
    expert = expert_mila()
    url = reverse("matching:expert_edit", args=[expert.pk])
    page = staff_client.get(url)
    assert page.status_code == 200
    assert "Mila language lab" in page.content.decode()
    response = staff_client.post(url, _payload(partner=partner.pk, capacity="5"))
    assert response.status_code == 302
    expert.refresh_from_db()
    assert (expert.name_en, expert.capacity, expert.partner, expert.available) == (
        "Language lab",
        5,
        partner,
        True,
    )
    entry = history_for(expert).first()
    assert entry.action == "matching.expert.updated"
    assert entry.actor == staff
    assert "capacity" in entry.data["fields"]


def test_update_expert_without_changes_writes_no_entry():
    expert = expert_mila()
    expert_services.update_expert(
        expert=expert,
        actor=None,
        kind=expert.kind,
        name_en=expert.name_en,
        profile_en=expert.profile_en,
        tags=expert.tags,
        email=expert.email,
        language=expert.language,
        capacity=expert.capacity,
        office_days=expert.office_days,
    )
    assert [e.action for e in history_for(expert)] == ["matching.expert.created"]


@pytest.mark.parametrize(
    "name", ["matching:expert_create", "matching:expert_edit"], ids=["create", "edit"]
)
def test_expert_pages_member_is_refused(member_client, name):
    expert = expert_mila()
    url = reverse(name, args=[expert.pk] if name.endswith("edit") else [])
    assert member_client.get(url).status_code in (403, 404)
    response = member_client.post(url, _payload())
    assert response.status_code in (403, 404)
    assert Expert.objects.count() == 1
    expert.refresh_from_db()
    assert expert.name_en == "Mila language lab"


def test_expert_edit_page_unknown_expert_is_not_found(staff_client):
    assert staff_client.get(reverse("matching:expert_edit", args=[999])).status_code == 404


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"tags": "NLP, 양자요리학"}, "tags"),
        ({"capacity": "-1"}, "capacity"),
        ({"profile_ko": "   ", "profile_en": ""}, "profile_ko"),
        ({"name_ko": "", "name_en": ""}, "name_ko"),
        ({"office_start": "15:00", "office_end": "11:00"}, "office_end"),
    ],
    ids=["unknown-tag", "negative-capacity", "empty-profile", "no-name", "hours-reversed"],
)
def test_expert_create_page_bad_input_saves_nothing(staff_client, changes, field):
    response = staff_client.post(reverse("matching:expert_create"), _payload(**changes))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert Expert.objects.count() == 0


def test_expert_create_page_unknown_tag_is_named_next_to_field(staff_client, staff):
    response = staff_client.post(reverse("matching:expert_create"), _payload(tags="양자요리학"))
    with translation.override(staff.language):
        expected = gettext(
            "“%(tag)s” is not a known tag. Choose a tag from the list of AI topics."
        ) % {"tag": "양자요리학"}
    assert response.context["form"].errors["tags"] == [expected]


@pytest.mark.parametrize(
    "changes",
    [{"tags": "양자요리학"}, {"capacity": "-3"}, {"profile_ko": "", "profile_en": " "}],
    ids=["unknown-tag", "negative-capacity", "empty-profile"],
)
def test_expert_edit_page_bad_input_changes_nothing(staff_client, changes):
    expert = expert_mila()
    response = staff_client.post(
        reverse("matching:expert_edit", args=[expert.pk]), _payload(**changes)
    )
    assert response.status_code == 200
    expert.refresh_from_db()
    assert (expert.name_en, expert.capacity, expert.tags) == ("Mila language lab", 2, ["nlp"])
    assert [e.action for e in history_for(expert)] == ["matching.expert.created"]


def test_expert_list_links_to_create_and_edit(staff_client):
    expert = expert_mila()
    content = staff_client.get(reverse("matching:experts")).content.decode()
    assert reverse("matching:expert_create") in content
    assert reverse("matching:expert_edit", args=[expert.pk]) in content


def test_expert_list_queries_at_one_and_three_experts(staff_client, django_assert_num_queries):
    url = reverse("matching:experts")
    expert_mila(partner=None)
    staff_client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert staff_client.get(url).status_code == 200
    expert_vision()
    expert_vision()
    with django_assert_num_queries(len(one)):
        assert staff_client.get(url).status_code == 200


# --- Mail on the match lifecycle -------------------------------------------------------------


def _approved(*, company, owner, staff, expert_user, run_tasks):
    expert_mila(user=expert_user)
    demand = korean_demand(company=company, actor=owner)
    (match,) = services.propose_matches(actor=staff, demands=[demand])[demand.pk]
    services.review_match(match=match, approve=True, actor=staff)
    run_tasks()
    return match


def test_review_match_approved_mails_members_and_expert_in_their_language(
    company, owner, staff, make_user, run_tasks
):
    match = _approved(
        company=company,
        owner=owner,
        staff=staff,
        expert_user=researcher(make_user),
        run_tasks=run_tasks,
    )
    assert sorted(address for m in mail.outbox for address in m.to) == sorted(
        [owner.email, "lab@mila.example"]
    )
    english = next(m for m in mail.outbox if m.to == ["lab@mila.example"])
    assert english.subject == f"Match approved: {match.demand.title}"
    assert "Mila language lab" in english.body


@pytest.mark.parametrize(
    ("accept", "subject"),
    [(True, "The expert accepted"), (False, "The expert declined")],
    ids=["accepted", "declined"],
)
def test_respond_to_match_mails_both_sides(
    company, owner, staff, make_user, run_tasks, accept, subject
):
    expert_user = researcher(make_user)
    match = _approved(
        company=company, owner=owner, staff=staff, expert_user=expert_user, run_tasks=run_tasks
    )
    mail.outbox.clear()
    services.respond_to_match(match=match, accept=accept, actor=expert_user)
    run_tasks()
    assert len(mail.outbox) == 2
    english = next(m for m in mail.outbox if m.to == ["lab@mila.example"])
    assert english.subject.startswith(subject)


def test_close_match_solved_mails_both_sides_and_not_solved_does_not(
    company, owner, staff, make_user, run_tasks
):
    expert_user = researcher(make_user)
    match = _approved(
        company=company, owner=owner, staff=staff, expert_user=expert_user, run_tasks=run_tasks
    )
    services.respond_to_match(match=match, accept=True, actor=expert_user)
    services.record_meeting(match=match, actor=owner)
    run_tasks()
    mail.outbox.clear()
    services.close_match(match=match, solved=True, outcome_note="챗봇 출시", actor=owner)
    run_tasks()
    assert sorted(address for m in mail.outbox for address in m.to) == sorted(
        [owner.email, "lab@mila.example"]
    )
    english = next(m for m in mail.outbox if m.to == ["lab@mila.example"])
    assert english.subject.startswith("Problem solved")
    assert "챗봇 출시" in english.body


def test_match_mail_is_not_sent_when_the_transaction_rolls_back(
    company, owner, staff, make_user, run_tasks
):
    from django.db import transaction

    from aihub.outbox.models import Mail

    expert_mila(user=researcher(make_user))
    demand = korean_demand(company=company, actor=owner)
    (match,) = services.propose_matches(actor=staff, demands=[demand])[demand.pk]

    def approve_then_fail() -> None:
        with transaction.atomic():
            services.review_match(match=match, approve=True, actor=staff)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        approve_then_fail()
    run_tasks()
    assert not Mail.objects.exists()
    assert mail.outbox == []
