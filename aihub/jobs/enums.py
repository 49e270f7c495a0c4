"""States of a background job."""

from django.db import models
from django.utils.translation import pgettext_lazy


class JobState(models.TextChoices):
    """queued → running → succeeded or failed; a running job whose worker stopped is
    interrupted (nothing it wrote was kept) and may be started again."""

    QUEUED = "queued", pgettext_lazy("job state", "Waiting to start")
    RUNNING = "running", pgettext_lazy("job state", "Running")
    SUCCEEDED = "succeeded", pgettext_lazy("job state", "Done")
    FAILED = "failed", pgettext_lazy("job state", "Failed")
    INTERRUPTED = "interrupted", pgettext_lazy("job state", "Interrupted")


ACTIVE_STATES = (JobState.QUEUED, JobState.RUNNING)
"""A job in one of these states blocks a second job of the same kind on the same thing."""

FINISHED_STATES = (JobState.SUCCEEDED, JobState.FAILED, JobState.INTERRUPTED)
