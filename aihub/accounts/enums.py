from django.db import models
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    """Roles a user holds at the hub; company membership is recorded per company."""

    HUB_STAFF = "hub_staff", pgettext_lazy("role", "Hub staff")
    JUDGE = "judge", pgettext_lazy("role", "Judge")
    INVESTOR = "investor", pgettext_lazy("role", "Investor")
    MENTOR = "mentor", pgettext_lazy("role", "Mentor / expert")
    RESEARCHER = "researcher", pgettext_lazy("role", "Partner researcher")
    TRAINEE = "trainee", pgettext_lazy("role", "Trainee")


COMPANY_MEMBER = "company_member"
