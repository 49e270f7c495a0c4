"""Checks on uploaded logos: size, and that the file really is an image."""

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from aihub.core.errors import ValidationFailed

ALLOWED_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}
MAX_PIXELS = 4096 * 4096


def validate_logo(upload: UploadedFile) -> None:
    """Refuse files over the size limit and anything Pillow cannot read as PNG/JPEG/WebP/GIF."""
    limit = settings.AIHUB_LOGO_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationFailed(
            _("The logo is %(size).1f MB; the limit is %(limit)d MB.")
            % {"size": upload.size / 1_048_576, "limit": limit // 1_048_576},
            field="logo",
            code="logo_too_large",
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ) as exc:
        raise ValidationFailed(
            _("The logo must be an image file (PNG, JPEG, WebP or GIF)."),
            field="logo",
            code="logo_not_image",
        ) from exc
    finally:
        upload.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationFailed(
            _("The logo must be an image file (PNG, JPEG, WebP or GIF)."),
            field="logo",
            code="logo_not_image",
        )
    if width * height > MAX_PIXELS:
        raise ValidationFailed(
            _("The logo is too large: at most 4096 × 4096 pixels."),
            field="logo",
            code="logo_too_large",
        )
