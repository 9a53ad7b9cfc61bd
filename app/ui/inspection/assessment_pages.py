"""安全员必问、负责人必考、员工抽问: the three people-facing checks of a visit, one page each per target enterprise.

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
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.models import content
from app.models.workspace import Workspace
from app.ui.widgets.autosave import AutoSave, DraftField
from app.ui.widgets.dialogs import show_error
from app.ui.widgets.tables import record_table

PASS_COLOR = "#2e7d32"
FAIL_COLOR = "#c62828"
WARN_COLOR = "#ef6c00"
MUTED_COLOR = "#5f6b7a"
ACCENT_COLOR = "#1565c0"
BORDER_COLOR = "#d0d7de"

_PLACEHOLDER = re.compile(r"%([1-9])")

QUIZ_POINT_SIZE = 14.0  # the principal reads the quiz from the inspector's laptop, often at arm's length
QUESTION_POINT_SIZE = 15.0

_STYLE = f"""
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


# ---------------------------------------------------------------------------------------------------- helpers


def _fill(text: str, *values: object) -> str:
    """Fill Qt-style %1, %2 … placeholders (the form the translation tests check) in one pass."""
    return _PLACEHOLDER.sub(
        lambda m: str(values[int(m.group(1)) - 1]) if 0 < int(m.group(1)) <= len(values) else m.group(0), text
    )


def _font(widget: QWidget, point_size: float | None = None, bold: bool = False) -> None:
    font = QFont(widget.font())
    if point_size is not None:
        font.setPointSizeF(point_size)
    font.setBold(bold)
    widget.setFont(font)


def _label(text: str = "", *, name: str = "", wrap: bool = False, point_size: float | None = None,
           bold: bool = False) -> QLabel:
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    if point_size is not None or bold:
        _font(label, point_size, bold)
    return label


def _set_property(widget: QWidget, name: str, value: str) -> None:
    """Set a property a style sheet selects on and re-apply the style to the widget and its children."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    for w in (widget, *widget.findChildren(QWidget)):
        w.style().unpolish(w)
        w.style().polish(w)
    widget.update()


def _colored(label: QLabel, color: str) -> None:
    label.setStyleSheet(f"color: {color};")


def _clear_layout(layout: QVBoxLayout | QHBoxLayout | QGridLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif item.layout() is not None:
            _clear_layout(item.layout())  # type: ignore[arg-type]


def _enterprise_name(workspace: Workspace, enterprise_id: str) -> str:
    try:
        return str(workspace.registry.get_enterprise(enterprise_id)["name"])
    except UserError:
        return ""


def _scroll(body: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setObjectName("plain")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    body.setObjectName("scrollBody")
    area.setWidget(body)
    return area


def _digit_key(event: QKeyEvent) -> int | None:
    """0-based choice for keys 1–8 (main row or keypad); None for any other key."""
    key = event.key()
    if Qt.Key.Key_1 <= key <= Qt.Key.Key_8:
        return int(key - Qt.Key.Key_1)
    return None


def _letter_key(event: QKeyEvent) -> int | None:
    key = event.key()
    if Qt.Key.Key_A <= key <= Qt.Key.Key_H:
        return int(key - Qt.Key.Key_A)
    return None


def _plain_modifiers(event: QKeyEvent) -> bool:
    """No Ctrl, Alt or Meta held (Shift and the keypad flag are fine), so application shortcuts pass through."""
    held = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
    return not (event.modifiers() & held)


# ---------------------------------------------------------------------------------------------------- 安全员必问


class _RatingOption(QFrame):
    """One of the 0 / 1 / 2 segments of a question: the score and what earns it, clickable as a whole."""

    clicked = Signal()

    def __init__(self, score: int, guidance: str) -> None:
        super().__init__()
        self.score = score
        self.setObjectName("ratingOption")
        self.setProperty("score", str(score))
        self.setProperty("selected", "false")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.digit = _label(str(score), point_size=17, bold=True)
        self.digit.setFixedWidth(22)
        self.digit.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.guidance = _label(guidance, wrap=True)
        self.guidance.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(8)
        layout.addWidget(self.digit)
        layout.addWidget(self.guidance, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_selected(self, selected: bool) -> None:
        _set_property(self, "selected", "true" if selected else "false")

    def is_selected(self) -> bool:
        return self.property("selected") == "true"

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)


class InterviewCard(QFrame):
    """One interview question: text, key points, the 0/1/2 segments with their guidance, and a note line.

    Focusable: keys 0, 1, 2 rate it, Up/Down ask the page to move to the neighbouring card.
    """

    rating_chosen = Signal(int)
    move_requested = Signal(int)
    note_finished = Signal()

    def __init__(self, number: int, question: content.Question, texts: Mapping[str, str],
                 scale: tuple[str, ...]) -> None:
        super().__init__()
        self.question = question
        self.rating: int | None = None
        self.saved_note = ""
        self.setObjectName("card")
        self.setProperty("focused", "false")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        badge = _label(str(number), name="badge")
        badge.setFixedSize(22, 22)
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        kind = _label(texts["task"] if question.type == content.TASK else texts["oral"], name="chip")
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(badge)
        top.addWidget(kind)
        if question.critical:
            top.addWidget(_label(texts["critical"], name="criticalChip"))
        top.addStretch(1)
        self.status_label = _label(name="muted")
        top.addWidget(self.status_label)

        self.text_label = _label(question.text_zh, wrap=True, point_size=12, bold=True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        points = "；".join(question.key_points_zh)
        self.points_label = _label(_fill(texts["key_points"], points), name="muted", wrap=True)

        options = QHBoxLayout()
        options.setSpacing(8)
        self.options: list[_RatingOption] = []
        for score in content.INTERVIEW_SCORES:
            guidance = question.scoring_zh[score] if len(question.scoring_zh) > score else scale[score]
            option = _RatingOption(score, guidance)
            option.clicked.connect(lambda s=score: self._option_clicked(s))
            options.addWidget(option, 1)
            self.options.append(option)

        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(texts["note_placeholder"])
        self.note_edit.setClearButtonEnabled(True)
        self.note_saver = AutoSave(self.note_edit, lambda _text: self.note_finished.emit())
        self.note_edit.installEventFilter(self)
        note_row = QHBoxLayout()
        note_row.addWidget(_label(texts["note"]))
        note_row.addWidget(self.note_edit, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(7)
        layout.addLayout(top)
        layout.addWidget(self.text_label)
        layout.addWidget(self.points_label)
        layout.addLayout(options)
        layout.addLayout(note_row)

    def _option_clicked(self, score: int) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.rating_chosen.emit(score)

    def set_rating(self, rating: int | None) -> None:
        self.rating = rating
        for option in self.options:
            option.set_selected(option.score == rating)

    def set_note(self, note: str | None) -> None:
        self.saved_note = note or ""
        self.note_saver.set_text(self.saved_note)

    def _set_focused(self, focused: bool) -> None:
        _set_property(self, "focused", "true" if focused else "false")

    def focusInEvent(self, event: Any) -> None:
        self._set_focused(True)
        super().focusInEvent(event)

    def focusOutEvent(self, event: Any) -> None:
        self._set_focused(self.note_edit.hasFocus())
        super().focusOutEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.note_edit and event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self._set_focused(event.type() == QEvent.Type.FocusIn or self.hasFocus())
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if _plain_modifiers(event) and key in (Qt.Key.Key_0, Qt.Key.Key_1, Qt.Key.Key_2):
            self.rating_chosen.emit(int(key - Qt.Key.Key_0))
            event.accept()
        elif key == Qt.Key.Key_Up:
            self.move_requested.emit(-1)
            event.accept()
        elif key == Qt.Key.Key_Down:
            self.move_requested.emit(1)
            event.accept()
        else:
            super().keyPressEvent(event)


class InterviewPage(QWidget):
    """安全员必问: the drawn questions for this enterprise's safety officer, rated 0/1/2, with a live total."""

    changed = Signal()

    def __init__(self, workspace: Workspace, inspection_id: str, enterprise_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.assessments = workspace.assessments
        self.inspection_id = inspection_id
        self.enterprise_id = enterprise_id
        self.cards: list[InterviewCard] = []
        self.officer: dict[str, Any] | None = None
        self.setStyleSheet(_STYLE)

        self.title_label = _label(self.tr("Safety officer interview"), point_size=14, bold=True)
        self.officer_label = _label()
        self.officer_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rules_label = _label(name="muted", wrap=True)
        header = QVBoxLayout()
        header.setContentsMargins(16, 12, 16, 6)
        header.setSpacing(4)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title_label)
        title_row.addStretch(1)
        title_row.addWidget(self.officer_label)
        header.addLayout(title_row)
        header.addWidget(self.rules_label)

        self.body = QWidget()
        self.cards_layout = QVBoxLayout(self.body)
        self.cards_layout.setContentsMargins(16, 6, 16, 12)
        self.cards_layout.setSpacing(10)
        self.scroll = _scroll(self.body)

        footer = QFrame()
        footer.setObjectName("footer")
        self.progress_label = _label(name="muted")
        self.warning_label = _label(wrap=True)
        _colored(self.warning_label, FAIL_COLOR)
        self.total_label = _label(point_size=13, bold=True)
        self.total_label.setObjectName("interviewTotal")
        footer_layout = QHBoxLayout(footer)
        footer_layout.setContentsMargins(16, 8, 16, 8)
        footer_layout.addWidget(self.progress_label)
        footer_layout.addWidget(self.warning_label, 1)
        footer_layout.addWidget(self.total_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(footer)
        self.reload()

    # building

    def reload(self) -> None:
        """Rebuild from the database (after a sync, or when the registry's safety officer changed)."""
        _clear_layout(self.cards_layout)
        self.cards = []
        bank = self.assessments.interview_bank()
        rules = bank.rules
        assert isinstance(rules, content.InterviewRules)
        self.rules = rules
        self.officer = self.workspace.registry.person(self.enterprise_id, "safety_officer")
        if self.officer:
            phone = f"  {self.officer['phone']}" if self.officer.get("phone") else ""
            self.officer_label.setText(_fill(self.tr("Safety officer: %1"), f"{self.officer['name']}{phone}"))
        else:
            self.officer_label.setText(self.tr("Safety officer: not in the register"))
        self.rules_label.setText(
            _fill(
                self.tr("%1 oral questions and %2 on-site check(s), each rated 0, 1 or 2. Passed with at least %3 of "
                        "%4 points and no 0 on a critical question. Keys: 0/1/2 rate, Up/Down move."),
                rules.oral_count, rules.task_count, rules.pass_total, rules.max_total,
            )
        )
        try:
            questions = self.assessments.interview_questions(self.inspection_id, self.enterprise_id)
        except UserError as error:
            self.cards_layout.addWidget(_label(error.message, wrap=True))
            self.cards_layout.addStretch(1)
            self._update_total()
            return
        answers = self.assessments.interview_answers(self.inspection_id, self.enterprise_id)
        texts = {
            "oral": self.tr("Oral question"),
            "task": self.tr("Show on site"),
            "critical": self.tr("Critical: a 0 fails the interview"),
            "key_points": self.tr("Key points: %1"),
            "note": self.tr("Answer / notes"),
            "note_placeholder": self.tr("What the safety officer said or showed (saved automatically)"),
        }
        for number, question in enumerate(questions, 1):
            card = InterviewCard(number, question, texts, rules.scale_zh)
            stored = answers.get(question.id, {})
            card.set_rating(stored.get("rating"))
            card.set_note(stored.get("answer"))
            card.rating_chosen.connect(lambda score, c=card: self.rate(c, score))
            card.move_requested.connect(lambda step, c=card: self._move(c, step))
            card.note_finished.connect(lambda c=card: self.save_note(c))
            self.cards_layout.addWidget(card)
            self.cards.append(card)
        self.cards_layout.addStretch(1)
        for first, second in zip(self.cards, self.cards[1:]):
            QWidget.setTabOrder(first.note_edit, second)
        self._update_total()

    # saving

    def _person_id(self) -> str | None:
        return str(self.officer["id"]) if self.officer else None

    def rate(self, card: InterviewCard, score: int) -> bool:
        note = card.note_edit.text().strip()
        try:
            self.assessments.record_interview(
                self.inspection_id, self.enterprise_id, card.question.id, score, answer=note,
                person_id=self._person_id(),
            )
        except UserError as error:
            show_error(self, error)
            return False
        card.set_rating(score)
        card.saved_note = note
        self._update_total()
        self.changed.emit()
        return True

    def save_note(self, card: InterviewCard) -> bool:
        note = card.note_edit.text().strip()
        if note == card.saved_note:
            return True
        try:
            if card.rating is None:
                self.assessments.record_interview_note(
                    self.inspection_id, self.enterprise_id, card.question.id, note, person_id=self._person_id()
                )
            else:
                self.assessments.record_interview(
                    self.inspection_id, self.enterprise_id, card.question.id, card.rating, answer=note,
                    person_id=self._person_id(),
                )
        except UserError as error:
            show_error(self, error)
            return False
        card.saved_note = note
        self.changed.emit()
        return True

    # display

    def _move(self, card: InterviewCard, step: int) -> None:
        index = self.cards.index(card) + step
        if 0 <= index < len(self.cards):
            target = self.cards[index]
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll.ensureWidgetVisible(target, 0, 20)

    def _update_total(self) -> None:
        rated = [c for c in self.cards if c.rating is not None]
        total = sum(c.rating or 0 for c in rated)
        for card in self.cards:
            if card.rating is None:
                card.status_label.setText(self.tr("Not rated"))
                _colored(card.status_label, WARN_COLOR)
            else:
                card.status_label.setText(_fill(self.tr("%1 point(s)"), card.rating))
                _colored(card.status_label, MUTED_COLOR)
        self.progress_label.setText(_fill(self.tr("Rated %1 of %2"), len(rated), len(self.cards)))
        critical_zero = any(c.question.critical and c.rating == 0 for c in rated)
        score = None
        reasons = ""
        if self.cards and len(rated) == len(self.cards):
            try:
                score = self.assessments.interview_score(self.inspection_id, self.enterprise_id)
            except UserError as error:
                reasons = error.message
        if score is not None:
            verdict, color = (self.tr("Passed"), PASS_COLOR) if score.passed else (self.tr("Failed"), FAIL_COLOR)
            reasons = "；".join(r.message for r in score.reasons)
            total, maximum = score.total, score.max_total
        else:
            verdict, color, maximum = self.tr("Incomplete"), MUTED_COLOR, self.rules.max_total
            if critical_zero:
                reasons = self.tr("A critical question scored 0: the interview will fail.")
        self.total_label.setText(_fill(self.tr("Score %1/%2 · %3"), total, maximum, verdict))
        _colored(self.total_label, color)
        self.warning_label.setText(reasons)


# ---------------------------------------------------------------------------------------------------- 负责人必考


class _Choice(QFrame):
    """A quiz option: the radio button or check box with its key letter, and the (wrapping) option text.

    A click anywhere on the row clicks the button, so it works like one big button.
    """

    def __init__(self, button: QAbstractButton, text: str) -> None:
        super().__init__()
        self.button = button
        self.setObjectName("choice")
        self.setProperty("checked", "false")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        _font(button, QUIZ_POINT_SIZE, bold=True)
        self.text_label = _label(text, wrap=True, point_size=QUIZ_POINT_SIZE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(10)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text_label, 1)
        button.toggled.connect(lambda on: _set_property(self, "checked", "true" if on else "false"))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.button.click()
            self.button.setFocus(Qt.FocusReason.MouseFocusReason)
            event.accept()
            return
        super().mouseReleaseEvent(event)


def _is_answered(question: content.Question, answer: object) -> bool:
    if question.type == content.JUDGE:
        return isinstance(answer, bool)
    if question.type == content.MULTI:
        return bool(answer)
    return isinstance(answer, str) and bool(answer)


class QuizPage(QWidget):
    """负责人必考: name → one question at a time → result. An unfinished attempt resumes where it was."""

    changed = Signal()

    def __init__(self, workspace: Workspace, inspection_id: str, enterprise_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.assessments = workspace.assessments
        self.inspection_id = inspection_id
        self.enterprise_id = enterprise_id
        self.attempt_id: str | None = None
        self.examinee = ""
        self.questions: list[content.Question] = []
        self.answers: dict[str, Any] = {}
        self.index = 0
        self.choices: list[_Choice] = []
        self.nav_buttons: list[QPushButton] = []
        self.wrong_cards: list[QFrame] = []
        self.confirm_box: QMessageBox | None = None
        self._group: QButtonGroup | None = None
        self.setStyleSheet(_STYLE)

        self.stack = QStackedWidget()
        self.start_screen = self._build_start_screen()
        self.question_screen = self._build_question_screen()
        self.result_screen = self._build_result_screen()
        for screen in (self.start_screen, self.question_screen, self.result_screen):
            self.stack.addWidget(screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.reload()

    # screens

    def _build_start_screen(self) -> QWidget:
        screen = QWidget()
        panel = QFrame()
        panel.setObjectName("card")
        panel.setMaximumWidth(620)
        self.start_title = _label(self.tr("Principal test"), point_size=18, bold=True)
        self.start_enterprise = _label(wrap=True, point_size=12)
        self.start_rules = _label(wrap=True)
        self.start_bank = _label(name="muted", wrap=True)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Full name of the person taking the test"))
        _font(self.name_edit, QUIZ_POINT_SIZE)  # Enter in it starts: see keyPressEvent
        self.name_draft = DraftField(self.name_edit, self.workspace.drafts,
                                     f"quiz.examinee/{self.inspection_id}/{self.enterprise_id}")
        self.start_button = QPushButton(self.tr("Start the test"))
        self.start_button.setObjectName("primary")
        _font(self.start_button, 12, bold=True)
        self.start_button.clicked.connect(self.start)
        self.history_label = _label(name="muted", wrap=True)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        examinee_caption = _label(self.tr("Examinee"), point_size=12)
        form.addRow(examinee_caption, self.name_edit)

        inner = QVBoxLayout(panel)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(12)
        inner.addWidget(self.start_title)
        inner.addWidget(self.start_enterprise)
        inner.addWidget(self.start_rules)
        inner.addSpacing(6)
        inner.addLayout(form)
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.start_button)
        inner.addLayout(button_row)
        inner.addWidget(self.start_bank)
        inner.addWidget(self.history_label)

        outer = QVBoxLayout(screen)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(panel, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        return screen

    def _build_question_screen(self) -> QWidget:
        screen = QWidget()
        screen.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # receives the A–D / 1–4 / Enter keys
        self.examinee_label = _label(point_size=11)
        self.progress_label = _label(point_size=13, bold=True)
        self.progress_label.setObjectName("quizProgress")
        top = QHBoxLayout()
        top.addWidget(self.examinee_label)
        top.addStretch(1)
        top.addWidget(self.progress_label)

        self.nav_row = QHBoxLayout()
        self.nav_row.setSpacing(6)

        self.type_label = _label(name="chip")
        self.question_label = _label(wrap=True, point_size=QUESTION_POINT_SIZE, bold=True)
        self.question_label.setObjectName("quizQuestion")
        self.question_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        choices_body = QWidget()
        self.choices_layout = QVBoxLayout(choices_body)
        self.choices_layout.setContentsMargins(0, 0, 4, 0)
        self.choices_layout.setSpacing(10)
        choices_scroll = _scroll(choices_body)

        self.keys_label = _label(name="muted")
        self.prev_button = QPushButton(self.tr("Previous"))
        self.next_button = QPushButton(self.tr("Next"))
        self.hand_in_button = QPushButton(self.tr("Hand in"))
        self.hand_in_button.setObjectName("primary")
        for button in (self.prev_button, self.next_button, self.hand_in_button):
            _font(button, 12, bold=button is self.hand_in_button)
            button.setMinimumWidth(110)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay with the question
        self.prev_button.clicked.connect(lambda: self.go_to(self.index - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.index + 1))
        self.hand_in_button.clicked.connect(self.hand_in)
        bottom = QHBoxLayout()
        bottom.addWidget(self.prev_button)
        bottom.addWidget(self.next_button)
        bottom.addSpacing(12)
        bottom.addWidget(self.keys_label, 1)
        bottom.addWidget(self.hand_in_button)

        layout = QVBoxLayout(screen)
        layout.setContentsMargins(28, 16, 28, 16)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addLayout(self.nav_row)
        layout.addSpacing(6)
        type_row = QHBoxLayout()
        type_row.addWidget(self.type_label)
        type_row.addStretch(1)
        layout.addLayout(type_row)
        layout.addWidget(self.question_label)
        layout.addWidget(choices_scroll, 1)
        layout.addLayout(bottom)
        return screen

    def _build_result_screen(self) -> QWidget:
        screen = QWidget()
        self.result_title = _label(self.tr("Test result"), point_size=16, bold=True)
        self.result_who = _label(name="muted")
        self.score_label = _label(point_size=30, bold=True)
        self.score_label.setObjectName("quizScore")
        self.verdict_label = _label(name="verdict", point_size=15, bold=True)
        self.verdict_label.setProperty("passed", "false")
        self.pass_mark_label = _label(name="muted", point_size=11)
        score_row = QHBoxLayout()
        score_row.setSpacing(18)
        score_row.addWidget(self.score_label)
        verdict_box = QVBoxLayout()
        verdict_box.setSpacing(4)
        verdict_box.addStretch(1)
        verdict_box.addWidget(self.verdict_label, 0, Qt.AlignmentFlag.AlignLeft)
        verdict_box.addWidget(self.pass_mark_label)
        verdict_box.addStretch(1)
        score_row.addLayout(verdict_box)
        score_row.addStretch(1)
        self.retake_button = QPushButton(self.tr("Take the test again"))
        self.retake_button.setObjectName("primary")
        _font(self.retake_button, 12, bold=True)
        self.retake_button.clicked.connect(self.retake)
        score_row.addWidget(self.retake_button, 0, Qt.AlignmentFlag.AlignVCenter)

        self.wrong_title = _label(point_size=12, bold=True)
        wrong_body = QWidget()
        self.wrong_layout = QVBoxLayout(wrong_body)
        self.wrong_layout.setContentsMargins(0, 0, 4, 0)
        self.wrong_layout.setSpacing(10)

        layout = QVBoxLayout(screen)
        layout.setContentsMargins(28, 16, 28, 16)
        layout.setSpacing(10)
        layout.addWidget(self.result_title)
        layout.addWidget(self.result_who)
        layout.addLayout(score_row)
        layout.addSpacing(4)
        layout.addWidget(self.wrong_title)
        layout.addWidget(_scroll(wrong_body), 1)
        return screen

    # state

    def reload(self) -> None:
        """Show what the database holds: an unfinished attempt resumes, else the last result, else the start."""
        open_id = self.assessments.open_quiz(self.inspection_id, self.enterprise_id)
        if open_id:
            self._resume(open_id)
            return
        attempts = self.assessments.quiz_attempts(self.inspection_id, self.enterprise_id)
        if attempts and attempts[-1]["finished_at"]:
            self.show_result(str(attempts[-1]["id"]))
        else:
            self.show_start()

    def _principal(self) -> dict[str, Any] | None:
        return self.workspace.registry.person(self.enterprise_id, "principal")

    def show_start(self, examinee: str | None = None) -> None:
        principal = self._principal()
        if examinee is None:
            examinee = self.workspace.drafts.get(self.name_draft.key) or (principal["name"] if principal else "")
        self.name_draft.set_text(examinee)
        self.start_enterprise.setText(_enterprise_name(self.workspace, self.enterprise_id))
        try:
            bank = self.assessments.quiz_bank(self.enterprise_id)
        except UserError as error:
            self.start_rules.setText(error.message)
            self.start_bank.setText("")
        else:
            rules = bank.rules
            assert isinstance(rules, content.QuizRules)
            self.start_rules.setText(
                _fill(
                    self.tr("Please hand the computer to the principal. The test has %1 questions worth %2 points "
                            "each; %3 points or more pass."),
                    rules.draw, rules.points_per_question, rules.pass_mark,
                )
            )
            self.start_bank.setText(f"{bank.title_zh}　{bank.notice_zh}")
        lines = []
        for attempt in self.assessments.quiz_attempts(self.inspection_id, self.enterprise_id):
            if attempt["finished_at"]:
                verdict = self.tr("passed") if attempt["passed"] else self.tr("failed")
                lines.append(f"{attempt['examinee_name']}　{attempt['score']}/{attempt['max_score']}　{verdict}")
        self.history_label.setText(
            self.tr("Earlier attempts in this inspection:") + "\n" + "\n".join(lines) if lines else ""
        )
        self.history_label.setVisible(bool(lines))
        self.stack.setCurrentWidget(self.start_screen)
        self.name_edit.setFocus()

    def start(self) -> bool:
        """Draw a new paper for the name in the box and show its first question."""
        name = self.name_edit.text().strip()
        principal = self._principal()
        person_id = str(principal["id"]) if principal and principal["name"] == name else None
        try:
            attempt_id = self.assessments.start_quiz(
                self.inspection_id, self.enterprise_id, name, person_id=person_id
            )
        except UserError as error:
            show_error(self, error)
            return False
        self.name_draft.done()
        self._resume(attempt_id)
        self.changed.emit()
        return True

    def _resume(self, attempt_id: str) -> None:
        attempt = self.assessments.quiz(attempt_id)
        self.attempt_id = attempt_id
        self.examinee = attempt["examinee_name"] or ""
        self.questions = self.assessments.quiz_questions(attempt_id)
        self.answers = dict(attempt["answers"])
        unanswered = [i for i, q in enumerate(self.questions) if not _is_answered(q, self.answers.get(q.id))]
        self._build_nav()
        self.stack.setCurrentWidget(self.question_screen)
        self.go_to(unanswered[0] if unanswered else len(self.questions) - 1)

    def _build_nav(self) -> None:
        _clear_layout(self.nav_row)
        self.nav_buttons = []
        for i in range(len(self.questions)):
            button = QPushButton(str(i + 1))
            button.setObjectName("navButton")
            button.setFixedSize(34, 30)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setProperty("answered", "false")
            button.setProperty("current", "false")
            button.clicked.connect(lambda _checked=False, n=i: self.go_to(n))
            self.nav_row.addWidget(button)
            self.nav_buttons.append(button)
        self.nav_row.addStretch(1)

    def unanswered_count(self) -> int:
        return sum(1 for q in self.questions if not _is_answered(q, self.answers.get(q.id)))

    def go_to(self, index: int) -> None:
        if not self.questions or not 0 <= index < len(self.questions):
            return
        self.index = index
        question = self.questions[index]
        self.examinee_label.setText(_fill(self.tr("Examinee: %1"), self.examinee))
        self.progress_label.setText(_fill(self.tr("Question %1 of %2"), index + 1, len(self.questions)))
        type_texts = {
            content.SINGLE: self.tr("Single choice"),
            content.MULTI: self.tr("Multiple choice: select every correct answer"),
            content.JUDGE: self.tr("True or false"),
        }
        self.type_label.setText(type_texts.get(question.type, ""))
        self.question_label.setText(question.text_zh)
        self._build_choices(question)
        count = len(self.choices)
        self.keys_label.setText(
            _fill(self.tr("Keys: A–%1 or 1–%2 choose, Enter next question"), content.OPTION_KEYS[count - 1], count)
        )
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.questions) - 1)
        self._update_nav()
        self.question_screen.setFocus(Qt.FocusReason.OtherFocusReason)

    def _build_choices(self, question: content.Question) -> None:
        _clear_layout(self.choices_layout)
        self.choices = []
        given = self.answers.get(question.id)
        if self._group is not None:
            self._group.deleteLater()
        group = self._group = QButtonGroup(self)
        group.setExclusive(question.type != content.MULTI)
        if question.type == content.JUDGE:
            items: list[tuple[str, str, bool]] = [
                ("A", self.tr("True"), given is True),
                ("B", self.tr("False"), given is False),
            ]
        else:
            chosen = set(given) if isinstance(given, list) else {given}
            items = [(o.key, o.text_zh, o.key in chosen) for o in question.options]
        for key, text, checked in items:
            button: QAbstractButton = QCheckBox(key) if question.type == content.MULTI else QRadioButton(key)
            group.addButton(button)
            button.setChecked(checked)
            choice = _Choice(button, text)
            _set_property(choice, "checked", "true" if checked else "false")
            button.clicked.connect(self._choice_clicked)
            self.choices_layout.addWidget(choice)
            self.choices.append(choice)
        self.choices_layout.addStretch(1)

    def choose(self, index: int) -> None:
        """Pick (or, for multiple choice, toggle) option `index` of the current question, as a click does."""
        if 0 <= index < len(self.choices):
            self.choices[index].button.click()

    def _choice_clicked(self) -> None:
        question = self.questions[self.index]
        checked = [i for i, c in enumerate(self.choices) if c.button.isChecked()]
        answer: Any
        if question.type == content.JUDGE:
            answer = (checked[0] == 0) if checked else None
        elif question.type == content.MULTI:
            answer = [question.options[i].key for i in checked]
        else:
            answer = question.options[checked[0]].key if checked else None
        if answer == self.answers.get(question.id):
            return
        assert self.attempt_id is not None
        try:
            self.assessments.answer_quiz(self.attempt_id, question.id, answer)
        except UserError as error:
            show_error(self, error)
            self.go_to(self.index)  # back to what is stored
            return
        self.answers[question.id] = answer
        self._update_nav()
        self.changed.emit()

    def _update_nav(self) -> None:
        for i, (button, question) in enumerate(zip(self.nav_buttons, self.questions)):
            answered = _is_answered(question, self.answers.get(question.id))
            _set_property(button, "answered", "true" if answered else "false")
            _set_property(button, "current", "true" if i == self.index else "false")

    def next_or_hand_in(self) -> None:
        if self.index < len(self.questions) - 1:
            self.go_to(self.index + 1)
        else:
            self.hand_in()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if self.stack.currentWidget() is self.start_screen and enter:
            self.start()
            event.accept()
            return
        if self.stack.currentWidget() is self.question_screen and self.attempt_id and _plain_modifiers(event):
            index = _letter_key(event)
            if index is None:
                index = _digit_key(event)
            if index is not None:
                self.choose(index)
                event.accept()
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.next_or_hand_in()
                event.accept()
                return
        super().keyPressEvent(event)

    def hand_in(self) -> None:
        """Finish the attempt; with questions unanswered, first ask (non-blocking: see `confirm_box`)."""
        missing = self.unanswered_count()
        if not missing:
            self._finish()
            return
        if self.confirm_box is not None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Hand in"),
            self.tr("%n question(s) not answered yet. Hand in anyway?", "", missing),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("confirmHandInDialog")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Hand in"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Keep answering"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self._confirm_closed(box))
        self.confirm_box = box
        box.open()

    def _confirm_closed(self, box: QMessageBox) -> None:
        yes = box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
        self.confirm_box = None
        if yes:
            self._finish()
        else:
            self.question_screen.setFocus(Qt.FocusReason.OtherFocusReason)

    def _finish(self) -> None:
        if self.attempt_id is None:
            return
        try:
            self.assessments.finish_quiz(self.attempt_id)
        except UserError as error:
            show_error(self, error)
            return
        self.show_result(self.attempt_id)
        self.changed.emit()

    def show_result(self, attempt_id: str) -> None:
        attempt = self.assessments.quiz(attempt_id)
        score = self.assessments.quiz_score(attempt_id)
        questions = self.assessments.quiz_questions(attempt_id)
        self.attempt_id = attempt_id
        self.examinee = attempt["examinee_name"] or ""
        self.questions, self.answers = questions, dict(attempt["answers"])
        finished = (attempt["finished_at"] or "")[:16].replace("T", " ")
        self.result_who.setText(_fill(self.tr("Examinee: %1    Handed in: %2"), self.examinee, finished))
        self.score_label.setText(_fill(self.tr("%1 / %2 points"), score.score, score.max_score))
        self.verdict_label.setText(self.tr("Passed") if score.passed else self.tr("Failed"))
        _set_property(self.verdict_label, "passed", "true" if score.passed else "false")
        _colored(self.score_label, PASS_COLOR if score.passed else FAIL_COLOR)
        self.pass_mark_label.setText(_fill(self.tr("Pass mark: %1 points"), score.pass_mark))

        _clear_layout(self.wrong_layout)
        self.wrong_cards = []
        numbers = {q.id: n for n, q in enumerate(questions, 1)}
        wrong = [q for q in questions if q.id in score.wrong_ids]
        if wrong:
            self.wrong_title.setText(
                self.tr("Wrong or unanswered: %n question(s). Explain the correct answers:", "", len(wrong))
            )
        else:
            self.wrong_title.setText(self.tr("Every answer is correct."))
        for question in wrong:
            card = self._wrong_card(numbers[question.id], question, self.answers.get(question.id))
            self.wrong_layout.addWidget(card)
            self.wrong_cards.append(card)
        self.wrong_layout.addStretch(1)
        self.stack.setCurrentWidget(self.result_screen)

    def _answer_text(self, question: content.Question, answer: object) -> str:
        if not _is_answered(question, answer):
            return self.tr("not answered")
        if question.type == content.JUDGE:
            return self.tr("True") if answer else self.tr("False")
        keys = list(answer) if isinstance(answer, (list, tuple)) else [str(answer)]
        texts = {o.key: o.text_zh for o in question.options}
        return "；".join(f"{k}. {texts.get(k, '')}" for k in keys)

    def _wrong_card(self, number: int, question: content.Question, given: object) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(5)
        layout.addWidget(_label(f"{number}. {question.text_zh}", wrap=True, point_size=12, bold=True))
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        rows = [
            (self.tr("Answer given"), self._answer_text(question, given), FAIL_COLOR),
            (self.tr("Correct answer"), self._answer_text(question, question.answer), PASS_COLOR),
        ]
        if question.explanation_zh:
            rows.append((self.tr("Explanation"), question.explanation_zh, ""))
        if question.basis:
            rows.append((self.tr("Basis"), "；".join(question.basis), MUTED_COLOR))
        for row, (caption, text, color) in enumerate(rows):
            caption_label = _label(caption, name="muted")
            caption_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            value = _label(text, wrap=True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if color:
                _colored(value, color)
            grid.addWidget(caption_label, row, 0)
            grid.addWidget(value, row, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        return card

    def retake(self) -> None:
        """Back to the start screen for a fresh draw, with the last examinee's name filled in."""
        self.attempt_id = None
        self.show_start(self.examinee or None)


# ---------------------------------------------------------------------------------------------------- 员工抽问


class AwarenessPage(QWidget):
    """员工抽问: how many questions each sampled worker was asked and got right; the rate against the target."""

    changed = Signal()

    COLUMNS = 4

    def __init__(self, workspace: Workspace, inspection_id: str, enterprise_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.assessments = workspace.assessments
        self.inspection_id = inspection_id
        self.enterprise_id = enterprise_id
        self.sample_ids: list[str] = []
        self.rules = self.assessments.awareness_rules()
        self.setStyleSheet(_STYLE)

        title = _label(self.tr("Worker awareness sampling"), point_size=14, bold=True)
        self.plan_label = _label(
            _fill(
                self.tr("Ask %1 workers %2 questions each, at least one on the ten must-knows. "
                        "Target awareness rate: %3 or more."),
                self.rules.workers, self.rules.questions_per_worker, f"{self.rules.target:.0%}",
            ),
            name="muted", wrap=True,
        )

        self.worker_edit = QLineEdit()
        self.worker_edit.setPlaceholderText(self.tr("Optional"))
        self.worker_draft = DraftField(self.worker_edit, workspace.drafts,
                                       f"awareness.worker/{inspection_id}/{enterprise_id}")
        self.asked_spin = QSpinBox()
        self.asked_spin.setRange(1, 99)
        self.correct_spin = QSpinBox()
        self.correct_spin.setRange(0, 99)  # not capped at "asked": the service refuses and says why
        for spin in (self.asked_spin, self.correct_spin):
            spin.setFixedWidth(90)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setObjectName("primary")
        self.add_button.clicked.connect(self.add_sample)
        form = QGridLayout()
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(4)
        for column, (caption, widget) in enumerate(
            (
                (self.tr("Worker"), self.worker_edit),
                (self.tr("Questions asked"), self.asked_spin),
                (self.tr("Answered correctly"), self.correct_spin),
            )
        ):
            form.addWidget(_label(caption, name="muted"), 0, column)
            form.addWidget(widget, 1, column)
        form.addWidget(self.add_button, 1, 3)
        form.setColumnStretch(0, 1)
        form.setColumnMinimumWidth(0, 160)
        form_box = QFrame()
        form_box.setObjectName("card")
        form_layout = QVBoxLayout(form_box)
        form_layout.setContentsMargins(14, 10, 14, 12)
        form_layout.addWidget(_label(self.tr("Record a worker"), bold=True))
        form_layout.addLayout(form)

        self.table = record_table([self.tr("Worker"), self.tr("Asked"), self.tr("Correct"), self.tr("Rate")], stretch=0)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.delete_button = QPushButton(self.tr("Delete selected"))
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.delete_selected)

        summary = QFrame()
        summary.setObjectName("footer")
        self.rate_label = _label(point_size=14, bold=True)
        self.rate_label.setObjectName("awarenessRate")
        self.verdict_label = _label(point_size=12, bold=True)
        summary_layout = QHBoxLayout(summary)
        summary_layout.setContentsMargins(14, 10, 14, 10)
        summary_layout.addWidget(self.rate_label)
        summary_layout.addStretch(1)
        summary_layout.addWidget(self.verdict_label)

        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(form_box)
        table_row = QHBoxLayout()
        table_row.addWidget(_label(self.tr("Workers asked"), bold=True))
        table_row.addStretch(1)
        table_row.addWidget(self.delete_button)
        left.addLayout(table_row)
        left.addWidget(self.table, 1)
        left.addWidget(summary)

        self.reference = QTextBrowser()
        self.reference.setOpenLinks(False)
        self.reference.setHtml(self._reference_html())
        right = QVBoxLayout()
        right.setSpacing(6)
        right.addWidget(_label(self.tr("Questions to ask"), bold=True))
        right.addWidget(self.reference, 1)

        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(self.plan_label)
        layout.addLayout(columns, 1)
        self._reset_form()
        self.reload()

    def _reference_html(self) -> str:
        bank = self.assessments.awareness_bank()
        caption = self.tr("Correct if they mention: %1")
        groups = {
            "ten_must": self.tr("Ten musts"),
            "ten_forbid": self.tr("Ten prohibitions"),
            "ten_know": self.tr("Ten must-knows"),
        }
        parts = []
        for n, q in enumerate((q for q in bank.questions if q.enabled), 1):
            points = "；".join(q.key_points_zh)
            tags = "".join(
                f" <span style='color:{ACCENT_COLOR}'>[{_html(label)}]</span>"
                for topic, label in groups.items() if topic in q.topics
            )
            parts.append(
                f"<p style='margin:0 0 8px 0'><b>{n}. {_html(q.text_zh)}</b>{tags}<br>"
                f"<span style='color:{MUTED_COLOR}'>{_html(_fill(caption, points))}</span></p>"
            )
        return "".join(parts)

    def _reset_form(self) -> None:
        self.worker_edit.clear()
        self.asked_spin.setValue(self.rules.questions_per_worker)
        self.correct_spin.setValue(self.rules.questions_per_worker)

    def reload(self) -> None:
        samples = self.assessments.awareness_samples(self.inspection_id, self.enterprise_id)
        self.sample_ids = [str(s["id"]) for s in samples]
        self.table.setRowCount(len(samples))
        for row, sample in enumerate(samples):
            rate = sample["correct"] / sample["asked"] if sample["asked"] else 0.0
            values = [
                sample["worker"] or _fill(self.tr("Worker %1"), row + 1),
                str(sample["asked"]),
                str(sample["correct"]),
                f"{rate:.0%}",
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)
        self._selection_changed()
        self._update_summary()

    def _update_summary(self) -> None:
        result = self.assessments.awareness(self.inspection_id, self.enterprise_id)
        target = f"{result.target:.0%}"
        if result.rate is None:
            self.rate_label.setText(_fill(self.tr("Awareness rate: — (target %1)"), target))
            self.verdict_label.setText(self.tr("No worker asked yet"))
            color = MUTED_COLOR
        else:
            self.rate_label.setText(
                _fill(self.tr("Awareness rate: %1/%2 = %3 (target %4)"), result.correct, result.asked,
                      f"{result.rate:.1%}", target)
            )
            if result.passed:
                self.verdict_label.setText(self.tr("Target met"))
                color = PASS_COLOR
            else:
                self.verdict_label.setText(self.tr("Below target"))
                color = FAIL_COLOR
        _colored(self.rate_label, color)
        _colored(self.verdict_label, color)

    def add_sample(self) -> bool:
        try:
            self.assessments.add_awareness_sample(
                self.inspection_id, self.enterprise_id, self.worker_edit.text(), self.asked_spin.value(),
                self.correct_spin.value(),
            )
        except UserError as error:
            show_error(self, error)
            return False
        self.worker_draft.done()
        self._reset_form()
        self.reload()
        self.table.scrollToBottom()
        self.worker_edit.setFocus()
        self.changed.emit()
        return True

    def _selection_changed(self) -> None:
        self.delete_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def delete_selected(self) -> bool:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return False
        try:
            self.assessments.delete_awareness_sample(self.sample_ids[rows[0].row()])
        except UserError as error:
            show_error(self, error)
            return False
        self.reload()
        self.changed.emit()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in any field of the form adds the worker (line edits and spin boxes pass Enter on to us).
        focus = self.focusWidget()
        form = (self.worker_edit, self.asked_spin, self.correct_spin)
        in_form = focus is not None and any(focus is w or w.isAncestorOf(focus) for w in form)
        if in_form and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.add_sample()
            event.accept()
            return
        super().keyPressEvent(event)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
