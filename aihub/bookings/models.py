"""Room holds, bookable rooms, bookings, weekly series and the charges for paid hours.

Every use of a room's time — a booking, an event, an expert session, a class — is a
``RoomHold``. Invariants the database holds: a positive capacity, slot and durations; opening
before closing; a hold and a booking that end after they start, their blocked range
(``starts_at`` to ``blocked_until`` = end plus the room's buffer) at least as long as them;
amounts that add up; one hold per owner. On PostgreSQL no two held ranges of one room may
overlap (an exclusion constraint added by migration 0006); on SQLite the hold service checks
and inserts in one IMMEDIATE transaction, so writers are serialised.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aihub.bookings.enums import (
    ACTIVE_STATUSES,
    BookerKind,
    BookingStatus,
    ChargeStatus,
    Equipment,
    HoldPurpose,
    HoldState,
)
from aihub.companies.models import Company
from aihub.core.models import LoggedModel, TimeStampedModel, bilingual
from aihub.leasing.models import Invoice
from aihub.spaces.enums import SpaceKind
from aihub.spaces.models import Space

BOOKABLE_KINDS = (
    SpaceKind.MEETING_ROOM,
    SpaceKind.EDUCATION_ROOM,
    SpaceKind.LOUNGE,
    SpaceKind.HALL,
)
RELEASE_AFTER = datetime.timedelta(minutes=15)
"""A booking not checked in this long after it starts is released."""
CHECK_IN_EARLY = datetime.timedelta(minutes=15)
"""Check-in opens this long before the start."""


MAX_HOLD = datetime.timedelta(days=7)
"""The longest single use of a room (a week-long event)."""
MAX_BUFFER = datetime.timedelta(hours=4)
"""The longest buffer a room may keep after each use."""


class RoomHold(LoggedModel, TimeStampedModel):
    """A room's time held for a purpose, on behalf of an owner object (a booking, an event,
    a session…), from ``starts_at`` to ``ends_at``; the room stays blocked until
    ``blocked_until`` (the end plus the room's buffer).

    ``company`` and ``held_by`` are who may see what the hold is for; everyone else sees the
    room as busy. Written only through ``aihub.bookings.holds``.
    """

    space = models.ForeignKey(
        Space, verbose_name=_("room"), on_delete=models.PROTECT, related_name="holds"
    )
    purpose = models.CharField(_("used for"), max_length=20, choices=HoldPurpose.choices)
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    blocked_until = models.DateTimeField(_("blocked until"))
    state = models.CharField(
        _("state"), max_length=10, choices=HoldState.choices, default=HoldState.HELD
    )
    owner_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    owner_id = models.BigIntegerField()
    owner = GenericForeignKey("owner_type", "owner_id")
    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="room_holds",
        null=True,
        blank=True,
    )
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("held by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("room hold")
        verbose_name_plural = _("room holds")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["space", "starts_at"], name="bookings_hold_space_start"),
            models.Index(fields=["state", "starts_at"], name="bookings_hold_state_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="bookings_hold_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(blocked_until__gte=F("ends_at")),
                name="bookings_hold_blocked_covers_use",
            ),
            models.CheckConstraint(
                condition=Q(blocked_until__lte=F("starts_at") + MAX_HOLD + MAX_BUFFER),
                name="bookings_hold_at_most_a_week",
            ),
            models.CheckConstraint(
                condition=Q(state__in=HoldState.values), name="bookings_hold_state_known"
            ),
            models.CheckConstraint(
                condition=Q(purpose__in=HoldPurpose.values), name="bookings_hold_purpose_known"
            ),
            models.UniqueConstraint(
                fields=["owner_type", "owner_id"], name="bookings_one_hold_per_owner"
            ),
        ]

    def __str__(self) -> str:
        return f"H-{self.pk or 0:06d}"

    @property
    def title(self) -> str:
        return bilingual(self, "title")

    @property
    def is_held(self) -> bool:
        return self.state == HoldState.HELD


def _weekdays() -> list[int]:
    return [0, 1, 2, 3, 4]


def _bookers() -> list[str]:
    return [BookerKind.RESIDENT, BookerKind.MEMBERSHIP, BookerKind.PARTNER]


def photo_path(instance: "BookableRoom", filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower()
    return f"rooms/{instance.space_id}.{suffix}"


class BookableRoom(LoggedModel, TimeStampedModel):
    """A meeting room, education room, lounge or hall with its booking rules.

    ``allowed_bookers`` lists ``BookerKind`` values; the hub itself may always book.
    ``free_hours_*`` are per company per month in this room; beyond them a paid room charges
    ``hourly_price`` plus VAT, and a free room (price 0) refuses the booking.
    """

    space = models.OneToOneField(
        Space, verbose_name=_("space"), on_delete=models.PROTECT, related_name="bookable"
    )
    capacity = models.PositiveIntegerField(_("capacity (people)"))
    equipment = models.JSONField(_("equipment"), default=list, blank=True)
    photo = models.ImageField(_("photo"), upload_to=photo_path, blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    opens_at = models.TimeField(_("opens at"), default=datetime.time(8, 0))
    closes_at = models.TimeField(_("closes at"), default=datetime.time(22, 0))
    open_weekdays = models.JSONField(
        _("open on"), default=_weekdays, help_text=_("0 is Monday, 6 is Sunday.")
    )
    allowed_bookers = models.JSONField(_("who may book"), default=_bookers)
    slot_minutes = models.PositiveSmallIntegerField(_("slot (minutes)"), default=30)
    min_minutes = models.PositiveSmallIntegerField(_("shortest booking (minutes)"), default=30)
    max_minutes = models.PositiveSmallIntegerField(_("longest booking (minutes)"), default=240)
    window_days = models.PositiveSmallIntegerField(_("bookable days ahead"), default=60)
    buffer_minutes = models.PositiveSmallIntegerField(_("buffer after (minutes)"), default=0)
    approval_required = models.BooleanField(_("approval required"), default=False)
    check_in_required = models.BooleanField(_("check-in required"), default=True)
    hourly_price = models.PositiveIntegerField(_("hourly price (KRW, before VAT)"), default=0)
    free_hours_resident = models.PositiveSmallIntegerField(
        _("free hours a month, resident company"), default=0
    )
    free_hours_membership = models.PositiveSmallIntegerField(
        _("free hours a month, membership company"), default=0
    )
    is_active = models.BooleanField(_("bookable"), default=True)

    class Meta:
        verbose_name = _("bookable room")
        verbose_name_plural = _("bookable rooms")
        ordering = ["space__facility", "space__floor__level", "space__code"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gt=0), name="bookings_capacity_positive"),
            models.CheckConstraint(
                condition=Q(slot_minutes__gt=0) & Q(min_minutes__gt=0),
                name="bookings_slot_positive",
            ),
            models.CheckConstraint(
                condition=Q(max_minutes__gte=F("min_minutes")) & Q(max_minutes__lte=1440),
                name="bookings_duration_limits",
            ),
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="bookings_opens_before_closing"
            ),
            models.CheckConstraint(
                condition=Q(buffer_minutes__lte=240), name="bookings_buffer_at_most_4h"
            ),
        ]

    def __str__(self) -> str:
        return str(self.space)

    @property
    def name(self) -> str:
        return self.space.name

    @property
    def code(self) -> str:
        return self.space.code

    @property
    def description(self) -> str:
        return bilingual(self, "description")

    @property
    def buffer(self) -> datetime.timedelta:
        return datetime.timedelta(minutes=self.buffer_minutes)

    def equipment_labels(self) -> list[str]:
        return [str(Equipment(code).label) for code in self.equipment if code in Equipment.values]

    def booker_labels(self) -> list[str]:
        return [
            str(BookerKind(code).label)
            for code in self.allowed_bookers
            if code in BookerKind.values
        ]

    def free_hours_for(self, kind: str) -> int:
        if kind == BookerKind.RESIDENT:
            return self.free_hours_resident
        if kind == BookerKind.MEMBERSHIP:
            return self.free_hours_membership
        return 0


class BookingSeries(LoggedModel, TimeStampedModel):
    """A weekly booking repeated for a number of weeks; created all at once or not at all."""

    room = models.ForeignKey(
        BookableRoom, verbose_name=_("room"), on_delete=models.PROTECT, related_name="series"
    )
    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="booking_series",
        null=True,
        blank=True,
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=120)
    weeks = models.PositiveSmallIntegerField(_("weeks"))
    first_starts_at = models.DateTimeField(_("first starts at"))

    class Meta:
        verbose_name = _("booking series")
        verbose_name_plural = _("booking series")
        ordering = ["-first_starts_at"]

    def __str__(self) -> str:
        return f"S-{self.pk or 0:06d}"


class Booking(LoggedModel, TimeStampedModel):
    """One room held from ``starts_at`` to ``ends_at``; the room stays blocked until
    ``blocked_until`` (the end plus the room's buffer at the time of booking)."""

    room = models.ForeignKey(
        BookableRoom, verbose_name=_("room"), on_delete=models.PROTECT, related_name="bookings"
    )
    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="bookings",
        null=True,
        blank=True,
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        on_delete=models.PROTECT,
        related_name="room_bookings",
    )
    booker_kind = models.CharField(_("booked as"), max_length=12, choices=BookerKind.choices)
    organiser = models.CharField(_("organisation"), max_length=120, blank=True)
    title = models.CharField(_("title"), max_length=120)
    attendees = models.PositiveIntegerField(_("attendees"), default=1)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    blocked_until = models.DateTimeField(_("blocked until"))
    status = models.CharField(
        _("status"), max_length=12, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    series = models.ForeignKey(
        BookingSeries,
        verbose_name=_("series"),
        on_delete=models.PROTECT,
        related_name="bookings",
        null=True,
        blank=True,
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    decision_note = models.CharField(_("note on the decision"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["room", "starts_at"], name="bookings_room_start"),
            models.Index(fields=["status", "starts_at"], name="bookings_status_start"),
            models.Index(fields=["company", "starts_at"], name="bookings_company_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="bookings_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(blocked_until__gte=F("ends_at")), name="bookings_blocked_covers_booking"
            ),
            models.CheckConstraint(
                condition=Q(attendees__gt=0), name="bookings_attendees_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"B-{self.pk or 0:06d}"

    @property
    def number(self) -> str:
        return str(self)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def hours(self) -> float:
        return self.minutes / 60

    @property
    def holder(self) -> str:
        """Who the booking is for: the company, the outside organisation or the person."""
        if self.company_id:
            return self.company.name
        return self.organiser or self.booked_by.full_name

    def can_check_in(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return (
            self.status == BookingStatus.CONFIRMED
            and self.starts_at - CHECK_IN_EARLY <= now < self.starts_at + RELEASE_AFTER
        )


class BookingCharge(LoggedModel, TimeStampedModel):
    """The paid hours of one booking: hourly price, VAT at 10% rounded down, total.

    A member company's open charge goes on its next monthly invoice (``invoice``, status
    invoiced; see ``aihub.bookings.invoicing``); a charge without a company stays a receipt.
    An open charge is cancelled with its booking; amounts are never edited.
    """

    booking = models.ForeignKey(
        Booking, verbose_name=_("booking"), on_delete=models.PROTECT, related_name="charges"
    )
    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="booking_charges",
        null=True,
        blank=True,
    )
    month = models.DateField(_("month"), help_text=_("The first day of the booking's month."))
    minutes = models.PositiveIntegerField(_("charged minutes"))
    hourly_price = models.PositiveIntegerField(_("hourly price (KRW)"))
    subtotal = models.BigIntegerField(_("subtotal (KRW)"))
    vat = models.BigIntegerField(_("VAT (KRW)"))
    total = models.BigIntegerField(_("total (KRW)"))
    status = models.CharField(
        _("status"), max_length=10, choices=ChargeStatus.choices, default=ChargeStatus.OPEN
    )
    invoice = models.ForeignKey(
        Invoice,
        verbose_name=_("invoice"),
        on_delete=models.PROTECT,
        related_name="booking_charges",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("booking charge")
        verbose_name_plural = _("booking charges")
        ordering = ["-month", "-id"]
        indexes = [models.Index(fields=["company", "month"], name="bookings_charge_month")]
        constraints = [
            models.CheckConstraint(
                condition=Q(total=F("subtotal") + F("vat")), name="bookings_charge_adds_up"
            ),
            models.CheckConstraint(
                condition=Q(subtotal__gte=0) & Q(vat__gte=0), name="bookings_charge_not_negative"
            ),
            models.UniqueConstraint(
                fields=["booking"],
                condition=Q(status="open"),
                name="bookings_one_open_charge_per_booking",
            ),
            models.CheckConstraint(
                condition=Q(status="invoiced", invoice__isnull=False)
                | (~Q(status="invoiced") & Q(invoice__isnull=True)),
                name="bookings_charge_invoiced_has_invoice",
            ),
        ]

    def __str__(self) -> str:
        return f"R-{self.pk or 0:06d}"

    @property
    def number(self) -> str:
        return str(self)

    @property
    def hours(self) -> float:
        return self.minutes / 60
