"""A background job: who started what, on what, how far it got and what came of it."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aihub.jobs.enums import ACTIVE_STATES, FINISHED_STATES, JobState
from aihub.jobs.storage import job_file_path, private_storage


class Job(models.Model):
    """One run of a registered job kind (``aihub.jobs.registry``) for the person who started it.

    ``key`` names what the job works on (``demoday:12``, ``invoices:2026-11``): at most one
    job of a kind per key is queued or running at a time, which the database holds. Progress
    (``done`` of ``total``, ``message``) and the heartbeat are written while the job computes;
    its own writes happen in one transaction at the end.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=80)
    key = models.CharField(_("subject"), max_length=200)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8, default="ko")
    params = models.JSONField(_("input"), default=dict, blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=JobState.choices, default=JobState.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    message = models.CharField(_("progress message"), max_length=300, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=job_file_path, blank=True, max_length=300
    )
    created_at = models.DateTimeField(_("queued at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["started_by", "-created_at"], name="jobs_by_starter")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key"],
                condition=Q(state__in=[s.value for s in ACTIVE_STATES]),
                name="jobs_one_active_per_subject",
            ),
            models.CheckConstraint(condition=Q(state__in=JobState.values), name="jobs_state_known"),
            models.CheckConstraint(
                condition=Q(done__lte=models.F("total")) | Q(total=0), name="jobs_done_within_total"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", kwargs={"job_id": self.pk})

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED_STATES

    @property
    def percent(self) -> int | None:
        """How far it got, 0-100, or None while the total is unknown."""
        if self.state == JobState.SUCCEEDED:
            return 100
        if not self.total:
            return None
        return min(100, self.done * 100 // self.total)

    def silent_for(self, now: datetime.datetime | None = None) -> datetime.timedelta:
        """Time since the job last showed a sign of life (or since it was queued)."""
        now = now or timezone.now()
        return now - (self.heartbeat_at or self.started_at or self.created_at)
