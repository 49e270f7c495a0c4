"""The application form of a call: typed fields stored as a JSON list on the call.

A field is ``{"key", "type", "label_ko", "label_en", "required", "choices"?, "min"?, "max"?}``
where ``type`` is a ``FieldType`` and ``choices`` a list of ``{"value", "label_ko",
"label_en"}``. Staff write the form as lines (``parse_lines``); answers are checked against
it (``check_answers``), file fields by the uploaded documents.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from aihub.calls.enums import FieldType
from aihub.core.errors import ValidationFailed

KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
TEXT_LIMIT = 200
LONG_TEXT_LIMIT = 5000
RESERVED_KEYS = frozenset({"head_office", "key", "file", "consent"})


def check_schema(fields: Any) -> list[dict[str, Any]]:
    """The form fields, cleaned; ``ValidationFailed`` on ``form_schema`` when one is wrong."""
    if not isinstance(fields, list):
        raise ValidationFailed(_("The form is a list of fields."), field="form_schema")
    cleaned: list[dict[str, Any]] = []
    keys: set[str] = set()
    for number, spec in enumerate(fields, start=1):
        problem = _problem(spec, keys)
        if problem:
            raise ValidationFailed(
                _("Field %(number)d: %(problem)s") % {"number": number, "problem": problem},
                field="form_schema",
            )
        keys.add(spec["key"])
        field = {
            "key": spec["key"],
            "type": spec["type"],
            "label_ko": str(spec["label_ko"]).strip(),
            "label_en": str(spec.get("label_en") or spec["label_ko"]).strip(),
            "required": bool(spec.get("required", False)),
        }
        if spec["type"] == FieldType.CHOICE:
            field["choices"] = [
                {
                    "value": str(c["value"]),
                    "label_ko": str(c.get("label_ko") or c["value"]),
                    "label_en": str(c.get("label_en") or c.get("label_ko") or c["value"]),
                }
                for c in spec["choices"]
            ]
        if spec["type"] == FieldType.NUMBER:
            for bound in ("min", "max"):
                if spec.get(bound) is not None:
                    field[bound] = spec[bound]
        cleaned.append(field)
    return cleaned


def _problem(spec: Any, keys: set[str]) -> str:
    if not isinstance(spec, dict):
        return _("each field is an object.")
    if not isinstance(spec.get("key"), str) or not KEY.match(spec["key"]):
        return _("the key is lower-case letters, digits and underscores, starting with a letter.")
    if spec["key"] in RESERVED_KEYS:
        return _("the key “%(key)s” is reserved.") % {"key": spec["key"]}
    if spec["key"] in keys:
        return _("the key “%(key)s” is used twice.") % {"key": spec["key"]}
    if spec.get("type") not in FieldType.values:
        return _("the type must be one of: %(types)s.") % {"types": ", ".join(FieldType.values)}
    if not str(spec.get("label_ko") or "").strip():
        return _("the field needs a Korean label.")
    if spec["type"] == FieldType.CHOICE:
        choices = spec.get("choices")
        if not isinstance(choices, list) or len(choices) < 2:
            return _("a choice field needs at least two choices.")
        if not all(isinstance(c, dict) and str(c.get("value", "")).strip() for c in choices):
            return _("each choice needs a value.")
    if spec["type"] == FieldType.NUMBER:
        low, high = spec.get("min"), spec.get("max")
        for bound in (low, high):
            if bound is not None and not isinstance(bound, (int, float)):
                return _("the lowest and highest values are numbers.")
        if low is not None and high is not None and low > high:
            return _("the lowest value is above the highest.")
    return ""


def parse_lines(text: str) -> list[dict[str, Any]]:
    """Fields written one per line: ``key | type | 한국어 라벨 | English label | required``.

    A choice field adds a sixth part, ``value=한국어=English; value=한국어=English``. The fifth
    part is ``required`` or ``optional``. Blank lines are skipped.
    """
    fields = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) < 4:
            raise ValidationFailed(
                _("Line %(number)d: write key | type | Korean label | English label | required.")
                % {"number": number},
                field="form_schema",
            )
        spec: dict[str, Any] = {
            "key": parts[0],
            "type": parts[1],
            "label_ko": parts[2],
            "label_en": parts[3],
            "required": len(parts) > 4 and parts[4].lower() in ("required", "필수", "yes"),
        }
        if len(parts) > 5 and parts[5]:
            spec["choices"] = []
            for choice in parts[5].split(";"):
                bits = [bit.strip() for bit in choice.split("=")]
                if bits[0]:
                    spec["choices"].append(
                        {
                            "value": bits[0],
                            "label_ko": bits[1] if len(bits) > 1 else bits[0],
                            "label_en": bits[2] if len(bits) > 2 else bits[-1],
                        }
                    )
        fields.append(spec)
    return check_schema(fields)


def as_lines(fields: list[dict[str, Any]]) -> str:
    """The inverse of ``parse_lines``, to show a form for editing."""
    lines = []
    for field in fields:
        parts = [
            field["key"],
            field["type"],
            field["label_ko"],
            field["label_en"],
            "required" if field.get("required") else "optional",
        ]
        if field.get("choices"):
            parts.append(
                "; ".join(f"{c['value']}={c['label_ko']}={c['label_en']}" for c in field["choices"])
            )
        lines.append(" | ".join(parts))
    return "\n".join(lines)


def clean_answer(field: dict[str, Any], value: Any) -> Any:
    """One answer converted to its stored form, or ``ValueError`` with a translated message.

    Empty answers become ``None``; numbers are stored as numbers, dates as ISO text.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    kind = field["type"]
    if kind in (FieldType.TEXT, FieldType.LONG_TEXT):
        text = str(value).strip()
        limit = TEXT_LIMIT if kind == FieldType.TEXT else LONG_TEXT_LIMIT
        if len(text) > limit:
            raise ValueError(_("Write at most %(limit)d characters.") % {"limit": limit})
        return text
    if kind == FieldType.NUMBER:
        try:
            number = Decimal(str(value).replace(",", "").strip())
        except InvalidOperation as exc:
            raise ValueError(_("Enter a number.")) from exc
        if not number.is_finite():
            raise ValueError(_("Enter a number."))
        if field.get("min") is not None and number < Decimal(str(field["min"])):
            raise ValueError(_("Enter %(min)s or more.") % {"min": field["min"]})
        if field.get("max") is not None and number > Decimal(str(field["max"])):
            raise ValueError(_("Enter %(max)s or less.") % {"max": field["max"]})
        return int(number) if number == number.to_integral_value() else float(number)
    if kind == FieldType.CHOICE:
        if str(value) not in {c["value"] for c in field["choices"]}:
            raise ValueError(_("Choose one of the options."))
        return str(value)
    if kind == FieldType.DATE:
        if isinstance(value, datetime.date):
            return value.isoformat()
        try:
            return datetime.date.fromisoformat(str(value).strip()).isoformat()
        except ValueError as exc:
            raise ValueError(_("Enter a date as YYYY-MM-DD.")) from exc
    raise ValueError(_("Upload the file instead."))


def clean_answers(fields: list[dict[str, Any]], values: dict[str, Any]) -> dict[str, Any]:
    """Every non-file answer cleaned; ``ValidationFailed`` with errors keyed by field key.

    Unknown keys are refused; required answers are only demanded at submission.
    """
    known = {f["key"]: f for f in fields if f["type"] != FieldType.FILE}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ValidationFailed(
            _("These answers are not on the form: %(keys)s") % {"keys": ", ".join(unknown)}
        )
    cleaned, errors = {}, {}
    for key, value in values.items():
        try:
            cleaned[key] = clean_answer(known[key], value)
        except ValueError as exc:
            errors[key] = [str(exc)]
    if errors:
        raise ValidationFailed(errors=errors)
    return cleaned


def missing_answers(
    fields: list[dict[str, Any]], answers: dict[str, Any], documents: set[str]
) -> list[dict[str, Any]]:
    """The required fields that have no answer (or, for a file field, no document)."""
    missing = []
    for field in fields:
        if not field.get("required"):
            continue
        if field["type"] == FieldType.FILE:
            if field["key"] not in documents:
                missing.append(field)
        elif answers.get(field["key"]) in (None, ""):
            missing.append(field)
    return missing
