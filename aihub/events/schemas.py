"""API schemas: separate input and output per operation."""

import datetime

from ninja import Field, Schema

from aihub.core.api import PageMeta


class EventOut(Schema):
    id: int
    kind: str
    title: str
    title_ko: str
    title_en: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    venue: str
    capacity: int
    confirmed: int = 0
    waiting: int = 0


class EventPage(PageMeta):
    items: list[EventOut]


class RegistrationOut(Schema):
    id: int
    event_id: int
    status: str
    checked_in_at: datetime.datetime | None


class RegistrationPage(PageMeta):
    items: list[RegistrationOut]


class InterestIn(Schema):
    other: int = Field(description="The seat id of the other side (a startup for an investor).")
    score: int = 0
    no_thanks: bool = False
    reason: str = ""


class InterestOut(Schema):
    investor: int = Field(alias="investor_id")
    startup: int = Field(alias="startup_id")
    side: str
    score: int
    no_thanks: bool
    reason: str


class AgendaItemOut(Schema):
    slot: int
    table: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    investor: int
    startup: int
    with_name: str
