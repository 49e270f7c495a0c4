import pytest
from django.core import mail

from aihub.core.errors import Conflict, HubError, ValidationFailed
from aihub.core.models import AuditEntry
from aihub.matching import services
from aihub.matching.engine import MAX_TEXT_CHARS
from aihub.matching.enums import HelpKind, MatchStatus, SessionMode
from aihub.matching.errors import NoCandidates, TransitionRefused
from aihub.matching.models import Demand, Expert, Match, Session
from aihub.matching.tests.helpers import (
    accepted_match,
    expert_mila,
    expert_vision,
    korean_demand,
    next_office_slot,
    researcher,
)

pytestmark = pytest.mark.django_db


def _post(company, owner, **changes):
    fields = {
        "company": company,
        "actor": owner,
        "title": "문제",
        "description_ko": "자연어처리 문제입니다.",
        "help_kind": HelpKind.MENTOR,
    }
    return services.post_demand(**{**fields, **changes})


def test_post_demand_resolves_tags_to_concepts(company, owner):
    demand = _post(company, owner, tags=["LLM", "자연어 처리"])
    assert demand.tags == ["llm", "nlp"]
    assert AuditEntry.objects.filter(action="matching.demand.posted").count() == 1


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_post_demand_blank_description_is_refused(company, owner, text):
    with pytest.raises(ValidationFailed) as caught:
        _post(company, owner, description_ko=text, description_en=text)
    assert caught.value.code == "empty_text"
    assert Demand.objects.count() == 0


def test_post_demand_unknown_tag_names_the_tag(company, owner):
    with pytest.raises(ValidationFailed) as caught:
        _post(company, owner, tags=["quantum knitting"])
    assert "quantum knitting" in str(caught.value.message)
    assert caught.value.errors.keys() == {"tags"}
    assert Demand.objects.count() == 0


def test_post_demand_text_over_limit_is_refused(company, owner):
    with pytest.raises(ValidationFailed) as caught:
        _post(company, owner, description_en="a" * MAX_TEXT_CHARS + "a")
    assert caught.value.code == "text_too_long"
    assert Demand.objects.count() == 0


def test_create_expert_capacity_zero_is_ranked_but_never_assigned(company, owner, staff):
    expert_mila(capacity=0)
    demand = korean_demand(company=company, actor=owner)
    (match,) = services.propose_matches(actor=staff, demands=[demand])[demand.pk]
    assert match.assigned is False


def test_create_expert_negative_capacity_is_refused():
    with pytest.raises(ValidationFailed):
        expert_mila(capacity=-1)
    assert Expert.objects.count() == 0


def test_propose_matches_korean_demand_finds_english_only_lab_with_reasons(company, owner, staff):
    mila = expert_mila()
    expert_vision()
    demand = korean_demand(company=company, actor=owner)
    created = services.propose_matches(actor=staff, demands=[demand])[demand.pk]
    assert [m.expert_id for m in created][:1] == [mila.pk]
    top = created[0]
    assert top.assigned is True
    concepts = {c["id"] for c in top.reasons["concepts"]}
    assert {"llm", "nlp"} <= concepts | {c["id"] for c in top.reasons["tags"]}
    assert all(c["ko"] and c["en"] for c in top.reasons["concepts"])


def test_propose_matches_without_candidates_writes_nothing(company, owner, staff):
    expert_vision()
    demand = services.post_demand(
        company=company,
        actor=owner,
        title="세무",
        description_ko="법인세 신고 일정",
        help_kind=HelpKind.CONSULTANT,
    )
    with pytest.raises(NoCandidates):
        services.propose_matches(actor=staff, demands=[demand])
    assert Match.objects.count() == 0
    assert AuditEntry.objects.filter(action="matching.demand.proposed").count() == 0


def test_propose_matches_without_experts_is_refused(company, owner, staff):
    demand = korean_demand(company=company, actor=owner)
    with pytest.raises(NoCandidates):
        services.propose_matches(actor=staff, demands=[demand])


def test_propose_matches_rerun_keeps_reviewed_matches(company, owner, staff):
    expert_mila()
    demand = korean_demand(company=company, actor=owner)
    (match,) = services.propose_matches(actor=staff, demands=[demand])[demand.pk]
    services.review_match(match=match, approve=True, actor=staff)
    with pytest.raises(NoCandidates):
        services.propose_matches(actor=staff, demands=[demand])
    assert list(Match.objects.values_list("status", flat=True)) == [MatchStatus.APPROVED]


def test_lifecycle_accepted_to_solved_is_audited(company, owner, staff, make_user):
    user = researcher(make_user)
    _, _, match = accepted_match(company=company, owner=owner, staff=staff, expert_user=user)
    services.record_meeting(match=match, actor=owner)
    services.start_work(match=match, actor=user)
    match = services.close_match(match=match, solved=True, outcome_note="챗봇 출시", actor=owner)
    assert match.status == MatchStatus.SOLVED
    assert match.outcome_note == "챗봇 출시"
    statuses = AuditEntry.objects.filter(action="matching.match.status_changed").count()
    assert statuses == 5


def test_lifecycle_skipping_review_is_refused(company, owner, staff):
    expert_mila()
    demand = korean_demand(company=company, actor=owner)
    (match,) = services.propose_matches(actor=staff, demands=[demand])[demand.pk]
    with pytest.raises(TransitionRefused):
        services.respond_to_match(match=match, accept=True, actor=staff)
    match.refresh_from_db()
    assert match.status == MatchStatus.PROPOSED


def test_close_match_without_note_is_refused(company, owner, staff, make_user):
    _, _, match = accepted_match(
        company=company, owner=owner, staff=staff, expert_user=researcher(make_user)
    )
    with pytest.raises(ValidationFailed):
        services.close_match(match=match, solved=True, outcome_note="  ", actor=owner)


def test_book_session_mails_both_sides_in_their_language(
    company, owner, staff, make_user, django_capture_on_commit_callbacks, run_tasks
):
    _, _, match = accepted_match(
        company=company, owner=owner, staff=staff, expert_user=researcher(make_user)
    )
    run_tasks()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session = services.book_session(
            match=match,
            starts_at=next_office_slot(),
            minutes=60,
            mode=SessionMode.ONLINE,
            actor=owner,
        )
    run_tasks()
    assert session.minutes == 60
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([owner.email, "lab@mila.example"])
    english = next(m for m in mail.outbox if m.to == ["lab@mila.example"])
    assert english.subject.startswith("Session confirmed")


@pytest.mark.parametrize(("hour", "minutes"), [(8, 30), (10, 20), (10, 90), (17, 30)])
def test_book_session_outside_hours_or_length_is_refused(
    company, owner, staff, make_user, hour, minutes
):
    _, _, match = accepted_match(
        company=company, owner=owner, staff=staff, expert_user=researcher(make_user)
    )
    with pytest.raises(ValidationFailed):
        services.book_session(
            match=match,
            starts_at=next_office_slot(hour),
            minutes=minutes,
            mode=SessionMode.ONLINE,
            actor=owner,
        )
    assert Session.objects.count() == 0


def test_book_session_over_yearly_allowance_is_refused(company, owner, staff, make_user, settings):
    settings.AIHUB_CONSULTING_HOURS_PER_YEAR = 1
    _, _, match = accepted_match(
        company=company, owner=owner, staff=staff, expert_user=researcher(make_user)
    )
    slot = next_office_slot(10, days_ahead=1)
    services.book_session(
        match=match, starts_at=slot, minutes=60, mode=SessionMode.ONLINE, actor=owner
    )
    later = slot.replace(hour=14)
    if later.year != slot.year:  # pragma: no cover
        pytest.skip("the year changes between the two slots")
    with pytest.raises(services.QuotaExceeded):
        services.book_session(
            match=match, starts_at=later, minutes=30, mode=SessionMode.ONLINE, actor=owner
        )
    assert Session.objects.count() == 1


def test_book_session_before_acceptance_is_refused(company, owner, staff):
    expert_mila()
    demand = korean_demand(company=company, actor=owner)
    (match,) = services.propose_matches(actor=staff, demands=[demand])[demand.pk]
    with pytest.raises(Conflict):
        services.book_session(
            match=match,
            starts_at=next_office_slot(),
            minutes=30,
            mode=SessionMode.ONLINE,
            actor=owner,
        )


def test_book_session_expert_double_booking_is_refused(company, owner, staff, make_user):
    _, _, match = accepted_match(
        company=company, owner=owner, staff=staff, expert_user=researcher(make_user)
    )
    slot = next_office_slot()
    services.book_session(match=match, starts_at=slot, minutes=60, mode="online", actor=owner)
    with pytest.raises(HubError):
        services.book_session(match=match, starts_at=slot, minutes=30, mode="online", actor=owner)
    assert Session.objects.count() == 1


def test_save_session_notes_replaces_notes(company, owner, staff, make_user):
    _, _, match = accepted_match(
        company=company, owner=owner, staff=staff, expert_user=researcher(make_user)
    )
    session = services.book_session(
        match=match, starts_at=next_office_slot(), minutes=30, mode="online", actor=owner
    )
    session = services.save_session_notes(session=session, notes=" 다음 단계 ", actor=owner)
    assert session.notes == "다음 단계"
