"""States of a mail in the outbox."""

from django.db import models
from django.utils.translation import pgettext_lazy


class MailState(models.TextChoices):
    """queued → sending → sent; or back to queued after a temporary failure, and failed when
    the server refuses the address or the attempts run out. Staff may queue a failed mail
    again."""

    QUEUED = "queued", pgettext_lazy("mail state", "Queued")
    SENDING = "sending", pgettext_lazy("mail state", "Sending")
    SENT = "sent", pgettext_lazy("mail state", "Sent")
    FAILED = "failed", pgettext_lazy("mail state", "Failed")
