"""Demands (a company's problem), experts (who can help), matches and sessions."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from aihub.core.models import LoggedModel, TimeStampedModel, bilingual
from aihub.matching.enums import DemandStatus, ExpertKind, HelpKind, MatchStatus, SessionMode


class Expert(LoggedModel, TimeStampedModel):
    """A partner researcher, lab or technology, a mentor or a consultant.

    ``tags`` holds taxonomy concept ids; ``capacity`` is how many matches the expert takes
    per quarter (0: listed and ranked, never assigned). Office hours are weekdays
    (0 = Monday) between two times, Asia/Seoul.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=ExpertKind.choices)
    name_ko = models.CharField(_("name (Korean)"), max_length=150, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    profile_ko = models.TextField(_("profile (Korean)"), blank=True)
    profile_en = models.TextField(_("profile (English)"), blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("partner institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="experts",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expert_profiles",
    )
    email = models.EmailField(_("email address"), blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="ko"
    )
    capacity = models.PositiveSmallIntegerField(_("capacity per quarter"), default=2)
    available = models.BooleanField(_("available"), default=True)
    office_days = models.JSONField(_("office days"), default=list, blank=True)
    office_start = models.TimeField(_("office hours from"), default=datetime.time(10, 0))
    office_end = models.TimeField(_("office hours until"), default=datetime.time(17, 0))

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["name_en", "name_ko", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name_ko="", name_en=""), name="matching_expert_has_name"
            ),
            models.CheckConstraint(
                condition=models.Q(office_start__lt=models.F("office_end")),
                name="matching_expert_office_hours_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return bilingual(self, "name")

    @property
    def profile(self) -> str:
        return bilingual(self, "profile")

    @property
    def languages(self) -> str:
        return "+".join(
            code for code, text in (("ko", self.profile_ko), ("en", self.profile_en)) if text
        )


class Demand(LoggedModel, TimeStampedModel):
    """A company's technical or business problem; confidential ones stay between the company,
    staff and the experts matched with it."""

    company = models.ForeignKey(
        "companies.Company",
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        related_name="demands",
    )
    title = models.CharField(_("title"), max_length=200)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    help_kind = models.CharField(_("kind of help"), max_length=20, choices=HelpKind.choices)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    confidential = models.BooleanField(_("confidential"), default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DemandStatus.choices, default=DemandStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("demand")
        verbose_name_plural = _("demands")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(description_ko="", description_en=""),
                name="matching_demand_has_description",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def description(self) -> str:
        return bilingual(self, "description")


class Match(LoggedModel, TimeStampedModel):
    """A proposed pairing of a demand and an expert, followed to an outcome."""

    demand = models.ForeignKey(
        Demand, verbose_name=_("demand"), on_delete=models.CASCADE, related_name="matches"
    )
    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="matches"
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    score = models.FloatField(_("score"))
    reasons = models.JSONField(_("reasons"), default=dict, blank=True)
    assigned = models.BooleanField(_("chosen by the assignment"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=MatchStatus.choices, default=MatchStatus.PROPOSED
    )
    outcome_note = models.TextField(_("outcome note"), blank=True)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["demand", "rank", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["demand", "expert"], name="matching_one_match_per_pair"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=MatchStatus.values),
                name="matching_match_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.demand} ↔ {self.expert}"


class Session(LoggedModel, TimeStampedModel):
    """A mentoring or consulting session of a match, in the expert's office hours."""

    match = models.ForeignKey(
        Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    mode = models.CharField(_("mode"), max_length=10, choices=SessionMode.choices)
    room = models.ForeignKey(
        "spaces.Space",
        verbose_name=_("room"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="matching_sessions",
    )
    notes = models.TextField(_("notes"), blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_at__lt=models.F("ends_at")),
                name="matching_session_starts_before_end",
            ),
            models.CheckConstraint(
                condition=models.Q(mode="online") | models.Q(room__isnull=False),
                name="matching_session_room_when_in_room",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse(
            "matching:demand",
            kwargs={"pk": self.match.demand.company_id, "demand_pk": self.match.demand_id},
        )

    def __str__(self) -> str:
        return f"{self.match} @ {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)
