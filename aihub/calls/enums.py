"""Choices of the calls app: kinds of call, form field types, statuses and decisions."""

from django.db import models
from django.utils.translation import pgettext_lazy

from aihub.core.lifecycle import Lifecycle


class CallKind(models.TextChoices):
    RESIDENCY = "residency", pgettext_lazy("call kind", "Residency")
    MEMBERSHIP = "membership", pgettext_lazy("call kind", "Membership")
    GROWTH_STAGE = "growth_stage", pgettext_lazy("call kind", "Growth-stage office")
    SCHOLARSHIP = "scholarship", pgettext_lazy("call kind", "Scholarship")
    PROGRAMME = "programme", pgettext_lazy("call kind", "Programme")
    GPU_SUPPORT = "gpu_support", pgettext_lazy("call kind", "GPU support")


MEMBERSHIP_KINDS = {
    CallKind.RESIDENCY: "resident",
    CallKind.GROWTH_STAGE: "resident",
    CallKind.MEMBERSHIP: "membership",
}
"""Kinds of call whose selection records a membership period, and the period's kind."""


class CallPhase(models.TextChoices):
    """Where a call stands, derived from its publication, times and final stage."""

    DRAFT = "draft", pgettext_lazy("call phase", "Draft")
    UPCOMING = "upcoming", pgettext_lazy("call phase", "Upcoming")
    OPEN = "open", pgettext_lazy("call phase", "Open")
    CLOSED = "closed", pgettext_lazy("call phase", "Closed, under evaluation")
    DECIDED = "decided", pgettext_lazy("call phase", "Results announced")


class FieldType(models.TextChoices):
    TEXT = "text", pgettext_lazy("form field type", "Text")
    LONG_TEXT = "long_text", pgettext_lazy("form field type", "Long text")
    NUMBER = "number", pgettext_lazy("form field type", "Number")
    CHOICE = "choice", pgettext_lazy("form field type", "Choice")
    DATE = "date", pgettext_lazy("form field type", "Date")
    FILE = "file", pgettext_lazy("form field type", "File")


class HeadOffice(models.TextChoices):
    SEOUL = "seoul", pgettext_lazy("head office", "In Seoul")
    MOVING = "moving", pgettext_lazy("head office", "Moving to Seoul within 2 months")
    ELSEWHERE = "elsewhere", pgettext_lazy("head office", "Outside Seoul")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("application state", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("application state", "Submitted, under review")
    WAITLISTED = "waitlisted", pgettext_lazy("application state", "Waitlisted")
    SELECTED = "selected", pgettext_lazy("application state", "Selected")
    REJECTED = "rejected", pgettext_lazy("application state", "Not selected")
    DECLINED = "declined", pgettext_lazy("application state", "Declined by the applicant")
    WITHDRAWN = "withdrawn", pgettext_lazy("application state", "Withdrawn")


APPLICATION_LIFECYCLE = Lifecycle(
    thing=pgettext_lazy("lifecycle", "application"),
    states=ApplicationStatus,
    moves={
        ApplicationStatus.DRAFT: {ApplicationStatus.SUBMITTED, ApplicationStatus.WITHDRAWN},
        ApplicationStatus.SUBMITTED: {
            ApplicationStatus.SELECTED,
            ApplicationStatus.REJECTED,
            ApplicationStatus.WAITLISTED,
            ApplicationStatus.WITHDRAWN,
        },
        ApplicationStatus.WAITLISTED: {
            ApplicationStatus.SELECTED,
            ApplicationStatus.REJECTED,
            ApplicationStatus.WITHDRAWN,
        },
        ApplicationStatus.SELECTED: {ApplicationStatus.DECLINED},
    },
)
"""A draft is submitted or withdrawn; judging selects, waitlists or rejects it (a waitlisted
one may move up); a selected company may decline."""


class Outcome(models.TextChoices):
    """What staff decide for an application at a stage."""

    ADVANCE = "advance", pgettext_lazy("stage decision", "Advance / select")
    WAITLIST = "waitlist", pgettext_lazy("stage decision", "Waitlist")
    REJECT = "reject", pgettext_lazy("stage decision", "Reject")


class TieBreak(models.TextChoices):
    HEAVIEST_CRITERION = (
        "criterion",
        pgettext_lazy(
            "tie-break",
            "Higher score on the most heavily weighted criterion, then earlier submission",
        ),
    )
    EARLIER_SUBMISSION = "submitted", pgettext_lazy("tie-break", "Earlier submission")
