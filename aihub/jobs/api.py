"""The state of a background job, for whoever started it through the API."""

import uuid

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router

from aihub.core.api import Error
from aihub.jobs import registry
from aihub.jobs.models import Job
from aihub.jobs.queries import job_for_user
from aihub.jobs.schemas import JobOut

router = Router(tags=["jobs"])


def job_out(job: Job) -> dict:
    return {
        "id": job.pk,
        "kind": job.kind,
        "label": str(registry.kind(job.kind).label) if registry.known(job.kind) else job.kind,
        "state": job.state,
        "state_label": str(job.get_state_display()),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "message": job.message,
        "result_message": job.result.get("message", ""),
        "result_url": job.result.get("url", ""),
        "file_url": reverse("jobs:file", kwargs={"job_id": job.pk}) if job.file else "",
        "error": job.error,
    }


@router.get("/{job_id}", response={200: JobOut, 404: Error})
def get_job(request: HttpRequest, job_id: uuid.UUID) -> dict:
    """A job you started: its state, progress and result (poll until ``state`` is
    ``succeeded``, ``failed`` or ``interrupted``)."""
    return job_out(job_for_user(user=request.user, pk=job_id))
