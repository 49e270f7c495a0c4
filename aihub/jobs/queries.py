"""Reads of the jobs app: a person sees only the jobs they started."""

from django.db.models import QuerySet

from aihub.core.errors import NotFound
from aihub.jobs.models import Job
from aihub.jobs.services import interrupt_if_stale


def jobs_for_user(*, user) -> QuerySet[Job]:
    """The jobs ``user`` started, newest first (none for anonymous visitors)."""
    if not getattr(user, "is_authenticated", False):
        return Job.objects.none()
    return Job.objects.filter(started_by=user).order_by("-created_at")


def job_for_user(*, user, pk) -> Job:
    """One of the user's jobs, as it stands now; 404 for anyone else's.

    A running job whose worker went silent is shown as interrupted."""
    job = jobs_for_user(user=user).filter(pk=pk).first()
    if job is None:
        raise NotFound()
    interrupt_if_stale(job)
    return job
