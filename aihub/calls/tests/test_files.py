"""Documents are checked by content (magic bytes, ZIP members) and size."""

import io

import pytest
from django.test import override_settings

from aihub.calls.files import check_document, sniff
from aihub.calls.tests.conftest import (
    docx_bytes,
    hwp_bytes,
    hwpx_bytes,
    pdf_bytes,
    png_bytes,
    upload,
    zip_bytes,
)
from aihub.core.errors import ValidationFailed


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (pdf_bytes(), "pdf"),
        (png_bytes(), "png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "jpeg"),
        (hwp_bytes(), "hwp"),
        (hwpx_bytes(), "hwpx"),
        (docx_bytes(), "docx"),
        (zip_bytes({"[Content_Types].xml": b"", "ppt/presentation.xml": b""}), "pptx"),
        (zip_bytes({"[Content_Types].xml": b"", "xl/workbook.xml": b""}), "xlsx"),
    ],
)
def test_sniff_allowed_kinds(data, kind):
    assert sniff(io.BytesIO(data)) == kind


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00executable",
        zip_bytes({"readme.txt": b"hello"}),
        zip_bytes({"mimetype": b"application/epub+zip", "Contents/content.hpf": b""}),
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
        b"PK\x03\x04 not really a zip",
    ],
)
def test_sniff_other_content_refused(data):
    assert sniff(io.BytesIO(data)) is None


def test_check_document_extension_must_match_content():
    with pytest.raises(ValidationFailed) as caught:
        check_document(upload("plan.hwp", pdf_bytes()))
    assert caught.value.code == "file_extension"


def test_check_document_jpg_extension_accepted():
    assert check_document(upload("photo.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 20)) == "jpeg"


@override_settings(AIHUB_CALLS_MAX_FILE_BYTES=100)
def test_check_document_over_size_refused():
    with pytest.raises(ValidationFailed) as caught:
        check_document(upload("plan.pdf", pdf_bytes() + b"0" * 200))
    assert caught.value.code == "file_too_large"


def test_check_document_empty_refused():
    with pytest.raises(ValidationFailed) as caught:
        check_document(upload("plan.pdf", b""))
    assert caught.value.code == "empty_file"
