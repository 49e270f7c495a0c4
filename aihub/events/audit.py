from django.utils.translation import gettext_lazy as _

from aihub.core import audit
from aihub.events.enums import EventKind, RegistrationStatus

audit.register(
    {
        "events.event.created": _("Event created ({event_kind})"),
        "events.event.changed": _("Event details changed: {fields}"),
        "events.event.reminded": _("Reminders sent to {count} people"),
        "events.registration.created": _("{email} registered ({registration_status})"),
        "events.registration.cancelled": _("{email} cancelled the registration"),
        "events.registration.promoted": _("{email} moved from the waiting list to confirmed"),
        "events.registration.checked_in": _("{email} checked in"),
        "events.demoday.created": _("Demo day set up with {slots} slots and {tables} tables"),
        "events.demoday.changed": _("Demo-day settings changed: {fields}"),
        "events.demoday.investor_invited": _("Investor {email} invited"),
        "events.demoday.startup_invited": _("Startup {company} invited"),
        "events.demoday.participant_changed": _("Availability or limits of {name} changed"),
        "events.demoday.interest_marked": _("{name} marked interest"),
        "events.demoday.pitch_deck_uploaded": _("{name} uploaded a pitch deck ({size} bytes)"),
        "events.demoday.decision": _("Review decision recorded: {decision}"),
        "events.demoday.scheduled": _(
            "Schedule drafted: objective {objective}, bound {upper_bound}"
        ),
        "events.demoday.published": _("Schedule published"),
        "events.demoday.withdrawn": _("{name} withdrew; {moved} meetings moved"),
    }
)
audit.register_labels({"event_kind": EventKind, "registration_status": RegistrationStatus})
