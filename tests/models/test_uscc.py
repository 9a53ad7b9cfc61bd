from __future__ import annotations

import pytest

from app.errors import ValidationError
from app.models.uscc import check_character, normalize_uscc, validate_uscc

# Published credit codes of real organisations (their check characters are computed by GB 32100).
REAL = ["91350100M000100Y43", "91110000802100433B"]


@pytest.mark.parametrize("code", REAL)
def test_real_codes_validate(code):
    assert validate_uscc(code) == code
    assert check_character(code[:17]) == code[17]


def test_lower_case_and_spaces_are_normalised():
    assert normalize_uscc(" 91350100m000100y43 ") == "91350100M000100Y43"


@pytest.mark.parametrize(
    "bad",
    [
        "91350100M000100Y44",  # wrong check character
        "91350100M000100Y4",  # 17 characters
        "91350100M000100I43",  # I is not in the GB 32100 alphabet
    ],
)
def test_bad_codes_are_refused_with_a_message(bad):
    with pytest.raises(ValidationError) as err:
        validate_uscc(bad)
    assert "统一社会信用代码" in err.value.zh


def test_a_missing_code_is_allowed():
    assert validate_uscc("  ") is None
    assert validate_uscc(None) is None
