"""The documents an inspection leads to, issued from its summary: the 现场检查记录 once the visit is completed, a
责令限期整改指令书 for each enterprise with hazards to rectify within a deadline, and a 现场处理措施决定书 (with the
measures typed in) for each enterprise with hazards. Each button issues a DRAFT (an op: it is rendered) and emits
`issued`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.documents.issuing import Documents
from app.models import vocab
from app.models.workspace import Workspace
from app.ui.documents.document_args import ArgsDialog
from app.ui.i18n import fill
from app.ui.ops import Op
from app.ui.widgets.text import elide


class DocumentButtons(QWidget):
    issued = Signal(str)

    def __init__(self, workspace: Workspace, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.inspection_id = workspace, inspection_id
        self.documents = Documents(workspace)
        self.record_button = QPushButton(self.tr("Issue on-site inspection record"))
        self.record_button.setObjectName("issueRecordButton")
        self.record_button.clicked.connect(lambda: self.issue("RECORD", None))
        self.order_buttons: dict[str, QPushButton] = {}
        self.decision_buttons: dict[str, QPushButton] = {}
        self._rows_key: tuple[tuple[str, bool, bool], ...] | None = None
        self.rows = QGridLayout()
        self.existing = QLabel()
        self.existing.setObjectName("issuedDocuments")
        self.existing.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.record_button)
        layout.addLayout(self.rows)
        layout.addWidget(self.existing)
        self.dialog: ArgsDialog | None = None

    def refresh(self) -> None:
        inspections = self.workspace.inspections
        status = inspections.get(self.inspection_id)["status"]
        self.record_button.setEnabled(status == "COMPLETED")
        self.record_button.setToolTip("" if status == "COMPLETED" else
                                      self.tr("The record is issued once the inspection is completed."))
        hazards = inspections.hazards(self.inspection_id)
        key = tuple(
            (enterprise_id,
             any(h["enterprise_id"] == enterprise_id and not h["rectified_on_site"] for h in hazards),
             any(h["enterprise_id"] == enterprise_id for h in hazards))
            for enterprise_id in inspections.target_ids(self.inspection_id)
        )
        if key != self._rows_key:
            self._rows_key = key
            self._build_rows(key)
        for button in [*self.order_buttons.values(), *self.decision_buttons.values()]:
            button.setEnabled(status != "VOID")

        rows = self.documents.list(inspection_id=self.inspection_id)
        self.existing.setText(
            self.tr("Issued for this inspection: none yet.")
            if not rows
            else self.tr("Issued for this inspection:")
            + "<br>"
            + "<br>".join(
                f"{r['doc_no'] or ''}　{vocab.label('document_types', r['doc_type'])}　"
                f"{self._name(r['enterprise_id'])}　"
                f"{vocab.label('document_statuses', r['status'])}"
                for r in rows
            )
        )

    def _name(self, enterprise_id: str | None) -> str:
        return self.workspace.registry.get_enterprise(enterprise_id)["name"] if enterprise_id else ""

    def _build_rows(self, key: tuple[tuple[str, bool, bool], ...]) -> None:
        for button in [*self.order_buttons.values(), *self.decision_buttons.values()]:
            self.rows.removeWidget(button)
            button.deleteLater()  # maybe the button being clicked: deleted after its signal returns
        self.order_buttons, self.decision_buttons = {}, {}
        for row, (enterprise_id, to_order, to_decide) in enumerate(key):
            name = elide(self._name(enterprise_id), 16)
            if to_order:
                button = QPushButton(fill(self.tr("Issue rectification order: {name}"), name=name))
                button.clicked.connect(lambda _=False, e=enterprise_id: self.issue("ORDER", e))
                self.order_buttons[enterprise_id] = button
                self.rows.addWidget(button, row, 0)
            if to_decide:
                button = QPushButton(fill(self.tr("Issue on-site measures decision: {name}…"), name=name))
                button.clicked.connect(lambda _=False, e=enterprise_id: self.decision_dialog(e))
                self.decision_buttons[enterprise_id] = button
                self.rows.addWidget(button, row, 1)

    def issue(
        self, doc_type: str, enterprise_id: str | None, *, error_parent: QWidget | None = None, **args: Any
    ) -> Op[str]:
        """Issue a DRAFT on the op thread (it is rendered); `issued` follows; errors go over `error_parent`."""
        documents, inspection_id = self.documents, self.inspection_id
        return (
            Op(
                error_parent or self,
                self.workspace,
                lambda _ws, _progress, _cancelled: documents.issue(doc_type, inspection_id, enterprise_id, **args),
            )
            .with_progress(self.tr("Issuing the document…"))
            .success(self._issued)
            .run_in_background()
        )

    def _issued(self, document_id: str) -> None:
        self.refresh()
        self.issued.emit(document_id)

    def decision_dialog(self, enterprise_id: str) -> ArgsDialog:
        self.dialog = ArgsDialog(
            self,
            self.documents,
            title=self.tr("On-site measures decision"),
            doc_type="DECISION",
            inspection_id=self.inspection_id,
            enterprise_id=enterprise_id,
            heading=fill(self.tr("Measures decided on site for {enterprise}:"), enterprise=self._name(enterprise_id)),
            submit=lambda args: self.issue("DECISION", enterprise_id, error_parent=self.dialog, **args),
        )
        self.dialog.setObjectName("decisionDialog")
        self.dialog.open()
        return self.dialog
