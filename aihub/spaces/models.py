from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from aihub.core.models import LoggedModel, TimeStampedModel, bilingual


class Facility(LoggedModel, TimeStampedModel):
    """A building (or part of one) where the hub supports companies."""

    slug = models.SlugField(_("short name"), unique=True)
    name_ko = models.CharField(_("name (Korean)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    address_ko = models.CharField(_("address (Korean)"), max_length=200)
    address_en = models.CharField(_("address (English)"), max_length=200)
    area_m2 = models.PositiveIntegerField(_("support space (m²)"))
    opened_on = models.DateField(_("opened on"))
    is_anchor = models.BooleanField(_("anchor facility"), default=False)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["-is_anchor", "opened_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(area_m2__gt=0), name="spaces_area_positive"),
            models.UniqueConstraint(
                fields=["is_anchor"],
                condition=models.Q(is_anchor=True),
                name="spaces_one_anchor_facility",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return bilingual(self, "name")

    @property
    def address(self) -> str:
        return bilingual(self, "address")

    @property
    def description(self) -> str:
        return bilingual(self, "description")

    @property
    def floor_range(self) -> str:
        """Lowest to highest floor, like B1-7F."""
        floors = list(self.floors.all())
        return f"{floors[0].label}–{floors[-1].label}" if floors else ""

    def get_absolute_url(self) -> str:
        return reverse("spaces:facility", kwargs={"slug": self.slug})


class Floor(models.Model):
    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="floors")
    label = models.CharField(_("floor"), max_length=8, help_text=_("For example B1, 1F, 7F."))
    level = models.SmallIntegerField(_("level"), help_text=_("-1 for B1, 1 for 1F."))
    area_m2 = models.PositiveIntegerField(_("area (m²)"), null=True, blank=True)
    uses_ko = models.CharField(_("uses (Korean)"), max_length=200, blank=True)
    uses_en = models.CharField(_("uses (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("floor")
        verbose_name_plural = _("floors")
        ordering = ["facility", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "level"], name="spaces_one_floor_per_level"
            ),
            models.CheckConstraint(condition=~models.Q(level=0), name="spaces_level_not_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.facility} {self.label}"

    @property
    def uses(self) -> str:
        return bilingual(self, "uses")
