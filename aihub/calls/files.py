"""Checks an uploaded document by its content, not its name: magic bytes and ZIP members.

Allowed: PDF, HWP (an OLE2 compound file with an HWP file header), HWPX, DOCX, PPTX and XLSX
(ZIP packages with the members each format requires), PNG and JPEG. The file's extension must
name the kind its content shows, so a renamed file is refused as well.
"""

import zipfile
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

from aihub.core.errors import ValidationFailed

MAX_BYTES_DEFAULT = 10 * 1024 * 1024
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

EXTENSIONS = {
    "pdf": ("pdf",),
    "hwp": ("hwp",),
    "hwpx": ("hwpx",),
    "docx": ("docx",),
    "pptx": ("pptx",),
    "xlsx": ("xlsx",),
    "png": ("png",),
    "jpeg": ("jpg", "jpeg"),
}
ZIP_MEMBERS = {
    "docx": ("[Content_Types].xml", "word/document.xml"),
    "pptx": ("[Content_Types].xml", "ppt/presentation.xml"),
    "xlsx": ("[Content_Types].xml", "xl/workbook.xml"),
    "hwpx": ("mimetype", "Contents/content.hpf"),
}


def max_bytes() -> int:
    return int(getattr(settings, "AIHUB_CALLS_MAX_FILE_BYTES", MAX_BYTES_DEFAULT))


def _zip_kind(stream: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            for kind, members in ZIP_MEMBERS.items():
                if all(member in names for member in members):
                    if kind == "hwpx" and not archive.read("mimetype").startswith(
                        b"application/hwp+zip"
                    ):
                        continue
                    return kind
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return None
    return None


def sniff(stream: IO[bytes]) -> str | None:
    """The kind of document the bytes are, or None when they are none of the allowed ones."""
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(OLE2_MAGIC):
        body = stream.read(max_bytes() + 1)
        stream.seek(0)
        header_entry = "FileHeader".encode("utf-16-le")
        if header_entry in body and b"HWP Document File" in body:
            return "hwp"
        return None
    if head.startswith(ZIP_MAGIC):
        kind = _zip_kind(stream)
        stream.seek(0)
        return kind
    return None


def check_document(upload: object) -> str:
    """The checked kind of an uploaded file; ``ValidationFailed`` on the field ``file``.

    Refuses an empty file, one over the size limit, content of a kind not allowed, and an
    extension that does not match the content.
    """
    name = getattr(upload, "name", "") or ""
    size = getattr(upload, "size", 0) or 0
    limit = max_bytes()
    if size == 0:
        raise ValidationFailed(_("The file is empty."), field="file", code="empty_file")
    if size > limit:
        raise ValidationFailed(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": f"{size / 1048576:.1f}", "limit": f"{limit / 1048576:.0f}"},
            field="file",
            code="file_too_large",
        )
    kind = sniff(upload.file if hasattr(upload, "file") else upload)
    if kind is None:
        raise ValidationFailed(
            _(
                "This file is not an allowed document. Upload PDF, HWP, HWPX, DOCX, PPTX, "
                "XLSX, PNG or JPEG."
            ),
            field="file",
            code="file_type",
        )
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in EXTENSIONS[kind]:
        raise ValidationFailed(
            _("The file's name ends in “.%(suffix)s” but its content is %(kind)s.")
            % {"suffix": suffix, "kind": kind.upper()},
            field="file",
            code="file_extension",
        )
    return kind
