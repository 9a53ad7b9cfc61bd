"""A deadline extension: asked for (a later date and the reason) or decided by an officer. The deadline changes only
when a request is approved (app/models/hazard_flow.py); both run as ops and a refusal is shown over the dialog."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.models.workspace import Workspace
from app.ui.i18n import fill
from app.ui.ops import Op
from app.ui.widgets.dates import date_edit, to_qdate


class ExtensionDialog(QDialog):
    """`decide` False: ask for an extension; True: decide the pending request. `saved` follows a success."""

    saved = Signal()

    def __init__(self, workspace: Workspace, hazard_id: str, *, decide: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("extensionDialog")
        self.workspace, self.hazard_id, self.decide = workspace, hazard_id, decide
        hazard = workspace.inspections.hazard(hazard_id)
        self.pending = workspace.hazard_flow.pending_extension(hazard_id)
        form = QFormLayout()
        self.until = date_edit()
        self.reason = QLineEdit()
        self.officer = QComboBox()
        self.decision = QComboBox()
        if decide:
            self.setWindowTitle(self.tr("Decide the extension request"))
            assert self.pending is not None
            form.addRow(self.tr("Asked for"), QLabel(fill(self.tr("{old} → {new}: {reason}"),
                                                          old=self.pending["old_deadline"],
                                                          new=self.pending["new_deadline"],
                                                          reason=self.pending["reason"])))
            for inspector in workspace.roster.inspectors():
                self.officer.addItem(f"{inspector['name']}（{inspector['cert_no']}）", inspector["id"])
            self.officer.setCurrentIndex(max(0, self.officer.findData(workspace.author)))
            self.decision.addItem(self.tr("Approve"), True)
            self.decision.addItem(self.tr("Reject"), False)
            form.addRow(self.tr("Officer"), self.officer)
            form.addRow(self.tr("Decision"), self.decision)
        else:
            self.setWindowTitle(self.tr("Ask for a later deadline"))
            old = date.fromisoformat(hazard["deadline"]) if hazard["deadline"] else date.today()
            later = old + timedelta(days=15)
            self.until.setDate(to_qdate(later))
            form.addRow(self.tr("Deadline now"), QLabel(hazard["deadline"] or "—"))
            form.addRow(self.tr("New deadline"), self.until)
            form.addRow(self.tr("Reason"), self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        hazard_id = self.hazard_id
        picked = self.until.date()
        until, reason = date(picked.year(), picked.month(), picked.day()), self.reason.text()
        officer, approved = self.officer.currentData() or "", bool(self.decision.currentData())
        pending_id, decide = (str(self.pending["id"]) if self.pending else ""), self.decide

        def run(ws: Workspace, _progress: Any, _cancelled: Any) -> None:
            if decide:
                ws.hazard_flow.decide_extension(pending_id, officer, approved=approved)
            else:
                ws.hazard_flow.request_extension(hazard_id, until, reason)

        self.buttons.setEnabled(False)
        (Op(self, self.workspace, run).success(lambda _result: self._saved())
         .finally_(lambda: self.buttons.setEnabled(True)).run_in_background())

    def _saved(self) -> None:
        self.saved.emit()
        super().accept()
