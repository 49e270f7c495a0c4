"""Choices of the spaces app; labels are translated with a context."""

from django.db import models
from django.utils.translation import pgettext_lazy


class SpaceKind(models.TextChoices):
    PRIVATE_OFFICE = "private_office", pgettext_lazy("space kind", "Private office")
    OPEN_OFFICE = "open_office", pgettext_lazy("space kind", "Open-office area")
    MEETING_ROOM = "meeting_room", pgettext_lazy("space kind", "Meeting room")
    EDUCATION_ROOM = "education_room", pgettext_lazy("space kind", "Education room")
    LOUNGE = "lounge", pgettext_lazy("space kind", "Lounge / co-working")
    HALL = "hall", pgettext_lazy("space kind", "Hall")


class SpaceStatus(models.TextChoices):
    AVAILABLE = "available", pgettext_lazy("space status", "Available")
    MAINTENANCE = "maintenance", pgettext_lazy("space status", "Under maintenance")
    RESERVED = "reserved", pgettext_lazy("space status", "Reserved")


LEASABLE_KINDS = (SpaceKind.PRIVATE_OFFICE, SpaceKind.OPEN_OFFICE)
"""Kinds let by lease: private offices by area, open-office areas by seat."""

ROOM_KINDS = (SpaceKind.MEETING_ROOM, SpaceKind.EDUCATION_ROOM, SpaceKind.LOUNGE, SpaceKind.HALL)
"""Kinds whose time is held for a purpose: bookings, events, sessions, courses."""
