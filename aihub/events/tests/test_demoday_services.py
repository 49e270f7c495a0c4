import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from aihub.core.errors import Conflict, ValidationFailed
from aihub.events import demoday
from aihub.events.enums import Decision, DemoDayStatus, Side
from aihub.events.models import DemoDayInvestor, Interest, Meeting, PairDecision

pytestmark = pytest.mark.django_db


def test_invite_investor_needs_the_investor_role(demo_day, make_user, staff):
    with pytest.raises(ValidationFailed):
        demoday.invite_investor(demo_day=demo_day, user=make_user(), actor=staff)
    assert DemoDayInvestor.objects.count() == 0


def test_invite_investor_twice_is_refused(demo_day, investor, staff):
    demoday.invite_investor(demo_day=demo_day, user=investor, actor=staff)
    with pytest.raises(Conflict):
        demoday.invite_investor(demo_day=demo_day, user=investor, actor=staff)


def test_set_participation_slot_outside_range(seats, staff):
    seat = seats[0][0]
    with pytest.raises(ValidationFailed) as error:
        demoday.set_participation(
            seat=seat, available=[0, 9], min_meetings=0, max_meetings=2, actor=staff
        )
    assert "available" in error.value.errors
    seat.refresh_from_db()
    assert seat.available == [0, 1, 2, 3]


def test_set_participation_negative_maximum(seats, staff):
    with pytest.raises(ValidationFailed) as error:
        demoday.set_participation(
            seat=seats[1][0], available=[0], min_meetings=0, max_meetings=-1, actor=staff
        )
    assert set(error.value.errors) == {"max_meetings"}


def test_mark_interest_score_outside_range(seats):
    (inv, _), (st, _) = seats
    with pytest.raises(ValidationFailed):
        demoday.mark_interest(investor=inv, startup=st, side=Side.INVESTOR, score=6, actor=None)
    assert Interest.objects.get(investor=inv, startup=st, side=Side.INVESTOR).score == 3


def test_run_scheduler_builds_a_draft_within_the_rules(seats, demo_day, staff):
    demoday.run_scheduler(demo_day=demo_day, actor=staff, time_limit=5)
    demo_day.refresh_from_db()
    assert demo_day.status == DemoDayStatus.DRAFT
    assert Meeting.objects.filter(demo_day=demo_day).count() == 4
    assert demo_day.objective == demo_day.upper_bound == 2 * 100 + 4 * 5


def test_no_thanks_blocks_the_pair(seats, demo_day, staff):
    (inv, _), (st, _) = seats
    demoday.mark_interest(investor=inv, startup=st, side=Side.STARTUP, no_thanks=True, actor=None)
    demoday.run_scheduler(demo_day=demo_day, actor=staff, time_limit=5)
    assert not Meeting.objects.filter(investor=inv, startup=st).exists()


def test_scheduler_without_startups_gives_a_clear_message(demo_day, investor, staff):
    demoday.invite_investor(demo_day=demo_day, user=investor, actor=staff)
    with pytest.raises(ValidationFailed):
        demoday.run_scheduler(demo_day=demo_day, actor=staff)


def test_pin_outside_slot_range_is_refused(seats, staff):
    (inv, _), (st, _) = seats
    with pytest.raises(ValidationFailed):
        demoday.decide_pair(investor=inv, startup=st, decision=Decision.PIN, slot=7, actor=staff)
    assert PairDecision.objects.count() == 0


def test_pin_and_forbid_are_respected(seats, demo_day, staff):
    (inv, other), (st, st2) = seats
    demoday.decide_pair(investor=inv, startup=st, decision=Decision.PIN, slot=3, actor=staff)
    demoday.decide_pair(investor=other, startup=st2, decision=Decision.FORBID, actor=staff)
    demoday.run_scheduler(demo_day=demo_day, actor=staff, time_limit=5)
    assert Meeting.objects.get(investor=inv, startup=st).slot == 3
    assert not Meeting.objects.filter(investor=other, startup=st2).exists()


def test_publish_needs_a_draft(demo_day, staff):
    with pytest.raises(Conflict):
        demoday.publish(demo_day=demo_day, actor=staff)


def test_withdraw_after_publication_replans_and_mails(
    seats, demo_day, staff, django_capture_on_commit_callbacks, run_tasks
):
    (inv, _other), (_st, _st2) = seats
    demoday.run_scheduler(demo_day=demo_day, actor=staff, time_limit=5)
    with django_capture_on_commit_callbacks(execute=True):
        demoday.publish(demo_day=demo_day, actor=staff)
    run_tasks()
    published = len(mail.outbox)
    kept = {
        (m.investor_id, m.startup_id): (m.slot, m.table)
        for m in Meeting.objects.exclude(investor=inv)
    }
    with django_capture_on_commit_callbacks(execute=True):
        plan = demoday.withdraw(seat=inv, actor=staff, time_limit=5)
    run_tasks()
    assert plan.moved_count == 0
    assert not Meeting.objects.filter(investor=inv).exists()
    after = {(m.investor_id, m.startup_id): (m.slot, m.table) for m in Meeting.objects.all()}
    assert after == kept
    assert {m.to[0] for m in mail.outbox[published:]} == {
        "owner@alpha.example",
        "owner@beta.example",
    }
    with pytest.raises(Conflict):
        demoday.withdraw(seat=inv, actor=staff)


def test_mail_goes_in_recipient_language(
    seats, demo_day, staff, django_capture_on_commit_callbacks, run_tasks
):
    demoday.run_scheduler(demo_day=demo_day, actor=staff, time_limit=5)
    with django_capture_on_commit_callbacks(execute=True):
        demoday.publish(demo_day=demo_day, actor=staff)
    run_tasks()
    english = next(m for m in mail.outbox if m.to == ["other-investor@vc.example"])
    assert english.subject == f"Your demo-day agenda: {demo_day.event.title_en}"
    assert "published" in english.body
    korean = next(m for m in mail.outbox if m.to == ["owner@alpha.example"])
    with translation.override("ko"):
        subject = gettext("Your demo-day agenda: %(event)s") % {"event": demo_day.event.title_ko}
        body_start = gettext("Your meeting agenda for %(title)s is published. Sign in to see it.")
    assert korean.subject == subject
    assert subject != f"Your demo-day agenda: {demo_day.event.title_ko}"
    assert korean.body.startswith(body_start.split("%(title)s")[0])
