from django.db import models
from django.utils.translation import pgettext_lazy


class Stage(models.TextChoices):
    PRE_STARTUP = "pre_startup", pgettext_lazy("company stage", "Pre-startup")
    SEED = "seed", pgettext_lazy("company stage", "Seed")
    PRE_A = "pre_a", pgettext_lazy("company stage", "Pre-Series A")
    SERIES_A = "series_a", pgettext_lazy("company stage", "Series A")
    SERIES_B = "series_b", pgettext_lazy("company stage", "Series B")
    SERIES_C = "series_c", pgettext_lazy("company stage", "Series C or later")
    LISTED = "listed", pgettext_lazy("company stage", "Listed")


class MembershipKind(models.TextChoices):
    """How a company takes part in the hub during a period."""

    RESIDENT = "resident", pgettext_lazy("membership kind", "Resident")
    MEMBERSHIP = "membership", pgettext_lazy("membership kind", "Membership")


class CompanyStatus(models.TextChoices):
    """A company's relation to the hub today, derived from its membership periods."""

    RESIDENT = "resident", pgettext_lazy("company status", "Resident")
    MEMBERSHIP = "membership", pgettext_lazy("company status", "Membership")
    ALUMNI = "alumni", pgettext_lazy("company status", "Alumni")
    NONE = "none", pgettext_lazy("company status", "Not yet a member")


class MemberRole(models.TextChoices):
    OWNER = "owner", pgettext_lazy("company member role", "Owner")
    MEMBER = "member", pgettext_lazy("company member role", "Member")
