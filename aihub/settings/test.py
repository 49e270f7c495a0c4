"""The test suite: fast hashing, in-memory mail, a throwaway media folder."""

import tempfile
from pathlib import Path

from aihub.settings.base import *  # noqa: F403 (a settings module extends the base one)

SECRET_KEY = "test-only-key"  # noqa: S105 (tests only)
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="aihub-test-media-"))
AIHUB_PRIVATE_ROOT = Path(tempfile.mkdtemp(prefix="aihub-test-private-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
ALLOWED_HOSTS = ["*"]
