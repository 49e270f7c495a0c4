"""Handing queued mail to the mail server, over one connection per batch.

A mail is claimed (``sending``) before it is handed over, so two workers never send the same
one. The server's answer decides what follows: accepted → ``sent``; the address or the
message refused (a 5xx answer) → ``failed`` at once; anything else (no connection, a 4xx
answer, a dropped line) → tried again after 1, 5, 30 and 120 minutes, then ``failed``.
"""

import base64
import datetime
import logging
import smtplib
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from aihub.outbox.enums import MailState
from aihub.outbox.models import Mail

logger = logging.getLogger(__name__)

BACKOFF = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
)
MAX_ATTEMPTS = len(BACKOFF) + 1
BATCH = 200
STUCK_AFTER = datetime.timedelta(minutes=15)
"""A mail claimed this long ago by a worker that never reported back is queued again."""


class PermanentFailure(Exception):
    """The server refused this message for good."""


def _claim(ids: Iterable[int] | None, now: datetime.datetime) -> list[Mail]:
    """Mark due queued mails as sending and return them (``ids`` None: every due mail)."""
    with transaction.atomic():
        due = Mail.objects.filter(state=MailState.QUEUED, next_attempt_at__lte=now)
        if ids is not None:
            due = due.filter(pk__in=list(ids))
        claimed = list(due.select_for_update(skip_locked=True).order_by("pk")[:BATCH])
        Mail.objects.filter(pk__in=[m.pk for m in claimed]).update(
            state=MailState.SENDING, sending_since=now
        )
    return claimed


def _message(mail: Mail, connection) -> EmailMessage:
    message = EmailMessage(
        subject=mail.subject,
        body=mail.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.to_address],
        connection=connection,
    )
    for item in mail.attachments:
        message.attach(item["name"], base64.b64decode(item["data"]), item["content_type"])
    return message


def _text(reply: bytes | str) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)


def _refusal(error: Exception) -> str | None:
    """The server's refusal as text when ``error`` is permanent (5xx), else None."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        answers = [
            f"{address}: {code} {_text(reply)}"
            for address, (code, reply) in error.recipients.items()
        ]
        if all(code >= 500 for code, _reply in error.recipients.values()):
            return "; ".join(answers)
        return None
    if isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500:
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    return None


def _describe(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    return f"{type(error).__name__}: {error}"


def _record(mail: Mail, *, error: Exception | None, now: datetime.datetime) -> Mail:
    attempts = mail.attempts + 1
    if error is None:
        fields = {
            "state": MailState.SENT,
            "sent_at": now,
            "attempts": attempts,
            "sending_since": None,
        }
    else:
        refusal = _refusal(error)
        text = (refusal or _describe(error))[:2000]
        if refusal is not None or attempts >= MAX_ATTEMPTS:
            fields = {
                "state": MailState.FAILED,
                "attempts": attempts,
                "last_error": text,
                "sending_since": None,
            }
        else:
            fields = {
                "state": MailState.QUEUED,
                "attempts": attempts,
                "last_error": text,
                "next_attempt_at": now + BACKOFF[attempts - 1],
                "sending_since": None,
            }
    Mail.objects.filter(pk=mail.pk).update(**fields)
    for name, value in fields.items():
        setattr(mail, name, value)
    return mail


def _record_sent(ids: list[int], *, now: datetime.datetime) -> None:
    """Mark the mails the server accepted as sent, in one statement per batch."""
    if ids:
        Mail.objects.filter(pk__in=ids).update(
            state=MailState.SENT, sent_at=now, attempts=F("attempts") + 1, sending_since=None
        )


def _retry_later(mails: list[Mail]) -> None:
    from aihub.outbox.tasks import deliver_mail

    by_time: dict[datetime.datetime, list[int]] = {}
    for mail in mails:
        if mail.state == MailState.QUEUED:
            by_time.setdefault(mail.next_attempt_at, []).append(mail.pk)
    for when, ids in by_time.items():
        deliver_mail.using(run_after=when).enqueue(ids)


def deliver(*, ids: Iterable[int] | None = None, now: datetime.datetime | None = None) -> int:
    """Send the due mails among ``ids`` (every due mail when None), batch by batch over one
    connection each; returns how many were sent."""
    sent = 0
    ids = list(ids) if ids is not None else None
    while True:
        now_ = now or timezone.now()
        batch = _claim(ids, now_)
        if not batch:
            return sent
        outcomes: list[Mail] = []
        delivered: list[int] = []
        connection = get_connection(fail_silently=False)
        try:
            connection.open()
        except Exception as error:
            outcomes = [_record(mail, error=error, now=now_) for mail in batch]
        else:
            try:
                for index, mail in enumerate(batch):
                    try:
                        _message(mail, connection).send()
                    except (smtplib.SMTPException, OSError) as error:
                        outcomes.append(_record(mail, error=error, now=now_))
                        if isinstance(error, smtplib.SMTPServerDisconnected | OSError):
                            try:
                                connection.close()
                                connection.open()
                            except Exception as lost:
                                rest = batch[index + 1 :]
                                outcomes += [_record(m, error=lost, now=now_) for m in rest]
                                break
                    else:
                        delivered.append(mail.pk)
            finally:
                connection.close()
                _record_sent(delivered, now=now_)
                sent += len(delivered)
        _retry_later(outcomes)
        if ids is not None:
            ids = [pk for pk in ids if pk not in {m.pk for m in batch}]
            if not ids:
                return sent


def requeue_stuck(*, now: datetime.datetime | None = None) -> int:
    """Queue again the mails a stopped worker had claimed and never finished; how many."""
    now = now or timezone.now()
    return Mail.objects.filter(
        Q(state=MailState.SENDING), sending_since__lt=now - STUCK_AFTER
    ).update(state=MailState.QUEUED, next_attempt_at=now, sending_since=None)
