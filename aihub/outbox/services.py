"""The one way the hub sends mail: ``queue_mail``, then a worker delivers it.

A notice is rendered for each recipient in that person's language, stored, and handed to
the worker by a task enqueued in the same transaction: it leaves only once the change it
announces has been committed, and a rolled-back change sends nothing. Delivery retries
temporary failures with back-off; refusals are kept as failed, with the server's answer,
for staff to read and resend.
"""

import base64
import contextlib
import contextvars
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from aihub.core.errors import Conflict
from aihub.outbox.enums import MailState
from aihub.outbox.models import Mail

_suppressed = contextvars.ContextVar("outbox_suppressed", default=False)


@dataclass(frozen=True)
class Recipient:
    """An address and the language to write in; ``user`` when it belongs to an account."""

    address: str
    language: str = "ko"
    user: Any = None
    name: str = ""

    @classmethod
    def of(cls, person: Any) -> "Recipient":
        if isinstance(person, Recipient):
            return person
        return cls(
            address=person.email,
            language=getattr(person, "language", "") or "ko",
            user=person,
            name=getattr(person, "full_name", "") or "",
        )


@dataclass(frozen=True)
class Attachment:
    name: str
    content: bytes
    content_type: str

    def stored(self) -> dict[str, str]:
        return {
            "name": self.name,
            "content_type": self.content_type,
            "data": base64.b64encode(self.content).decode("ascii"),
        }


PerRecipient = Callable[[Recipient], Any]


@contextlib.contextmanager
def suppressed() -> Iterator[None]:
    """Queue nothing inside (the demo data writes years of history without mailing anyone)."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def is_suppressed() -> bool:
    """Whether mail is being suppressed here (senders may skip preparing a notice)."""
    return _suppressed.get()


def _value(value: Any, recipient: Recipient) -> Any:
    return value(recipient) if callable(value) else value


def queue_mail(
    *,
    recipients: Iterable[Any],
    subject: str | PerRecipient,
    template: str,
    context: dict[str, Any] | PerRecipient | None = None,
    related: models.Model | None = None,
    attachments: Iterable[Attachment] | PerRecipient = (),
    confidential: bool = False,
) -> list[Mail]:
    """Render and queue one mail per recipient (users or ``Recipient``); returns them.

    ``subject``, ``context`` and ``attachments`` may be functions of the recipient; they
    and the template are evaluated with the recipient's language active, so labels and
    bilingual names come out in that language. The template gets ``recipient`` (the user,
    or the ``Recipient``) besides the context. Inactive users and addresses already served
    by this call are skipped. ``confidential`` hides the text from staff (one-time links).
    Must run inside the transaction of the change it announces
    (it opens one of its own otherwise).
    """
    if _suppressed.get():
        return []
    related_type = ContentType.objects.get_for_model(type(related)) if related else None
    seen: set[str] = set()
    mails = []
    for person in recipients:
        recipient = Recipient.of(person)
        address = (recipient.address or "").strip()
        if not address or address.lower() in seen:
            continue
        if recipient.user is not None and not getattr(recipient.user, "is_active", True):
            continue
        seen.add(address.lower())
        with translation.override(recipient.language or "ko"):
            values = _value(context, recipient) or {}
            body = render_to_string(template, {**values, "recipient": recipient.user or recipient})
            mails.append(
                Mail(
                    to_address=address,
                    recipient=recipient.user,
                    language=recipient.language or "ko",
                    subject=str(_value(subject, recipient)).replace("\n", " ")[:300],
                    body=body,
                    attachments=[a.stored() for a in _value(attachments, recipient)],
                    template=template,
                    confidential=confidential,
                    related_type=related_type,
                    related_id=related.pk if related is not None else None,
                    related_repr=str(related)[:200] if related is not None else "",
                )
            )
    if not mails:
        return []
    from aihub.outbox.tasks import deliver_mail

    with transaction.atomic():
        created = Mail.objects.bulk_create(mails)
        deliver_mail.enqueue([mail.pk for mail in created])
    return created


@transaction.atomic
def resend_mail(*, mail: Mail, actor: Any) -> Mail:
    """Queue a failed mail again, as it was rendered; the next delivery tries it at once."""
    mail = Mail.objects.select_for_update().get(pk=mail.pk)
    if mail.state != MailState.FAILED:
        raise Conflict(
            translation.gettext("Only a mail that failed can be sent again."), code="not_failed"
        )
    mail.log_action(
        "outbox.mail.resent",
        actor=actor,
        data={"to": mail.to_address, "error": mail.last_error[:200]},
    )
    mail.state = MailState.QUEUED
    mail.next_attempt_at = timezone.now()
    mail.save(update_fields=["state", "next_attempt_at"])
    from aihub.outbox.tasks import deliver_mail

    deliver_mail.enqueue([mail.pk])
    return mail
