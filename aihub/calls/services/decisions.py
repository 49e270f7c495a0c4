"""Staff decide: advance, waitlist or reject at a stage; finalise it; select and move up."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aihub.accounts.models import User
from aihub.calls.enums import MEMBERSHIP_KINDS, ApplicationStatus, Outcome
from aihub.calls.models import Application, Call, Decision, Stage
from aihub.calls.ranking import rank_stage
from aihub.calls.services.status import set_application_status
from aihub.companies import services as company_services
from aihub.companies.enums import MembershipKind
from aihub.core.errors import Conflict, ValidationFailed


def _is_final(stage: Stage) -> bool:
    return not stage.call.stages.filter(order__gt=stage.order).exists()


def _selected_count(call: Call) -> int:
    return call.applications.filter(status=ApplicationStatus.SELECTED).count()


@transaction.atomic
def decide(*, stage: Stage, application: Application, outcome: str, actor: User | None) -> Decision:
    """Record staff's decision for an application at an open stage (applied on finalising).

    Waitlisting is for the final stage only. Selections at the final stage never exceed the
    call's places.
    """
    stage = Stage.objects.select_for_update().select_related("call").get(pk=stage.pk)
    if stage.is_closed:
        raise Conflict(_("This stage is finalised; its judging is closed."), code="stage_closed")
    if outcome not in Outcome.values:
        raise ValidationFailed(_("Choose advance, waitlist or reject."), field="outcome")
    if application.stage_id != stage.pk or application.status != ApplicationStatus.SUBMITTED:
        raise ValidationFailed(_("This application is not under review at this stage."))
    final = _is_final(stage)
    if outcome == Outcome.WAITLIST and not final:
        raise ValidationFailed(
            _("Only the final stage has a waiting list; advance or reject here."), field="outcome"
        )
    if outcome == Outcome.ADVANCE and final:
        chosen = (
            stage.decisions.filter(outcome=Outcome.ADVANCE).exclude(application=application).count()
        )
        if chosen + _selected_count(stage.call) >= stage.call.places:
            raise Conflict(
                _("All %(places)d places are taken; waitlist or reject instead.")
                % {"places": stage.call.places},
                code="places_full",
            )
    decision, _created = Decision.objects.update_or_create(
        stage=stage,
        application=application,
        defaults={"outcome": outcome, "decided_by": actor, "decided_at": timezone.now()},
    )
    application.log_action(
        "calls.application.decision_set",
        actor=actor,
        data={"outcome": outcome, "stage": stage.name_ko, "stage_en": stage.name_en},
    )
    return decision


def _set_status(application: Application, status: str, actor: User | None, **extra: object) -> None:
    application.decided_at = timezone.now()
    for name, value in extra.items():
        setattr(application, name, value)
    set_application_status(
        application=application,
        to=status,
        actor=actor,
        fields=("decided_at", *extra),
    )


def _select(application: Application, actor: User | None) -> None:
    """Mark selected and, for residency, membership and growth-stage calls, record the
    company's membership period."""
    call = application.call
    kind = MEMBERSHIP_KINDS.get(call.kind)
    period = None
    if kind:
        period = company_services.record_membership(
            company=application.company,
            kind=MembershipKind(kind),
            starts_on=call.membership_starts_on or timezone.localdate(),
            ends_on=call.membership_ends_on,
            facility=call.facility if kind == MembershipKind.RESIDENT else None,
            actor=actor,
        )
    _set_status(
        application,
        ApplicationStatus.SELECTED,
        actor,
        membership_period=period,
        waitlist_position=None,
    )


@transaction.atomic
def finalise_stage(
    *, stage: Stage, actor: User | None, now: datetime.datetime | None = None
) -> Stage:
    """Close the stage and apply every decision; scores can no longer change.

    Every application under review at the stage needs a decision, earlier stages must be
    finalised and the call closed. Advanced applications move to the next stage; at the final
    stage they are selected (with their membership), waitlisted ones keep their rank order
    as waiting-list positions, and the call's results are announced. Applicants are mailed.
    """
    now = now or timezone.now()
    call = Call.objects.select_for_update().get(pk=stage.call_id)
    stage = Stage.objects.select_for_update().select_related("call").get(pk=stage.pk)
    if stage.is_closed:
        raise Conflict(_("This stage is already finalised."), code="stage_closed")
    if now < call.closes_at:
        raise Conflict(_("The call is still open; judging closes after the deadline."))
    if call.stages.filter(order__lt=stage.order, closed_at__isnull=True).exists():
        raise Conflict(_("Finalise the earlier stages first."))
    under_review = list(
        Application.objects.filter(stage=stage, status=ApplicationStatus.SUBMITTED)
        .select_related("call", "company")
        .order_by("submitted_at", "id")
    )
    decisions = {d.application_id: d.outcome for d in stage.decisions.all()}
    undecided = [a for a in under_review if a.pk not in decisions]
    if undecided:
        raise ValidationFailed(
            _("%(count)d applications still need a decision.") % {"count": len(undecided)},
            code="undecided",
        )
    final = not call.stages.filter(order__gt=stage.order).exists()
    next_stage = None if final else call.stages.filter(order__gt=stage.order).order_by("order")[0]
    selected = [a for a in under_review if decisions[a.pk] == Outcome.ADVANCE]
    if final and len(selected) + _selected_count(call) > call.places:
        raise Conflict(_("More applications are selected than there are places."))
    order = {
        row.application_id: row.rank
        for row in rank_stage(stage, {a.pk: a.submitted_at for a in under_review})
    }
    waitlist = sorted(
        (a for a in under_review if decisions[a.pk] == Outcome.WAITLIST), key=lambda a: order[a.pk]
    )
    position = (
        call.applications.filter(waitlist_position__isnull=False)
        .order_by("-waitlist_position")
        .values_list("waitlist_position", flat=True)
        .first()
        or 0
    )
    for application in under_review:
        outcome = decisions[application.pk]
        if outcome == Outcome.REJECT:
            _set_status(application, ApplicationStatus.REJECTED, actor)
        elif outcome == Outcome.ADVANCE and not final:
            application.stage = next_stage
            application.save(update_fields=["stage", "updated_at"])
        elif outcome == Outcome.ADVANCE:
            _select(application, actor)
    for application in waitlist:
        position += 1
        _set_status(application, ApplicationStatus.WAITLISTED, actor, waitlist_position=position)
    stage.closed_at = now
    stage.save(update_fields=["closed_at"])
    call.log_action(
        "calls.stage.finalised",
        actor=actor,
        data={"stage": stage.name_ko, "stage_en": stage.name_en},
    )
    if final:
        call.decided_at = now
        call.save(update_fields=["decided_at", "updated_at"])
        call.log_action("calls.call.decided", actor=actor)
    return stage


@transaction.atomic
def decline_selection(*, application: Application, actor: User | None) -> Application | None:
    """The selected company declines; its membership is withdrawn and the first on the
    waiting list moves up. Returns the application that moved up, if any.

    A membership that has not started yet is removed; one already running ends today.
    """
    call = Call.objects.select_for_update().get(pk=application.call_id)
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("membership_period", "company")
        .get(pk=application.pk)
    )
    if application.status != ApplicationStatus.SELECTED:
        raise Conflict(_("Only a selected application can be declined."), code="not_selected")
    period = application.membership_period
    if period is not None:
        today = timezone.localdate()
        if period.starts_on > today:
            starts_on = period.starts_on.isoformat()
            period.delete()
            application.company.log_action(
                "calls.membership.cancelled", actor=actor, data={"starts_on": starts_on}
            )
        elif period.ends_on is None or period.ends_on > today:
            company_services.end_membership(period=period, ends_on=today, actor=actor)
    application.membership_period = None
    set_application_status(
        application=application,
        to=ApplicationStatus.DECLINED,
        actor=actor,
        fields=("membership_period",),
    )
    following = (
        Application.objects.select_for_update()
        .select_related("call", "company")
        .filter(call=call, status=ApplicationStatus.WAITLISTED)
        .order_by("waitlist_position", "id")
        .first()
    )
    if following is None or _selected_count(call) >= call.places:
        return None
    following.log_action("calls.application.moved_up", actor=actor)
    _select(following, actor)
    return following
