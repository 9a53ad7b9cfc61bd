"""One step of a hazard's follow-up (report, re-check, 销号, listing, transfer …): the dialog asks for what the rules
file says the step requires (resources/hazards/lifecycle.toml) and runs it as an op; a refusal is shown over it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.documents.issuing import Documents
from app.errors import UserError
from app.models import vocab
from app.models.hazard_flow import LISTING_LEVELS, SIGNED_STATES, Listing, Step
from app.models.workspace import Workspace
from app.ui.i18n import fill
from app.ui.ops import Op
from app.ui.widgets.dates import date_edit, from_qdate
from app.ui.widgets.dialogs import show_error
from app.ui.widgets.photo_strip import IMAGE_SUFFIXES

DEFAULT_NEW_DEADLINE_DAYS = 15
W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget

_TEXTS = ("reason", "evidence", "plan", "feedback")


def action_label(name: str) -> str:
    return vocab.label("hazard_actions", name)


class HazardActionDialog(QDialog):
    """accept() runs the step; `saved` is emitted once it was saved."""

    saved = Signal()

    def __init__(self, workspace: Workspace, hazard_id: str, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hazardActionDialog")
        self.workspace, self.hazard_id, self.action = workspace, hazard_id, action
        self.requires = workspace.hazard_flow.lifecycle.actions[action].requires
        hazard = workspace.inspections.hazard(hazard_id)
        self.setWindowTitle(fill(self.tr("{action}: {hazard}"), action=action_label(action),
                                 hazard=str(hazard["description"])[:30]))
        form = QFormLayout()
        self.officer = named(QComboBox(), "officer")
        for inspector in workspace.roster.inspectors():
            self.officer.addItem(f"{inspector['name']}（{inspector['cert_no']}）", inspector["id"])
        self.officer.setCurrentIndex(max(0, self.officer.findData(workspace.author)))
        self.text = named(QPlainTextEdit(), "text")
        self.text.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.department = named(QLineEdit(), "department")
        later = workspace.inspections.now().date() + timedelta(days=DEFAULT_NEW_DEADLINE_DAYS)
        self.deadline = date_edit(later, "deadline")
        self.document = named(QComboBox(), "document")
        for row in Documents(workspace).list(enterprise_id=hazard["enterprise_id"], doc_type="RECHECK"):
            if row["status"] in SIGNED_STATES:
                self.document.addItem(row["doc_no"] or row["id"], row["id"])
        self.level = named(QComboBox(), "level")
        for level in LISTING_LEVELS:
            self.level.addItem(vocab.label("listing_levels", level), level)
        self.body, self.notice = named(QLineEdit(), "body"), named(QLineEdit(), "notice")
        self.listed_on = date_edit(name="listedOn")

        if "officer" in self.requires:
            form.addRow(self.tr("Officer"), self.officer)
        text_needs = [r for r in self.requires if r in _TEXTS]
        if text_needs:
            form.addRow({"reason": self.tr("Reason"), "evidence": self.tr("What was done"),
                         "plan": self.tr("Remediation plan"), "feedback": self.tr("Department's feedback")}
                        [text_needs[0]], self.text)
        if "new_deadline" in self.requires:
            form.addRow(self.tr("New deadline"), self.deadline)
        if "recheck_doc" in self.requires:
            form.addRow(self.tr("Signed re-check opinion"), self.document)
            if not self.document.count():
                form.addRow("", QLabel(self.tr("No signed re-check opinion of this enterprise yet: issue and sign "
                                               "one on the Documents tab first.")))
        if "department" in self.requires:
            form.addRow(self.tr("Transferred to"), self.department)
        if "listing" in self.requires:
            form.addRow(self.tr("Listing level"), self.level)
            form.addRow(self.tr("Listed by"), self.body)
            form.addRow(self.tr("Notice number"), self.notice)
            form.addRow(self.tr("Listed on"), self.listed_on)
        self.after_photos = named(QLabel(), "afterPhotos")
        self.add_photo_button = named(QPushButton(self.tr("Add after-rectification photo…")), "addAfterPhoto")
        self.add_photo_button.clicked.connect(self.choose_after_photo)
        if "after_photo" in self.requires and workspace.hazard_flow.lifecycle.after_photo:
            photo_row = QHBoxLayout()
            photo_row.addWidget(self.after_photos, 1)
            photo_row.addWidget(self.add_photo_button)
            form.addRow(self.tr("After-rectification photos"), photo_row)
            self._count_after_photos()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _count_after_photos(self) -> None:
        count = sum(p["stage"] == "AFTER" for p in self.workspace.inspections.photos(hazard_id=self.hazard_id))
        self.after_photos.setText(fill(self.tr("{count} attached (closing needs at least one)"), count=count))

    def choose_after_photo(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("After-rectification photos"), "",
                                                fill(self.tr("Images ({patterns})"),
                                                     patterns=" ".join("*" + s for s in IMAGE_SUFFIXES)))
        for path in paths:
            self.add_after_photo(Path(path))

    def add_after_photo(self, path: Path) -> None:
        """A short write on the GUI thread (the photo is stored, then counted)."""
        try:
            self.workspace.inspections.attach_photo(path, hazard_id=self.hazard_id, stage="AFTER")
        except UserError as exc:
            show_error(self, exc)
        self._count_after_photos()

    def step(self) -> Step:
        return Step(officer=self.officer.currentData() or "", text=self.text.toPlainText(),
                    document=self.document.currentData(), deadline=from_qdate(self.deadline.date()),
                    listing=Listing(str(self.level.currentData()), self.body.text(), self.notice.text(),
                                    from_qdate(self.listed_on.date())),
                    department=self.department.text())

    def accept(self) -> None:
        action, hazard_id, step = self.action, self.hazard_id, self.step()
        self.buttons.setEnabled(False)
        (Op(self, self.workspace, lambda ws, _progress, _cancelled: ws.hazard_flow.perform(action, hazard_id, step))
         .success(lambda _result: self._saved())
         .finally_(lambda: self.buttons.setEnabled(True))
         .run_in_background())

    def _saved(self) -> None:
        self.saved.emit()
        super().accept()
