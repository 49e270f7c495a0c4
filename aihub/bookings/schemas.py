"""API schemas of the booking endpoints: one ``…In`` per write, ``…Out`` per answer."""

import datetime

from ninja import Field, Schema

from aihub.bookings.enums import BookerKind, BookingStatus, Equipment
from aihub.core.api import PageMeta
from aihub.spaces.enums import SpaceKind


class RoomOut(Schema):
    id: int
    facility: str = Field(alias="space.facility.slug")
    floor: str = Field(alias="space.floor.label")
    code: str = Field(alias="space.code")
    name_ko: str = Field(alias="space.name_ko")
    name_en: str = Field(alias="space.name_en")
    kind: SpaceKind = Field(alias="space.kind")
    capacity: int
    equipment: list[Equipment]
    opens_at: datetime.time
    closes_at: datetime.time
    open_weekdays: list[int]
    allowed_bookers: list[BookerKind]
    slot_minutes: int
    min_minutes: int
    max_minutes: int
    window_days: int
    buffer_minutes: int
    approval_required: bool
    hourly_price: int
    free_hours_resident: int
    free_hours_membership: int


class RoomPage(PageMeta):
    items: list[RoomOut]


class BusyOut(Schema):
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    mine: bool = Field(description="Whether the caller may see this booking in full")
    booking: int | None = Field(None, description="The booking's id, when the caller may see it")
    title: str | None = None


class WindowOut(Schema):
    starts_at: datetime.datetime
    ends_at: datetime.datetime


class AvailabilityOut(Schema):
    room: RoomOut
    busy: list[BusyOut]
    free: list[WindowOut]


class BookingOut(Schema):
    id: int
    number: str
    room: int = Field(alias="room_id")
    room_code: str = Field(alias="room.space.code")
    company: int | None = Field(None, alias="company_id")
    booker_kind: BookerKind
    organiser: str
    title: str
    attendees: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    status: BookingStatus
    series: int | None = Field(None, alias="series_id")


class BookingPage(PageMeta):
    items: list[BookingOut]


class BookingIn(Schema):
    room: int = Field(description="The bookable room's id")
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    title: str = Field(min_length=1, max_length=120)
    attendees: int = Field(1, ge=1)
    company: int | None = Field(None, description="The company booked for; none in person")
    organiser: str = Field("", max_length=120, description="Outside organisations: who books")
    weeks: int = Field(1, ge=1, le=26, description="Repeat weekly; all weeks are booked or none")


class BookingsOut(Schema):
    series: int | None = None
    bookings: list[BookingOut]


class ChangeIn(Schema):
    starts_at: datetime.datetime
    ends_at: datetime.datetime


class RejectIn(Schema):
    note: str = Field("", max_length=200)
