"""Calls fixtures: judges, an open call with a rubric, applications built through the services."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from aihub.accounts.enums import Role
from aihub.calls import services
from aihub.calls.enums import CallKind, HeadOffice
from aihub.calls.models import Call

FORM = [
    {
        "key": "summary",
        "type": "long_text",
        "label_ko": "사업 요약",
        "label_en": "Summary",
        "required": True,
    },
    {
        "key": "employees",
        "type": "number",
        "label_ko": "직원 수",
        "label_en": "Employees",
        "required": False,
        "min": 0,
        "max": 10000,
    },
    {
        "key": "track",
        "type": "choice",
        "label_ko": "트랙",
        "label_en": "Track",
        "required": False,
        "choices": [
            {"value": "ai", "label_ko": "AI", "label_en": "AI"},
            {"value": "data", "label_ko": "데이터", "label_en": "Data"},
        ],
    },
    {
        "key": "plan",
        "type": "file",
        "label_ko": "사업계획서",
        "label_en": "Business plan",
        "required": True,
    },
]


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def hwpx_bytes() -> bytes:
    return zip_bytes(
        {"mimetype": b"application/hwp+zip", "Contents/content.hpf": b"<opf:package/>"}
    )


def hwp_bytes() -> bytes:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    entry = "FileHeader".encode("utf-16-le") + b"\x00" * 40
    return header + entry + b"HWP Document File" + b"\x00" * 200


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (10, 20, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def open_window() -> tuple[datetime.datetime, datetime.datetime]:
    now = timezone.now()
    return now - datetime.timedelta(days=1), now + datetime.timedelta(days=7)


@pytest.fixture
def judges(make_user):
    """Three judges on their own mail domains."""
    return [make_user(f"judge{n}@judges{n}.example", roles=(Role.JUDGE,)) for n in range(1, 4)]


@pytest.fixture
def make_call(staff, facility):
    def make(**overrides) -> Call:
        opens_at, closes_at = open_window()
        arguments = {
            "kind": CallKind.MEMBERSHIP,
            "title_ko": "2026 멤버십 기업 공개모집",
            "title_en": "2026 membership call",
            "places": 2,
            "opens_at": opens_at,
            "closes_at": closes_at,
            "facility": facility,
            "membership_starts_on": timezone.localdate() + datetime.timedelta(days=30),
            "eligibility_rules": {
                "founded_within_years": 10,
                "ai_domain": True,
                "seoul_head_office": True,
                "not_resident": True,
            },
            "form_schema": FORM,
            "standard_rubric": True,
            "actor": staff,
        }
        arguments.update(overrides)
        call = services.create_call(**arguments)
        return services.publish_call(call=call, actor=staff)

    return make


@pytest.fixture
def call(make_call) -> Call:
    return make_call()


@pytest.fixture
def stage(call):
    return call.stages.get()


@pytest.fixture
def applicant_company(make_company, make_user):
    """A company that is not resident, so it passes the residency rule."""
    return make_company(owner=make_user("founder@gamma.example"))


@pytest.fixture
def applicant(applicant_company):
    return applicant_company.members.get().user


def fill(application, actor):
    services.save_answers(
        application=application,
        answers={"summary": "AI 비서", "employees": "12", "track": "ai"},
        head_office=HeadOffice.SEOUL,
        actor=actor,
    )
    services.upload_document(
        application=application, key="plan", upload=upload("plan.pdf", pdf_bytes()), actor=actor
    )


@pytest.fixture
def draft(call, applicant_company, applicant):
    return services.start_application(
        call=call, company=applicant_company, applicant=applicant, consent_given=True
    )


@pytest.fixture
def submitted(draft, applicant):
    fill(draft, applicant)
    return services.submit_application(application=draft, actor=applicant)


@pytest.fixture
def make_submitted(call, make_company, make_user):
    """``make_submitted(n)``: n more companies that applied and submitted."""

    def make(count: int, target: Call | None = None) -> list:
        made = []
        for _ in range(count):
            owner = make_user()
            company = make_company(owner=owner)
            application = services.start_application(
                call=target or call, company=company, applicant=owner, consent_given=True
            )
            fill(application, owner)
            made.append(services.submit_application(application=application, actor=owner))
        return made

    return make


def after_close(call: Call) -> datetime.datetime:
    return call.closes_at + datetime.timedelta(hours=1)


def score_all(assignment, value: int, actor=None):
    criteria = list(assignment.stage.criteria.all())
    return services.set_scores(
        assignment=assignment,
        scores=[{"criterion": c.pk, "value": value, "comment": ""} for c in criteria],
        actor=actor or assignment.judge,
    )
