"""Events with registrations, and demo days with participants, interests and meetings."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from aihub.companies.models import Company
from aihub.core.models import LoggedModel, TimeStampedModel, bilingual
from aihub.events.enums import Decision, DemoDayStatus, EventKind, RegistrationStatus, Side
from aihub.spaces.models import Space


class Event(LoggedModel, TimeStampedModel):
    """A public event at a room of the hub (``space``) or at an address elsewhere."""

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    space = models.ForeignKey(
        Space,
        verbose_name=_("room"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    address = models.CharField(_("address elsewhere"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("capacity"))
    registration_closes_at = models.DateTimeField(
        _("registration closes at"), null=True, blank=True
    )
    is_public = models.BooleanField(_("public"), default=True)
    reminded_at = models.DateTimeField(_("reminders sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__lt=models.F("ends_at")),
                name="events_event_starts_before_end",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=EventKind.values), name="events_event_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="events_event_capacity_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title_ko

    @property
    def title(self) -> str:
        return bilingual(self, "title")

    @property
    def description(self) -> str:
        return bilingual(self, "description")

    @property
    def venue(self) -> str:
        if self.space_id:
            return f"{self.space.facility.name} {self.space.code} {bilingual(self.space, 'name')}"
        return self.address

    def closes_at(self) -> datetime.datetime:
        return self.registration_closes_at or self.starts_at

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"event_pk": self.pk})


class Registration(LoggedModel, TimeStampedModel):
    """One person's place at an event; ``token`` is what the check-in QR code carries."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~Q(status=RegistrationStatus.CANCELLED),
                name="events_one_active_registration",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values),
                name="events_registration_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} · {self.user}"


class DemoDay(LoggedModel, TimeStampedModel):
    """The meeting set-up of a demo-day event and its latest schedule's figures."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="demo_day")
    slots = models.PositiveIntegerField(_("meeting slots"), default=16)
    slot_minutes = models.PositiveIntegerField(_("minutes per slot"), default=20)
    tables = models.PositiveIntegerField(_("tables per slot"), default=20)
    status = models.CharField(
        _("status"), max_length=12, choices=DemoDayStatus.choices, default=DemoDayStatus.SETUP
    )
    objective = models.IntegerField(_("objective"), null=True, blank=True)
    upper_bound = models.IntegerField(_("upper bound"), null=True, blank=True)
    gap = models.FloatField(_("gap"), null=True, blank=True)
    covered_startups = models.IntegerField(_("startups with a meeting"), null=True, blank=True)
    total_score = models.IntegerField(_("total score"), null=True, blank=True)

    class Meta:
        verbose_name = _("demo day")
        verbose_name_plural = _("demo days")
        constraints = [
            models.CheckConstraint(condition=Q(slots__gte=1), name="events_demoday_slots_positive"),
            models.CheckConstraint(
                condition=Q(tables__gte=1), name="events_demoday_tables_positive"
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=1), name="events_demoday_minutes_positive"
            ),
        ]

    def __str__(self) -> str:
        return str(self.event)

    def slot_start(self, slot: int) -> datetime.datetime:
        return self.event.starts_at + datetime.timedelta(minutes=slot * self.slot_minutes)

    def slot_end(self, slot: int) -> datetime.datetime:
        return self.slot_start(slot) + datetime.timedelta(minutes=self.slot_minutes)


class Participant(models.Model):
    """Fields shared by both sides: availability (slot numbers) and meeting limits."""

    available = models.JSONField(_("available slots"), default=list)
    min_meetings = models.PositiveIntegerField(_("minimum meetings"), default=0)
    max_meetings = models.PositiveIntegerField(_("maximum meetings"), default=8)
    withdrawn = models.BooleanField(_("withdrawn"), default=False)

    class Meta:
        abstract = True


class DemoDayInvestor(LoggedModel, Participant):
    demo_day = models.ForeignKey(DemoDay, on_delete=models.CASCADE, related_name="investors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="demo_day_seats"
    )
    firm = models.CharField(_("firm"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("demo-day investor")
        verbose_name_plural = _("demo-day investors")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["demo_day", "user"], name="events_investor_once"),
            models.CheckConstraint(
                condition=Q(min_meetings__lte=models.F("max_meetings")),
                name="events_investor_min_le_max",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user.full_name} ({self.firm})" if self.firm else self.user.full_name


def pitch_deck_path(instance: "DemoDayStartup", filename: str) -> str:
    """An unguessable name per upload, so a replaced deck never collides with the old one."""
    return f"events/demodays/{instance.demo_day_id}/pitch-decks/{uuid.uuid4().hex}.pdf"


class DemoDayStartup(LoggedModel, Participant):
    demo_day = models.ForeignKey(DemoDay, on_delete=models.CASCADE, related_name="startups")
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="demo_day_seats")
    pitch_deck = models.FileField(
        _("pitch deck (PDF)"), upload_to=pitch_deck_path, blank=True, max_length=200
    )

    class Meta:
        verbose_name = _("demo-day startup")
        verbose_name_plural = _("demo-day startups")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["demo_day", "company"], name="events_startup_once"),
            models.CheckConstraint(
                condition=Q(min_meetings__lte=models.F("max_meetings")),
                name="events_startup_min_le_max",
            ),
        ]

    def __str__(self) -> str:
        return str(self.company)


class Interest(models.Model):
    """One side's interest in a pair: a score of 0-5 with a reason, or "no thanks"."""

    demo_day = models.ForeignKey(DemoDay, on_delete=models.CASCADE, related_name="interests")
    investor = models.ForeignKey(
        DemoDayInvestor, on_delete=models.CASCADE, related_name="interests"
    )
    startup = models.ForeignKey(DemoDayStartup, on_delete=models.CASCADE, related_name="interests")
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    score = models.PositiveSmallIntegerField(_("score"), default=0)
    no_thanks = models.BooleanField(_("no thanks"), default=False)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        constraints = [
            models.UniqueConstraint(
                fields=["investor", "startup", "side"], name="events_interest_once_per_side"
            ),
            models.CheckConstraint(condition=Q(score__lte=5), name="events_interest_score_range"),
            models.CheckConstraint(
                condition=Q(side__in=Side.values), name="events_interest_side_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.investor_id}-{self.startup_id} {self.side}: {self.score}"


class PairDecision(models.Model):
    """A staff review decision: pin a pair into a slot, or forbid the pair."""

    demo_day = models.ForeignKey(DemoDay, on_delete=models.CASCADE, related_name="decisions")
    investor = models.ForeignKey(DemoDayInvestor, on_delete=models.CASCADE, related_name="+")
    startup = models.ForeignKey(DemoDayStartup, on_delete=models.CASCADE, related_name="+")
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices)
    slot = models.PositiveIntegerField(_("slot"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["investor", "startup"], name="events_decision_once_per_pair"
            ),
            models.CheckConstraint(
                condition=Q(decision=Decision.FORBID) | Q(slot__isnull=False),
                name="events_pin_has_slot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.investor_id}-{self.startup_id} {self.decision}"


class Meeting(models.Model):
    """A scheduled meeting: the pair, the slot (0-based) and the table (1-based)."""

    demo_day = models.ForeignKey(DemoDay, on_delete=models.CASCADE, related_name="meetings")
    investor = models.ForeignKey(DemoDayInvestor, on_delete=models.CASCADE, related_name="meetings")
    startup = models.ForeignKey(DemoDayStartup, on_delete=models.CASCADE, related_name="meetings")
    slot = models.PositiveIntegerField(_("slot"))
    table = models.PositiveIntegerField(_("table"))

    class Meta:
        ordering = ["slot", "table"]
        constraints = [
            models.UniqueConstraint(
                fields=["demo_day", "slot", "table"], name="events_meeting_table_once"
            ),
            models.UniqueConstraint(
                fields=["investor", "slot"], name="events_meeting_investor_once_per_slot"
            ),
            models.UniqueConstraint(
                fields=["startup", "slot"], name="events_meeting_startup_once_per_slot"
            ),
            models.UniqueConstraint(
                fields=["investor", "startup"], name="events_meeting_pair_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.investor_id}-{self.startup_id} @ {self.slot}"
