"""同步: this device's identity, what the receiver has not acknowledged yet, export / import / receipt through a folder
(a USB stick), the merge report of the last import, the bundles exchanged and the enrolled devices.

Export, import and receipts are ops (app/ui/ops.py) on the Workspace's op thread; the page shows their progress in
its own bar, and every page reloads from the `changes` they commit. A bundle from a
device that is not enrolled is refused on the first pass; the page then asks (EnrolDialog) and imports those files
again after enrolling the devices ticked.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.models import vocab
from app.models.device import key_fingerprint
from app.models.workspace import Workspace
from app.sync.exchange import ALREADY, IMPORTED, RECEIPT_APPLIED, REFUSED, ExportResult, ImportReport, Sync
from app.ui.i18n import fill
from app.ui.ops import Op, OpFn, RunsOps
from app.ui.pages import Reloads
from app.ui.settings_dialog import settings
from app.ui.sync.enrol_dialog import EnrolDialog, UnknownDevice
from app.ui.sync.jobs import ImportOutcome, export_job, import_job, receipt_job
from app.ui.sync.words import author_name, bundle_contents, device_name, iso_text, mono_font, report_message, stamp_text
from app.ui.widgets.dialogs import show_error
from app.ui.widgets.tables import record_table

BUNDLE_FILTER = "FieldSafe (*.fsb)"
REFUSED_COLOR = QColor("#b3261e")




def _item(text: Any, *, align_right: bool = False, tooltip: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if tooltip:
        item.setToolTip(tooltip)
    return item


def _selectable(text: str = "", *, mono: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if mono:
        label.setFont(mono_font())
    return label


class SyncPage(Reloads, RunsOps, QWidget):
    job_finished = Signal(object)  # the job's result (ExportResult, ImportOutcome, Path), or None after an error

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncPage")
        self.workspace = workspace
        self.worker: Op[Any] | None = None
        self.reports: list[ImportReport] = []
        self._on_success: Any = None
        self._result: Any = None
        self._ask: Any = None
        self._cancellable = False
        self._accept_future = False
        self.device_rows: list[dict[str, Any]] = []

        # This device: what a supervisor compares before enrolling it
        self.device_id = _selectable(workspace.device.id, mono=True)
        self.device_id.setObjectName("deviceId")
        self.fingerprint = _selectable(workspace.device.fingerprint(), mono=True)
        self.fingerprint.setObjectName("deviceFingerprint")
        big = mono_font()
        big.setPointSizeF(big.pointSizeF() * 1.25)
        big.setBold(True)
        self.fingerprint.setFont(big)
        key = workspace.device.public_bytes().hex()
        self.public_key = _selectable(key[:32] + "\n" + key[32:], mono=True)
        self.public_key.setToolTip(self.tr("The public key, for enrolling this device by hand (command line)"))
        self.pending_label = QLabel()
        self.pending_label.setObjectName("pendingChanges")
        self.acked_label = QLabel()
        self.acked_label.setObjectName("acknowledgedUntil")
        device_form = QFormLayout()
        device_form.addRow(self.tr("Device"), self.device_id)
        device_form.addRow(self.tr("Key fingerprint"), self.fingerprint)
        device_form.addRow(self.tr("Public key"), self.public_key)
        device_form.addRow(self.tr("Not yet received"), self.pending_label)
        device_form.addRow(self.tr("Acknowledged"), self.acked_label)
        device_box = QGroupBox(self.tr("This device"))
        device_box.setLayout(device_form)

        # Exchange: export, import, receipt, with progress and cancel
        self.unacked_radio = QRadioButton(self.tr("What the receiver has not acknowledged"))
        self.unacked_radio.setChecked(True)
        self.everything_radio = QRadioButton(self.tr("Everything"))
        self._scope = QButtonGroup(self)
        self._scope.addButton(self.unacked_radio)
        self._scope.addButton(self.everything_radio)
        self.receiver_label = QLabel()
        self.receiver_label.setObjectName("receiver")
        self.receiver_label.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Export bundle…"))
        self.export_button.setObjectName("exportBundle")
        self.export_button.clicked.connect(lambda: self.export())
        self.import_button = QPushButton(self.tr("Import bundles…"))
        self.import_button.setObjectName("importBundles")
        self.import_button.clicked.connect(lambda: self.import_bundles())
        self.accept_skew = QCheckBox(self.tr("Accept clock skew"))
        self.accept_skew.setToolTip(self.tr(
            "Import bundles stamped further ahead of this computer's clock than allowed (check both clocks first); "
            "this computer's clock is not moved forward by them"))
        self.peer_combo = QComboBox()
        self.peer_combo.setObjectName("receiptPeer")
        self.peer_combo.setMinimumContentsLength(18)
        self.peer_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.receipt_button = QPushButton(self.tr("Write receipt…"))
        self.receipt_button.setObjectName("writeReceipt")
        self.receipt_button.setToolTip(self.tr("A signed receipt naming every bundle imported from the chosen device; "
                                               "take it back to that device and import it there"))
        self.receipt_button.clicked.connect(lambda: self.write_receipt())
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.status = QLabel()
        self.status.setObjectName("syncStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        grid = QGridLayout()
        grid.addWidget(self.export_button, 0, 0)
        scope = QHBoxLayout()
        scope.addWidget(self.unacked_radio)
        scope.addWidget(self.everything_radio)
        scope.addStretch(1)
        grid.addLayout(scope, 0, 1)
        grid.addWidget(self.receiver_label, 1, 1)
        grid.addWidget(self.import_button, 2, 0)
        grid.addWidget(self.accept_skew, 2, 1)
        grid.addWidget(self.receipt_button, 3, 0)
        receipt = QHBoxLayout()
        receipt.addWidget(QLabel(self.tr("for")))
        receipt.addWidget(self.peer_combo, 1)
        grid.addLayout(receipt, 3, 1)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel_button)
        grid.addLayout(running, 4, 0, 1, 2)
        grid.addWidget(self.status, 5, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(6, 1)
        exchange_box = QGroupBox(self.tr("Exchange through a folder (USB stick)"))
        exchange_box.setLayout(grid)

        top = QHBoxLayout()
        top.addWidget(device_box, 2)
        top.addWidget(exchange_box, 3)

        # The merge report of the last import
        self.report_summary = QLabel(self.tr("No import in this session yet."))
        self.report_summary.setObjectName("reportSummary")
        self.report_summary.setWordWrap(True)
        self.report_table = record_table(
            [self.tr("File"), self.tr("Sender"), self.tr("Status"), self.tr("New"), self.tr("Known"),
             self.tr("Files"), self.tr("Waiting"), self.tr("Conflicts"), self.tr("Message")])
        self.report_table.setObjectName("mergeReport")
        self.report_table.setWordWrap(True)
        report = QWidget()
        report_layout = QVBoxLayout(report)
        report_layout.addWidget(self.report_summary)
        report_layout.addWidget(self.report_table, 1)

        # Bundles exchanged and enrolled devices
        self.bundle_table = record_table([self.tr("Time"), self.tr("Direction"), self.tr("Device"),
                                          self.tr("Contents"), self.tr("Acknowledged")], stretch=3)
        self.bundle_table.setObjectName("bundles")
        self.device_table = record_table([self.tr("Name"), self.tr("Device"), self.tr("Role"), self.tr("Status"),
                                          self.tr("Key fingerprint")])
        self.device_table.setObjectName("devices")
        self.device_table.itemSelectionChanged.connect(self._update_revoke)
        self.revoke_button = QPushButton(self.tr("Revoke…"))
        self.revoke_button.setObjectName("revokeDevice")
        self.revoke_button.setToolTip(self.tr("Refuse every further bundle from the selected device"))
        self.revoke_button.clicked.connect(lambda: self.revoke_selected())
        devices = QWidget()
        devices_layout = QVBoxLayout(devices)
        devices_layout.addWidget(self.device_table, 1)
        revoke_row = QHBoxLayout()
        revoke_row.addWidget(QLabel(self.tr("Bundles are accepted only from enrolled devices.")), 1)
        revoke_row.addWidget(self.revoke_button)
        devices_layout.addLayout(revoke_row)

        self.lists = QTabWidget()
        self.lists.setObjectName("syncLists")
        self.lists.addTab(report, self.tr("Merge report"))
        self.lists.addTab(self.bundle_table, "")
        self.lists.addTab(devices, "")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.lists, 1)
        self.refresh()
        self.watch(workspace)

    # Reading the state

    def reload(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Re-read everything (after any change: the pending count follows every commit)."""
        ws = self.workspace
        sync = Sync(ws)
        pending = sync.unacknowledged()
        self.pending_label.setText(self.tr("%n change(s) waiting for the receiver to acknowledge them", "", pending))
        until = sync.acknowledged_until()
        self.acked_label.setText(fill(self.tr("up to {until}"), until=stamp_text(until)) if until
                                 else self.tr("nothing acknowledged yet"))
        peer = sync.default_peer()
        self.receiver_label.setText(
            fill(self.tr("Receiver: {device}"), device=device_name(ws, peer)) if peer
            else self.tr("No receiver yet: the first bundle holds everything"))
        keep = self.peer_combo.currentData()
        self.peer_combo.clear()
        for device in sync.peers():
            self.peer_combo.addItem(device_name(ws, device), device)
        if keep and self.peer_combo.findData(keep) >= 0:
            self.peer_combo.setCurrentIndex(self.peer_combo.findData(keep))
        bundles = sync.bundles()
        self._fill_bundles(bundles)
        self._fill_devices()
        self.lists.setTabText(1, fill(self.tr("Bundles exchanged ({count})"), count=len(bundles)))
        self.lists.setTabText(2, fill(self.tr("Enrolled devices ({count})"), count=len(self.device_rows)))
        self._set_running(self.worker is not None)

    def _fill_bundles(self, rows: list[dict[str, Any]]) -> None:
        ws = self.workspace
        table = self.bundle_table
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            incoming = row["direction"] == "IN"
            direction = self.tr("Received from") if incoming else self.tr("Sent to")
            device = row["device"] if incoming else row["peer"]
            if row["direction"] == "OUT" and row["kind"] != "receipt":
                acked = self.tr("Yes") if row["acked"] else self.tr("Not yet")
            else:
                acked = "—"
            values = [iso_text(row["at"]), direction, device_name(ws, device) if device else self.tr("any receiver"),
                      bundle_contents(row), acked]
            for c, value in enumerate(values):
                table.setItem(r, c, _item(value, tooltip=fill(self.tr("Bundle {bundle_id}"), bundle_id=row["bundle_id"])
                                          if c == 0 else None))

    def _fill_devices(self) -> None:
        rows = Sync(self.workspace).devices.list()
        self.device_rows = rows
        table = self.device_table
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            fingerprint = key_fingerprint(bytes.fromhex(row["public_key"])) if row["public_key"] else "—"
            own = row["device_id"] == self.workspace.device.id
            name = row["label"] or row["device_id"]
            values = [
                name + (self.tr(" (this device)") if own else ""),
                row["device_id"],
                vocab.label("device_roles", row["role"]),
                self.tr("Revoked") if row["revoked"] else self.tr("Active"),
                fingerprint,
            ]
            for c, value in enumerate(values):
                item = _item(value)
                if c in (1, 4):
                    item.setFont(mono_font())
                if row["revoked"]:
                    item.setForeground(QBrush(REFUSED_COLOR))
                table.setItem(r, c, item)
        self._update_revoke()

    def selected_device(self) -> dict[str, Any] | None:
        rows = self.device_table.selectionModel().selectedRows()
        return self.device_rows[rows[0].row()] if rows else None

    def _update_revoke(self) -> None:
        row = self.selected_device()
        self.revoke_button.setEnabled(
            row is not None and not row["revoked"] and row["device_id"] != self.workspace.device.id
        )

    # Running a job

    def _start(self, job: OpFn[Any], on_success: Any, message: str, *, cancellable: bool = False) -> Op[Any] | None:
        if self.is_running():
            return None
        self._on_success = on_success
        self._cancellable = cancellable
        self.status.setText(message)
        return self._launch(job)

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Cancelling after the current file…"))

    def _set_running(self, running: bool) -> None:
        for widget in (
            self.export_button,
            self.import_button,
            self.unacked_radio,
            self.everything_radio,
            self.accept_skew,
            self.peer_combo,
        ):
            widget.setEnabled(not running)
        self.receipt_button.setEnabled(not running and self.peer_combo.count() > 0)
        self.cancel_button.setEnabled(running and self._cancellable)
        if running:
            self.revoke_button.setEnabled(False)
        else:
            self._update_revoke()

    def _succeeded(self, result: Any) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        handler, self._on_success = self._on_success, None
        self._result = result
        if handler:
            handler(result)

    def _failed(self, error: UserError) -> None:
        self._on_success = None
        self._result = None
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status.setText(error.message)
        show_error(self, error)

    def _stopped(self) -> None:
        self.job_finished.emit(self._result)
        self._result = None
        self._after_stop()

    def _after_stop(self) -> None:
        """A question to ask once the worker is gone (the enrol dialog after a first import pass)."""
        ask, self._ask = self._ask, None
        if ask:
            ask()

    def shutdown(self) -> None:
        """Closing the window: stop after the current file (the Workspace waits for the op when it closes)."""
        if self.worker is not None:
            self.worker.cancel()

    def _remember_folder(self, folder: Path) -> None:
        settings().setValue("sync_folder", str(folder))

    def _last_folder(self) -> str:
        return str(settings().value("sync_folder", "", str))

    # Export

    def export(self, folder: Path | None = None) -> Op[Any] | None:
        if self.is_running():
            return None
        if folder is None:
            name = QFileDialog.getExistingDirectory(self, self.tr("Export bundle to folder"), self._last_folder())
            if not name:
                return None
            folder = Path(name)
        self._remember_folder(folder)
        author = author_name(self.workspace, self.workspace.author)
        label = None if author in ("", "—", "local") else author
        everything = self.everything_radio.isChecked()
        return self._start(export_job(folder, everything, label), self._exported, self.tr("Exporting…"))

    def _exported(self, result: ExportResult) -> None:
        text = fill(
            self.tr("Exported {entries} change(s) and {blobs} file(s) ({size} MB) to {path}"),
            entries=f"{result.entries:,}",
            blobs=f"{result.blobs:,}",
            size=f"{result.size / 1e6:.1f}",
            path=result.path,
        )
        if result.missing_blobs:
            text += "\n" + self.tr(
                "%n referenced file(s) are missing on this computer and were not included",
                "",
                len(result.missing_blobs),
            )
        self.status.setText(text)

    # Import

    def import_bundles(self, paths: Sequence[Path] | None = None) -> Op[Any] | None:
        if self.is_running():
            return None
        if paths is None:
            names, _ = QFileDialog.getOpenFileNames(
                self, self.tr("Import sync bundles"), self._last_folder(), BUNDLE_FILTER
            )
            if not names:
                return None
            paths = [Path(n) for n in names]
            self._remember_folder(paths[0].parent)
        self.reports = []
        self._accept_future = self.accept_skew.isChecked()
        return self._start(
            import_job(list(paths), self._accept_future),
            self._imported,
            self.tr("Importing %n file(s)…", "", len(paths)),
            cancellable=True,
        )

    def _imported(self, outcome: ImportOutcome) -> None:
        self.reports = list(outcome.reports)
        self._show_reports(outcome.cancelled)
        self.lists.setCurrentIndex(0)
        if outcome.unknown and not outcome.cancelled:
            unknown = list(outcome.unknown.values())
            self._ask = lambda: self.ask_enrolment(unknown)

    def ask_enrolment(self, unknown: Sequence[UnknownDevice]) -> EnrolDialog:
        dialog = EnrolDialog(unknown, self)
        dialog.accepted.connect(lambda: self._enrol_and_import(dialog))
        dialog.open()
        self.enrol_dialog = dialog
        return dialog

    def _enrol_and_import(self, dialog: EnrolDialog) -> None:
        files = dialog.files()
        if not files:
            return
        # The reports of the refused files are replaced by those of the second pass.
        self._start(
            import_job(files, self._accept_future, dialog.enrolments()),
            self._reimported,
            self.tr("Enrolling and importing %n file(s)…", "", len(files)),
            cancellable=True,
        )

    def _reimported(self, outcome: ImportOutcome) -> None:
        by_path = {r.path: r for r in outcome.reports}
        self.reports = [by_path.pop(r.path, r) for r in self.reports] + list(by_path.values())
        self._show_reports(outcome.cancelled)

    def _show_reports(self, cancelled: bool) -> None:
        ws = self.workspace
        table = self.report_table
        table.setRowCount(len(self.reports))
        for r, report in enumerate(self.reports):
            stats = report.stats
            numbers: list[Any] = (
                [stats.new, stats.known, report.blobs_new, stats.pending, stats.conflicts_after]
                if stats
                else ["", "", "", "", ""]
            )
            sender = device_name(ws, report.device) if report.device else "—"
            values = [
                report.path.name,
                sender,
                vocab.label("import_outcomes", report.status),
                *numbers,
                report_message(report),
            ]
            for c, value in enumerate(values):
                item = _item(
                    value,
                    align_right=3 <= c <= 7,
                    tooltip=str(report.path) if c == 0 else (value if c == 8 and value else None),
                )
                if report.status == REFUSED and c in (2, 8):
                    item.setForeground(QBrush(REFUSED_COLOR))
                table.setItem(r, c, item)
        table.resizeRowsToContents()
        counts = {
            status: sum(r.status == status for r in self.reports)
            for status in (IMPORTED, ALREADY, REFUSED, RECEIPT_APPLIED)
        }
        new = sum(r.stats.new for r in self.reports if r.stats)
        conflicts = max((r.stats.conflicts_after for r in self.reports if r.stats), default=None)
        parts = [self.tr("%n file(s):", "", len(self.reports)), self.tr("%n imported", "", counts[IMPORTED])]
        if counts[RECEIPT_APPLIED]:
            parts.append(self.tr("%n receipt(s) applied", "", counts[RECEIPT_APPLIED]))
        if counts[ALREADY]:
            parts.append(self.tr("%n already imported", "", counts[ALREADY]))
        if counts[REFUSED]:
            parts.append(self.tr("%n refused", "", counts[REFUSED]))
        text = " ".join(parts[:2]) + "".join(self.tr(", ") + p for p in parts[2:])
        text += self.tr("; %n new change(s)", "", new)
        if conflicts:
            text += self.tr("; %n conflict(s) to settle on the Conflicts tab", "", conflicts)
        if cancelled:
            text += self.tr(" (cancelled: the remaining files were not imported)")
        self.report_summary.setText(text)
        self.status.setText(text)

    # Receipt

    def write_receipt(self, folder: Path | None = None) -> Op[Any] | None:
        device = self.peer_combo.currentData()
        if self.is_running() or not device:
            return None
        if folder is None:
            name = QFileDialog.getExistingDirectory(self, self.tr("Write receipt to folder"), self._last_folder())
            if not name:
                return None
            folder = Path(name)
        self._remember_folder(folder)
        return self._start(receipt_job(folder, device), self._receipt_written, self.tr("Writing the receipt…"))

    def _receipt_written(self, path: Path) -> None:
        self.status.setText(fill(self.tr("Receipt written: {path}. Import it on the sending device."), path=path))

    # Devices

    def revoke_selected(self) -> QMessageBox | None:
        row = self.selected_device()
        if row is None or row["revoked"] or row["device_id"] == self.workspace.device.id:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Revoke device"),
            fill(
                self.tr(
                    "Revoke {device}? Its bundles will be refused from now on; the revocation travels to "
                    "other devices with the next bundle."
                ),
                device=device_name(self.workspace, row["device_id"]),
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("revokeDialog")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Revoke"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        def answered(button: QAbstractButton) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                self._revoke(row["device_id"])

        box.buttonClicked.connect(answered)
        box.open()
        return box

    def _revoke(self, device_id: str) -> None:
        try:
            Sync(self.workspace).devices.revoke(device_id)
        except UserError as exc:
            show_error(self, exc)
