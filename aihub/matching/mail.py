"""Mail of the matching app, each message in its recipient's language, through the outbox.

The company's members and the expert are told; the expert is reached at the profile's
address, else at the linked account's. A recipient without an address is skipped.
"""

from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext_lazy

from aihub.companies.models import Company, CompanyMember
from aihub.matching.enums import MatchStatus
from aihub.matching.models import Expert, Match, Session
from aihub.outbox.services import Recipient, queue_mail

NOTIFIED_STATUSES = (
    MatchStatus.APPROVED,
    MatchStatus.ACCEPTED,
    MatchStatus.DECLINED,
    MatchStatus.SOLVED,
)
SUBJECTS = {
    MatchStatus.APPROVED: gettext_lazy("Match approved: %(title)s"),
    MatchStatus.ACCEPTED: gettext_lazy("The expert accepted: %(title)s"),
    MatchStatus.DECLINED: gettext_lazy("The expert declined: %(title)s"),
    MatchStatus.SOLVED: gettext_lazy("Problem solved: %(title)s"),
}
SESSION_SUBJECT = gettext_lazy("Session confirmed: %(when)s")


def _recipients(*, company: Company, expert: Expert) -> Iterator[object]:
    """The company's members (as users) and the expert (at the profile's address)."""
    for member in CompanyMember.objects.filter(company=company).select_related("user"):
        yield member.user
    address = expert.email or (expert.user.email if expert.user_id else "")
    if address:
        yield Recipient(address=address, language=expert.language, user=None, name=expert.name)


def send_session_confirmations(*, session: Session) -> None:
    """Queue the confirmation to the company's members and the expert."""
    session = Session.objects.select_related(
        "match__expert__user", "match__demand__company", "room"
    ).get(pk=session.pk)
    when = timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M")
    queue_mail(
        recipients=_recipients(company=session.match.demand.company, expert=session.match.expert),
        subject=lambda _recipient: str(SESSION_SUBJECT) % {"when": when},
        template="matching/email/session_confirmed.txt",
        context={"session": session},
        related=session.match,
    )


def send_match_status(*, match: Match, status: str) -> None:
    """Tell the company's members and the expert that the match moved to ``status`` (one of
    ``NOTIFIED_STATUSES``; any other is ignored)."""
    if status not in SUBJECTS:
        return
    match = Match.objects.select_related("expert__user", "demand__company").get(pk=match.pk)
    queue_mail(
        recipients=_recipients(company=match.demand.company, expert=match.expert),
        subject=lambda _recipient: str(SUBJECTS[status]) % {"title": match.demand.title},
        template="matching/email/match_status.txt",
        context=lambda _recipient: {"match": match, "status": MatchStatus(status).label},
        related=match,
    )
