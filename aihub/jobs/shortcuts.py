"""Starting a job from a view: go to its progress page, or to the one already running."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

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
