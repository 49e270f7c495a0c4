"""Mail to applicants, each in the recipient's language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from aihub.calls.models import Application


def application_link(application: Application) -> str:
    return settings.AIHUB_SITE_URL + reverse(
        "calls:application",
        kwargs={"pk": application.company_id, "application_pk": application.pk},
    )


def send_application_mail(*, application_pk: int, kind: str) -> None:
    """One message to the applicant: ``received`` or ``result`` (the current status).

    Reads the application afresh, so a message sent after commit shows the committed state.
    """
    application = (
        Application.objects.select_related("call", "company", "applicant")
        .filter(pk=application_pk)
        .first()
    )
    if application is None or not application.applicant.is_active:
        return
    with translation.override(application.applicant.language):
        values = {"call": application.call.title}
        subject = (
            _("Application received: %(call)s") if kind == "received" else _("Result: %(call)s")
        ) % values
        context = {
            "application": application,
            "kind": kind,
            "call": application.call.title,
            "company": application.company.name,
            "status": application.get_status_display(),
            "link": application_link(application),
        }
        send_mail(
            subject=subject,
            message=render_to_string("calls/email/application.txt", context),
            from_email=None,
            recipient_list=[application.applicant.email],
        )
