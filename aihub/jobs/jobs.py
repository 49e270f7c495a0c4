"""The jobs app's own job kind: a check that a worker is running and answers."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aihub.jobs.registry import JobResult, job_kind


@job_kind("jobs.ping", label=gettext_lazy("Check the background worker"))
def ping(*, job, progress) -> JobResult:
    """Does nothing but answer: shows that a worker picks up work, and how fast."""
    waited = (job.started_at - job.created_at).total_seconds() if job.started_at else 0.0
    progress.update(done=1, total=1)
    return JobResult(
        message=_("A worker answered %(seconds).2f seconds after the request, at %(time)s.")
        % {"seconds": waited, "time": timezone.localtime().strftime("%H:%M:%S")},
        data={"waited_seconds": round(waited, 3)},
    )
