"""What some documents need besides the database: the measures a 现场处理措施决定书 decides and the order a
整改复查意见书 re-checks. They are printed, not stored, so they are asked for at every issue and correction.

DocumentArgs is the form part (embedded by the issue dialog); ArgsDialog wraps it, optionally with a reason
(corrections), and hands the values to a callback that starts the op using them (the dialog stays open if it fails).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.documents.issuing import Documents
from app.errors import UserError
from app.ui.ops import Op
from app.ui.widgets.autosave import DraftField
from app.ui.widgets.dates import date_edit
from app.ui.widgets.dialogs import show_error


class DocumentArgs(QWidget):
    def __init__(self, documents: Documents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.documents = documents
        self.doc_type = ""
        self.measures = QPlainTextEdit()
        self.measures.setObjectName("measures")
        self.measures.setPlaceholderText(self.tr("One measure per line, with its scope and how long it lasts"))
        self.measures.setMaximumHeight(110)
        self.stop = QCheckBox(self.tr("The measures stop work (责令暂时停产停业 or 停止使用设施设备)"))
        self.stop.setObjectName("stopOrdered")
        self.reference_no = QLineEdit()
        self.reference_no.setObjectName("referenceNo")
        self.reference_date = date_edit()
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.tr("Measures decided"), self.measures)
        self.form.addRow("", self.stop)
        self.form.addRow(self.tr("Order re-checked (number)"), self.reference_no)
        self.form.addRow(self.tr("Order re-checked (date)"), self.reference_date)
        drafts = documents.ws.drafts
        self.drafts = [DraftField(self.measures, drafts, "document/measures"),
                       DraftField(self.reference_no, drafts, "document/reference_no")]
        self.set_target("RECORD", None, None)

    def set_target(self, doc_type: str, inspection_id: str | None, enterprise_id: str | None) -> None:
        """Show the fields `doc_type` needs; a re-check is prefilled with the enterprise's newest live order."""
        self.doc_type = doc_type
        for draft, part in zip(self.drafts, ("measures", "reference_no"), strict=True):
            draft.rekey(f"document/{doc_type}/{inspection_id}/{enterprise_id}/{part}")
        self.form.setRowVisible(self.measures, doc_type == "DECISION")
        self.form.setRowVisible(self.stop, doc_type == "DECISION")
        self.form.setRowVisible(self.reference_no, doc_type == "RECHECK")
        self.form.setRowVisible(self.reference_date, doc_type == "RECHECK")
        self.setVisible(self.needed())
        if doc_type == "RECHECK" and inspection_id:
            orders = [r for r in self.documents.list(inspection_id, enterprise_id, doc_type="ORDER")
                      if r["status"] != "VOID"]
            if orders and not self.reference_no.text():
                self.drafts[1].set_text(orders[-1]["doc_no"] or "")
                self.reference_date.setDate(QDate.fromString(orders[-1]["created_at"][:10], "yyyy-MM-dd"))

    def issued(self) -> None:
        """The document exists: what was typed for it is no longer a draft."""
        for draft in self.drafts:
            draft.done()

    def needed(self) -> bool:
        return self.doc_type in ("DECISION", "RECHECK")

    def args(self) -> dict[str, Any]:
        """The keyword arguments for Documents.issue / supersede; a UserError when a required one is empty."""
        if self.doc_type == "DECISION":
            # gather_decision refuses an empty list with its own message
            return {"measures": [line for line in self.measures.toPlainText().splitlines() if line.strip()],
                    "stop_ordered": self.stop.isChecked()}
        if self.doc_type == "RECHECK":
            if not self.reference_no.text().strip():
                raise UserError("ui.recheck_reference", "请填写被复查的指令书编号",
                                "Enter the number of the order being re-checked")
            value = self.reference_date.date()
            return {"reference_no": self.reference_no.text().strip(),
                    "reference_date": date(value.year(), value.month(), value.day())}
        return {}


class ArgsDialog(QDialog):
    """A document's extra data (and a reason, for corrections); accept() passes them to `submit`, which starts the
    op that uses them; the dialog closes when it succeeds and stays open (with the error shown) when it fails."""

    def __init__(self, parent: QWidget, documents: Documents, *, title: str, doc_type: str, inspection_id: str,
                 enterprise_id: str | None, submit: Callable[[dict[str, Any]], Op[Any]], heading: str = "",
                 ask_reason: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.submit = submit
        self.form = DocumentArgs(documents, self)
        self.form.set_target(doc_type, inspection_id, enterprise_id)
        self.reason: QLineEdit | None = None
        self.reason_draft: DraftField | None = None
        layout = QVBoxLayout(self)
        if heading:
            label = QLabel(heading)
            label.setWordWrap(True)
            layout.addWidget(label)
        if ask_reason:
            self.reason = QLineEdit()
            self.reason.setObjectName("reason")
            self.reason.setPlaceholderText(self.tr("Required"))
            self.reason_draft = DraftField(self.reason, documents.ws.drafts,
                                           f"document/{doc_type}/{inspection_id}/{enterprise_id}/reason")
            reason_form = QFormLayout()
            reason_form.addRow(self.tr("Reason for the correction"), self.reason)
            layout.addLayout(reason_form)
        layout.addWidget(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        try:
            args = self.form.args()
            if self.reason is not None:
                if not self.reason.text().strip():
                    raise UserError("ui.correction_reason", "更正文书须填写原因（原文书将作废并保留该原因）",
                                    "A correction needs a reason (the old document is voided with it)")
                args["reason"] = self.reason.text().strip()
        except UserError as exc:
            show_error(self, exc)
            return
        self.buttons.setEnabled(False)  # until the op is done: one click, one document
        self.submit(args).success(lambda _result: self._submitted()).finally_(lambda: self.buttons.setEnabled(True))

    def _submitted(self) -> None:
        self.form.issued()
        if self.reason_draft is not None:
            self.reason_draft.done()
        super().accept()
