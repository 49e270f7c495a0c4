"""A person's background jobs: the progress page (polled by HTMX), downloads, the list."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from aihub.core.errors import NotFound
from aihub.core.pagination import paginate
from aihub.jobs import registry
from aihub.jobs.queries import job_for_user, jobs_for_user

POLL_SECONDS = 1


def _label(job) -> str:
    return registry.kind(job.kind).label if registry.known(job.kind) else job.kind


@login_required
@require_GET
def job_detail(request: HttpRequest, job_id) -> HttpResponse:
    """The job's state and progress bar; an HTMX poll gets only the progress part, which
    stops polling once the job has finished. Without JavaScript the page refreshes itself."""
    job = job_for_user(user=request.user, pk=job_id)
    context = {"job": job, "label": _label(job), "poll_seconds": POLL_SECONDS}
    template = "jobs/_progress.html" if request.htmx else "jobs/detail.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def job_file(request: HttpRequest, job_id) -> FileResponse:
    """The file the job made, to the person who started it."""
    job = job_for_user(user=request.user, pk=job_id)
    if not job.file:
        raise NotFound()
    name = job.file.name.rsplit("/", 1)[-1]
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=name)


@login_required
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    """The background work the person started, newest first."""
    page = paginate(
        jobs_for_user(user=request.user),
        page=request.GET.get("page"),
        per_page=settings.AIHUB_PAGE_SIZE,
    )
    rows = [(job, _label(job)) for job in page.object_list]
    return render(request, "jobs/list.html", {"page": page, "rows": rows, "query": ""})
