"""What the registry forms share: a field's text as stored, the message line under a field, the phone check."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color: #c62828;"
WARNING_STYLE = "color: #b45309;"
HINT_STYLE = "color: #6b7280;"
OK_STYLE = "color: #2e7d32;"

_MOBILE = re.compile(r"(?:\+?86|0086)?1[3-9]\d{9}")
# Area code 0 + 2–3 digits (010, 021, 0574, 0516 …), a 7–8 digit local number, an optional extension.
_LANDLINE = re.compile(r"0\d{2,3}-?[2-9]\d{6,7}(?:-\d{1,6})?")


def phone_looks_valid(text: str | None) -> bool:
    """True for a blank field, a mainland mobile number or a landline with its area code (spaces, brackets,
    hyphens and an extension written 转 are tolerated)."""
    compact = re.sub(r"[\s()（）]", "", text or "").replace("转", "-").replace("—", "-")
    if not compact:
        return True
    return bool(_MOBILE.fullmatch(compact.replace("-", "")) or _LANDLINE.fullmatch(compact))


def field_text(value: Any) -> str | None:
    """What a field holds, as the registry stores it: stripped, and None when blank."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def message_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.hide()
    return label


def show_message(label: QLabel, text: str | None, style: str = ERROR_STYLE) -> None:
    label.setText(text or "")
    label.setStyleSheet(style)
    label.setVisible(bool(text))


def stacked(*widgets: QWidget | QHBoxLayout) -> QWidget:
    """Widgets on top of each other with no margins: a field with its message line under it."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    for widget in widgets:
        if isinstance(widget, QHBoxLayout):
            layout.addLayout(widget)
        else:
            layout.addWidget(widget)
    return box


