"""员工抽问: workers sampled on the floor and asked a few questions each."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.models.workspace import Workspace
from app.ui.i18n import fill
from app.ui.inspection.assessment_common import (
    ACCENT_COLOR,
    FAIL_COLOR,
    MUTED_COLOR,
    PASS_COLOR,
    STYLE,
    colored,
    make_label,
)
from app.ui.widgets.autosave import DraftField
from app.ui.widgets.dialogs import show_error
from app.ui.widgets.tables import record_table


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
        self.setStyleSheet(STYLE)

        title = make_label(self.tr("Worker awareness sampling"), point_size=14, bold=True)
        self.plan_label = make_label(
            fill(
                self.tr(
                    "Ask {workers} workers {questions_per_worker} questions each, at least one on the ten must-knows. "
                    "Target awareness rate: {target} or more."
                ),
                workers=self.rules.workers,
                questions_per_worker=self.rules.questions_per_worker,
                target=f"{self.rules.target:.0%}",
            ),
            name="muted",
            wrap=True,
        )

        self.worker_edit = QLineEdit()
        self.worker_edit.setPlaceholderText(self.tr("Optional"))
        self.worker_draft = DraftField(
            self.worker_edit, workspace.drafts, f"awareness.worker/{inspection_id}/{enterprise_id}"
        )
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
            form.addWidget(make_label(caption, name="muted"), 0, column)
            form.addWidget(widget, 1, column)
        form.addWidget(self.add_button, 1, 3)
        form.setColumnStretch(0, 1)
        form.setColumnMinimumWidth(0, 160)
        form_box = QFrame()
        form_box.setObjectName("card")
        form_layout = QVBoxLayout(form_box)
        form_layout.setContentsMargins(14, 10, 14, 12)
        form_layout.addWidget(make_label(self.tr("Record a worker"), bold=True))
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
        self.rate_label = make_label(point_size=14, bold=True)
        self.rate_label.setObjectName("awarenessRate")
        self.verdict_label = make_label(point_size=12, bold=True)
        summary_layout = QHBoxLayout(summary)
        summary_layout.setContentsMargins(14, 10, 14, 10)
        summary_layout.addWidget(self.rate_label)
        summary_layout.addStretch(1)
        summary_layout.addWidget(self.verdict_label)

        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(form_box)
        table_row = QHBoxLayout()
        table_row.addWidget(make_label(self.tr("Workers asked"), bold=True))
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
        right.addWidget(make_label(self.tr("Questions to ask"), bold=True))
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
        caption = self.tr("Correct if they mention: {points}")
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
                for topic, label in groups.items()
                if topic in q.topics
            )
            parts.append(
                f"<p style='margin:0 0 8px 0'><b>{n}. {_html(q.text_zh)}</b>{tags}<br>"
                f"<span style='color:{MUTED_COLOR}'>{_html(fill(caption, points=points))}</span></p>"
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
                sample["worker"] or fill(self.tr("Worker {number}"), number=row + 1),
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
            self.rate_label.setText(fill(self.tr("Awareness rate: — (target {target})"), target=target))
            self.verdict_label.setText(self.tr("No worker asked yet"))
            color = MUTED_COLOR
        else:
            self.rate_label.setText(
                fill(
                    self.tr("Awareness rate: {correct}/{asked} = {rate} (target {target})"),
                    correct=result.correct,
                    asked=result.asked,
                    rate=f"{result.rate:.1%}",
                    target=target,
                )
            )
            if result.passed:
                self.verdict_label.setText(self.tr("Target met"))
                color = PASS_COLOR
            else:
                self.verdict_label.setText(self.tr("Below target"))
                color = FAIL_COLOR
        colored(self.rate_label, color)
        colored(self.verdict_label, color)

    def add_sample(self) -> bool:
        try:
            self.assessments.add_awareness_sample(
                self.inspection_id,
                self.enterprise_id,
                self.worker_edit.text(),
                self.asked_spin.value(),
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
