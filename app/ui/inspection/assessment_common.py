"""安全员必问、负责人必考、员工抽问: the three people-facing checks of a visit, one page each per target enterprise
(interview_page.py, quiz_page.py, awareness_page.py); this module holds what they share.

Every page is a self-contained QWidget made with (workspace, inspection id, enterprise id). Each change is saved
through `Workspace.assessments` the moment it is made (a rating when clicked, a note when its line is left, a quiz
answer when chosen), so nothing is lost if the laptop dies; after each successful save the page emits `changed`.
Refused input is shown with `dialogs.show_error` (non-blocking), and the only question the pages ask (hand in a quiz
with unanswered questions?) is a non-blocking QMessageBox too, kept in `QuizPage.confirm_box`.

The question texts, key points and explanations come from the question banks, which are Chinese; the UI strings
around them are English sources translated through the .ts catalogue.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.models.workspace import Workspace

PASS_COLOR = "#2e7d32"
FAIL_COLOR = "#c62828"
WARN_COLOR = "#ef6c00"
MUTED_COLOR = "#5f6b7a"
ACCENT_COLOR = "#1565c0"
BORDER_COLOR = "#d0d7de"

PLACEHOLDER = re.compile(r"%([1-9])")

QUIZ_POINT_SIZE = 14.0  # the principal reads the quiz from the inspector's laptop, often at arm's length
QUESTION_POINT_SIZE = 15.0

STYLE = f"""
QFrame#card {{ background: white; border: 1px solid {BORDER_COLOR}; border-radius: 6px; }}
QFrame#card[focused="true"] {{ border: 2px solid {ACCENT_COLOR}; }}
QLabel#muted {{ color: {MUTED_COLOR}; }}
QLabel#chip {{ border-radius: 3px; padding: 1px 6px; background: #eef2f6; color: #34495e; }}
QLabel#criticalChip {{ border-radius: 3px; padding: 1px 6px; background: #fdecea; color: {FAIL_COLOR}; }}
QLabel#badge {{ border-radius: 11px; background: {ACCENT_COLOR}; color: white; font-weight: bold; }}
QFrame#ratingOption {{ background: #f7f9fb; border: 1px solid {BORDER_COLOR}; border-radius: 5px; }}
QFrame#ratingOption:hover {{ border-color: {ACCENT_COLOR}; }}
QFrame#ratingOption[selected="true"][score="0"] {{ background: #fdecea; border: 2px solid {FAIL_COLOR}; }}
QFrame#ratingOption[selected="true"][score="1"] {{ background: #fff4e5; border: 2px solid {WARN_COLOR}; }}
QFrame#ratingOption[selected="true"][score="2"] {{ background: #e8f5e9; border: 2px solid {PASS_COLOR}; }}
QFrame#footer {{ background: #f3f6f9; border-top: 1px solid {BORDER_COLOR}; }}
QFrame#choice {{ background: white; border: 1px solid {BORDER_COLOR}; border-radius: 6px; }}
QFrame#choice:hover {{ border-color: {ACCENT_COLOR}; }}
QFrame#choice[checked="true"] {{ background: #e3f2fd; border: 2px solid {ACCENT_COLOR}; }}
QPushButton#primary {{ background: {ACCENT_COLOR}; color: white; border: none; border-radius: 4px;
    padding: 8px 22px; font-weight: bold; }}
QPushButton#primary:hover {{ background: #0d47a1; }}
QPushButton#primary:disabled {{ background: #90a4ae; }}
QPushButton#navButton {{ border: 1px solid {BORDER_COLOR}; border-radius: 4px; background: white; }}
QPushButton#navButton[answered="true"] {{ background: #e3f2fd; border-color: #90caf9; }}
QPushButton#navButton[current="true"] {{ border: 2px solid {ACCENT_COLOR}; font-weight: bold; }}
QFrame#choice QRadioButton::indicator, QFrame#choice QCheckBox::indicator {{ width: 18px; height: 18px; }}
QLabel#verdict {{ color: white; border-radius: 5px; padding: 4px 14px; }}
QLabel#verdict[passed="true"] {{ background: {PASS_COLOR}; }}
QLabel#verdict[passed="false"] {{ background: {FAIL_COLOR}; }}
QScrollArea#plain {{ background: transparent; border: none; }}
QWidget#scrollBody {{ background: transparent; }}
"""




def set_font(widget: QWidget, point_size: float | None = None, bold: bool = False) -> None:
    font = QFont(widget.font())
    if point_size is not None:
        font.setPointSizeF(point_size)
    font.setBold(bold)
    widget.setFont(font)


def make_label(text: str = "", *, name: str = "", wrap: bool = False, point_size: float | None = None,
           bold: bool = False) -> QLabel:
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    if point_size is not None or bold:
        set_font(label, point_size, bold)
    return label


def set_property(widget: QWidget, name: str, value: str) -> None:
    """Set a property a style sheet selects on and re-apply the style to the widget and its children."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    for w in (widget, *widget.findChildren(QWidget)):
        w.style().unpolish(w)
        w.style().polish(w)
    widget.update()


def colored(label: QLabel, color: str) -> None:
    label.setStyleSheet(f"color: {color};")


def clear_layout(layout: QVBoxLayout | QHBoxLayout | QGridLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif isinstance(inner, (QVBoxLayout, QHBoxLayout, QGridLayout)):
            clear_layout(inner)


def enterprise_name(workspace: Workspace, enterprise_id: str) -> str:
    try:
        return str(workspace.registry.get_enterprise(enterprise_id)["name"])
    except UserError:
        return ""


def scrolled(body: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setObjectName("plain")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    body.setObjectName("scrollBody")
    area.setWidget(body)
    return area


def digit_key(event: QKeyEvent) -> int | None:
    """0-based choice for keys 1–8 (main row or keypad); None for any other key."""
    key = event.key()
    if Qt.Key.Key_1 <= key <= Qt.Key.Key_8:
        return int(key - Qt.Key.Key_1)
    return None


def letter_key(event: QKeyEvent) -> int | None:
    key = event.key()
    if Qt.Key.Key_A <= key <= Qt.Key.Key_H:
        return int(key - Qt.Key.Key_A)
    return None


def plain_modifiers(event: QKeyEvent) -> bool:
    """No Ctrl, Alt or Meta held (Shift and the keypad flag are fine), so application shortcuts pass through."""
    held = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
    return not (event.modifiers() & held)
