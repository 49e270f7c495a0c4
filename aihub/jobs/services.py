"""Starting, running and finishing background jobs.

``start_job`` records the job and enqueues its task in one transaction (the task queue is a
table of the same database), so a worker sees the job only once the request that started
it has committed. ``run`` is what the worker's task calls.
"""

import logging
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aihub.core.errors import HubError
from aihub.jobs import registry
from aihub.jobs.enums import ACTIVE_STATES, JobState
from aihub.jobs.errors import JobAlreadyRunning
from aihub.jobs.models import Job
from aihub.jobs.progress import Progress

logger = logging.getLogger(__name__)


def _unexpected_message() -> str:
    return _(
        "The work stopped on an unexpected error and nothing it did was kept. Try again; if "
        "it fails again, tell the hub's technical staff."
    )


def _interrupted_message() -> str:
    return _(
        "The work stopped before it finished (its worker was stopped) and nothing it did was "
        "kept. Start it again."
    )


def interrupt_if_stale(job: Job, *, now=None) -> bool:
    """Mark a running job whose worker has gone silent as interrupted; whether it was."""
    now = now or timezone.now()
    if job.state != JobState.RUNNING:
        return False
    kind = registry.kind(job.kind) if registry.known(job.kind) else None
    if kind is not None and job.silent_for(now) <= kind.stale_after:
        return False
    updated = Job.objects.filter(pk=job.pk, state=JobState.RUNNING).update(
        state=JobState.INTERRUPTED, finished_at=now, error=_interrupted_message()
    )
    if updated:
        job.state, job.finished_at, job.error = JobState.INTERRUPTED, now, _interrupted_message()
    return bool(updated)


def _already_running(job: Job) -> str:
    values = {
        "work": registry.kind(job.kind).label,
        "time": timezone.localtime(job.created_at).strftime("%H:%M"),
        "name": job.started_by.full_name if job.started_by else _("the system"),
    }
    return (
        _(
            "“%(work)s” is already under way (started by %(name)s at %(time)s); it was not "
            "started a second time."
        )
        % values
    )


def start_job(*, kind: str, key: str, actor: Any, params: dict[str, Any] | None = None) -> Job:
    """Queue one run of ``kind`` on ``key`` for ``actor`` and enqueue its task.

    Raises ``JobAlreadyRunning`` (carrying that job) while a job of the same kind on the same
    key is queued or running; a running one whose worker went silent is marked interrupted
    first, so the work can be started again.
    """
    registry.kind(kind)
    from aihub.jobs.tasks import run_job

    language = getattr(actor, "language", "") or translation.get_language() or "ko"
    with transaction.atomic():
        active = (
            Job.objects.select_for_update()
            .filter(kind=kind, key=key, state__in=ACTIVE_STATES)
            .first()
        )
        if active is not None and not interrupt_if_stale(active):
            raise JobAlreadyRunning(job=active, message=_already_running(active))
        job = Job(
            kind=kind,
            key=key[:200],
            started_by=actor if getattr(actor, "pk", None) else None,
            language=language[:8],
            params=params or {},
        )
        try:
            with transaction.atomic():
                job.save(force_insert=True)
        except IntegrityError as exc:
            winner = Job.objects.filter(kind=kind, key=key, state__in=ACTIVE_STATES).first()
            raise JobAlreadyRunning(
                job=winner, message=_already_running(winner) if winner else None
            ) from exc
        run_job.enqueue(str(job.pk))
    return job


def _claim(job_id: str) -> Job | None:
    now = timezone.now()
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state != JobState.QUEUED:
            return None
        job.state, job.started_at, job.heartbeat_at = JobState.RUNNING, now, now
        job.save(update_fields=["state", "started_at", "heartbeat_at"])
    return job


def _finish(job: Job, state: str, *, error: str = "", result: registry.JobResult | None = None):
    now = timezone.now()
    fields = {"state": state, "finished_at": now, "heartbeat_at": now, "error": error}
    if result is not None:
        fields["result"] = result.stored()
        if job.total:
            fields["done"] = job.total
        if result.file is not None:
            name, content = result.file
            from django.core.files.base import ContentFile

            job.file.save(name, ContentFile(content), save=False)
            fields["file"] = job.file.name
    Job.objects.filter(pk=job.pk, state=JobState.RUNNING).update(**fields)
    for field, value in fields.items():
        setattr(job, field, value)


def run(job_id: str) -> str:
    """Run one queued job to its end; returns its final state (``skipped`` when it was not
    waiting any more). Refusals become the job's error in its starter's language."""
    job = _claim(job_id)
    if job is None:
        return "skipped"
    with translation.override(job.language):
        if not registry.known(job.kind):
            _finish(job, JobState.FAILED, error=_("This kind of work is no longer offered."))
            return job.state
        progress = Progress(job)
        try:
            result = registry.kind(job.kind).run(job=job, progress=progress, **job.params)
        except HubError as error:
            _finish(job, JobState.FAILED, error=str(error.message))
        except (KeyboardInterrupt, SystemExit):
            _finish(job, JobState.INTERRUPTED, error=_interrupted_message())
            raise
        except Exception:
            logger.exception("Job %s (%s) failed", job.pk, job.kind)
            _finish(job, JobState.FAILED, error=_unexpected_message())
        else:
            progress.flush()
            _finish(job, JobState.SUCCEEDED, result=result)
    return job.state
