"""Reads of the calls app. Applications start from the companies gate; a judge's reads start
from their own assignments with conflicted applications left out."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from aihub.accounts.models import User
from aihub.calls.conflicts import automatic_conflict_filter
from aihub.calls.enums import ApplicationStatus
from aihub.calls.models import (
    Application,
    Assignment,
    Call,
    Criterion,
    Decision,
    Document,
    Recusal,
    Score,
    Stage,
)
from aihub.companies.models import MembershipPeriod
from aihub.companies.queries import companies_for_user
from aihub.core.errors import NotFound


@dataclass(frozen=True)
class PublicCalls:
    open: list[Call]
    upcoming: list[Call]
    closed: list[Call]


def public_calls(*, now: datetime.datetime | None = None) -> PublicCalls:
    """Published calls split into open (closing soonest first), upcoming and closed."""
    now = now or timezone.now()
    calls = list(Call.objects.filter(published_at__isnull=False).order_by("closes_at", "id"))
    return PublicCalls(
        open=[c for c in calls if c.opens_at <= now < c.closes_at and c.decided_at is None],
        upcoming=sorted((c for c in calls if now < c.opens_at), key=lambda c: c.opens_at),
        closed=sorted(
            (c for c in calls if c.closes_at <= now or c.decided_at is not None),
            key=lambda c: c.closes_at,
            reverse=True,
        ),
    )


def public_call(*, pk: int) -> Call:
    call = (
        Call.objects.filter(published_at__isnull=False, pk=pk)
        .select_related("facility")
        .prefetch_related("stages")
        .first()
    )
    if call is None:
        raise NotFound()
    return call


def calls_for_staff() -> QuerySet[Call]:
    """Every call with its number of applications and of submitted ones."""
    return Call.objects.annotate(
        applications_count=Count("applications", distinct=True),
        submitted_count=Count(
            "applications",
            filter=Q(applications__submitted_at__isnull=False),
            distinct=True,
        ),
    ).order_by("-opens_at", "-id")


def call_for_staff(*, pk: int) -> Call:
    call = (
        Call.objects.filter(pk=pk)
        .select_related("facility")
        .prefetch_related(
            Prefetch(
                "stages", queryset=Stage.objects.prefetch_related("criteria").order_by("order")
            )
        )
        .first()
    )
    if call is None:
        raise NotFound()
    return call


def applications_for_user(*, user: User) -> QuerySet[Application]:
    """Applications of the companies the user may see (the companies gate)."""
    return Application.objects.filter(company__in=companies_for_user(user=user)).select_related(
        "call", "company", "stage", "applicant"
    )


def application_for_user(*, user: User, company_pk: int, pk: int) -> Application:
    """One application of the company in the URL, with its documents; 404 when not visible."""
    application = (
        applications_for_user(user=user)
        .filter(company_id=company_pk, pk=pk)
        .prefetch_related(
            "documents",
            "company__ai_domains",
            Prefetch(
                "company__membership_periods",
                queryset=MembershipPeriod.objects.order_by("-starts_on"),
            ),
        )
        .first()
    )
    if application is None:
        raise NotFound()
    return application


def document_of(*, application: Application, pk: int) -> Document:
    document = next((d for d in application.documents.all() if d.pk == pk), None)
    if document is None:
        raise NotFound()
    return document


def assignments_for_judge(*, judge: User, open_only: bool = True) -> QuerySet[Assignment]:
    """The judge's own assignments on applications under review, without any the judge is in
    conflict with (member, shared mail domain, declared); with their score progress."""
    if not judge.is_authenticated:
        return Assignment.objects.none()
    assignments = (
        Assignment.objects.filter(judge=judge, application__status=ApplicationStatus.SUBMITTED)
        .exclude(automatic_conflict_filter(judge, "application__company"))
        .exclude(Exists(Recusal.objects.filter(application=OuterRef("application"), judge=judge)))
        .select_related("stage__call", "application__company")
        .annotate(
            scored=Count("scores", distinct=True),
            criteria_count=Count("stage__criteria", distinct=True),
        )
        .order_by("stage__call__closes_at", "stage__order", "application__submitted_at", "id")
    )
    if open_only:
        assignments = assignments.filter(stage__closed_at__isnull=True)
    return assignments


def assignment_for_judge(*, judge: User, pk: int) -> Assignment:
    """One assignment of the judge, with the rubric, scores and documents; 404 otherwise."""
    assignment = (
        assignments_for_judge(judge=judge, open_only=False)
        .filter(pk=pk)
        .prefetch_related(
            Prefetch("stage__criteria", queryset=Criterion.objects.order_by("order", "id")),
            "scores",
            "application__documents",
        )
        .first()
    )
    if assignment is None:
        raise NotFound()
    return assignment


def stage_for_staff(*, pk: int) -> Stage:
    stage = (
        Stage.objects.filter(pk=pk)
        .select_related("call")
        .prefetch_related(Prefetch("criteria", queryset=Criterion.objects.order_by("order", "id")))
        .first()
    )
    if stage is None:
        raise NotFound()
    return stage


def stage_applications(*, stage: Stage) -> QuerySet[Application]:
    """The applications that reached the stage, with their judges and decision at it."""
    return (
        Application.objects.filter(call_id=stage.call_id, stage__order__gte=stage.order)
        .exclude(status=ApplicationStatus.DRAFT)
        .select_related("company", "stage")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(stage=stage).select_related("judge"),
                to_attr="stage_assignments",
            ),
            Prefetch(
                "decisions",
                queryset=Decision.objects.filter(stage=stage),
                to_attr="stage_decisions",
            ),
        )
        .order_by("submitted_at", "id")
    )


def scores_for_export(*, call: Call) -> QuerySet[Score]:
    """Every score of the call with its judge, criterion and stage."""
    return (
        Score.objects.filter(assignment__stage__call=call)
        .select_related("assignment__judge", "assignment__stage", "criterion")
        .order_by("assignment__stage__order", "criterion__order", "assignment__judge_id")
    )


def criterion_for_staff(*, pk: int) -> Criterion:
    criterion = Criterion.objects.filter(pk=pk).select_related("stage__call").first()
    if criterion is None:
        raise NotFound()
    return criterion


def scored_stage_ids(*, call: Call) -> set[int]:
    """The call's stages at which at least one score exists (their rubric is fixed)."""
    return set(
        Score.objects.filter(assignment__stage__call=call)
        .values_list("assignment__stage_id", flat=True)
        .distinct()
    )
