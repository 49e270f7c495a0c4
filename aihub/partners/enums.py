from django.db import models
from django.utils.translation import pgettext_lazy


class PartnerKind(models.TextChoices):
    RESEARCH_INSTITUTE = "research_institute", pgettext_lazy("partner kind", "Research institute")
    UNIVERSITY = "university", pgettext_lazy("partner kind", "University")
    COMPANY = "company", pgettext_lazy("partner kind", "Company")
    PUBLIC_BODY = "public_body", pgettext_lazy("partner kind", "Public body")
    GLOBAL_NETWORK = "global_network", pgettext_lazy("partner kind", "Global network")
