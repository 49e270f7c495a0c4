"""Session confirmations, each in the recipient's language."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aihub.companies.models import CompanyMember
from aihub.matching.models import Session


def _send(*, email: str, language: str, session: Session) -> None:
    with translation.override(language):
        subject = _("Session confirmed: %(when)s") % {
            "when": timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M")
        }
        body = render_to_string("matching/email/session_confirmed.txt", {"session": session})
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[email])


def send_session_confirmations(*, session_pk: int) -> None:
    """Mail the company's members and the expert; a recipient without an address is skipped."""
    session = Session.objects.select_related("match__expert", "match__demand__company", "room").get(
        pk=session_pk
    )
    members = CompanyMember.objects.filter(company=session.match.demand.company).select_related(
        "user"
    )
    for member in members:
        _send(email=member.user.email, language=member.user.language, session=session)
    expert = session.match.expert
    address = expert.email or (expert.user.email if expert.user_id else "")
    if address:
        _send(email=address, language=expert.language, session=session)
