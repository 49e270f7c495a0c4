"""Choices of the events app: event kinds, registration and demo-day states."""

from django.db import models
from django.utils.translation import pgettext_lazy

from aihub.core.lifecycle import Lifecycle


class EventKind(models.TextChoices):
    SEMINAR = "seminar", pgettext_lazy("event kind", "Seminar")
    GLOBAL_SEMINAR = "global_seminar", pgettext_lazy("event kind", "Global cooperation seminar")
    IR_PITCHING = "ir_pitching", pgettext_lazy("event kind", "IR pitching")
    DEMO_DAY = "demo_day", pgettext_lazy("event kind", "Demo day")
    OPEN_INNOVATION = "open_innovation", pgettext_lazy("event kind", "Open-innovation day")
    AI_FESTA = "ai_festa", pgettext_lazy("event kind", "Seoul AI Festa")
    SMART_LIFE_WEEK = "smart_life_week", pgettext_lazy("event kind", "Smart Life Week")
    OTHER = "other", pgettext_lazy("event kind", "Other")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", pgettext_lazy("registration status", "Confirmed")
    WAITING = "waiting", pgettext_lazy("registration status", "Waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")


class DemoDayStatus(models.TextChoices):
    SETUP = "setup", pgettext_lazy("demo day status", "Set-up")
    DRAFT = "draft", pgettext_lazy("demo day status", "Draft schedule")
    PUBLISHED = "published", pgettext_lazy("demo day status", "Published")


REGISTRATION_LIFECYCLE = Lifecycle(
    thing=pgettext_lazy("lifecycle", "registration"),
    states=RegistrationStatus,
    moves={
        RegistrationStatus.WAITING: {RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED},
        RegistrationStatus.CONFIRMED: {RegistrationStatus.CANCELLED},
    },
)
"""Someone on the waiting list gets a place or gives up; a confirmed person may cancel."""

DEMO_DAY_LIFECYCLE = Lifecycle(
    thing=pgettext_lazy("lifecycle", "demo day"),
    states=DemoDayStatus,
    moves={
        DemoDayStatus.SETUP: {DemoDayStatus.DRAFT},
        DemoDayStatus.DRAFT: {DemoDayStatus.DRAFT, DemoDayStatus.PUBLISHED},
    },
)
"""The scheduler makes (and remakes) a draft; staff publish it; a published schedule changes
only by re-planning after a withdrawal."""


class Side(models.TextChoices):
    INVESTOR = "investor", pgettext_lazy("demo day side", "Investor")
    STARTUP = "startup", pgettext_lazy("demo day side", "Startup")


class Decision(models.TextChoices):
    PIN = "pin", pgettext_lazy("meeting decision", "Pinned")
    FORBID = "forbid", pgettext_lazy("meeting decision", "Forbidden")
