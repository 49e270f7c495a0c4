"""The one door of an application's status."""

from aihub.accounts.models import User
from aihub.calls.enums import APPLICATION_LIFECYCLE, ApplicationStatus
from aihub.calls.mail import send_application_mail
from aihub.calls.models import Application
from aihub.core.errors import HubError
from aihub.core.lifecycle import move

ACTIONS = {
    ApplicationStatus.SUBMITTED: "calls.application.submitted",
    ApplicationStatus.WITHDRAWN: "calls.application.withdrawn",
    ApplicationStatus.DECLINED: "calls.application.declined",
}
RESULTS = (ApplicationStatus.SELECTED, ApplicationStatus.REJECTED, ApplicationStatus.WAITLISTED)


def set_application_status(
    *,
    application: Application,
    to: str,
    actor: User | None,
    fields: tuple[str, ...] = (),
    refusal: HubError | None = None,
) -> Application:
    """Move the application (locked by the caller) to ``to`` along ``APPLICATION_LIFECYCLE``
    with ``fields`` already set on it, write the audit entry, and queue the mail the new
    state brings to every member of the company: a receipt on submission, the result on
    selection, waitlisting or rejection."""
    data: dict[str, object] = {}
    if to in RESULTS:
        data = {"application_status": to}
    move(
        application,
        lifecycle=APPLICATION_LIFECYCLE,
        to=to,
        actor=actor,
        action=ACTIONS.get(to, "calls.application.status_changed"),
        data=data,
        fields=fields,
        refusal=refusal,
    )
    if to == ApplicationStatus.SUBMITTED:
        send_application_mail(application=application, kind="received")
    elif to in RESULTS:
        send_application_mail(application=application, kind="result")
    return application
