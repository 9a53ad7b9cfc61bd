"""批量打印: the township office batch (app.documents.batch.print_batch) behind a form, a progress bar and Cancel.

The batch is an op (app/ui/ops.py): it runs on the Workspace's op thread with plain data (the filters), never on
the GUI thread, and renders in a process pool. Progress comes back to the dialog's bar; Cancel sets a flag that
print_batch checks between jobs. Closing the dialog while a batch runs cancels it and closes once it stopped.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.documents.batch import BatchResult, print_batch, select_documents
from app.documents.numbering import DOC_TYPES
from app.errors import UserError
from app.models import vocab
from app.models.risk import add_months
from app.models.workspace import Workspace
from app.ui.i18n import fill
from app.ui.ops import Op, RunsOps
from app.ui.widgets.dates import date_edit, from_qdate
from app.ui.widgets.dialogs import show_error


@dataclass(frozen=True)
class BatchRequest:
    """Everything the worker needs, as plain data: no widget, no connection."""

    doc_type: str
    township_id: str | None
    park_id: str | None
    date_from: date | None
    date_to: date | None
    out: Path
    one_file: bool
    workers: int | None


class BatchDialog(RunsOps, QDialog):
    batch_finished = Signal(object)  # BatchResult, or None after an error

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batchDialog")
        self.setWindowTitle(self.tr("Batch print documents"))
        self.workspace = workspace
        self.workers: int | None = None  # all cores
        self.worker: Op[BatchResult] | None = None
        self.outcome: BatchResult | None = None
        self._close_when_stopped = False


        self.doc_type = QComboBox()
        for doc_type in DOC_TYPES:
            self.doc_type.addItem(vocab.label("document_types", doc_type), doc_type)
        self.doc_type.setCurrentIndex(self.doc_type.findData("ORDER"))
        self.township = QComboBox()
        self.township.addItem(self.tr("All townships"), None)
        for row in workspace.registry.townships():
            self.township.addItem(row["name"], row["id"])
        self.park = QComboBox()
        self.township.currentIndexChanged.connect(self._fill_parks)
        self._fill_parks()
        self.by_date = QCheckBox(self.tr("Only documents issued from"))
        today = date.today()
        self.date_from = date_edit(add_months(today, -1))
        self.date_to = date_edit(today)
        for edit in (self.date_from, self.date_to):
            edit.setEnabled(False)
        self.by_date.toggled.connect(self.date_from.setEnabled)
        self.by_date.toggled.connect(self.date_to.setEnabled)
        dates = QHBoxLayout()
        dates.addWidget(self.by_date)
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel(self.tr("to")))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        self.per_enterprise = QRadioButton(self.tr("One PDF per enterprise"))
        self.one_file = QRadioButton(self.tr("One merged PDF"))
        self.per_enterprise.setChecked(True)
        self._mode = QButtonGroup(self)
        mode = QHBoxLayout()
        for button in (self.per_enterprise, self.one_file):
            self._mode.addButton(button)
            mode.addWidget(button)
        mode.addStretch(1)
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(self.tr("Required"))
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.clicked.connect(self.browse)
        folder = QHBoxLayout()
        folder.addWidget(self.folder, 1)
        folder.addWidget(self.browse_button)
        self.matching = QLabel()
        self.matching.setObjectName("batchMatching")
        for signal in (self.doc_type.currentIndexChanged, self.township.currentIndexChanged,
                       self.park.currentIndexChanged, self.date_from.dateChanged, self.date_to.dateChanged):
            signal.connect(self.update_matching)
        self.by_date.toggled.connect(self.update_matching)

        form = QFormLayout()
        form.addRow(self.tr("Document type"), self.doc_type)
        form.addRow(self.tr("Township"), self.township)
        form.addRow(self.tr("Park"), self.park)
        form.addRow(self.tr("Issue date"), dates)
        form.addRow(self.tr("Output"), mode)
        form.addRow(self.tr("Target folder"), folder)
        form.addRow("", self.matching)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.summary = QLabel()
        self.summary.setObjectName("batchSummary")
        self.summary.setWordWrap(True)
        self.files = QListWidget()
        self.files.setObjectName("batchFiles")
        self.files.setMaximumHeight(120)
        self.start_button = QPushButton(self.tr("Start printing"))
        self.start_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel printing"))
        self.cancel_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("Close"))
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for push in (self.start_button, self.cancel_button, self.close_button):
            buttons.addWidget(push)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.files)
        layout.addLayout(buttons)
        self.resize(640, 480)
        self.update_matching()

    # The form

    def _fill_parks(self) -> None:
        keep = self.park.currentData()
        self.park.blockSignals(True)
        self.park.clear()
        self.park.addItem(self.tr("All parks"), None)
        for row in self.workspace.registry.parks(self.township.currentData()):
            self.park.addItem(row["name"], row["id"])
        index = self.park.findData(keep) if keep else 0
        self.park.setCurrentIndex(max(index, 0))
        self.park.blockSignals(False)

    def browse(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Target folder"), self.folder.text())
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self.folder.setText)
        dialog.open()
        return dialog

    def request(self) -> BatchRequest:
        """The batch the form describes; a UserError if it is incomplete."""
        text = self.folder.text().strip()
        if not text:
            raise UserError("ui.batch_no_folder", "请选择输出目录", "Choose the target folder")
        date_from = from_qdate(self.date_from.date()) if self.by_date.isChecked() else None
        date_to = from_qdate(self.date_to.date()) if self.by_date.isChecked() else None
        if date_from and date_to and date_from > date_to:
            raise UserError("ui.batch_dates", "开始日期晚于结束日期", "The start date is after the end date")
        return BatchRequest(doc_type=self.doc_type.currentData(), township_id=self.township.currentData(),
                            park_id=self.park.currentData(), date_from=date_from, date_to=date_to, out=Path(text),
                            one_file=self.one_file.isChecked(), workers=self.workers)

    def matching_count(self) -> int:
        date_from = from_qdate(self.date_from.date()) if self.by_date.isChecked() else None
        date_to = from_qdate(self.date_to.date()) if self.by_date.isChecked() else None
        return len(select_documents(self.workspace, doc_type=self.doc_type.currentData(),
                                    township_id=self.township.currentData(), park_id=self.park.currentData(),
                                    date_from=date_from, date_to=date_to))

    def update_matching(self) -> None:
        self.matching.setText(self.tr("%n document(s) match", "", self.matching_count()))

    # Running

    def start(self) -> Op[BatchResult] | None:
        if self.is_running():
            return None
        try:
            request = self.request()
        except UserError as exc:
            show_error(self, exc)
            return None
        self.outcome = None
        self.files.clear()
        self.summary.setText(self.tr("Printing…"))
        return self._launch(
            lambda ws, progress, cancelled: print_batch(ws, **asdict(request), progress=progress, cancel=cancelled),
            io_failure=("batch.write_failed", "无法写入输出目录：{error}",
                        "Cannot write to the output folder: {error}"),
        )

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.summary.setText(self.tr("Cancelling…"))

    def _set_running(self, running: bool) -> None:
        for widget in (self.doc_type, self.township, self.park, self.by_date, self.per_enterprise, self.one_file,
                       self.folder, self.browse_button, self.start_button):
            widget.setEnabled(not running)
        for edit in (self.date_from, self.date_to):
            edit.setEnabled(not running and self.by_date.isChecked())
        self.cancel_button.setEnabled(running)

    def _succeeded(self, result: BatchResult) -> None:
        self.outcome = result
        self.progress.setRange(0, max(result.total, 1))
        self.progress.setValue(result.documents if result.total else 1)
        seconds = f"{result.seconds:.1f}"
        if not result.total:
            text = self.tr("No documents match; nothing was written.")
        elif result.cancelled:
            text = fill(
                self.tr("Cancelled after {done} of {total} document(s); {files} file(s) written in {seconds} s."),
                done=result.documents,
                total=result.total,
                files=len(result.files),
                seconds=seconds,
            )
        else:
            text = fill(
                self.tr(
                    "Printed {documents} document(s) of {enterprises} enterprise(s) into {files} file(s) in {seconds} "
                    "s."
                ),
                documents=result.documents,
                enterprises=result.enterprises,
                files=len(result.files),
                seconds=seconds,
            )
        self.summary.setText(text)
        self.files.addItems([str(f) for f in result.files])

    def _failed(self, error: UserError) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.summary.setText(error.message)
        show_error(self, error)

    def _stopped(self) -> None:
        self.batch_finished.emit(self.outcome)
        if self._close_when_stopped:
            super().reject()

    # Closing while running: cancel first, close when the worker has stopped (no thread outlives the dialog).

    def reject(self) -> None:
        if self.is_running():
            self._close_when_stopped = True
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.is_running():
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)
