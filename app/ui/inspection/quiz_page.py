"""负责人必考: the principal's scored quiz, answered on the inspector's laptop and handed in once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QStackedWidget,
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
    QUESTION_POINT_SIZE,
    QUIZ_POINT_SIZE,
    STYLE,
    clear_layout,
    colored,
    digit_key,
    enterprise_name,
    letter_key,
    make_label,
    plain_modifiers,
    scrolled,
    set_font,
    set_property,
)
from app.ui.widgets.autosave import DraftField
from app.ui.widgets.dialogs import show_error


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
        set_font(button, QUIZ_POINT_SIZE, bold=True)
        self.text_label = make_label(text, wrap=True, point_size=QUIZ_POINT_SIZE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(10)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text_label, 1)
        button.toggled.connect(lambda on: set_property(self, "checked", "true" if on else "false"))

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
        self.setStyleSheet(STYLE)

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
        self.start_title = make_label(self.tr("Principal test"), point_size=18, bold=True)
        self.start_enterprise = make_label(wrap=True, point_size=12)
        self.start_rules = make_label(wrap=True)
        self.start_bank = make_label(name="muted", wrap=True)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Full name of the person taking the test"))
        set_font(self.name_edit, QUIZ_POINT_SIZE)  # Enter in it starts: see keyPressEvent
        self.name_draft = DraftField(self.name_edit, self.workspace.drafts,
                                     f"quiz.examinee/{self.inspection_id}/{self.enterprise_id}")
        self.start_button = QPushButton(self.tr("Start the test"))
        self.start_button.setObjectName("primary")
        set_font(self.start_button, 12, bold=True)
        self.start_button.clicked.connect(self.start)
        self.history_label = make_label(name="muted", wrap=True)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        examinee_caption = make_label(self.tr("Examinee"), point_size=12)
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
        self.examinee_label = make_label(point_size=11)
        self.progress_label = make_label(point_size=13, bold=True)
        self.progress_label.setObjectName("quizProgress")
        top = QHBoxLayout()
        top.addWidget(self.examinee_label)
        top.addStretch(1)
        top.addWidget(self.progress_label)

        self.nav_row = QHBoxLayout()
        self.nav_row.setSpacing(6)

        self.type_label = make_label(name="chip")
        self.question_label = make_label(wrap=True, point_size=QUESTION_POINT_SIZE, bold=True)
        self.question_label.setObjectName("quizQuestion")
        self.question_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        choices_body = QWidget()
        self.choices_layout = QVBoxLayout(choices_body)
        self.choices_layout.setContentsMargins(0, 0, 4, 0)
        self.choices_layout.setSpacing(10)
        choices_scroll = scrolled(choices_body)

        self.keys_label = make_label(name="muted")
        self.prev_button = QPushButton(self.tr("Previous"))
        self.next_button = QPushButton(self.tr("Next"))
        self.hand_in_button = QPushButton(self.tr("Hand in"))
        self.hand_in_button.setObjectName("primary")
        for button in (self.prev_button, self.next_button, self.hand_in_button):
            set_font(button, 12, bold=button is self.hand_in_button)
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
        self.result_title = make_label(self.tr("Test result"), point_size=16, bold=True)
        self.result_who = make_label(name="muted")
        self.score_label = make_label(point_size=30, bold=True)
        self.score_label.setObjectName("quizScore")
        self.verdict_label = make_label(name="verdict", point_size=15, bold=True)
        self.verdict_label.setProperty("passed", "false")
        self.pass_mark_label = make_label(name="muted", point_size=11)
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
        set_font(self.retake_button, 12, bold=True)
        self.retake_button.clicked.connect(self.retake)
        score_row.addWidget(self.retake_button, 0, Qt.AlignmentFlag.AlignVCenter)

        self.wrong_title = make_label(point_size=12, bold=True)
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
        layout.addWidget(scrolled(wrong_body), 1)
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
        self.start_enterprise.setText(enterprise_name(self.workspace, self.enterprise_id))
        try:
            bank = self.assessments.quiz_bank(self.enterprise_id)
        except UserError as error:
            self.start_rules.setText(error.message)
            self.start_bank.setText("")
        else:
            rules = bank.rules
            assert isinstance(rules, content.QuizRules)
            self.start_rules.setText(
                fill(
                    self.tr(
                        "Please hand the computer to the principal. The test has {count} questions worth {points} "
                        "points "
                        "each; {pass_mark} points or more pass."
                    ),
                    count=rules.draw,
                    points=rules.points_per_question,
                    pass_mark=rules.pass_mark,
                )
            )
            self.start_bank.setText(f"{bank.title_zh}　{bank.notice_zh}")
        lines = []
        for attempt in self.assessments.quiz_attempts(self.inspection_id, self.enterprise_id):
            if attempt["finished_at"]:
                verdict = self.tr("passed") if attempt["passed"] else self.tr("failed")
                lines.append(f"{attempt['examinee_name']}　{attempt['score']}/{attempt['max_score']}　{verdict}")
        self.history_label.setText(
            fill(self.tr("Earlier attempts in this inspection:\n{attempts}"), attempts="\n".join(lines))
            if lines
            else ""
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
            attempt_id = self.assessments.start_quiz(self.inspection_id, self.enterprise_id, name, person_id=person_id)
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
        clear_layout(self.nav_row)
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
        self.examinee_label.setText(fill(self.tr("Examinee: {examinee}"), examinee=self.examinee))
        self.progress_label.setText(
            fill(self.tr("Question {number} of {count}"), number=index + 1, count=len(self.questions))
        )
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
            fill(
                self.tr("Keys: A–{last_key} or 1–{count} choose, Enter next question"),
                last_key=content.OPTION_KEYS[count - 1],
                count=count,
            )
        )
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.questions) - 1)
        self._update_nav()
        self.question_screen.setFocus(Qt.FocusReason.OtherFocusReason)

    def _build_choices(self, question: content.Question) -> None:
        clear_layout(self.choices_layout)
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
            set_property(choice, "checked", "true" if checked else "false")
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
        for i, (button, question) in enumerate(zip(self.nav_buttons, self.questions, strict=True)):
            answered = _is_answered(question, self.answers.get(question.id))
            set_property(button, "answered", "true" if answered else "false")
            set_property(button, "current", "true" if i == self.index else "false")

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
        if self.stack.currentWidget() is self.question_screen and self.attempt_id and plain_modifiers(event):
            index = letter_key(event)
            if index is None:
                index = digit_key(event)
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
        self.result_who.setText(
            fill(self.tr("Examinee: {examinee}    Handed in: {finished}"), examinee=self.examinee, finished=finished)
        )
        self.score_label.setText(
            fill(self.tr("{score} / {max_score} points"), score=score.score, max_score=score.max_score)
        )
        self.verdict_label.setText(self.tr("Passed") if score.passed else self.tr("Failed"))
        set_property(self.verdict_label, "passed", "true" if score.passed else "false")
        colored(self.score_label, PASS_COLOR if score.passed else FAIL_COLOR)
        self.pass_mark_label.setText(fill(self.tr("Pass mark: {pass_mark} points"), pass_mark=score.pass_mark))

        clear_layout(self.wrong_layout)
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
        layout.addWidget(make_label(f"{number}. {question.text_zh}", wrap=True, point_size=12, bold=True))
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
            caption_label = make_label(caption, name="muted")
            caption_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            value = make_label(text, wrap=True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if color:
                colored(value, color)
            grid.addWidget(caption_label, row, 0)
            grid.addWidget(value, row, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        return card

    def retake(self) -> None:
        """Back to the start screen for a fresh draw, with the last examinee's name filled in."""
        self.attempt_id = None
        self.show_start(self.examinee or None)
