"""Judging writes: assigning judges (by hand or balanced), declared conflicts, scores."""

import heapq
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from aihub.accounts.enums import Role
from aihub.accounts.models import User
from aihub.calls.conflicts import automatic_conflict_filter, has_automatic_conflict
from aihub.calls.enums import ApplicationStatus
from aihub.calls.models import Application, Assignment, Criterion, Recusal, Score, Stage
from aihub.calls.ranking import sheet_total
from aihub.core.errors import Conflict, ValidationFailed


def _open_stage(stage: Stage) -> Stage:
    stage = Stage.objects.select_for_update().select_related("call").get(pk=stage.pk)
    if stage.is_closed:
        raise Conflict(_("This stage is finalised; its judging is closed."), code="stage_closed")
    return stage


def _stage_data(stage: Stage) -> dict[str, str]:
    return {"stage": stage.name_ko, "stage_en": stage.name_en}


def _check_assignable(stage: Stage, application: Application, judge: User) -> None:
    if application.call_id != stage.call_id or application.stage_id != stage.pk:
        raise ValidationFailed(_("This application is not at this stage."), field="application")
    if application.status != ApplicationStatus.SUBMITTED:
        raise Conflict(_("Only submitted applications under review get judges."))
    if Role.JUDGE not in judge.role_set:
        raise ValidationFailed(_("This person does not hold the judge role."), field="judge")
    if has_automatic_conflict(judge, application.company):
        raise Conflict(
            _(
                "%(judge)s has a conflict of interest with this applicant (same company or "
                "the same mail domain) and cannot judge it."
            )
            % {"judge": judge.full_name},
            field="judge",
            code="conflict_of_interest",
        )
    if Recusal.objects.filter(application=application, judge=judge).exists():
        raise Conflict(
            _("%(judge)s declared a conflict with this application.") % {"judge": judge.full_name},
            field="judge",
            code="conflict_declared",
        )


@transaction.atomic
def assign_judge(
    *, stage: Stage, application: Application, judge: User, actor: User | None
) -> Assignment:
    """Assign a judge by hand; refused for conflicted judges and closed stages."""
    stage = _open_stage(stage)
    _check_assignable(stage, application, judge)
    assignment, created = Assignment.objects.get_or_create(
        stage=stage, application=application, judge=judge
    )
    if not created:
        raise Conflict(_("This judge is already assigned to the application."), field="judge")
    application.log_action(
        "calls.application.judge_assigned",
        actor=actor,
        data={"judge": judge.full_name, **_stage_data(stage)},
    )
    return assignment


@transaction.atomic
def unassign_judge(*, assignment: Assignment, actor: User | None) -> None:
    """Remove an assignment that has no scores yet."""
    _open_stage(assignment.stage)
    if assignment.scores.exists():
        raise Conflict(_("This judge has already scored the application."))
    data = {"judge": assignment.judge.full_name, **_stage_data(assignment.stage)}
    application = assignment.application
    assignment.delete()
    application.log_action("calls.application.judge_unassigned", actor=actor, data=data)


@dataclass
class Balance:
    created: int = 0
    short: list[int] = field(default_factory=list)
    """Applications that could not get enough judges free of conflicts."""


@transaction.atomic
def balance_judges(
    *, stage: Stage, actor: User | None, per_application: int | None = None
) -> Balance:
    """Give every application at the stage ``per_application`` judges, keeping loads even.

    Existing assignments stay. Applications are served in submission order; each takes the
    eligible judges with the lightest load at this stage (ties by account id), so loads never
    differ by more than one among judges free to take the same applications. Conflicted judges
    (member, shared mail domain, declared conflict) are never chosen.
    """
    stage = _open_stage(stage)
    wanted = per_application or stage.judges_per_application
    judges = list(
        User.objects.filter(role_assignments__role=Role.JUDGE, is_active=True).order_by("id")
    )
    loads = dict.fromkeys((j.pk for j in judges), 0)
    for judge_id, count in (
        Assignment.objects.filter(stage=stage)
        .values_list("judge_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        loads[judge_id] = count
    applications = list(
        Application.objects.filter(stage=stage, status=ApplicationStatus.SUBMITTED)
        .select_related("company")
        .order_by("submitted_at", "id")
    )
    current: dict[int, set[int]] = {a.pk: set() for a in applications}
    for application_id, judge_id in Assignment.objects.filter(stage=stage).values_list(
        "application_id", "judge_id"
    ):
        current.setdefault(application_id, set()).add(judge_id)
    blocked: dict[int, set[int]] = {a.pk: set() for a in applications}
    for application_id, judge_id in Recusal.objects.filter(
        application__in=applications
    ).values_list("application_id", "judge_id"):
        blocked[application_id].add(judge_id)
    for judge in judges:
        conflicted = Application.objects.filter(pk__in=[a.pk for a in applications]).filter(
            automatic_conflict_filter(judge, "company")
        )
        for application_id in conflicted.values_list("pk", flat=True):
            blocked[application_id].add(judge.pk)
    result = Balance()
    new = []
    for application in applications:
        missing = wanted - len(current[application.pk])
        if missing <= 0:
            continue
        free = [
            (loads[j.pk], j.pk)
            for j in judges
            if j.pk not in current[application.pk] and j.pk not in blocked[application.pk]
        ]
        chosen = heapq.nsmallest(missing, free)
        if len(chosen) < missing:
            result.short.append(application.pk)
        for _load, judge_id in chosen:
            loads[judge_id] += 1
            current[application.pk].add(judge_id)
            new.append(
                Assignment(stage=stage, application=application, judge_id=judge_id, automatic=True)
            )
    Assignment.objects.bulk_create(new)
    names = {j.pk: j.full_name for j in judges}
    for assignment in new:
        assignment.application.log_action(
            "calls.application.judge_assigned",
            actor=actor,
            data={"judge": names[assignment.judge_id], **_stage_data(stage)},
        )
    result.created = len(new)
    return result


@transaction.atomic
def recuse(*, assignment: Assignment, reason: str, actor: User) -> Recusal:
    """The judge declares a conflict on the application and leaves it.

    Their assignments to it in open stages are removed with their scores; the declaration
    keeps them from being assigned again.
    """
    if not reason.strip():
        raise ValidationFailed(_("Give the reason for the conflict."), field="reason")
    application = assignment.application
    judge = assignment.judge
    recusal, _created = Recusal.objects.get_or_create(
        application=application, judge=judge, defaults={"reason": reason.strip()}
    )
    Assignment.objects.filter(
        application=application, judge=judge, stage__closed_at__isnull=True
    ).delete()
    application.log_action(
        "calls.application.judge_recused",
        actor=actor,
        data={"judge": judge.full_name, "reason": reason.strip()},
    )
    return recusal


@transaction.atomic
def set_scores(*, assignment: Assignment, scores: list[dict[str, Any]], actor: User) -> list[Score]:
    """Save a judge's scores and comments: ``[{"criterion": id, "value": n, "comment": ""}]``.

    Every value is checked against its criterion's range before anything is written; a
    score can change until the stage is finalised, and each change is logged with the old
    and the new value. The assignment's kept total and tie-break score are updated in the
    same transaction (null while a criterion is still unscored).
    """
    _open_stage(assignment.stage)
    application = Application.objects.select_for_update().get(pk=assignment.application_id)
    if application.status != ApplicationStatus.SUBMITTED:
        raise Conflict(_("This application is no longer under review."))
    criteria = {c.pk: c for c in Criterion.objects.filter(stage_id=assignment.stage_id)}
    errors: dict[str, list[str]] = {}
    cleaned = []
    for entry in scores:
        criterion = criteria.get(entry.get("criterion"))
        if criterion is None:
            raise ValidationFailed(_("This criterion is not in the stage's rubric."))
        key = f"score_{criterion.pk}"
        value = entry.get("value")
        if value is None or value == "":
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            errors[key] = [_("Enter a whole number.")]
        elif not criterion.min_score <= value <= criterion.max_score:
            errors[key] = [
                _("Enter a score from %(min)d to %(max)d.")
                % {"min": criterion.min_score, "max": criterion.max_score}
            ]
        else:
            cleaned.append((criterion, value, str(entry.get("comment") or "").strip()[:2000]))
    if errors:
        raise ValidationFailed(errors=errors)
    existing = {s.criterion_id: s for s in assignment.scores.all()}
    saved = []
    for criterion, value, comment in cleaned:
        score = existing.get(criterion.pk)
        old = score.value if score else None
        if score is None:
            score = Score.objects.create(
                assignment=assignment, criterion=criterion, value=value, comment=comment
            )
        elif (score.value, score.comment) != (value, comment):
            score.value, score.comment = value, comment
            score.save(update_fields=["value", "comment", "updated_at"])
        else:
            saved.append(score)
            continue
        saved.append(score)
        application.log_action(
            "calls.application.score_set",
            actor=actor,
            data={
                "judge": assignment.judge.full_name,
                "criterion": criterion.name_ko,
                "criterion_en": criterion.name_en,
                "old": old,
                "new": value,
                "comment": comment,
                "stage": assignment.stage.name_ko,
                "stage_en": assignment.stage.name_en,
            },
        )
    values = {criterion_id: score.value for criterion_id, score in existing.items()}
    values.update({criterion.pk: value for criterion, value, _comment in cleaned})
    total, tie_value = sheet_total(list(criteria.values()), values)
    assignment.total, assignment.tie_value = total, tie_value
    Assignment.objects.filter(pk=assignment.pk).update(total=total, tie_value=tie_value)
    return saved
