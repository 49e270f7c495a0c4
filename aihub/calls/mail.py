"""Mail about an application to every member of the applicant company, each in their language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from aihub.accounts.models import User
from aihub.calls.models import Application


def application_link(application: Application) -> str:
    return settings.AIHUB_SITE_URL + reverse(
        "calls:application",
        kwargs={"pk": application.company_id, "application_pk": application.pk},
    )


def recipients(application: Application) -> list[User]:
    """The company's active owners and members, owners first; one query."""
    return list(
        User.objects.filter(
            company_memberships__company_id=application.company_id, is_active=True
        ).order_by("company_memberships__role", "id")
    )


def send_application_mail(*, application_pk: int, kind: str) -> None:
    """One message per member of the applicant company: ``received`` or ``result`` (the
    current status), each rendered in that member's language with their name.

    Reads the application afresh, so a message sent after commit shows the committed state.
    Inactive users get nothing; an application deleted meanwhile sends nothing.
    """
    application = (
        Application.objects.select_related("call", "company").filter(pk=application_pk).first()
    )
    if application is None:
        return
    link = application_link(application)
    for user in recipients(application):
        with translation.override(user.language):
            values = {"call": application.call.title}
            subject = (
                _("Application received: %(call)s") if kind == "received" else _("Result: %(call)s")
            ) % values
            context = {
                "application": application,
                "recipient": user,
                "kind": kind,
                "call": application.call.title,
                "company": application.company.name,
                "status": application.get_status_display(),
                "link": link,
            }
            send_mail(
                subject=subject,
                message=render_to_string("calls/email/application.txt", context),
                from_email=None,
                recipient_list=[user.email],
            )
