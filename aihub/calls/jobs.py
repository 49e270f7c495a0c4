"""Background jobs of the calls app: the scores export of a call beyond 1,000 rows."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aihub.calls import exports, queries
from aihub.core.errors import NotFound, PermissionDenied
from aihub.jobs.exports import export_result
from aihub.jobs.registry import JobResult, job_kind


@job_kind("calls.export_scores", label=gettext_lazy("Export a call's scores"))
def export_scores(*, job, progress, call_pk: int) -> JobResult:
    user = job.started_by
    if user is None or not user.has_perm("calls.manage_calls"):
        raise PermissionDenied()
    try:
        call = queries.call_for_staff(pk=call_pk)
    except NotFound as error:
        raise NotFound(_("The call no longer exists.")) from error
    progress.update(message=_("Ranking every stage"))
    rows = exports.rows(call)
    return export_result(
        progress=progress,
        total=len(rows),
        name=f"call-{call.pk}-scores",
        fmt="xlsx",
        sheet=_("Scores"),
        headers=exports.headers(),
        rows=rows,
    )
