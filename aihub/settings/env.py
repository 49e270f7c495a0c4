"""Every setting that comes from the environment is read here, and only here."""

import os

from django.core.exceptions import ImproperlyConfigured


def get(name: str, default: str | None = None) -> str | None:
    """The value of ``AIHUB_<name>``, or ``default``."""
    return os.environ.get(f"AIHUB_{name}", default)


def required(name: str) -> str:
    """The value of ``AIHUB_<name>``; refuses to start without it."""
    value = get(name)
    if not value:
        raise ImproperlyConfigured(f"Set the environment variable AIHUB_{name}.")
    return value


def flag(name: str, *, default: bool = False) -> bool:
    """A yes/no setting: 1, true, yes and on count as yes."""
    value = get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def as_list(name: str, default: str = "") -> list[str]:
    """A comma-separated setting as a list of non-empty items."""
    raw = get(name, default) or ""
    return [item.strip() for item in raw.split(",") if item.strip()]
