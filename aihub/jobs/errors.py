"""Refusals of the jobs app."""

from django.utils.translation import gettext_lazy as _

from aihub.core.errors import Conflict


class JobAlreadyRunning(Conflict):
    """The same work on the same thing is already queued or running; ``job`` is that one."""

    code = "job_already_running"
    default_message = _("This work is already under way; follow its progress instead.")

    def __init__(self, *, job: object, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.job = job
