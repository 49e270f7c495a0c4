import uuid

from ninja import Schema


class JobOut(Schema):
    id: uuid.UUID
    kind: str
    label: str
    state: str
    state_label: str
    done: int
    total: int
    percent: int | None
    message: str
    result_message: str
    result_url: str
    file_url: str
    error: str
