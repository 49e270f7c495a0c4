"""Local development: debug pages, console mail, SQLite unless told otherwise."""

from aihub.settings import env
from aihub.settings.base import *  # noqa: F403 (a settings module extends the base one)

DEBUG = True
SECRET_KEY = env.get("SECRET_KEY", "development-only-key-not-for-production")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
