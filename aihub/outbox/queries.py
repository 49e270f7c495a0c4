"""Reads of the outbox: for hub staff only."""

from django.db.models import Q, QuerySet

from aihub.core.errors import NotFound
from aihub.outbox.models import Mail


def mails_for_staff(*, q: str = "", state: str = "") -> QuerySet[Mail]:
    """Mails newest first, searched by address, subject or what they are about."""
    mails = Mail.objects.select_related("recipient").defer("body", "attachments")
    if q:
        mails = mails.filter(
            Q(to_address__icontains=q) | Q(subject__icontains=q) | Q(related_repr__icontains=q)
        )
    if state:
        mails = mails.filter(state=state)
    return mails.order_by("-created_at", "-id")


def mail_for_staff(*, pk: int) -> Mail:
    mail = Mail.objects.select_related("recipient", "related_type").filter(pk=pk).first()
    if mail is None:
        raise NotFound()
    return mail


def state_counts() -> dict[str, int]:
    from django.db.models import Count

    return dict(Mail.objects.values_list("state").annotate(n=Count("id")).order_by())
