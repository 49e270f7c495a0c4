"""API schemas of the calls app: separate In and Out per operation."""

import datetime
from typing import Any

from ninja import Field, Schema

from aihub.calls.enums import ApplicationStatus, CallKind, CallPhase, HeadOffice
from aihub.core.api import PageMeta


class FormFieldOut(Schema):
    key: str
    type: str
    label_ko: str
    label_en: str
    required: bool
    choices: list[dict[str, str]] = []


class StageOut(Schema):
    order: int
    name_ko: str
    name_en: str
    blind: bool


class CallOut(Schema):
    id: int
    kind: CallKind
    title_ko: str
    title_en: str
    places: int
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    phase: CallPhase

    @staticmethod
    def resolve_phase(obj: Any) -> str:
        return obj.phase()


class CallDetailOut(CallOut):
    text_ko: str
    text_en: str
    eligibility: dict[str, Any]
    form: list[FormFieldOut]
    stages: list[StageOut]

    @staticmethod
    def resolve_form(obj: Any) -> list[dict[str, Any]]:
        return obj.fields

    @staticmethod
    def resolve_stages(obj: Any) -> list[Any]:
        return list(obj.stages.all())


class CallPage(PageMeta):
    items: list[CallOut]


class DocumentOut(Schema):
    id: int
    key: str
    original_name: str
    kind: str
    size: int


class ApplicationOut(Schema):
    id: int
    call_id: int = Field(alias="call_id")
    company_id: int = Field(alias="company_id")
    status: ApplicationStatus
    head_office: str
    answers: dict[str, Any]
    submitted_at: datetime.datetime | None
    waitlist_position: int | None


class ApplicationDetailOut(ApplicationOut):
    consented_at: datetime.datetime
    retain_until: datetime.date
    documents: list[DocumentOut]

    @staticmethod
    def resolve_documents(obj: Any) -> list[Any]:
        return list(obj.documents.all())


class ApplicationPage(PageMeta):
    items: list[ApplicationOut]


class ApplicationIn(Schema):
    call_id: int
    consent: bool
    head_office: HeadOffice | None = None


class AnswersIn(Schema):
    answers: dict[str, Any] = {}
    head_office: HeadOffice | None = None


class AssignmentOut(Schema):
    id: int
    call_id: int = Field(alias="stage.call_id")
    stage: str = Field(alias="stage.name")
    blind: bool = Field(alias="stage.blind")
    application: str
    scored: int
    criteria_count: int

    @staticmethod
    def resolve_application(obj: Any) -> str:
        if obj.stage.blind:
            return obj.application.blind_code
        return obj.application.company.name


class AssignmentPage(PageMeta):
    items: list[AssignmentOut]


class ScoreOut(Schema):
    criterion: int = Field(alias="criterion_id")
    value: int
    comment: str


class ScoreIn(Schema):
    criterion: int
    value: int
    comment: str = Field("", max_length=2000)


class ScoresIn(Schema):
    scores: list[ScoreIn]
