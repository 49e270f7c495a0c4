"""The registry of audit action codes and how each reads in both languages."""

from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Choices, Model, QuerySet
from django.utils.functional import Promise
from django.utils.translation import get_language

if TYPE_CHECKING:
    from aihub.core.models import AuditEntry

_ACTIONS: dict[str, Promise] = {}
_LABELS: dict[str, type[Choices]] = {}


def register(actions: dict[str, Promise]) -> None:
    """Add action codes with their translated descriptions.

    A description may name keys of the entry's data, like ``{email}``.
    """
    for code in actions:
        if code.count(".") < 2:
            raise ValueError(f"Audit action codes are dotted app.object.verb: {code}")
    _ACTIONS.update(actions)


def register_labels(labels: dict[str, type[Choices]]) -> None:
    """Data keys whose stored codes are shown with their choice's label, like ``member_role``."""
    for key, choices in labels.items():
        if _LABELS.get(key, choices) is not choices:
            raise ValueError(f"Audit data key {key!r} already names {_LABELS[key].__name__}")
        _LABELS[key] = choices


def _label(key: str, value: object) -> object:
    choices = _LABELS.get(key)
    if choices is None or value not in choices.values:
        return value if value not in (None, "") else "—"
    return choices(value).label


def assert_known(code: str) -> None:
    if code not in _ACTIONS:
        raise KeyError(f"Unregistered audit action: {code}")


def known_actions() -> dict[str, Promise]:
    return dict(_ACTIONS)


class _Defaulting(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def _field_names(entry: "AuditEntry", names: list[str]) -> list[str]:
    """The changed fields as their translated labels, for ``{fields}``."""
    model = entry.content_type.model_class()
    labels = []
    for name in names:
        try:
            labels.append(str(model._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            labels.append(name)
    return labels


def describe(entry: "AuditEntry") -> str:
    """The entry in the active language, with its data filled in.

    A value stored under ``<key>_en`` replaces ``<key>`` in English.
    """
    template = _ACTIONS.get(entry.action)
    if template is None:
        return entry.action
    data = entry.data if isinstance(entry.data, dict) else {}
    english = (get_language() or "ko").startswith("en")
    values = {
        key: _label(key, data[f"{key}_en"] if english and data.get(f"{key}_en") else value)
        for key, value in data.items()
    }
    if isinstance(data.get("fields"), list):
        values["fields"] = ", ".join(_field_names(entry, data["fields"]))
    return str(template).format_map(_Defaulting(values))


def history_for(obj: Model) -> "QuerySet[AuditEntry]":
    """The audit entries of one object, newest first, with their actors."""
    from aihub.core.models import AuditEntry

    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    ).select_related("actor", "content_type")
