"""Base model and the audit log shared by every app."""

import datetime
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class LoggedModel(models.Model):
    """A model whose writes are recorded in the audit log."""

    class Meta:
        abstract = True

    def log_action(
        self, action: str, *, actor: Any = None, data: dict[str, Any] | None = None
    ) -> "AuditEntry":
        """Record ``action`` on this object; call inside the service's transaction."""
        from aihub.core.audit import assert_known

        assert_known(action)
        return AuditEntry.objects.create(
            actor=actor if getattr(actor, "pk", None) else None,
            action=action,
            content_type=ContentType.objects.get_for_model(type(self)),
            object_id=self.pk,
            object_repr=str(self)[:200],
            data=data or {},
        )


def is_english() -> bool:
    """Whether the active language is English (Korean otherwise)."""
    return (get_language() or "ko").startswith("en")


def pick(ko: str, en: str, *, english: bool) -> str:
    """``en`` in English and ``ko`` in Korean, each falling back to the other."""
    return (en or ko) if english else (ko or en)


def bilingual(obj: Any, field: str) -> str:
    """The Korean or English value of ``field`` in the active language, with fallback."""
    return pick(
        getattr(obj, f"{field}_ko", "") or "",
        getattr(obj, f"{field}_en", "") or "",
        english=is_english(),
    )


class AuditEntry(models.Model):
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=100)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.BigIntegerField()
    object_repr = models.CharField(max_length=200, blank=True)
    data = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.action} #{self.object_id}"

    @property
    def local_time(self) -> datetime.datetime:
        return timezone.localtime(self.created_at)

    @property
    def shown_time(self) -> str:
        """When it happened, in Seoul time, as the history lists show it."""
        return self.local_time.strftime("%Y-%m-%d %H:%M")

    @property
    def description(self) -> str:
        from aihub.core.audit import describe

        return describe(self)
