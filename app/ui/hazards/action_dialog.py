"""One step of a hazard's follow-up (report, re-check, 销号, listing, transfer …): the dialog asks for what the rules
file says the step requires (resources/hazards/lifecycle.toml) and runs it as an op; a refusal is shown over it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

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
from app.models.hazard_flow import LISTING_LEVELS, SIGNED_STATES, HazardFlow, Listing
from app.models.workspace import Workspace
from app.ui.i18n import fill
from app.ui.ops import Op
from app.ui.widgets.dates import date_edit
from app.ui.widgets.dialogs import show_error
from app.ui.widgets.photo_strip import IMAGE_SUFFIXES

DEFAULT_NEW_DEADLINE_DAYS = 15
W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget

# What each action calls, given the dialog's values.
_CALLS: dict[str, Callable[[HazardFlow, str, dict[str, Any]], None]] = {
    "confirm": lambda f, h, v: f.confirm(h, v["officer"]),
    "void": lambda f, h, v: f.void(h, v["text"]),
    "submit": lambda f, h, v: f.submit(h, v["text"]),
    "close_on_site": lambda f, h, v: f.close_on_site(h, v["officer"]),
    "recheck_pass": lambda f, h, v: f.recheck(h, v["officer"], passed=True, document_id=v["document"]),
    "recheck_fail": lambda f, h, v: f.recheck(h, v["officer"], passed=False, new_deadline=v["deadline"],
                                              reason=v["text"]),
    "escalate": lambda f, h, v: f.escalate(h, v["officer"], v["text"]),
    "list": lambda f, h, v: f.list_for_supervision(h, v["officer"], v["listing"]),
    "approve_plan": lambda f, h, v: f.approve_plan(h, v["officer"], v["text"]),
    "apply_delisting": lambda f, h, v: f.apply_delisting(h, v["text"]),
    "delist_pass": lambda f, h, v: f.review_delisting(h, v["officer"], passed=True, document_id=v["document"]),
    "delist_fail": lambda f, h, v: f.review_delisting(h, v["officer"], passed=False, reason=v["text"]),
    "transfer": lambda f, h, v: f.transfer(h, v["officer"], v["department"]),
    "transfer_closed": lambda f, h, v: f.transfer_feedback(h, v["officer"], v["text"], closed=True),
    "transfer_returned": lambda f, h, v: f.transfer_feedback(h, v["officer"], v["text"], closed=False),
}
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

    def values(self) -> dict[str, Any]:
        picked = self.listed_on.date()
        deadline = self.deadline.date()
        return {
            "officer": self.officer.currentData() or "",
            "text": self.text.toPlainText(),
            "department": self.department.text(),
            "deadline": date(deadline.year(), deadline.month(), deadline.day()),
            "document": self.document.currentData(),
            "listing": Listing(str(self.level.currentData()), self.body.text(), self.notice.text(),
                               date(picked.year(), picked.month(), picked.day())),
        }

    def accept(self) -> None:
        call, hazard_id, values = _CALLS[self.action], self.hazard_id, self.values()
        self.buttons.setEnabled(False)
        (Op(self, self.workspace, lambda ws, _progress, _cancelled: call(ws.hazard_flow, hazard_id, values))
         .success(lambda _result: self._saved())
         .finally_(lambda: self.buttons.setEnabled(True))
         .run_in_background())

    def _saved(self) -> None:
        self.saved.emit()
        super().accept()
