"""Progress of a running job, written where the person who started it can watch it."""

import time

from django.db import connection
from django.utils import timezone

from aihub.jobs.models import Job

WRITE_EVERY = 0.5
"""Seconds between two progress writes; a new message is written at once."""


class Progress:
    """``update(done=…, total=…, message=…)`` as the job goes.

    Writes straight to the job's row (and its heartbeat), at most every half second. Inside
    the job's own write transaction nothing is written: the values are kept and written
    after it, so progress never holds up the transaction or shows what it has not committed.
    """

    def __init__(self, job: Job) -> None:
        self.job = job
        self._depth = len(connection.atomic_blocks)
        self._written_at = 0.0
        self._pending = False

    def update(
        self, *, done: int | None = None, total: int | None = None, message: str | None = None
    ) -> None:
        job = self.job
        if total is not None:
            job.total = max(0, int(total))
        if done is not None:
            job.done = max(0, int(done))
        if job.total:
            job.done = min(job.done, job.total)
        new_message = message is not None and str(message) != job.message
        if message is not None:
            job.message = str(message)[:300]
        self._pending = True
        if new_message or time.monotonic() - self._written_at >= WRITE_EVERY:
            self.flush()

    def advance(self, steps: int = 1, *, message: str | None = None) -> None:
        self.update(done=self.job.done + steps, message=message)

    def flush(self) -> None:
        """Write the latest values now, unless inside the job's write transaction."""
        if not self._pending or len(connection.atomic_blocks) > self._depth:
            return
        now = timezone.now()
        self.job.heartbeat_at = now
        Job.objects.filter(pk=self.job.pk).update(
            done=self.job.done, total=self.job.total, message=self.job.message, heartbeat_at=now
        )
        self._written_at = time.monotonic()
        self._pending = False
