"""Staff edit a call before anyone has submitted, and a stage or its rubric before any score.

Every change is refused once it could alter what applicants submitted against or what judges
scored: a call with a submitted application keeps its texts, times, rules and form; a stage
with a score (or finalised) keeps its settings and criteria.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from aihub.accounts.models import User
from aihub.calls import eligibility, formschema
from aihub.calls.models import Application, Call, Criterion, Score, Stage
from aihub.calls.services.setup import _check_call
from aihub.core.errors import Conflict, ValidationFailed
from aihub.spaces.models import Facility


def check_call_editable(call: Call) -> None:
    """``Conflict`` when the call can no longer be edited: results out or a submission."""
    if call.decided_at is not None:
        raise Conflict(_("The results of this call are already announced."), code="decided")
    if Application.objects.filter(call=call, submitted_at__isnull=False).exists():
        raise Conflict(
            _("Applications have been submitted to this call; it can no longer be edited."),
            code="call_has_submissions",
        )


def check_stage_editable(stage: Stage) -> None:
    """``Conflict`` when the stage is finalised or a judge has scored at it."""
    if stage.is_closed:
        raise Conflict(_("This stage is finalised."), code="stage_closed")
    if Score.objects.filter(assignment__stage=stage).exists():
        raise Conflict(
            _("Judges have started scoring; the stage and its rubric can no longer change."),
            code="stage_scored",
        )


def _check_names(name_ko: str, name_en: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not name_ko.strip():
        errors["name_ko"] = [_("Enter the Korean name.")]
    if not name_en.strip():
        errors["name_en"] = [_("Enter the English name.")]
    return errors


@transaction.atomic
def update_call(
    *,
    call: Call,
    kind: str,
    title_ko: str,
    title_en: str,
    places: int,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    text_ko: str = "",
    text_en: str = "",
    facility: Facility | None = None,
    membership_starts_on: datetime.date | None = None,
    membership_ends_on: datetime.date | None = None,
    eligibility_rules: dict[str, Any] | None = None,
    form_schema: list[dict[str, Any]] | None = None,
    tie_break: str,
    actor: User | None,
) -> Call:
    """Replace the call's texts, places, times, rules, documents and form fields.

    Refused (``Conflict``) once an application is submitted or the results are out; the same
    checks as ``create_call`` otherwise (``ValidationFailed`` per field). Drafts already
    started keep their answers; answers to removed fields are ignored on submission. The
    audit entry names the fields that changed.
    """
    call = Call.objects.select_for_update().get(pk=call.pk)
    check_call_editable(call)
    _check_call(
        kind=kind,
        title_ko=title_ko,
        title_en=title_en,
        places=places,
        opens_at=opens_at,
        closes_at=closes_at,
        facility=facility,
        membership_starts_on=membership_starts_on,
        membership_ends_on=membership_ends_on,
        tie_break=tie_break,
    )
    values = {
        "kind": kind,
        "title_ko": title_ko.strip(),
        "title_en": title_en.strip(),
        "text_ko": text_ko,
        "text_en": text_en,
        "places": places,
        "opens_at": opens_at,
        "closes_at": closes_at,
        "facility": facility,
        "membership_starts_on": membership_starts_on,
        "membership_ends_on": membership_ends_on,
        "eligibility": eligibility.check_rules(eligibility_rules or {}),
        "form_schema": formschema.check_schema(form_schema or []),
        "tie_break": tie_break,
    }
    changed = sorted(name for name, value in values.items() if getattr(call, name) != value)
    if not changed:
        return call
    for name in changed:
        setattr(call, name, values[name])
    call.save()
    call.log_action("calls.call.updated", actor=actor, data={"fields": ", ".join(changed)})
    return call


@transaction.atomic
def update_stage(
    *,
    stage: Stage,
    name_ko: str,
    name_en: str,
    blind: bool = False,
    normalise: bool = False,
    cutoff: Decimal | None = None,
    judges_per_application: int = 2,
    actor: User | None,
) -> Stage:
    """Change a stage's names, blind review, normalisation, cut-off and judges per application.

    Refused once the stage is finalised or any judge has scored at it.
    """
    stage = Stage.objects.select_for_update().select_related("call").get(pk=stage.pk)
    check_stage_editable(stage)
    errors = _check_names(name_ko, name_en)
    if cutoff is not None and not 0 <= cutoff <= 100:
        errors["cutoff"] = [_("The cut-off is between 0 and 100 points.")]
    if not isinstance(judges_per_application, int) or not 1 <= judges_per_application <= 20:
        errors["judges_per_application"] = [_("Between 1 and 20 judges per application.")]
    if errors:
        raise ValidationFailed(errors=errors)
    stage.name_ko = name_ko.strip()
    stage.name_en = name_en.strip()
    stage.blind = blind
    stage.normalise = normalise
    stage.cutoff = cutoff
    stage.judges_per_application = judges_per_application
    stage.save()
    stage.call.log_action(
        "calls.call.stage_updated",
        actor=actor,
        data={"stage": stage.name_ko, "stage_en": stage.name_en},
    )
    return stage


@transaction.atomic
def delete_stage(*, stage: Stage, actor: User | None) -> None:
    """Delete a stage with its criteria, judge assignments and decisions; later stages move up.

    Refused once it is scored or finalised, and while applications are under review at it
    (they were submitted into it).
    """
    call = Call.objects.select_for_update().get(pk=stage.call_id)
    stage = Stage.objects.select_for_update().get(pk=stage.pk)
    check_stage_editable(stage)
    if Application.objects.filter(stage=stage).exists():
        raise Conflict(
            _("Applications are under review at this stage; it can no longer be deleted."),
            code="stage_in_use",
        )
    names = {"stage": stage.name_ko, "stage_en": stage.name_en}
    order = stage.order
    stage.delete()
    for later in call.stages.filter(order__gt=order).order_by("order"):
        later.order -= 1
        later.save(update_fields=["order"])
    call.log_action("calls.call.stage_deleted", actor=actor, data=names)


def _criterion_names(criterion: Criterion) -> dict[str, str]:
    return {
        "criterion": criterion.name_ko,
        "criterion_en": criterion.name_en,
        "stage": criterion.stage.name_ko,
        "stage_en": criterion.stage.name_en,
    }


def _locked_criterion(criterion: Criterion) -> Criterion:
    Stage.objects.select_for_update().get(pk=criterion.stage_id)
    criterion = Criterion.objects.select_related("stage__call").get(pk=criterion.pk)
    check_stage_editable(criterion.stage)
    return criterion


@transaction.atomic
def update_criterion(
    *,
    criterion: Criterion,
    name_ko: str,
    name_en: str,
    weight: int,
    min_score: int = 0,
    max_score: int = 10,
    actor: User | None,
) -> Criterion:
    """Change a rubric line's names, weight and score range; refused once the stage is scored
    or finalised."""
    criterion = _locked_criterion(criterion)
    errors = _check_names(name_ko, name_en)
    if not isinstance(weight, int) or weight < 1:
        errors["weight"] = [_("The weight is a whole number of 1 or more.")]
    if min_score >= max_score:
        errors["max_score"] = [_("The highest score must be above the lowest.")]
    if errors:
        raise ValidationFailed(errors=errors)
    criterion.name_ko = name_ko.strip()
    criterion.name_en = name_en.strip()
    criterion.weight = weight
    criterion.min_score = min_score
    criterion.max_score = max_score
    criterion.save()
    criterion.stage.call.log_action(
        "calls.call.criterion_updated", actor=actor, data=_criterion_names(criterion)
    )
    return criterion


@transaction.atomic
def delete_criterion(*, criterion: Criterion, actor: User | None) -> None:
    """Remove a rubric line; refused once the stage is scored or finalised. A published call
    keeps at least one criterion per stage."""
    criterion = _locked_criterion(criterion)
    stage = criterion.stage
    if stage.call.published_at is not None and stage.criteria.count() == 1:
        raise Conflict(
            _("A stage of a published call keeps at least one criterion."), code="last_criterion"
        )
    names = _criterion_names(criterion)
    criterion.delete()
    stage.call.log_action("calls.call.criterion_deleted", actor=actor, data=names)
