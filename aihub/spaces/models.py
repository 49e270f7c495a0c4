from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from aihub.core.models import LoggedModel, TimeStampedModel, bilingual
from aihub.spaces.enums import LEASABLE_KINDS, ROOM_KINDS, SpaceKind, SpaceStatus


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


class Space(LoggedModel, TimeStampedModel):
    """A room or area of a floor: offices let by lease, rooms whose time is held for a purpose
    (see ``aihub.bookings.holds``). Stored in the table ``leasing_space``."""

    facility = models.ForeignKey(
        Facility, verbose_name=_("facility"), on_delete=models.PROTECT, related_name="spaces"
    )
    floor = models.ForeignKey(
        Floor, verbose_name=_("floor"), on_delete=models.PROTECT, related_name="spaces"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SpaceKind.choices)
    code = models.CharField(_("code"), max_length=20, help_text=_("For example 6F-01."))
    name_ko = models.CharField(_("name (Korean)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    area_m2 = models.DecimalField(_("area (m²)"), max_digits=8, decimal_places=2)
    desks = models.PositiveIntegerField(_("desks"), default=0)
    seats = models.PositiveIntegerField(_("seats"), default=0)
    status = models.CharField(
        _("status"), max_length=12, choices=SpaceStatus.choices, default=SpaceStatus.AVAILABLE
    )

    class Meta:
        db_table = "leasing_space"
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["facility", "floor__level", "code"]
        indexes = [
            models.Index(
                fields=["kind", "floor", "status", "area_m2", "seats"],
                name="leasing_space_occupancy",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(area_m2__gt=0), name="leasing_space_area_positive"),
            models.CheckConstraint(
                condition=Q(seats__gte=0), name="leasing_space_seats_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(desks__gte=0), name="leasing_space_desks_not_negative"
            ),
            models.UniqueConstraint(fields=["facility", "code"], name="leasing_space_code_once"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return bilingual(self, "name")

    @property
    def is_leasable(self) -> bool:
        return self.kind in LEASABLE_KINDS

    @property
    def is_room(self) -> bool:
        """Whether its time can be held: a meeting or education room, a lounge or a hall."""
        return self.kind in ROOM_KINDS
