"""Rows the pages show, with labels resolved once in the active language."""

from dataclasses import dataclass
from typing import Any

from aihub.calls import eligibility
from aihub.calls.enums import FieldType
from aihub.calls.models import Application, Call, Document
from aihub.core.models import is_english, pick


@dataclass(frozen=True)
class AnswerRow:
    key: str
    label: str
    kind: str
    required: bool
    value: Any
    document: Document | None


def answer_rows(application: Application) -> list[AnswerRow]:
    """Every field of the form with the application's answer or document."""
    english = is_english()
    documents = {d.key: d for d in application.documents.all()}
    rows = []
    for spec in application.call.fields:
        value = application.answers.get(spec["key"])
        if spec["type"] == FieldType.CHOICE and value is not None:
            choice = next((c for c in spec["choices"] if c["value"] == value), None)
            if choice:
                value = pick(choice["label_ko"], choice["label_en"], english=english)
        rows.append(
            AnswerRow(
                key=spec["key"],
                label=pick(spec["label_ko"], spec["label_en"], english=english),
                kind=spec["type"],
                required=bool(spec.get("required")),
                value=value,
                document=documents.get(spec["key"]),
            )
        )
    return rows


def document_fields(call: Call) -> list[dict[str, Any]]:
    english = is_english()
    return [
        {
            "key": spec["key"],
            "label": pick(spec["label_ko"], spec["label_en"], english=english),
            "required": bool(spec.get("required")),
        }
        for spec in call.documents
    ]


def rule_results(application: Application) -> list[eligibility.RuleResult]:
    return eligibility.evaluate(
        application.call.eligibility,
        company=application.company,
        head_office=application.head_office,
    )


@dataclass(frozen=True)
class RankRow:
    application: Application
    rank: int
    score: float | None
    raw_score: float | None
    judges: int
    tie_value: float | None
    passes_cutoff: bool
    totals: dict[int, float]
    decision: str
    assignments: list[Any]


def ranking_rows(stage: Any, applications: list[Application]) -> list[RankRow]:
    """The stage's applications in rank order with their decision and judges (no queries
    beyond the two of the ranking itself)."""
    from aihub.calls.ranking import rank_stage

    by_pk = {a.pk: a for a in applications}
    ranked = rank_stage(stage, {a.pk: a.submitted_at for a in applications})
    rows = []
    for row in ranked:
        application = by_pk[row.application_id]
        decisions = getattr(application, "stage_decisions", [])
        rows.append(
            RankRow(
                application=application,
                rank=row.rank,
                score=row.score,
                raw_score=row.raw_score,
                judges=row.judges,
                tie_value=row.tie_value,
                passes_cutoff=row.passes_cutoff,
                totals=row.totals,
                decision=decisions[0].outcome if decisions else "",
                assignments=getattr(application, "stage_assignments", []),
            )
        )
    return rows


RANKING_PAGE_SIZE = 100


def ranking_page(stage: Any, *, page: str | int | None) -> tuple[Any, list[RankRow]]:
    """One page of the stage's ranking: every application is ranked (from ids, submission
    times and the grouped scores), then only the page's applications are read in full."""
    from aihub.calls.queries import stage_applications
    from aihub.calls.ranking import rank_stage
    from aihub.core.pagination import paginate

    every = stage_applications(stage=stage)
    times = dict(every.values_list("pk", "submitted_at"))
    ranked = rank_stage(stage, times)
    current = paginate(ranked, page=page, per_page=RANKING_PAGE_SIZE)
    wanted = [row.application_id for row in current.object_list]
    by_pk = {a.pk: a for a in every.filter(pk__in=wanted)}
    rows = []
    for row in current.object_list:
        application = by_pk[row.application_id]
        decisions = application.stage_decisions
        rows.append(
            RankRow(
                application=application,
                rank=row.rank,
                score=row.score,
                raw_score=row.raw_score,
                judges=row.judges,
                tie_value=row.tie_value,
                passes_cutoff=row.passes_cutoff,
                totals=row.totals,
                decision=decisions[0].outcome if decisions else "",
                assignments=application.stage_assignments,
            )
        )
    return current, rows
