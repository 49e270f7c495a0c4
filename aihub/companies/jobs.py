"""Background jobs of the companies app: the company list export beyond 1,000 rows."""

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aihub.companies import queries
from aihub.companies.exports import export_headers, export_rows
from aihub.companies.forms import company_filters
from aihub.core.errors import PermissionDenied
from aihub.jobs.exports import export_result
from aihub.jobs.registry import JobResult, job_kind


@job_kind("companies.export", label=gettext_lazy("Export the company list"))
def export_companies(*, job, progress, query: str) -> JobResult:
    """The list as the person who asked filtered it, with their rights at run time."""
    user = job.started_by
    if user is None or not user.has_perm("companies.export_companies"):
        raise PermissionDenied()
    data = QueryDict(query)
    _form, filters = company_filters(data)
    companies = queries.company_list_for_user(user=user, filters=filters)
    return export_result(
        progress=progress,
        total=companies.count(),
        name="companies",
        fmt=data.get("format") or "xlsx",
        sheet=_("Companies"),
        headers=export_headers(),
        rows=export_rows(companies),
    )
