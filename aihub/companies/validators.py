"""Korean business registration numbers (사업자등록번호)."""

from django.utils.translation import gettext as _

from aihub.core.errors import ValidationFailed

_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)


def registration_check_digit(first9: str) -> int:
    """The check digit over the first nine digits (weights 1,3,7,1,3,7,1,3,5)."""
    digits = [int(c) for c in first9]
    total = sum(d * w for d, w in zip(digits, _WEIGHTS, strict=True))
    total += digits[8] * 5 // 10
    return (10 - total % 10) % 10


def normalize_registration_number(value: str) -> str:
    """Ten digits without hyphens or spaces; raises ``ValidationFailed`` otherwise."""
    digits = "".join(ch for ch in (value or "") if ch not in "- ")
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        raise ValidationFailed(
            _("A business registration number has 10 digits, like 123-45-67890."),
            field="registration_number",
            code="invalid_registration_number",
        )
    if registration_check_digit(digits[:9]) != int(digits[9]):
        raise ValidationFailed(
            _("This business registration number is not valid: its check digit does not match."),
            field="registration_number",
            code="invalid_registration_number",
        )
    return digits


def format_registration_number(digits: str) -> str:
    """123-45-67890."""
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}" if len(digits) == 10 else digits
