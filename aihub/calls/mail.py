"""Mail about an application to every member of the applicant company, each in their language."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from aihub.accounts.models import User
from aihub.calls.models import Application
from aihub.outbox.services import queue_mail


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


def send_application_mail(*, application: Application, kind: str) -> None:
    """Queue one message per member of the applicant company: ``received`` or ``result``
    (the status the application has now), each in that member's language with their name.

    Called inside the transaction that changes the application, after the change."""
    application = Application.objects.select_related("call", "company").get(pk=application.pk)
    link = application_link(application)

    def subject(_recipient: object) -> str:
        values = {"call": application.call.title}
        if kind == "received":
            return _("Application received: %(call)s") % values
        return _("Result: %(call)s") % values

    queue_mail(
        recipients=recipients(application),
        subject=subject,
        template="calls/email/application.txt",
        context=lambda _recipient: {
            "application": application,
            "kind": kind,
            "call": application.call.title,
            "company": application.company.name,
            "status": application.get_status_display(),
            "link": link,
        },
        related=application,
    )
