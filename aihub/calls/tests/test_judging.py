"""Judging: assignments, conflicts, balancing, recusal, scores, decisions, selection."""

import pytest
from django.core import mail

from aihub.accounts.enums import Role
from aihub.accounts.services import grant_role
from aihub.calls import services
from aihub.calls.enums import ApplicationStatus, CallKind, Outcome
from aihub.calls.models import Assignment, Score
from aihub.calls.tests.conftest import after_close, score_all
from aihub.companies.enums import MemberRole, MembershipKind
from aihub.companies.services import add_member
from aihub.core.audit import history_for
from aihub.core.errors import Conflict, ValidationFailed

pytestmark = pytest.mark.django_db


def test_assign_judge_member_of_applicant_refused(submitted, stage, applicant, staff):
    grant_role(user=applicant, role=Role.JUDGE, actor=None)
    with pytest.raises(Conflict) as caught:
        services.assign_judge(stage=stage, application=submitted, judge=applicant, actor=staff)
    assert caught.value.code == "conflict_of_interest"
    assert Assignment.objects.count() == 0


def test_assign_judge_same_mail_domain_refused(submitted, stage, make_user, staff):
    colleague = make_user("advisor@gamma.example", roles=(Role.JUDGE,))
    with pytest.raises(Conflict) as caught:
        services.assign_judge(stage=stage, application=submitted, judge=colleague, actor=staff)
    assert caught.value.code == "conflict_of_interest"


def test_assign_judge_public_mail_domain_not_a_conflict(submitted, stage, make_user, staff):
    add_member(
        company=submitted.company,
        user=make_user("cto@gmail.com"),
        role=MemberRole.MEMBER,
        actor=None,
    )
    judge = make_user("professor@gmail.com", roles=(Role.JUDGE,))
    assignment = services.assign_judge(stage=stage, application=submitted, judge=judge, actor=staff)
    assert assignment.judge == judge


def test_assign_judge_without_role_refused(submitted, stage, make_user, staff):
    with pytest.raises(ValidationFailed):
        services.assign_judge(
            stage=stage, application=submitted, judge=make_user("x@y.example"), actor=staff
        )


def test_balance_judges_even_loads_and_no_conflicts(
    submitted, make_submitted, stage, judges, make_user, staff
):
    make_submitted(3)
    conflicted = make_user("reviewer@gamma.example", roles=(Role.JUDGE,))
    result = services.balance_judges(stage=stage, actor=staff, per_application=2)
    assert result.created == 8
    assert result.short == []
    loads = sorted(
        Assignment.objects.filter(stage=stage, judge__in=[*judges, conflicted]).values_list(
            "judge_id", flat=True
        )
    )
    counts = sorted(loads.count(j) for j in {*loads})
    assert max(counts) - min(counts) <= 1
    assert not Assignment.objects.filter(application=submitted, judge=conflicted).exists()


def test_balance_judges_keeps_existing_and_reports_shortage(submitted, stage, judges, staff):
    services.assign_judge(stage=stage, application=submitted, judge=judges[0], actor=staff)
    result = services.balance_judges(stage=stage, actor=staff, per_application=5)
    assert result.created == 2
    assert result.short == [submitted.pk]


def test_recuse_removes_assignment_and_scores_and_blocks_reassignment(
    submitted, stage, judges, staff
):
    assignment = services.assign_judge(
        stage=stage, application=submitted, judge=judges[0], actor=staff
    )
    score_all(assignment, 5)
    services.recuse(assignment=assignment, reason="공동 연구 중", actor=judges[0])
    assert Assignment.objects.count() == 0
    assert Score.objects.count() == 0
    with pytest.raises(Conflict) as caught:
        services.assign_judge(stage=stage, application=submitted, judge=judges[0], actor=staff)
    assert caught.value.code == "conflict_declared"


def test_recuse_without_reason_refused(submitted, stage, judges, staff):
    assignment = services.assign_judge(
        stage=stage, application=submitted, judge=judges[0], actor=staff
    )
    with pytest.raises(ValidationFailed):
        services.recuse(assignment=assignment, reason=" ", actor=judges[0])


def test_set_scores_out_of_range_refused_and_nothing_saved(submitted, stage, judges, staff):
    assignment = services.assign_judge(
        stage=stage, application=submitted, judge=judges[0], actor=staff
    )
    first, second, _third = stage.criteria.all()
    with pytest.raises(ValidationFailed) as caught:
        services.set_scores(
            assignment=assignment,
            scores=[{"criterion": first.pk, "value": 7}, {"criterion": second.pk, "value": 11}],
            actor=judges[0],
        )
    assert list(caught.value.errors) == [f"score_{second.pk}"]
    assert Score.objects.count() == 0


def test_set_scores_changes_are_audited(submitted, stage, judges, staff):
    assignment = services.assign_judge(
        stage=stage, application=submitted, judge=judges[0], actor=staff
    )
    criterion = stage.criteria.first()
    for value in (6, 8, 8):
        services.set_scores(
            assignment=assignment,
            scores=[{"criterion": criterion.pk, "value": value, "comment": "좋음"}],
            actor=judges[0],
        )
    changes = [
        (e.data["old"], e.data["new"])
        for e in history_for(submitted).filter(action="calls.application.score_set")
    ]
    assert changes == [(6, 8), (None, 6)]


def test_set_scores_after_stage_closed_refused(submitted, stage, judges, staff):
    assignment = services.assign_judge(
        stage=stage, application=submitted, judge=judges[0], actor=staff
    )
    score_all(assignment, 8)
    services.decide(stage=stage, application=submitted, outcome=Outcome.ADVANCE, actor=staff)
    services.finalise_stage(stage=stage, actor=staff, now=after_close(stage.call))
    with pytest.raises(Conflict) as caught:
        score_all(assignment, 9)
    assert caught.value.code == "stage_closed"


def test_decide_waitlist_only_at_final_stage(call, submitted, staff):
    services.add_stage(call=call, name_ko="발표 심사", name_en="Pitch", actor=staff)
    first = call.stages.get(order=1)
    with pytest.raises(ValidationFailed):
        services.decide(stage=first, application=submitted, outcome=Outcome.WAITLIST, actor=staff)


def test_decide_selection_never_overruns_places(submitted, make_submitted, stage, staff):
    others = make_submitted(2)
    services.decide(stage=stage, application=submitted, outcome=Outcome.ADVANCE, actor=staff)
    services.decide(stage=stage, application=others[0], outcome=Outcome.ADVANCE, actor=staff)
    with pytest.raises(Conflict) as caught:
        services.decide(stage=stage, application=others[1], outcome=Outcome.ADVANCE, actor=staff)
    assert caught.value.code == "places_full"


def test_finalise_stage_undecided_refused(submitted, stage, staff):
    with pytest.raises(ValidationFailed) as caught:
        services.finalise_stage(stage=stage, actor=staff, now=after_close(stage.call))
    assert caught.value.code == "undecided"


def test_finalise_stage_while_call_open_refused(submitted, stage, staff):
    services.decide(stage=stage, application=submitted, outcome=Outcome.ADVANCE, actor=staff)
    with pytest.raises(Conflict):
        services.finalise_stage(stage=stage, actor=staff)


def test_finalise_two_stages_moves_advanced_on(call, submitted, make_submitted, staff):
    services.add_stage(call=call, name_ko="발표 심사", name_en="Pitch", actor=staff)
    first, second = call.stages.order_by("order")
    services.add_criterion(stage=second, name_ko="발표", name_en="Pitch", weight=1, actor=staff)
    other = make_submitted(1)[0]
    services.decide(stage=first, application=submitted, outcome=Outcome.ADVANCE, actor=staff)
    services.decide(stage=first, application=other, outcome=Outcome.REJECT, actor=staff)
    services.finalise_stage(stage=first, actor=staff, now=after_close(call))
    submitted.refresh_from_db()
    other.refresh_from_db()
    assert (submitted.status, submitted.stage) == (ApplicationStatus.SUBMITTED, second)
    assert other.status == ApplicationStatus.REJECTED
    call.refresh_from_db()
    assert call.decided_at is None


def test_finalise_final_stage_selects_with_membership_and_mails(
    submitted, make_submitted, stage, staff, django_capture_on_commit_callbacks, run_tasks
):
    waiting, rejected = make_submitted(2)
    services.decide(stage=stage, application=submitted, outcome=Outcome.ADVANCE, actor=staff)
    services.decide(stage=stage, application=waiting, outcome=Outcome.WAITLIST, actor=staff)
    services.decide(stage=stage, application=rejected, outcome=Outcome.REJECT, actor=staff)
    run_tasks()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.finalise_stage(stage=stage, actor=staff, now=after_close(stage.call))
    run_tasks()
    submitted.refresh_from_db()
    waiting.refresh_from_db()
    assert submitted.status == ApplicationStatus.SELECTED
    assert submitted.membership_period.kind == MembershipKind.MEMBERSHIP
    assert submitted.membership_period.starts_on == stage.call.membership_starts_on
    assert (waiting.status, waiting.waitlist_position) == (ApplicationStatus.WAITLISTED, 1)
    assert len(mail.outbox) == 3


def test_residency_selection_records_resident_period_at_facility(
    make_call, make_submitted, staff, facility
):
    call = make_call(kind=CallKind.RESIDENCY, eligibility_rules={})
    application = make_submitted(1, target=call)[0]
    stage = call.stages.get()
    services.decide(stage=stage, application=application, outcome=Outcome.ADVANCE, actor=staff)
    services.finalise_stage(stage=stage, actor=staff, now=after_close(call))
    application.refresh_from_db()
    assert application.membership_period.kind == MembershipKind.RESIDENT
    assert application.membership_period.facility == facility


def test_decline_selection_moves_waitlisted_up(submitted, make_submitted, stage, staff, applicant):
    call = stage.call
    call.places = 1
    call.save(update_fields=["places"])
    first, second = make_submitted(2)
    services.decide(stage=stage, application=submitted, outcome=Outcome.ADVANCE, actor=staff)
    services.decide(stage=stage, application=first, outcome=Outcome.WAITLIST, actor=staff)
    services.decide(stage=stage, application=second, outcome=Outcome.WAITLIST, actor=staff)
    services.finalise_stage(stage=stage, actor=staff, now=after_close(call))
    moved = services.decline_selection(application=submitted, actor=applicant)
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.DECLINED
    assert submitted.company.membership_periods.count() == 0
    assert moved.pk == first.pk
    moved.refresh_from_db()
    assert moved.status == ApplicationStatus.SELECTED
    assert moved.membership_period is not None
    assert call.applications.filter(status=ApplicationStatus.SELECTED).count() == 1


def test_decline_selection_of_rejected_refused(submitted, stage, staff, applicant):
    services.decide(stage=stage, application=submitted, outcome=Outcome.REJECT, actor=staff)
    services.finalise_stage(stage=stage, actor=staff, now=after_close(stage.call))
    with pytest.raises(Conflict):
        services.decline_selection(application=submitted, actor=applicant)
