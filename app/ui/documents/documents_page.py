"""文书: every enforcement document on this laptop, newest first, with a preview of the selected one and the actions
on it: issue, sign, serve, print, save as, correct (supersede), void, and the township batch print. Every dialog is
non-blocking (open()); errors go through show_error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.documents.issuing import Documents
from app.errors import UserError
from app.models import vocab
from app.models.workspace import Workspace
from app.ui.documents.batch_dialog import BatchDialog
from app.ui.documents.document_args import ArgsDialog
from app.ui.documents.document_dialogs import IssueDialog, ServeDialog, SignDialog, VoidDialog
from app.ui.documents.documents_model import DocumentsModel
from app.ui.i18n import fill
from app.ui.ops import Op
from app.ui.pages import Reloads
from app.ui.widgets.dialogs import show_error
from app.ui.widgets.pdf_preview import PdfPreview, render_pages
from app.ui.widgets.tables import record_view

PRINT_DPI = 300  # page images are rendered at most at this resolution for the printer


class DocumentsPage(Reloads, QWidget):
    """Signals:
        printed(int): a document's pages (this many) went to the printer.
    """

    COLUMNS = 6
    printed = Signal(int)
    WATCHES = frozenset({"document", "enterprise"})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.documents = Documents(workspace)
        self.model = DocumentsModel(self.documents, self)
        self.table = record_view(self.model, (190, 130, 240, 70, 120))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.preview = PdfPreview()

        self.issue_button = QPushButton(self.tr("Issue…"))
        self.sign_button = QPushButton(self.tr("Sign…"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.save_button = QPushButton(self.tr("Save as…"))
        self.void_button = QPushButton(self.tr("Void…"))
        self.serve_button = QPushButton(self.tr("Serve…"))
        self.serve_button.setToolTip(self.tr("Record when, how and to whom the signed document was served"))
        self.supersede_button = QPushButton(self.tr("Correct…"))
        self.supersede_button.setToolTip(self.tr("Void this document with a reason and issue a corrected one"))
        self.batch_button = QPushButton(self.tr("Batch print…"))
        self.issue_button.clicked.connect(self.issue_dialog)
        self.sign_button.clicked.connect(self.sign_selected)
        self.serve_button.clicked.connect(self.serve_selected)
        self.print_button.clicked.connect(self.print_selected)
        self.save_button.clicked.connect(self.save_selected)
        self.supersede_button.clicked.connect(self.supersede_selected)
        self.void_button.clicked.connect(self.void_selected)
        self.batch_button.clicked.connect(self.batch_dialog)
        bar = QHBoxLayout()
        for button in (self.issue_button, self.sign_button, self.serve_button, self.print_button, self.save_button,
                       self.supersede_button, self.void_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.batch_button)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([660, 540])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.reload()
        self.watch(workspace)

    # List

    def reload(self) -> None:
        keep = self.selected_id()
        self.model.refresh()
        self.select(keep) if keep else self._selection_changed()

    def document_ids(self) -> list[str]:
        return [self.model.row_id(r) for r in range(self.model.rowCount())]

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_id(rows[0].row()) if rows else None

    def select(self, document_id: str) -> bool:
        row = self.model.row_of(document_id)
        if row < 0:
            self.table.clearSelection()
            self._selection_changed()
            return False
        self.table.selectRow(row)
        self._selection_changed()
        return True

    def _selection_changed(self) -> None:
        document_id = self.selected_id()
        row = self.documents.get(document_id) if document_id else None
        try:
            self.preview.set_pdf(self.documents.pdf(document_id) if document_id else None)
        except UserError as exc:
            self.preview.clear()
            show_error(self, exc)
        status = row["status"] if row else None
        self.sign_button.setEnabled(status == "DRAFT")
        self.print_button.setEnabled(row is not None and status != "VOID")
        self.save_button.setEnabled(row is not None)
        self.void_button.setEnabled(row is not None and status != "VOID")
        self.serve_button.setEnabled(status == "SIGNED")
        self.supersede_button.setEnabled(status in ("SIGNED", "SERVED"))

    # Issue

    def issue_dialog(self) -> IssueDialog:
        dialog = IssueDialog(self)
        dialog.open()
        return dialog

    def issue_for(
        self,
        inspection_id: str,
        enterprise_id: str | None,
        doc_type: str,
        *,
        error_parent: QWidget | None = None,
        **args: Any,
    ) -> Op[str]:
        """Issue a DRAFT of `doc_type` for this inspection and enterprise on the op thread (it is rendered), then
        select it. `args`: what the type needs besides the database (DocumentArgs); errors go over `error_parent`."""
        documents = self.documents
        return (
            Op(
                error_parent or self,
                self.workspace,
                lambda _ws, _progress, _cancelled: documents.issue(doc_type, inspection_id, enterprise_id, **args),
            )
            .with_progress(self.tr("Issuing the document…"))
            .success(self.select)
            .run_in_background()
        )

    # Sign

    def sign_selected(self) -> SignDialog | None:
        document_id = self.selected_id()
        if not document_id:
            return None
        dialog = SignDialog(self, document_id)
        dialog.open()
        return dialog

    # Serve

    def serve_selected(self) -> ServeDialog | None:
        """Ask for the date, recipient and method of the service: SERVED cannot be undone."""
        document_id = self.selected_id()
        if not document_id:
            return None
        dialog = ServeDialog(self, document_id)
        dialog.open()
        return dialog

    def serve(self, document_id: str, *, error_parent: QWidget | None = None, **service: Any) -> bool:
        """Record the service (Documents.serve's arguments); False after showing the error (over `error_parent`)."""
        try:
            self.documents.serve(document_id, **service)
        except UserError as exc:
            show_error(error_parent or self, exc)
            return False
        self.reload()
        return True

    # Correct (supersede)

    def supersede_selected(self) -> ArgsDialog | None:
        document_id = self.selected_id()
        if not document_id:
            return None
        row = self.documents.get(document_id)
        dialog = ArgsDialog(
            self,
            self.documents,
            title=self.tr("Correct document"),
            doc_type=row["doc_type"],
            inspection_id=row["inspection_id"],
            enterprise_id=row["enterprise_id"],
            ask_reason=True,
            heading=fill(
                self.tr(
                    "{number} will be voided with the reason below and a corrected {doc_type} issued as a new draft."
                ),
                number=row["doc_no"] or "",
                doc_type=vocab.label("document_types", row["doc_type"]),
            ),
            submit=lambda args: self.supersede(document_id, error_parent=dialog, **args),
        )
        dialog.setObjectName("supersedeDialog")
        dialog.form.stop.setChecked(bool(row.get("stop_ordered")))  # a correction keeps it unless unticked
        dialog.open()
        return dialog

    def supersede(self, document_id: str, reason: str, *, error_parent: QWidget | None = None, **args: Any) -> Op[str]:
        """Void the document with `reason` and issue its correction on the op thread, then select the new one;
        errors go over `error_parent`."""
        documents = self.documents
        return (
            Op(
                error_parent or self,
                self.workspace,
                lambda _ws, _progress, _cancelled: documents.supersede(document_id, reason, **args),
            )
            .with_progress(self.tr("Issuing the corrected document…"))
            .success(self.select)
            .run_in_background()
        )

    # Batch

    def batch_dialog(self) -> BatchDialog:
        dialog = BatchDialog(self.workspace, self)
        dialog.open()
        return dialog

    # Print

    def print_selected(self) -> QPrintDialog | None:
        if not self.selected_id():
            return None
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(self.printer, self)
        dialog.accepted.connect(lambda: self.print_to(self.printer))
        dialog.open()  # type: ignore[call-arg]  # the stub wants the optional receiver
        return dialog

    def print_to(self, printer: QPrinter, document_id: str | None = None) -> Op[list[QImage]] | None:
        """Print the document's pages as images, one page per sheet, fitted to the paper. The pages are rendered
        for the printer's resolution on the op thread; `printed` gives the number of pages sent."""
        document_id = document_id or self.selected_id()
        if not document_id:
            return None
        documents, dpi = self.documents, min(PRINT_DPI, max(72, printer.resolution()))
        name = documents.get(document_id)["doc_no"] or document_id
        return (
            Op(self, self.workspace, lambda _ws, _progress, _cancelled: render_pages(documents.pdf(document_id), dpi))
            .with_progress(self.tr("Preparing the pages for the printer…"))
            .success(lambda images: self._paint(printer, name, images))
            .run_in_background()
        )

    def _paint(self, printer: QPrinter, name: str, images: list[QImage]) -> None:
        printer.setFullPage(True)  # the PDF pages carry their own margins
        printer.setDocName(name)
        painter = QPainter()
        if not painter.begin(printer):
            show_error(self, UserError("ui.print_failed", "无法开始打印", "Could not start printing"))
            return
        try:
            for index, image in enumerate(images):
                if index:
                    printer.newPage()
                area = QRectF(painter.viewport())
                scale = min(area.width() / image.width(), area.height() / image.height())
                target = QRectF(area.x(), area.y(), image.width() * scale, image.height() * scale)
                painter.drawImage(target, image)
        finally:
            painter.end()
        self.printed.emit(len(images))

    # Save as

    def save_selected(self) -> QFileDialog | None:
        document_id = self.selected_id()
        if not document_id:
            return None
        name = (self.documents.get(document_id)["doc_no"] or "document") + ".pdf"
        dialog = QFileDialog(self, self.tr("Save document as"), name, self.tr("PDF (*.pdf)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        dialog.fileSelected.connect(lambda path: self.save_to(Path(path), document_id))
        dialog.open()
        return dialog

    def save_to(self, path: Path, document_id: str | None = None) -> bool:
        """Write the stored file (the signed one once signed) byte for byte."""
        document_id = document_id or self.selected_id()
        if not document_id:
            return False
        try:
            Path(path).write_bytes(self.documents.pdf(document_id))
        except UserError as exc:
            show_error(self, exc)
            return False
        except OSError as exc:
            show_error(
                self,
                UserError("ui.save_failed", "无法保存文件：{error}", "Could not save the file: {error}", error=exc),
            )
            return False
        return True

    # Void

    def void_selected(self) -> VoidDialog | None:
        document_id = self.selected_id()
        if not document_id:
            return None
        dialog = VoidDialog(self, document_id)
        dialog.open()
        return dialog
