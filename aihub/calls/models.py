"""Calls for applications, their stages and rubrics, applications, judging and decisions."""

import hashlib
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aihub.calls.enums import (
    ApplicationStatus,
    CallKind,
    CallPhase,
    FieldType,
    HeadOffice,
    Outcome,
    TieBreak,
)
from aihub.core.models import LoggedModel, TimeStampedModel, bilingual, is_english, pick


class Call(LoggedModel, TimeStampedModel):
    """An open recruitment (공개모집): what is offered, to whom, until when, and how to apply.

    ``eligibility`` holds the rules checked against the applicant company:
    ``founded_within_years`` (int), ``ai_domain`` (bool: at least one AI domain),
    ``seoul_head_office`` (bool: head office in Seoul or moving there within 2 months),
    ``not_resident`` (bool). ``form_schema`` is a list of typed fields (see ``forms_schema``).
    """

    kind = models.CharField(_("kind"), max_length=20, choices=CallKind.choices)
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    text_ko = models.TextField(_("announcement (Korean)"), blank=True)
    text_en = models.TextField(_("announcement (English)"), blank=True)
    places = models.PositiveIntegerField(_("places"))
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    facility = models.ForeignKey(
        "spaces.Facility",
        verbose_name=_("facility"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
    )
    membership_starts_on = models.DateField(_("membership starts on"), null=True, blank=True)
    membership_ends_on = models.DateField(_("membership ends on"), null=True, blank=True)
    eligibility = models.JSONField(_("eligibility rules"), default=dict, blank=True)
    form_schema = models.JSONField(_("application form"), default=list, blank=True)
    tie_break = models.CharField(
        _("tie-break"), max_length=12, choices=TieBreak.choices, default=TieBreak.HEAVIEST_CRITERION
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("results announced at"), null=True, blank=True)

    class Meta:
        verbose_name = _("call for applications")
        verbose_name_plural = _("calls for applications")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_at__lt=models.F("closes_at")),
                name="calls_call_opens_before_closing",
            ),
            models.CheckConstraint(condition=models.Q(places__gte=1), name="calls_call_has_places"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return bilingual(self, "title")

    @property
    def text(self) -> str:
        return bilingual(self, "text")

    def phase(self, now: Any = None) -> CallPhase:
        now = now or timezone.now()
        if self.published_at is None:
            return CallPhase.DRAFT
        if self.decided_at is not None:
            return CallPhase.DECIDED
        if now < self.opens_at:
            return CallPhase.UPCOMING
        if now < self.closes_at:
            return CallPhase.OPEN
        return CallPhase.CLOSED

    @property
    def phase_now(self) -> CallPhase:
        return self.phase()

    def is_open(self, now: Any = None) -> bool:
        return self.phase(now) == CallPhase.OPEN

    @property
    def fields(self) -> list[dict[str, Any]]:
        return list(self.form_schema or [])

    @property
    def documents(self) -> list[dict[str, Any]]:
        """The file fields: the documents an application carries."""
        return [f for f in self.fields if f.get("type") == FieldType.FILE]

    def field_label(self, spec: dict[str, Any]) -> str:
        return pick(spec.get("label_ko", ""), spec.get("label_en", ""), english=is_english())


class Stage(models.Model):
    """One evaluation round of a call (document review, presentation, final)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="stages")
    order = models.PositiveSmallIntegerField(_("order"))
    name_ko = models.CharField(_("name (Korean)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    blind = models.BooleanField(_("blind review"), default=False)
    normalise = models.BooleanField(_("normalise per judge (z-score)"), default=False)
    cutoff = models.DecimalField(
        _("cut-off (points of 100)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    judges_per_application = models.PositiveSmallIntegerField(
        _("judges per application"), default=2
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation stage")
        verbose_name_plural = _("evaluation stages")
        ordering = ["call", "order"]
        constraints = [
            models.UniqueConstraint(fields=["call", "order"], name="calls_stage_order_once"),
            models.CheckConstraint(
                condition=models.Q(cutoff__isnull=True)
                | (models.Q(cutoff__gte=0) & models.Q(cutoff__lte=100)),
                name="calls_stage_cutoff_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return bilingual(self, "name")

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Criterion(models.Model):
    """A weighted rubric line of a stage with its score range."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("order"))
    name_ko = models.CharField(_("name (Korean)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    weight = models.PositiveSmallIntegerField(_("weight"))
    min_score = models.IntegerField(_("lowest score"), default=0)
    max_score = models.IntegerField(_("highest score"), default=10)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["stage", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_score__lt=models.F("max_score")),
                name="calls_criterion_range",
            ),
            models.CheckConstraint(
                condition=models.Q(weight__gte=1), name="calls_criterion_weight_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return bilingual(self, "name")


class Application(LoggedModel, TimeStampedModel):
    """A company's application to a call; editable as a draft, locked once submitted.

    When its consent's retention period ends (``retain_until``) the personal data goes: see
    ``services.purge_expired_applications``; ``purged_at`` then records when.
    """

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    company = models.ForeignKey(
        "companies.Company", on_delete=models.PROTECT, related_name="applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        help_text=_("Cleared when the personal data is deleted at the end of retention."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    stage = models.ForeignKey(
        Stage,
        verbose_name=_("current stage"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    head_office = models.CharField(
        _("head office"), max_length=10, choices=HeadOffice.choices, blank=True
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    consent = models.JSONField(_("personal-data consent"), default=dict, blank=True)
    consented_at = models.DateTimeField(_("consent given at"))
    retain_until = models.DateField(_("kept until"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    waitlist_position = models.PositiveIntegerField(_("waitlist position"), null=True, blank=True)
    purged_at = models.DateTimeField(
        _("personal data deleted at"),
        null=True,
        blank=True,
        help_text=_(
            "When the retention period ended and the answers, documents and applicant were "
            "deleted; the decision and scores stay for the record."
        ),
    )
    membership_period = models.ForeignKey(
        "companies.MembershipPeriod",
        verbose_name=_("membership period"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["call", "submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "company"], name="calls_one_application"),
            models.CheckConstraint(
                condition=~models.Q(status="draft") | models.Q(submitted_at__isnull=True),
                name="calls_draft_not_submitted",
            ),
        ]
        indexes = [models.Index(fields=["call", "status"])]

    def __str__(self) -> str:
        return f"{self.call_id}-{self.pk}"

    @property
    def blind_code(self) -> str:
        """A stable code that names the application without naming the company."""
        digest = hashlib.sha256(f"{settings.SECRET_KEY}:application:{self.pk}".encode())
        return "A-" + digest.hexdigest()[:6].upper()

    @property
    def is_locked(self) -> bool:
        return self.status != ApplicationStatus.DRAFT


def document_path(instance: "Document", filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower()
    return f"calls/{instance.application.call_id}/{instance.application_id}/{instance.key}.{suffix}"


class Document(models.Model):
    """A file answering one file field of the application form, checked by its content."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    key = models.SlugField(_("field"), max_length=40)
    file = models.FileField(_("file"), upload_to=document_path)
    original_name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(_("file type"), max_length=10)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["application", "key"]
        constraints = [
            models.UniqueConstraint(fields=["application", "key"], name="calls_document_once"),
        ]

    def __str__(self) -> str:
        return self.original_name


class Assignment(models.Model):
    """A judge reviewing one application at one stage.

    ``total`` and ``tie_value`` are kept by the scoring service in the transaction that saves
    the scores (see ``ranking.sheet_total``): the judge's weighted total on 100 points and
    their score on the stage's tie-break criterion, both null until every criterion of the
    stage is scored. Rankings read them instead of the scores.
    """

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="assignments")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assignments"
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="judge_assignments"
    )
    automatic = models.BooleanField(_("assigned automatically"), default=False)
    created_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    total = models.FloatField(_("judge's total (of 100)"), null=True, blank=True, editable=False)
    tie_value = models.IntegerField(
        _("score on the tie-break criterion"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("judge assignment")
        verbose_name_plural = _("judge assignments")
        ordering = ["stage", "application", "judge"]
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "application", "judge"], name="calls_assignment_once"
            ),
        ]
        indexes = [
            models.Index(fields=["judge", "stage"]),
            models.Index(
                fields=["stage", "application", "judge", "total", "tie_value"],
                name="calls_assignment_totals",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judge} → {self.application}"


class Recusal(models.Model):
    """A conflict of interest a judge declared on an application, with the reason."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="recusals")
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recusals"
    )
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("declared at"), auto_now_add=True)

    class Meta:
        verbose_name = _("declared conflict")
        verbose_name_plural = _("declared conflicts")
        constraints = [
            models.UniqueConstraint(fields=["application", "judge"], name="calls_recusal_once"),
        ]

    def __str__(self) -> str:
        return f"{self.judge} ✕ {self.application}"


class Score(models.Model):
    """One judge's score on one criterion for one application, with a comment."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.IntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "criterion"], name="calls_one_score_per_criterion"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class Decision(models.Model):
    """Staff's decision on an application at a stage; applied when the stage is finalised."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="decisions")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        verbose_name = _("stage decision")
        verbose_name_plural = _("stage decisions")
        constraints = [
            models.UniqueConstraint(fields=["stage", "application"], name="calls_decision_once"),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.outcome}"
