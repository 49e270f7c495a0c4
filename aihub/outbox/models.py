"""Every notice the hub sends, as it was rendered for its recipient, and what became of it."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aihub.core.models import LoggedModel
from aihub.outbox.enums import MailState


class Mail(LoggedModel):
    """One message to one address, rendered in the recipient's language when it was queued.

    A ``confidential`` mail (a password or invitation link) is sent like any other, but staff
    see only its subject and fate, never its text. ``attachments`` holds ``{"name",
    "content_type", "data"}`` with base64 ``data`` (small files such as calendar entries).
    ``related`` names the object the notice is about.
    """

    to_address = models.EmailField(_("to"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8, default="ko")
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    template = models.CharField(_("template"), max_length=200)
    confidential = models.BooleanField(
        _("carries a secret link"),
        default=False,
        help_text=_("Its text is not shown in the outbox: it holds a one-time sign-in link."),
    )
    related_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    related_id = models.BigIntegerField(null=True, blank=True)
    related_repr = models.CharField(_("about"), max_length=200, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=MailState.choices, default=MailState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now, db_index=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    sending_since = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("mail")
        verbose_name_plural = _("mails")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="outbox_due"),
            models.Index(fields=["related_type", "related_id"], name="outbox_related"),
            models.Index(fields=["to_address"], name="outbox_address"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=MailState.values), name="outbox_state_known"
            ),
            models.CheckConstraint(
                condition=~Q(state=MailState.SENT) | Q(sent_at__isnull=False),
                name="outbox_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.to_address}: {self.subject}"[:200]

    def get_absolute_url(self) -> str:
        return reverse("outbox:detail", kwargs={"pk": self.pk})

    @property
    def attachment_names(self) -> list[str]:
        return [item.get("name", "") for item in self.attachments]
