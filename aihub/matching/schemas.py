"""Shapes of the matching API."""

import datetime

from ninja import Schema

from aihub.core.api import PageMeta


class DemandIn(Schema):
    title: str
    description_ko: str = ""
    description_en: str = ""
    tags: list[str] = []
    help_kind: str
    deadline: datetime.date | None = None
    confidential: bool = True


class DemandOut(Schema):
    id: int
    company_id: int
    title: str
    description_ko: str
    description_en: str
    tags: list[str]
    help_kind: str
    deadline: datetime.date | None
    confidential: bool
    status: str


class DemandPage(PageMeta):
    items: list[DemandOut]


class MatchOut(Schema):
    id: int
    demand_id: int
    expert_id: int
    expert_name: str
    partner_name: str
    rank: int
    score: float
    assigned: bool
    reasons: dict
    status: str
    outcome_note: str

    @staticmethod
    def resolve_expert_name(obj) -> str:
        return obj.expert.name

    @staticmethod
    def resolve_partner_name(obj) -> str:
        return obj.expert.partner.name if obj.expert.partner_id else ""


class MatchPage(PageMeta):
    items: list[MatchOut]


class StatusIn(Schema):
    action: str
    outcome_note: str = ""


class SessionIn(Schema):
    starts_at: datetime.datetime
    minutes: int
    mode: str
    room_id: int | None = None


class SessionOut(Schema):
    id: int
    match_id: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    mode: str
    room_id: int | None
    notes: str
