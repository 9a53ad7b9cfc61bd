"""安全员必问: the safety officer's interview, one card per question with a 0–N rating and a note."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.models import content
from app.models.workspace import Workspace
from app.ui.i18n import fill
from app.ui.inspection.assessment_common import (
    FAIL_COLOR,
    MUTED_COLOR,
    PASS_COLOR,
    STYLE,
    WARN_COLOR,
    clear_layout,
    colored,
    make_label,
    plain_modifiers,
    scrolled,
    set_property,
)
from app.ui.widgets.autosave import AutoSave
from app.ui.widgets.dialogs import show_error


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
        self.digit = make_label(str(score), point_size=17, bold=True)
        self.digit.setFixedWidth(22)
        self.digit.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.guidance = make_label(guidance, wrap=True)
        self.guidance.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(8)
        layout.addWidget(self.digit)
        layout.addWidget(self.guidance, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_selected(self, selected: bool) -> None:
        set_property(self, "selected", "true" if selected else "false")

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

        badge = make_label(str(number), name="badge")
        badge.setFixedSize(22, 22)
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        kind = make_label(texts["task"] if question.type == content.TASK else texts["oral"], name="chip")
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(badge)
        top.addWidget(kind)
        if question.critical:
            top.addWidget(make_label(texts["critical"], name="criticalChip"))
        top.addStretch(1)
        self.status_label = make_label(name="muted")
        top.addWidget(self.status_label)

        self.text_label = make_label(question.text_zh, wrap=True, point_size=12, bold=True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        points = "；".join(question.key_points_zh)
        self.points_label = make_label(fill(texts["key_points"], points=points), name="muted", wrap=True)

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
        note_row.addWidget(make_label(texts["note"]))
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
        set_property(self, "focused", "true" if focused else "false")

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
        if plain_modifiers(event) and key in (Qt.Key.Key_0, Qt.Key.Key_1, Qt.Key.Key_2):
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
        self.setStyleSheet(STYLE)

        self.title_label = make_label(self.tr("Safety officer interview"), point_size=14, bold=True)
        self.officer_label = make_label()
        self.officer_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rules_label = make_label(name="muted", wrap=True)
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
        self.scroll_area = scrolled(self.body)

        footer = QFrame()
        footer.setObjectName("footer")
        self.progress_label = make_label(name="muted")
        self.warning_label = make_label(wrap=True)
        colored(self.warning_label, FAIL_COLOR)
        self.total_label = make_label(point_size=13, bold=True)
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
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(footer)
        self.reload()

    # building

    def reload(self) -> None:
        """Rebuild from the database (after a sync, or when the registry's safety officer changed)."""
        clear_layout(self.cards_layout)
        self.cards = []
        bank = self.assessments.interview_bank()
        rules = bank.rules
        assert isinstance(rules, content.InterviewRules)
        self.rules = rules
        self.officer = self.workspace.registry.person(self.enterprise_id, "safety_officer")
        if self.officer:
            phone = f"  {self.officer['phone']}" if self.officer.get("phone") else ""
            self.officer_label.setText(fill(self.tr("Safety officer: {name}"), name=f"{self.officer['name']}{phone}"))
        else:
            self.officer_label.setText(self.tr("Safety officer: not in the register"))
        self.rules_label.setText(
            fill(
                self.tr(
                    "{oral_count} oral questions and {task_count} on-site check(s), each rated 0, 1 or 2. Passed with "
                    "at least {pass_total} of "
                    "{max_total} points and no 0 on a critical question. Keys: 0/1/2 rate, Up/Down move."
                ),
                oral_count=rules.oral_count,
                task_count=rules.task_count,
                pass_total=rules.pass_total,
                max_total=rules.max_total,
            )
        )
        try:
            questions = self.assessments.interview_questions(self.inspection_id, self.enterprise_id)
        except UserError as error:
            self.cards_layout.addWidget(make_label(error.message, wrap=True))
            self.cards_layout.addStretch(1)
            self._update_total()
            return
        answers = self.assessments.interview_answers(self.inspection_id, self.enterprise_id)
        texts = {
            "oral": self.tr("Oral question"),
            "task": self.tr("Show on site"),
            "critical": self.tr("Critical: a 0 fails the interview"),
            "key_points": self.tr("Key points: {points}"),
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
        for first, second in pairwise(self.cards):
            QWidget.setTabOrder(first.note_edit, second)
        self._update_total()

    # saving

    def _person_id(self) -> str | None:
        return str(self.officer["id"]) if self.officer else None

    def rate(self, card: InterviewCard, score: int) -> bool:
        note = card.note_edit.text().strip()
        try:
            self.assessments.record_interview(
                self.inspection_id,
                self.enterprise_id,
                card.question.id,
                score,
                answer=note,
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
                    self.inspection_id,
                    self.enterprise_id,
                    card.question.id,
                    card.rating,
                    answer=note,
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
            self.scroll_area.ensureWidgetVisible(target, 0, 20)

    def _update_total(self) -> None:
        rated = [c for c in self.cards if c.rating is not None]
        total = sum(c.rating or 0 for c in rated)
        for card in self.cards:
            if card.rating is None:
                card.status_label.setText(self.tr("Not rated"))
                colored(card.status_label, WARN_COLOR)
            else:
                card.status_label.setText(fill(self.tr("{points} point(s)"), points=card.rating))
                colored(card.status_label, MUTED_COLOR)
        self.progress_label.setText(fill(self.tr("Rated {rated} of {count}"), rated=len(rated), count=len(self.cards)))
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
        self.total_label.setText(
            fill(self.tr("Score {total}/{maximum} · {verdict}"), total=total, maximum=maximum, verdict=verdict)
        )
        colored(self.total_label, color)
        self.warning_label.setText(reasons)
