"""The XLSX export of a call: one row per score, with the application and its ranking."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from aihub.calls import queries
from aihub.calls.models import Application, Call
from aihub.calls.ranking import rank_stage
from aihub.core.exports import xlsx_response


def headers() -> list[str]:
    return [
        _("Application"),
        _("Company (Korean)"),
        _("Company (English)"),
        _("Business registration number"),
        _("Status"),
        _("Submitted at"),
        _("Stage"),
        _("Rank at the stage"),
        _("Score at the stage"),
        _("Judge"),
        _("Judge's total"),
        _("Criterion"),
        _("Weight"),
        _("Score"),
        _("Comment"),
    ]


def rows(call: Call) -> list[list[object]]:
    """Every score of the call; applications without scores get one row of their own."""
    applications = {
        a.pk: a
        for a in Application.objects.filter(call=call, submitted_at__isnull=False)
        .select_related("company")
        .order_by("submitted_at", "id")
    }
    rankings = {}
    for stage in call.stages.all():
        reached = {
            pk: a.submitted_at
            for pk, a in applications.items()
            if a.stage_id is not None
            and a.stage_id in {s.pk for s in call.stages.all() if s.order >= stage.order}
        }
        rankings[stage.pk] = {row.application_id: row for row in rank_stage(stage, reached)}
    result: list[list[object]] = []
    seen = set()
    for score in queries.scores_for_export(call=call):
        assignment = score.assignment
        application = applications.get(assignment.application_id)
        if application is None:
            continue
        seen.add(application.pk)
        ranked = rankings.get(assignment.stage_id, {}).get(application.pk)
        result.append(
            [
                *_application_cells(application),
                assignment.stage.name,
                ranked.rank if ranked else None,
                round(ranked.score, 2) if ranked and ranked.score is not None else None,
                assignment.judge.full_name,
                round(assignment.total, 2) if ranked and assignment.total is not None else None,
                score.criterion.name,
                score.criterion.weight,
                score.value,
                score.comment,
            ]
        )
    for application in applications.values():
        if application.pk not in seen:
            result.append([*_application_cells(application), *[None] * 8])
    return result


def _application_cells(application: Application) -> list[object]:
    return [
        application.pk,
        application.company.name_ko,
        application.company.name_en,
        application.company.registration_number_display,
        application.get_status_display(),
        application.submitted_at,
    ]


def row_count(call: Call) -> int:
    """At most how many rows the export has: a row per score, and per unscored application."""
    return (
        queries.scores_for_export(call=call).count()
        + Application.objects.filter(call=call, submitted_at__isnull=False).count()
    )


def export_call(call: Call) -> HttpResponse:
    return xlsx_response(
        filename=f"call-{call.pk}-scores",
        sheet=_("Scores"),
        headers=headers(),
        rows=rows(call),
    )
