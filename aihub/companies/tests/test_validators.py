import pytest
from django.utils import translation

from aihub.companies.validators import (
    format_registration_number,
    normalize_registration_number,
    registration_check_digit,
)
from aihub.core.errors import ValidationFailed


@pytest.mark.parametrize("number", ["220-81-62517", "124-81-00998", "2208162517"])
def test_registration_number_valid_when_check_digit_matches(number):
    assert normalize_registration_number(number) == number.replace("-", "")


@pytest.mark.parametrize("number", ["220-81-62518", "124-81-00990"])
def test_registration_number_refused_when_check_digit_wrong(number):
    with pytest.raises(ValidationFailed) as caught:
        normalize_registration_number(number)
    assert caught.value.errors.keys() == {"registration_number"}
    assert caught.value.code == "invalid_registration_number"
    with translation.override("en"), pytest.raises(ValidationFailed, match="check digit"):
        normalize_registration_number(number)


@pytest.mark.parametrize(
    "number", ["", "12345", "12345678901", "22O-81-62517", "２２０８１６２５１７"]
)
def test_registration_number_refused_when_not_ten_digits(number):
    with pytest.raises(ValidationFailed) as caught:
        normalize_registration_number(number)
    assert caught.value.code == "invalid_registration_number"


def test_check_digit_uses_weights_and_carry():
    # 1*1+2*3+4*7+8*1+1*3+0*7+0*1+9*3+9*5 = 118, plus 9*5//10 = 4 → 122 → check 8.
    assert registration_check_digit("124810099") == 8


def test_format_registration_number_inserts_hyphens():
    assert format_registration_number("2208162517") == "220-81-62517"
