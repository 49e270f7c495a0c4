from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from aihub.core.models import LoggedModel, TimeStampedModel, bilingual
from aihub.partners.enums import PartnerKind


class Partner(LoggedModel, TimeStampedModel):
    """An institution the hub works with: institute, university, company, public body, network."""

    name_ko = models.CharField(_("name (Korean)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    kind = models.CharField(_("type"), max_length=20, choices=PartnerKind.choices)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166 code, like KR."))
    homepage = models.URLField(_("homepage"), blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name_en", "id"]
        constraints = [
            models.UniqueConstraint(fields=["name_en"], name="partners_unique_english_name"),
            models.CheckConstraint(
                condition=models.Q(country__regex=r"^[A-Z]{2}$"), name="partners_country_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return bilingual(self, "name")

    @property
    def description(self) -> str:
        return bilingual(self, "description")

    def get_absolute_url(self) -> str:
        return reverse("partners:detail", kwargs={"pk": self.pk})


class PartnerContact(models.Model):
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=100)
    title = models.CharField(pgettext_lazy("job title", "title"), max_length=100, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_contacts",
    )

    class Meta:
        verbose_name = _("partner contact")
        verbose_name_plural = _("partner contacts")
        ordering = ["partner", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.partner})"


class Agreement(models.Model):
    """A memorandum of understanding or other agreement with a partner."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="agreements")
    title = models.CharField(pgettext_lazy("agreement", "title"), max_length=200)
    signed_on = models.DateField(_("signed on"))
    items = models.JSONField(_("items"), default=list, blank=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["partner", "-signed_on"]

    def __str__(self) -> str:
        return f"{self.title} ({self.signed_on})"
