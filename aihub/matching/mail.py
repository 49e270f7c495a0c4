"""Mail of the matching app, each message in its recipient's language, sent after commit.

A recipient without an address is skipped; the expert is reached at the profile's address,
else at the linked account's.
"""

from collections.abc import Iterator

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aihub.companies.models import Company, CompanyMember
from aihub.matching.enums import MatchStatus
from aihub.matching.models import Expert, Match, Session

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


def _recipients(*, company: Company, expert: Expert) -> Iterator[tuple[str, str]]:
    """(address, language) of the company's members and of the expert."""
    for member in CompanyMember.objects.filter(company=company).select_related("user"):
        if member.user.email:
            yield member.user.email, member.user.language
    address = expert.email or (expert.user.email if expert.user_id else "")
    if address:
        yield address, expert.language


def _send_session(*, email: str, language: str, session: Session) -> None:
    with translation.override(language):
        subject = _("Session confirmed: %(when)s") % {
            "when": timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M")
        }
        body = render_to_string("matching/email/session_confirmed.txt", {"session": session})
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[email])


def send_session_confirmations(*, session_pk: int) -> None:
    """Mail the company's members and the expert."""
    session = Session.objects.select_related(
        "match__expert__user", "match__demand__company", "room"
    ).get(pk=session_pk)
    for email, language in _recipients(
        company=session.match.demand.company, expert=session.match.expert
    ):
        _send_session(email=email, language=language, session=session)


def send_match_status(*, match_pk: int, status: str) -> None:
    """Tell the company's members and the expert that the match moved to ``status`` (one of
    ``NOTIFIED_STATUSES``; any other is ignored)."""
    if status not in SUBJECTS:
        return
    match = Match.objects.select_related("expert__user", "demand__company").get(pk=match_pk)
    for email, language in _recipients(company=match.demand.company, expert=match.expert):
        with translation.override(language):
            subject = str(SUBJECTS[status]) % {"title": match.demand.title}
            body = render_to_string(
                "matching/email/match_status.txt",
                {"match": match, "status": MatchStatus(status).label},
            )
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[email])
