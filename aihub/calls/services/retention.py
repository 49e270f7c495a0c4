"""The end of retention: personal data of applications is deleted when the consent's
retention period (``Application.retain_until``) has passed.

A draft that was never submitted has nothing the record needs and is deleted with its
documents. A submitted application keeps what the record of the call needs (its call,
company, status, stage, decisions, judge assignments and scores) and loses everything
personal: the answers, the head-office declaration, the uploaded documents (rows and files),
the link to the applicant's account, the consent text (its version and dates stay), the
judges' comments and declared conflict reasons, and file names and reasons in its audit
entries.
"""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from aihub.accounts.models import User
from aihub.calls.enums import ApplicationStatus
from aihub.calls.models import Application, Call, Document, Recusal, Score
from aihub.core.models import AuditEntry

REMOVED = "—"
SCRUBBED = {
    "calls.application.document_uploaded": ("file",),
    "calls.application.judge_recused": ("reason",),
}


@dataclass(frozen=True)
class Purge:
    """What one run deleted: drafts removed, applications anonymised, files removed."""

    drafts_deleted: int
    anonymised: int
    files_deleted: int


def expired_applications(*, today: datetime.date) -> QuerySet[Application]:
    """Applications whose retention ended before ``today`` and that still hold personal data.

    The last day of retention is ``retain_until`` itself: on that day the data is still kept.
    """
    return Application.objects.filter(retain_until__lt=today, purged_at__isnull=True)


def _delete_files(names: list[str], storage: object) -> None:
    for name in names:
        storage.delete(name)  # type: ignore[attr-defined]


def _scrub_audit(application_ids: list[int]) -> None:
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Application),
        object_id__in=application_ids,
        action__in=list(SCRUBBED),
    )
    for entry in entries:
        entry.data = {
            **entry.data,
            **{key: REMOVED for key in SCRUBBED[entry.action] if key in entry.data},
        }
        entry.save(update_fields=["data"])


@transaction.atomic
def purge_expired_applications(
    *,
    today: datetime.date | None = None,
    actor: User | None = None,
    now: datetime.datetime | None = None,
) -> Purge:
    """Delete the personal data of every application whose retention ended before ``today``
    (Seoul's today by default). Idempotent: anonymised applications are not touched again.

    Files are removed from storage only after the transaction commits, so a failed run deletes
    nothing. Audited: ``calls.call.drafts_purged`` on the call for deleted drafts and
    ``calls.application.purged`` on each anonymised application.
    """
    today = today or timezone.localdate()
    now = now or timezone.now()
    expired = list(
        expired_applications(today=today).select_for_update(of=("self",)).order_by("call", "id")
    )
    if not expired:
        return Purge(drafts_deleted=0, anonymised=0, files_deleted=0)
    ids = [a.pk for a in expired]
    documents = list(Document.objects.filter(application_id__in=ids))
    storage = Document._meta.get_field("file").storage
    names = [d.file.name for d in documents if d.file.name]
    Document.objects.filter(pk__in=[d.pk for d in documents]).delete()

    drafts = [a for a in expired if a.status == ApplicationStatus.DRAFT]
    drafts_per_call: dict[int, int] = {}
    for draft in drafts:
        drafts_per_call[draft.call_id] = drafts_per_call.get(draft.call_id, 0) + 1
    Application.objects.filter(pk__in=[a.pk for a in drafts]).delete()
    for call in Call.objects.filter(pk__in=drafts_per_call).order_by("id"):
        call.log_action(
            "calls.call.drafts_purged", actor=actor, data={"count": drafts_per_call[call.pk]}
        )

    kept = [a for a in expired if a.status != ApplicationStatus.DRAFT]
    kept_ids = [a.pk for a in kept]
    Score.objects.filter(assignment__application_id__in=kept_ids).update(comment="")
    Recusal.objects.filter(application_id__in=kept_ids).update(reason=REMOVED)
    _scrub_audit(kept_ids)
    for application in kept:
        application.answers = {}
        application.head_office = ""
        application.applicant = None
        application.consent = {
            key: application.consent[key]
            for key in ("version", "language")
            if key in application.consent
        }
        application.purged_at = now
        application.save(
            update_fields=[
                "answers",
                "head_office",
                "applicant",
                "consent",
                "purged_at",
                "updated_at",
            ]
        )
        application.log_action(
            "calls.application.purged",
            actor=actor,
            data={"retain_until": application.retain_until.isoformat()},
        )
    transaction.on_commit(lambda: _delete_files(names, storage))
    return Purge(drafts_deleted=len(drafts), anonymised=len(kept), files_deleted=len(names))
