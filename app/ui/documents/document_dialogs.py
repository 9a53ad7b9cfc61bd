"""The documents page's dialogs: sign, void, serve, and issue a document for an inspection's enterprise."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.documents.issuing import RECIPIENT_REQUIRED, Documents
from app.documents.numbering import DOC_TYPES
from app.errors import UserError
from app.models import vocab
from app.ui.documents.document_args import DocumentArgs
from app.ui.ops import Op
from app.ui.widgets.dates import date_edit, to_qdate
from app.ui.widgets.dialogs import show_error

if TYPE_CHECKING:
    from app.ui.documents.documents_page import DocumentsPage


class SignDialog(QDialog):
    """Choose the signing inspector and type the passphrase. accept() signs; the dialog stays open on an error."""

    def __init__(self, page: DocumentsPage, document_id: str) -> None:
        super().__init__(page)
        self.setObjectName("signDialog")
        self.setWindowTitle(self.tr("Sign document"))
        self.page, self.document_id = page, document_id
        ws = page.workspace
        row = page.documents.get(document_id)
        inspectors = ws.inspections.inspectors(row["inspection_id"]) if row["inspection_id"] else []
        inspectors = inspectors or ws.roster.inspectors()
        self.inspector = QComboBox()
        for inspector in inspectors:
            self.inspector.addItem(f"{inspector['name']}（{inspector['cert_no'] or ''}）", inspector["id"])
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setProperty("autosave", False)  # a secret is never kept
        self.location = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("Document"), _plain(row["doc_no"] or ""))
        form.addRow(self.tr("Inspector"), self.inspector)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        form.addRow(self.tr("Location"), self.location)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.offer: QMessageBox | None = None

    def inspector_id(self) -> str:
        return self.inspector.currentData()

    def accept(self) -> None:
        """Sign on the op thread (a PDF signature takes a few hundred ms); the dialog closes when it is done."""
        if not self.inspector_id():
            show_error(self, UserError("ui.no_inspector", "没有可签名的检查员", "No inspector to sign with"))
            return
        document_id, inspector_id, passphrase = self.document_id, self.inspector_id(), self.passphrase.text()
        location = self.location.text().strip()
        self.buttons.setEnabled(False)
        documents = self.page.documents  # on the same Workspace as the op thread
        (Op(self, self.page.workspace, lambda _ws, _progress, _cancelled: documents.sign(
            document_id, inspector_id, passphrase, location=location))
         .with_progress(self.tr("Signing…"))
         .success(lambda _row: super(SignDialog, self).accept())
         .failure(self._refused)
         .finally_(lambda: self.buttons.setEnabled(True))
         .run_in_background())

    def _refused(self, exc: UserError) -> None:
        if exc.code == "document.no_signing_cert":
            self._offer_standalone(exc)
        else:
            show_error(self, exc)

    def _offer_standalone(self, exc: UserError) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("No signing certificate"), exc.message, parent=self)
        box.setObjectName("noCertDialog")
        box.setInformativeText(self.tr("Create a personal signing certificate on this computer, protected by the "
                                       "passphrase you typed?"))
        self.create_button = box.addButton(self.tr("Create personal signing certificate"),
                                           QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(self._offer_answered)
        self.offer = box
        box.open()


    def _offer_answered(self, button: QAbstractButton) -> None:
        if button is self.create_button:
            self.create_and_sign()
    def create_and_sign(self) -> None:
        inspector_id, passphrase = self.inspector_id(), self.passphrase.text()
        documents = self.page.documents
        (Op(self, self.page.workspace, lambda _ws, _progress, _cancelled: documents.setup_standalone(
            inspector_id, passphrase))
         .with_progress(self.tr("Creating the signing certificate…"))
         .success(lambda _result: self.accept())
         .run_in_background())


def _plain(text: str) -> QWidget:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class Voids(Protocol):
    """A page a VoidDialog can serve: the documents page, the conflict queue."""

    documents: Documents

    def reload(self) -> None: ...


class VoidDialog(QDialog):
    """The reason for voiding (required). accept() voids; the dialog stays open on an error."""

    def __init__(self, page: Voids, document_id: str) -> None:
        super().__init__(page if isinstance(page, QWidget) else None)
        self.setObjectName("voidDialog")
        self.setWindowTitle(self.tr("Void document"))
        self.page, self.document_id = page, document_id
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Required"))
        form = QFormLayout()
        form.addRow(self.tr("Document"), _plain(page.documents.get(document_id)["doc_no"] or ""))
        form.addRow(self.tr("Reason for voiding"), self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Void"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        try:
            self.page.documents.void(self.document_id, self.reason.text())
        except UserError as exc:
            show_error(self, exc)
            return
        self.page.reload()
        super().accept()


class ServeDialog(QDialog):
    """Record the service (送达) of a signed document: date (not after today), recipient, method. accept() records it;
    the dialog stays open on an error."""

    def __init__(self, page: DocumentsPage, document_id: str) -> None:
        super().__init__(page)
        self.setObjectName("serveDialog")
        self.setWindowTitle(self.tr("Record service"))
        self.page, self.document_id = page, document_id
        row = page.documents.get(document_id)
        today = page.documents.today()
        self.served_on = date_edit(today)
        self.served_on.setMaximumDate(to_qdate(today))
        issued = QDate.fromString((row["created_at"] or "")[:10], "yyyy-MM-dd")
        if issued.isValid() and issued <= self.served_on.maximumDate():
            self.served_on.setMinimumDate(issued)
        self.method = QComboBox()
        for code in vocab.codes("service_methods"):
            self.method.addItem(vocab.label("service_methods", code), code)
        self.served_to = QLineEdit()
        self.method.currentIndexChanged.connect(self._method_changed)
        self._method_changed()
        form = QFormLayout()
        form.addRow(self.tr("Document"), _plain(row["doc_no"] or ""))
        form.addRow(self.tr("Enterprise"), _plain(page.documents.listed([row["id"]])[row["id"]].enterprise))
        form.addRow(self.tr("Served on"), self.served_on)
        form.addRow(self.tr("Method"), self.method)
        form.addRow(self.tr("Recipient"), self.served_to)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Record as served"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _method_changed(self) -> None:
        method = self.method.currentData()
        if method == "LEFT":
            self.served_to.setPlaceholderText(self.tr("Required: the person who refused, and the witness"))
        elif method in RECIPIENT_REQUIRED:
            self.served_to.setPlaceholderText(self.tr("Required: the person who received it"))
        else:
            self.served_to.setPlaceholderText(self.tr("Optional: recipient, address or account"))

    def accept(self) -> None:
        served_on = self.served_on.date().toPython()
        if self.page.serve(self.document_id, served_on=served_on, served_to=self.served_to.text(),
                           method=self.method.currentData(), error_parent=self):
            super().accept()


class IssueDialog(QDialog):
    """Choose inspection, enterprise and document type; accept() issues through DocumentsPage.issue_for."""

    def __init__(self, page: DocumentsPage) -> None:
        super().__init__(page)
        self.setObjectName("issueDialog")
        self.setWindowTitle(self.tr("Issue document"))
        self.page = page
        ws = page.workspace
        self.inspection = QComboBox()
        for row in ws.inspections.list():
            self.inspection.addItem(f"{row['started_at'][:10]}  {row['enterprise_name']}", row["id"])
        self.enterprise = QComboBox()
        self.doc_type = QComboBox()
        for doc_type in DOC_TYPES:
            self.doc_type.addItem(vocab.label("document_types", doc_type), doc_type)
        self.args = DocumentArgs(page.documents, self)
        self.inspection.currentIndexChanged.connect(self._fill_enterprises)
        self._fill_enterprises()
        for combo in (self.enterprise, self.doc_type):
            combo.currentIndexChanged.connect(self._target_changed)
        self._target_changed()
        form = QFormLayout()
        form.addRow(self.tr("Inspection"), self.inspection)
        form.addRow(self.tr("Enterprise"), self.enterprise)
        form.addRow(self.tr("Document type"), self.doc_type)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Issue"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.args)
        layout.addWidget(self.buttons)

    def _target_changed(self) -> None:
        self.args.set_target(self.doc_type.currentData(), self.inspection.currentData(), self.enterprise.currentData())

    def _fill_enterprises(self) -> None:
        self.enterprise.clear()
        inspection_id = self.inspection.currentData()
        if not inspection_id:
            return
        ws = self.page.workspace
        main = ws.inspections.get(inspection_id)["enterprise_id"]
        for enterprise_id in dict.fromkeys([*ws.inspections.target_ids(inspection_id), main]):
            self.enterprise.addItem(ws.registry.get_enterprise(enterprise_id)["name"], enterprise_id)

    def accept(self) -> None:
        if not self.inspection.currentData():
            show_error(self, UserError("ui.no_inspection", "请先选择检查", "Choose an inspection first"))
            return
        try:
            args = self.args.args()
        except UserError as exc:
            show_error(self, exc)
            return
        self.buttons.setEnabled(False)
        (self.page.issue_for(self.inspection.currentData(), self.enterprise.currentData(),
                             self.doc_type.currentData(), error_parent=self, **args)
         .success(lambda _id: self._issued()).finally_(lambda: self.buttons.setEnabled(True)))

    def _issued(self) -> None:
        self.args.issued()
        super().accept()
