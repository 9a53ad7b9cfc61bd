"""统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters, the last a check character."""

from __future__ import annotations

from app.errors import ValidationError

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 symbols: no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}


def check_character(first17: str) -> str:
    total = sum(_VALUE[ch] * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalize_uscc(raw: str | None) -> str | None:
    """Upper-case, strip spaces; None or blank means the enterprise has none (unregistered workshops exist)."""
    if raw is None:
        return None
    code = "".join(raw.split()).upper()
    return code or None


def validate_uscc(raw: str | None) -> str | None:
    """Return the normalised code, or raise ValidationError saying exactly what is wrong."""
    code = normalize_uscc(raw)
    if code is None:
        return None
    if len(code) != 18:
        raise ValidationError(
            "uscc.length",
            "统一社会信用代码应为18位，“{value}”为{n}位",
            "A unified social credit code has 18 characters; '{value}' has {n}",
            value=code,
            n=len(code),
        )
    bad = sorted({ch for ch in code if ch not in _VALUE})
    if bad:
        raise ValidationError(
            "uscc.characters",
            "统一社会信用代码“{value}”含有不允许的字符：{bad}（不使用 I、O、S、V、Z）",
            "Unified social credit code '{value}' has characters that are not allowed: {bad} (I, O, S, V, Z are never "
            "used)",
            value=code,
            bad=" ".join(bad),
        )
    expected = check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(
            "uscc.check",
            "统一社会信用代码“{value}”校验位错误：最后一位应为 {expected}",
            "Unified social credit code '{value}' has a wrong check character: the last one should be {expected}",
            value=code,
            expected=expected,
        )
    return code
