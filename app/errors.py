"""Error kinds shared by the core, the CLI and the GUI.

`UserError` is anything the user can understand and fix (bad input, a refused operation, a damaged file): the
GUI shows it in a dialog, the CLI prints it and exits non-zero. Every other exception is a bug.
Messages are written in both languages at the place they are raised, so a translation sits next to its cause;
the active language is a process-wide setting chosen by the GUI settings or `FIELDSAFE_LANG`.
"""

from __future__ import annotations

import os

_language = "en" if os.environ.get("FIELDSAFE_LANG", "zh").lower().startswith("en") else "zh"


def set_language(lang: str) -> None:
    global _language
    _language = "en" if lang.lower().startswith("en") else "zh"


def language() -> str:
    return _language


def localized(zh: str, en: str) -> str:
    """The text in the active language (for messages that are not errors: CLI output, reports, problem lists)."""
    return en if _language == "en" else zh


class FieldSafeError(Exception):
    """Base of all errors this application raises on purpose."""


class UserError(FieldSafeError):
    """An expected failure with a message for the user, in Chinese and English.

    `zh` and `en` are `str.format` templates filled from `params`; `code` is a stable identifier for tests and
    scripts.
    """

    def __init__(self, code: str, zh: str, en: str, **params: object) -> None:
        self.code = code
        self.zh = zh.format(**params)
        self.en = en.format(**params)
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return self.en if _language == "en" else self.zh

    def __str__(self) -> str:
        return self.message


class ValidationError(UserError):
    """Input that breaks a rule of the domain (a missing note, a bad credit code, too few inspectors)."""


class NotFoundError(UserError):
    """A referenced record does not exist."""


class ContentError(UserError):
    """A shipped or imported data file (checklist, question bank, settings) is malformed.

    Always names the file, the field and the reason.
    """

    def __init__(self, file: str, field: str, zh_reason: str, en_reason: str) -> None:
        super().__init__(
            "content.invalid",
            "数据文件 {file} 有误：字段 {field}：{zh_reason}",
            "Data file {file} is invalid: field {field}: {en_reason}",
            file=file,
            field=field,
            zh_reason=zh_reason,
            en_reason=en_reason,
        )
        self.file = file
        self.field = field


class PhotoError(UserError):
    """A file offered as a photo was refused (not an image, truncated, too large)."""
