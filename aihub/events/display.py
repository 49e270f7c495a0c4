"""Presentation helpers: the check-in QR code as SVG and iCal documents."""

import datetime
from collections.abc import Iterable

import segno
from django.http import HttpResponse
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from aihub.events.models import Event, Meeting


def qr_svg(data: str) -> str:
    """An inline SVG QR code of ``data`` (server-side, no script, no style attribute)."""
    return segno.make(data, error="m").svg_inline(scale=5, dark="#0f2a4d", title=_("Check-in code"))


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Seoul AI Hub//aihub events//KO")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def _entry(
    uid: str, summary: str, starts: datetime.datetime, ends: datetime.datetime, location: str
) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", uid)
    entry.add("summary", summary)
    entry.add("dtstart", starts)
    entry.add("dtend", ends)
    entry.add("dtstamp", starts)
    if location:
        entry.add("location", location)
    return entry


def events_ical(events: Iterable[Event], *, name: str) -> HttpResponse:
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(
            _entry(
                f"event-{event.pk}@aihub", event.title, event.starts_at, event.ends_at, event.venue
            )
        )
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")


def agenda_ical(meetings: Iterable[Meeting], *, name: str, investor_view: bool) -> HttpResponse:
    calendar = _calendar(name)
    for meeting in meetings:
        demo_day = meeting.demo_day
        other = meeting.startup.company.name if investor_view else str(meeting.investor)
        summary = _("Meeting with %(name)s (table %(table)s)") % {
            "name": other,
            "table": meeting.table,
        }
        calendar.add_component(
            _entry(
                f"meeting-{meeting.investor_id}-{meeting.startup_id}@aihub",
                summary,
                demo_day.slot_start(meeting.slot),
                demo_day.slot_end(meeting.slot),
                demo_day.event.venue,
            )
        )
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
