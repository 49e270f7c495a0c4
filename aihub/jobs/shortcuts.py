"""Starting a job from a view: go to its progress page, or to the one already running."""

import hashlib
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from aihub.core.exports import rows_in_request
from aihub.core.redirects import safe_next
from aihub.jobs.errors import JobAlreadyRunning
from aihub.jobs.services import start_job


def start_and_follow(
    request: HttpRequest, *, kind: str, key: str, params: dict[str, Any] | None = None
) -> HttpResponse:
    """Start the job for the signed-in person and show its progress page. When the same work
    is already under way, say so and show that job's page instead (if it is theirs to see),
    or send them back where they came from."""
    try:
        job = start_job(kind=kind, key=key, actor=request.user, params=params)
    except JobAlreadyRunning as running:
        messages.info(request, str(running.message))
        if running.job is not None and running.job.started_by_id == request.user.pk:
            return redirect(running.job.get_absolute_url())
        return redirect(safe_next(request, request.headers.get("Referer"), "/"))
    return redirect(job.get_absolute_url())


def export_in_background(
    request: HttpRequest, *, kind: str, count: int, params: dict[str, Any] | None = None
) -> HttpResponse | None:
    """``None`` when an export of ``count`` rows is small enough to build during the request;
    otherwise start the job ``kind`` with the request's query (its filters and format) and
    ``params`` and follow it. The same person asking for the same export twice gets the
    running one."""
    if count <= rows_in_request():
        return None
    query = request.GET.urlencode()
    params = {"query": query, **(params or {})}
    digest = hashlib.sha256(repr(sorted(params.items())).encode()).hexdigest()[:16]
    return start_and_follow(
        request, kind=kind, key=f"user:{request.user.pk}:{digest}", params=params
    )
