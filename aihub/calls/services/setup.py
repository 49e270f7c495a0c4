"""Staff write calls: the announcement, its rules and form, stages and rubrics, publication."""

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aihub.accounts.models import User
from aihub.calls import eligibility, formschema
from aihub.calls.enums import MEMBERSHIP_KINDS, CallKind, TieBreak
from aihub.calls.models import Call, Criterion, Score, Stage
from aihub.core.errors import Conflict, ValidationFailed
from aihub.spaces.models import Facility


def _check_call(
    *,
    kind: str,
    title_ko: str,
    title_en: str,
    places: int,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    facility: Facility | None,
    membership_starts_on: datetime.date | None,
    membership_ends_on: datetime.date | None,
    tie_break: str,
) -> None:
    errors: dict[str, list[str]] = {}
    if kind not in CallKind.values:
        errors["kind"] = [_("Choose a kind of call from the list.")]
    if not title_ko.strip():
        errors["title_ko"] = [_("Enter the Korean title.")]
    if not title_en.strip():
        errors["title_en"] = [_("Enter the English title.")]
    if not isinstance(places, int) or places < 1:
        errors["places"] = [_("A call offers at least one place.")]
    if opens_at is None or closes_at is None or opens_at >= closes_at:
        errors["closes_at"] = [_("The call must close after it opens.")]
    if tie_break not in TieBreak.values:
        errors["tie_break"] = [_("Choose a tie-break from the list.")]
    membership_kind = MEMBERSHIP_KINDS.get(kind)
    if membership_kind == "resident" and facility is None:
        errors["facility"] = [_("A residency or growth-stage call names its facility.")]
    if membership_kind and membership_starts_on is None:
        errors["membership_starts_on"] = [
            _("Give the day the selected companies' membership starts.")
        ]
    if membership_starts_on and membership_ends_on and membership_ends_on < membership_starts_on:
        errors["membership_ends_on"] = [_("The membership ends before it starts.")]
    if errors:
        raise ValidationFailed(errors=errors)


@transaction.atomic
def create_call(
    *,
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
    tie_break: str = TieBreak.HEAVIEST_CRITERION,
    standard_rubric: bool = False,
    actor: User | None,
) -> Call:
    """A draft call; nothing is public until ``publish_call``.

    With ``standard_rubric`` it gets the standard document review: a blind stage with a
    cut-off of 60 points, two judges per application and three weighted criteria.

    Checks the titles, places, times, the facility and membership dates that a residency,
    membership or growth-stage call needs, the eligibility rules and the form's fields.
    """
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
    call = Call.objects.create(
        kind=kind,
        title_ko=title_ko.strip(),
        title_en=title_en.strip(),
        text_ko=text_ko,
        text_en=text_en,
        places=places,
        opens_at=opens_at,
        closes_at=closes_at,
        facility=facility,
        membership_starts_on=membership_starts_on,
        membership_ends_on=membership_ends_on,
        eligibility=eligibility.check_rules(eligibility_rules or {}),
        form_schema=formschema.check_schema(form_schema or []),
        tie_break=tie_break,
    )
    call.log_action("calls.call.created", actor=actor, data={"call_kind": kind})
    if standard_rubric:
        stage = add_stage(
            call=call,
            name_ko="서류 심사",
            name_en="Document review",
            blind=True,
            cutoff=Decimal(60),
            actor=actor,
        )
        for name_ko, name_en, weight in STANDARD_CRITERIA:
            add_criterion(stage=stage, name_ko=name_ko, name_en=name_en, weight=weight, actor=actor)
    return call


STANDARD_CRITERIA = (
    ("기술력", "Technology", 40),
    ("사업성", "Business potential", 40),
    ("팀 역량", "Team", 20),
)


@transaction.atomic
def add_stage(
    *,
    call: Call,
    name_ko: str,
    name_en: str,
    blind: bool = False,
    normalise: bool = False,
    cutoff: Decimal | None = None,
    judges_per_application: int = 2,
    actor: User | None,
) -> Stage:
    """Add an evaluation stage after the call's last one; refused once results are out."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.decided_at is not None:
        raise Conflict(_("The results of this call are already announced."))
    errors: dict[str, list[str]] = {}
    if not name_ko.strip():
        errors["name_ko"] = [_("Enter the Korean name.")]
    if not name_en.strip():
        errors["name_en"] = [_("Enter the English name.")]
    if cutoff is not None and not 0 <= cutoff <= 100:
        errors["cutoff"] = [_("The cut-off is between 0 and 100 points.")]
    if not 1 <= judges_per_application <= 20:
        errors["judges_per_application"] = [_("Between 1 and 20 judges per application.")]
    if errors:
        raise ValidationFailed(errors=errors)
    last = call.stages.order_by("-order").first()
    if last is not None and last.is_closed:
        raise Conflict(_("The last stage is already finalised; no stage can follow it."))
    stage = Stage.objects.create(
        call=call,
        order=(last.order + 1) if last else 1,
        name_ko=name_ko.strip(),
        name_en=name_en.strip(),
        blind=blind,
        normalise=normalise,
        cutoff=cutoff,
        judges_per_application=judges_per_application,
    )
    call.log_action(
        "calls.call.stage_added",
        actor=actor,
        data={"stage": stage.name_ko, "stage_en": stage.name_en},
    )
    return stage


@transaction.atomic
def add_criterion(
    *,
    stage: Stage,
    name_ko: str,
    name_en: str,
    weight: int,
    min_score: int = 0,
    max_score: int = 10,
    actor: User | None,
) -> Criterion:
    """Add a rubric line; refused once the stage has scores or is finalised."""
    stage = Stage.objects.select_for_update().select_related("call").get(pk=stage.pk)
    if stage.is_closed:
        raise Conflict(_("This stage is finalised."))
    if Score.objects.filter(assignment__stage=stage).exists():
        raise Conflict(_("Judges have started scoring; the rubric can no longer change."))
    errors: dict[str, list[str]] = {}
    if not name_ko.strip():
        errors["name_ko"] = [_("Enter the Korean name.")]
    if not name_en.strip():
        errors["name_en"] = [_("Enter the English name.")]
    if not isinstance(weight, int) or weight < 1:
        errors["weight"] = [_("The weight is a whole number of 1 or more.")]
    if min_score >= max_score:
        errors["max_score"] = [_("The highest score must be above the lowest.")]
    if errors:
        raise ValidationFailed(errors=errors)
    last = stage.criteria.order_by("-order").first()
    criterion = Criterion.objects.create(
        stage=stage,
        order=(last.order + 1) if last else 1,
        name_ko=name_ko.strip(),
        name_en=name_en.strip(),
        weight=weight,
        min_score=min_score,
        max_score=max_score,
    )
    stage.call.log_action(
        "calls.call.criterion_added",
        actor=actor,
        data={
            "criterion": criterion.name_ko,
            "criterion_en": criterion.name_en,
            "stage": stage.name_ko,
            "stage_en": stage.name_en,
        },
    )
    return criterion


@transaction.atomic
def publish_call(*, call: Call, actor: User | None, now: datetime.datetime | None = None) -> Call:
    """Make the call public. It needs a stage, and every stage a rubric, before it closes."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.published_at is not None:
        raise Conflict(_("This call is already published."))
    now = now or timezone.now()
    if call.closes_at <= now:
        raise ValidationFailed(_("The call's closing time has passed."), field="closes_at")
    stages = list(call.stages.prefetch_related("criteria"))
    if not stages or any(not stage.criteria.all() for stage in stages):
        raise ValidationFailed(
            _("Add at least one evaluation stage, each with a criterion, before publishing.")
        )
    call.published_at = now
    call.save(update_fields=["published_at", "updated_at"])
    call.log_action("calls.call.published", actor=actor)
    return call
