"""One hazard of a re-inspection: what was found (已整改 / 部分整改 / 未整改), the officers' note, the photos taken
after rectification, and for a hazard not rectified what follows (a new deadline, or escalation). Every choice is
saved at once, the note as it is typed (short writes on the GUI thread, as verdicts are)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from app.errors import UserError
from app.models import vocab
from app.models.reinspection import FOLLOWUPS, RESULTS
from app.models.workspace import Workspace
from app.ui.i18n import fill
from app.ui.widgets.autosave import AutoSave
from app.ui.widgets.dates import date_edit, to_qdate
from app.ui.widgets.dialogs import show_error
from app.ui.widgets.photo_strip import PhotoStrip

DEFAULT_NEW_DEADLINE_DAYS = 15


class RecheckLine(QGroupBox):
    saved = Signal()  # a value of the line was stored

    def __init__(self, workspace: Workspace, number: int, line: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.line_id, self.hazard_id = workspace, line["id"], line["hazard_id"]
        self.setObjectName(f"recheckLine{number}")
        hazard = line["hazard"]
        self.setTitle(fill(self.tr("{n}. [{grade}] {description}"), n=number, description=hazard["description"],
                           grade=vocab.label("hazard_grades", hazard["grade"])))
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setStyleSheet("color: #555;")
        self.results = QButtonGroup(self)
        result_row = QHBoxLayout()
        for code in RESULTS:
            button = QRadioButton(vocab.label("recheck_results", code))
            button.setObjectName(f"result_{code}")
            self.results.addButton(button)
            button.toggled.connect(lambda on, code=code: self._result_chosen(on, code))
            result_row.addWidget(button)
        result_row.addStretch(1)
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(self.tr("What the officers saw (printed in the opinion)"))
        self.note_saver = AutoSave(self.note, lambda text: self._save(note=text))
        self.photos = PhotoStrip(workspace, self)
        self.photos.set_owner(hazard_id=self.hazard_id, stage="AFTER")
        self.photos.changed.connect(self.saved)
        self.followup = QComboBox()
        self.followup.setObjectName("followup")
        self.followup.addItem(self.tr("— choose —"), None)
        for code in FOLLOWUPS:
            self.followup.addItem(vocab.label("recheck_followups", code), code)
        self.followup.activated.connect(lambda _i: self._followup_chosen())
        self.deadline = date_edit(name="newDeadline")
        self.deadline.editingFinished.connect(self._deadline_chosen)
        follow_row = QHBoxLayout()
        follow_row.addWidget(self.followup)
        follow_row.addWidget(self.deadline)
        follow_row.addStretch(1)
        self.follow_widget = QWidget()
        self.follow_widget.setLayout(follow_row)
        follow_row.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout(self)
        form.addRow(self.facts)
        form.addRow(self.tr("Result"), result_row)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("After-rectification photos"), self.photos)
        form.addRow(self.tr("Then"), self.follow_widget)
        self.form = form
        self.show_line(line, editable=True)

    def show_line(self, line: dict[str, Any], *, editable: bool) -> None:
        """Show the stored values (without saving them back)."""
        hazard = line["hazard"]
        facts = [fill(self.tr("Status: {status}"), status=vocab.label("hazard_statuses", hazard["status"])),
                 fill(self.tr("deadline {date}"), date=hazard["deadline"] or "—")]
        if hazard["recheck_count"]:
            facts.append(fill(self.tr("re-checked {count} time(s) before"), count=hazard["recheck_count"]))
        if hazard["measure"]:
            facts.append(fill(self.tr("measure ordered: {measure}"), measure=hazard["measure"]))
        if hazard["evidence_note"]:
            facts.append(fill(self.tr("the enterprise reports: {evidence}"), evidence=hazard["evidence_note"]))
        self.facts.setText("；".join(facts))
        for button in self.results.buttons():
            button.blockSignals(True)
            button.setChecked(button.objectName() == f"result_{line['result']}")
            button.blockSignals(False)
        if not self.note.hasFocus():
            self.note_saver.set_text(line["note"] or "")
        self.followup.setCurrentIndex(max(0, self.followup.findData(line["followup"])))
        later = self.workspace.inspections.now().date() + timedelta(days=DEFAULT_NEW_DEADLINE_DAYS)
        shown = date.fromisoformat(line["new_deadline"]) if line["new_deadline"] else later
        self.deadline.blockSignals(True)
        self.deadline.setDate(to_qdate(shown))
        self.deadline.blockSignals(False)
        not_fixed = line["result"] in ("PARTLY", "NOT_FIXED")
        self.form.setRowVisible(self.follow_widget, not_fixed)
        self.deadline.setVisible(line["followup"] == "NEW_DEADLINE")
        for widget in (*self.results.buttons(), self.note, self.followup, self.deadline):
            widget.setEnabled(editable)
        self.photos.set_read_only(not editable)

    def _result_chosen(self, on: bool, code: str) -> None:
        if on:
            self._save(result=code)

    def _followup_chosen(self) -> None:
        code = self.followup.currentData()
        if code == "NEW_DEADLINE":
            self._save(followup=code, new_deadline=self._picked())
        elif code:
            self._save(followup=code)

    def _deadline_chosen(self) -> None:
        if self.followup.currentData() == "NEW_DEADLINE":
            self._save(new_deadline=self._picked())

    def _picked(self) -> date:
        picked = self.deadline.date()
        return date(picked.year(), picked.month(), picked.day())

    def _save(self, **values: Any) -> None:
        try:
            self.workspace.reinspections.record(self.line_id, **values)
        except UserError as exc:
            show_error(self, exc)
        self.saved.emit()
