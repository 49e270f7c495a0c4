"""Choices of the matching app: kinds of help and expert, and the lifecycle statuses."""

from django.db import models
from django.utils.translation import pgettext_lazy

from aihub.core.lifecycle import Lifecycle


class HelpKind(models.TextChoices):
    RESEARCH_PARTNER = "research_partner", pgettext_lazy("help kind", "Research partner")
    TECHNOLOGY_LICENCE = "technology_licence", pgettext_lazy("help kind", "Technology licence")
    MENTOR = "mentor", pgettext_lazy("help kind", "Mentor")
    CONSULTANT = "consultant", pgettext_lazy("help kind", "Consultant")


class ExpertKind(models.TextChoices):
    RESEARCHER = "researcher", pgettext_lazy("expert kind", "Researcher")
    LAB = "lab", pgettext_lazy("expert kind", "Laboratory")
    TECHNOLOGY = "technology", pgettext_lazy("expert kind", "Technology")
    MENTOR = "mentor", pgettext_lazy("expert kind", "Mentor")
    CONSULTANT = "consultant", pgettext_lazy("expert kind", "Consultant")


class DemandStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("demand status", "Open")
    CLOSED = "closed", pgettext_lazy("demand status", "Closed")


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("match status", "Proposed")
    APPROVED = "approved", pgettext_lazy("match status", "Reviewed by staff")
    REJECTED = "rejected", pgettext_lazy("match status", "Rejected by staff")
    ACCEPTED = "accepted", pgettext_lazy("match status", "Accepted")
    DECLINED = "declined", pgettext_lazy("match status", "Declined")
    MEETING = "meeting", pgettext_lazy("match status", "Meeting")
    IN_PROGRESS = "in_progress", pgettext_lazy("match status", "In progress")
    SOLVED = "solved", pgettext_lazy("match status", "Solved")
    NOT_SOLVED = "not_solved", pgettext_lazy("match status", "Not solved")


class SessionMode(models.TextChoices):
    ONLINE = "online", pgettext_lazy("session mode", "Online")
    ROOM = "room", pgettext_lazy("session mode", "In a room")


# Statuses that show the partner has seen the demand (it is visible to them).
SHARED_STATUSES = (
    MatchStatus.APPROVED,
    MatchStatus.ACCEPTED,
    MatchStatus.DECLINED,
    MatchStatus.MEETING,
    MatchStatus.IN_PROGRESS,
    MatchStatus.SOLVED,
    MatchStatus.NOT_SOLVED,
)
# Statuses in which a match takes one unit of the expert's quarterly capacity.
LOAD_STATUSES = (
    MatchStatus.APPROVED,
    MatchStatus.ACCEPTED,
    MatchStatus.MEETING,
    MatchStatus.IN_PROGRESS,
)
# Statuses in which the company may book sessions.
BOOKABLE_STATUSES = (MatchStatus.ACCEPTED, MatchStatus.MEETING, MatchStatus.IN_PROGRESS)
ACCEPTED_OR_LATER = (*BOOKABLE_STATUSES, MatchStatus.SOLVED, MatchStatus.NOT_SOLVED)

# (from, to) pairs allowed by the lifecycle.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    MatchStatus.PROPOSED: (MatchStatus.APPROVED, MatchStatus.REJECTED),
    MatchStatus.APPROVED: (MatchStatus.ACCEPTED, MatchStatus.DECLINED),
    MatchStatus.ACCEPTED: (MatchStatus.MEETING, MatchStatus.IN_PROGRESS, MatchStatus.NOT_SOLVED),
    MatchStatus.MEETING: (MatchStatus.IN_PROGRESS, MatchStatus.SOLVED, MatchStatus.NOT_SOLVED),
    MatchStatus.IN_PROGRESS: (MatchStatus.SOLVED, MatchStatus.NOT_SOLVED),
}

MATCH_LIFECYCLE = Lifecycle(
    thing=pgettext_lazy("lifecycle", "match"), states=MatchStatus, moves=TRANSITIONS
)
"""Staff approve or reject a proposal; the expert accepts or declines; the two sides meet,
work on the problem and close the match as solved or not."""
