"""执法记录仪: the body camera's file or device id and the recorded span, kept with the inspection."""

from __future__ import annotations

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QTimeEdit, QVBoxLayout, QWidget

from app.errors import UserError
from app.models.workspace import Workspace
from app.ui.widgets.autosave import DraftField
from app.ui.widgets.dialogs import show_error


def _time_edit(value: str | None) -> QTimeEdit:
    edit = QTimeEdit(QTime.fromString(value, "HH:mm") if value else QTime.currentTime())
    edit.setDisplayFormat("HH:mm")
    return edit


class BodycamDialog(QDialog):
    def __init__(self, workspace: Workspace, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.inspection_id = inspection_id
        row = workspace.inspections.get(inspection_id)
        self.setWindowTitle(self.tr("Body camera"))
        self.ref = QLineEdit(str(row["bodycam_ref"] or ""))
        self.ref.setObjectName("ref")
        self.ref.setPlaceholderText(self.tr("Device number or video file name"))
        self.ref_draft = DraftField(self.ref, workspace.drafts, f"bodycam/{inspection_id}")
        self.start = _time_edit(row["bodycam_from"] or row["started_at"][11:16])
        self.end = _time_edit(row["bodycam_to"])
        form = QFormLayout()
        form.addRow(self.tr("Camera / file"), self.ref)
        form.addRow(self.tr("Recording from"), self.start)
        form.addRow(self.tr("Recording to"), self.end)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def reject(self) -> None:
        self.ref_draft.done()  # Cancel throws the typed text away; a crash leaves it for the next opening
        super().reject()

    def save(self) -> None:
        try:
            self.workspace.inspections.set_bodycam(
                self.inspection_id, self.ref.text(), self.start.time().toString("HH:mm"),
                self.end.time().toString("HH:mm"),
            )
        except UserError as exc:
            show_error(self, exc)
            return
        self.ref_draft.done()
        self.accept()
