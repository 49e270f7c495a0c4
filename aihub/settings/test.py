"""The test suite: fast hashing, in-memory mail, a throwaway media folder."""

import os
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

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A test database in a file (in memory-backed /dev/shm where there is one) rather than
    # SQLite's shared in-memory database: threads then open their own connections as in
    # production, so the live server, a background worker and the test can run at once.
    _shm = "/dev/shm"  # noqa: S108 (mkdtemp below makes a private folder in it)
    _folder = _shm if os.path.isdir(_shm) else None
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.mkdtemp(prefix="aihub-test-db-", dir=_folder)) / "test.sqlite3")
    }
