"""Rows the pages show, with labels resolved once in the active language."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.paginator import Page
from django.db.models import F
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from aihub.calls import eligibility
from aihub.calls.enums import ApplicationStatus, FieldType, Outcome
from aihub.calls.models import Application, Assignment, Call, Decision, Document, Stage
from aihub.calls.ranking import Ranked, rank_stage
from aihub.core.models import is_english, pick
from aihub.core.pagination import paginate


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


_CENT = Decimal("0.01")


def points(value: float | None) -> str:
    """``value`` to two decimals as the ``floatformat:2`` filter writes it (half up from the
    shortest decimal form, no minus sign on zero); "—" for no score."""
    if value is None:
        return "—"
    rounded = Decimal(repr(value)).quantize(_CENT, rounding=ROUND_HALF_UP)
    return str(rounded if rounded else abs(rounded))


@dataclass(frozen=True)
class RankRow:
    """One line of a ranking, every label already in the page's language."""

    application: Application
    rank: int
    score: float | None
    raw_score: float | None
    judges: int
    tie_value: float | None
    passes_cutoff: bool
    decision: str
    pk: str
    rank_text: str
    judges_text: str
    url: str
    name: str
    code: str
    score_text: str
    raw_text: str
    status: str
    decision_label: str
    judge_names: str
    open: bool
    """Under review at this stage: decisions and judges can still be given."""
    outcome_options: SafeString

    def __getitem__(self, key: str) -> Any:
        """Template lookups try ``row[key]`` first; answer from the attributes directly."""
        return getattr(self, key)


class _Labels:
    """What every row of a ranking page shares, resolved once per page."""

    def __init__(self, stage: Stage) -> None:
        self.stage_id = stage.pk
        self.english = is_english()
        self.statuses = {value: str(label) for value, label in ApplicationStatus.choices}
        self.outcome_choices = [(value, str(label)) for value, label in Outcome.choices]
        self.outcomes = dict(self.outcome_choices)
        self.options: dict[str, SafeString] = {}
        first, second = 918273645, 546372819
        url = reverse("calls:application", args=[first, second])
        self.url = url.replace(str(first), "{0}").replace(str(second), "{1}")

    def outcome_options(self, selected: str) -> SafeString:
        if selected not in self.options:
            self.options[selected] = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (value, mark_safe(" selected") if value == selected else "", label)
                    for value, label in self.outcome_choices
                ),
            )
        return self.options[selected]

    def row(
        self, ranked: Ranked, application: Application, decision: str, judge_names: list[str]
    ) -> RankRow:
        company = application.company
        open_ = (
            application.status == ApplicationStatus.SUBMITTED
            and application.stage_id == self.stage_id
        )
        return RankRow(
            application=application,
            rank=ranked.rank,
            score=ranked.score,
            raw_score=ranked.raw_score,
            judges=ranked.judges,
            tie_value=ranked.tie_value,
            passes_cutoff=ranked.passes_cutoff,
            decision=decision,
            pk=str(application.pk),
            rank_text=str(ranked.rank),
            judges_text=str(ranked.judges),
            url=self.url.format(application.company_id, application.pk),
            name=pick(company.name_ko, company.name_en, english=self.english),
            code=application.blind_code,
            score_text=points(ranked.score),
            raw_text=points(ranked.raw_score),
            status=self.statuses.get(application.status, application.status),
            decision_label=self.outcomes.get(decision, ""),
            judge_names=", ".join(judge_names) or "—",
            open=open_,
            outcome_options=self.outcome_options(decision) if open_ else SafeString(""),
        )


def judge_options(judges: Iterable[Any]) -> SafeString:
    """The options of the judge picker, written once for every row."""
    return format_html_join(
        "", '<option value="{}">{} ({})</option>', ((j.pk, j.full_name, j.email) for j in judges)
    )


def ranking_rows(stage: Stage, applications: list[Application]) -> list[RankRow]:
    """The stage's applications in rank order with their decision and judges; the
    applications come from ``queries.stage_applications`` (no queries beyond the ranking)."""
    labels = _Labels(stage)
    by_pk = {a.pk: a for a in applications}
    rows = []
    for ranked in rank_stage(stage, {a.pk: a.submitted_at for a in applications}):
        application = by_pk[ranked.application_id]
        decisions = getattr(application, "stage_decisions", [])
        names = [a.judge.full_name for a in getattr(application, "stage_assignments", [])]
        rows.append(
            labels.row(ranked, application, decisions[0].outcome if decisions else "", names)
        )
    return rows


RANKING_PAGE_SIZE = 100


def ranking_page(stage: Stage, *, page: str | int | None) -> tuple[Page, list[RankRow]]:
    """One page of the stage's ranking: every application is ranked from its place in
    submission order (sorted by the database) and the judges' kept totals, then only the
    page's applications, decisions and judges are read. Six queries (seven with
    normalisation), whatever the number of rows."""
    from aihub.calls.queries import stage_applications

    every = stage_applications(stage=stage).order_by(F("submitted_at").asc(nulls_last=True), "pk")
    order = {pk: position for position, pk in enumerate(every.values_list("pk", flat=True), 1)}
    current = paginate(rank_stage(stage, order), page=page, per_page=RANKING_PAGE_SIZE)
    wanted = [row.application_id for row in current.object_list]
    applications = {
        a.pk: a
        for a in Application.objects.filter(pk__in=wanted)
        .select_related("company")
        .only(
            "pk",
            "status",
            "stage_id",
            "company_id",
            "submitted_at",
            "company__name_ko",
            "company__name_en",
        )
    }
    decisions = dict(
        Decision.objects.filter(stage=stage, application_id__in=wanted).values_list(
            "application_id", "outcome"
        )
    )
    names: dict[int, list[str]] = {}
    for application_id, name in (
        Assignment.objects.filter(stage=stage, application_id__in=wanted)
        .order_by("judge__full_name", "judge__email")
        .values_list("application_id", "judge__full_name")
    ):
        names.setdefault(application_id, []).append(name)
    labels = _Labels(stage)
    rows = [
        labels.row(
            ranked,
            applications[ranked.application_id],
            decisions.get(ranked.application_id, ""),
            names.get(ranked.application_id, []),
        )
        for ranked in current.object_list
    ]
    return current, rows
