"""An event's attendee list as rows for a spreadsheet."""

from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext as _

from aihub.events.models import Registration


def attendee_headers() -> list[str]:
    return [_("Name"), _("Email"), _("Status"), _("Registered at"), _("Checked in at")]


def attendee_rows(attendees: Iterable[Registration]) -> Iterator[list[Any]]:
    for r in attendees:
        yield [
            r.user.full_name,
            r.user.email,
            r.get_status_display(),
            r.created_at,
            r.checked_in_at,
        ]
