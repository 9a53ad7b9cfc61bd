"""比对检查 in the dossier: the enterprise's self-inspection lists, imported from its Excel file, each set against
what the officers found in the same period — self-detection rate, the hazards it missed, the items it called
compliant that officers did not."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.comparison import ComparisonResult
from app.models.risk import add_months
from app.models.workspace import Workspace
from app.ui.i18n import fill
from app.ui.ops import Op
from app.ui.widgets.dates import date_edit, from_qdate
from app.ui.widgets.tables import record_table

FILE_FILTER = "Excel / CSV (*.xlsx *.xlsm *.csv)"
_ID_ROLE = Qt.ItemDataRole.UserRole


def _rate(result: ComparisonResult) -> str:
    rate = result.self_detection_rate
    return "—" if rate is None else f"{rate:.0%}"


class ComparisonImportDialog(QDialog):
    """The file and the period it covers; accept() leaves them in `path`, `start`, `end`."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparisonImportDialog")
        self.setWindowTitle(self.tr("Import a self-inspection list"))
        self.file = QLineEdit()
        self.file.setObjectName("comparisonFile")
        self.file.setReadOnly(True)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        chooser = QHBoxLayout()
        chooser.addWidget(self.file, 1)
        chooser.addWidget(browse)
        self.start = date_edit(add_months(today, -3), "comparisonFrom")
        self.end = date_edit(today, "comparisonTo")
        form = QFormLayout()
        form.addRow(self.tr("File"), chooser)
        form.addRow(self.tr("Period from"), self.start)
        form.addRow(self.tr("Period to"), self.end)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.file.textChanged.connect(lambda text: self.buttons.button(QDialogButtonBox.StandardButton.Ok)
                                      .setEnabled(bool(text)))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("One row per item judged, one row per hazard found; the columns of the template "
                              "(事项编号, 自查结论, 隐患描述, 发现日期)."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Self-inspection list"), "", FILE_FILTER)
        if name:
            self.file.setText(name)

    @property
    def path(self) -> Path:
        return Path(self.file.text())

    @property
    def period(self) -> tuple[date, date]:
        return from_qdate(self.start.date()), from_qdate(self.end.date())


class ComparisonTab(QWidget):
    """Signals: imported(str) — the new comparison's id, once it was saved."""

    imported = Signal(str)

    def __init__(self, workspace: Workspace, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.today = today
        self.enterprise_id: str | None = None
        self.results: list[ComparisonResult] = []
        self.dialog: ComparisonImportDialog | None = None
        self.template_button = QPushButton(self.tr("Export a blank list…"))
        self.template_button.setObjectName("comparisonTemplate")
        self.template_button.clicked.connect(lambda: self.export_template())
        self.import_button = QPushButton(self.tr("Import self-inspection list…"))
        self.import_button.setObjectName("comparisonImport")
        self.import_button.clicked.connect(lambda: self.open_import())
        self.delete_button = QPushButton(self.tr("Remove the selected list"))
        self.delete_button.setObjectName("comparisonDelete")
        self.delete_button.clicked.connect(self._delete)
        buttons = QHBoxLayout()
        for button in (self.template_button, self.import_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.table = record_table([
            self.tr("Period"), self.tr("File"), self.tr("Self-found"), self.tr("Found by officers"),
            self.tr("Missed"), self.tr("Self-detection rate"), self.tr("Called compliant, found not")], 1)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.details = QLabel()
        self.details.setObjectName("comparisonDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)

    def set_enterprise(self, enterprise_id: str | None) -> None:
        self.enterprise_id = enterprise_id
        comparisons = self.workspace.comparisons
        checks = comparisons.checks([enterprise_id]) if enterprise_id else []
        self.results = [comparisons.result(c["id"]) for c in checks]
        names = {c["id"]: c["source_name"] or "" for c in checks}
        self.table.setRowCount(len(self.results))
        for row, result in enumerate(self.results):
            cells = [f"{result.period_from} — {result.period_to}", names[result.self_check_id], result.self_found,
                     result.reg_found, len(result.missed), _rate(result), "、".join(result.false_ok_items) or "—"]
            for column, value in enumerate(cells):
                item = QTableWidgetItem(str(value))
                item.setData(_ID_ROLE, result.self_check_id)
                self.table.setItem(row, column, item)
        for button in (self.template_button, self.import_button):
            button.setEnabled(enterprise_id is not None)
        if self.results:
            self.table.selectRow(0)
        self._show_selected()

    def count(self) -> int:
        return len(self.results)

    def _selected(self) -> ComparisonResult | None:
        rows = self.table.selectionModel().selectedRows()
        return self.results[rows[0].row()] if rows else None

    def _show_selected(self) -> None:
        result = self._selected()
        self.delete_button.setEnabled(result is not None)
        if result is None:
            self.details.setText(self.tr("No self-inspection list imported yet.") if self.enterprise_id else "")
            return
        lines = [html.escape(fill(self.tr("{period}: the enterprise found {own}; officers found {theirs}, of "
                                          "which {missed} on items it had called compliant."),
                                  period=f"{result.period_from} — {result.period_to}", own=result.self_found,
                                  theirs=result.reg_found, missed=len(result.missed)))]
        for hazard in result.missed:
            lines.append(f"　· {html.escape(hazard.item_code)}　{html.escape(hazard.description)}"
                         f"（{html.escape(hazard.found_on)}）")
        if result.false_ok_items:
            lines.append('<span style="color: #c62828;">' + html.escape(fill(
                self.tr("Possibly untrue records: {items} were called compliant but found not compliant."),
                items="、".join(result.false_ok_items))) + "</span>")
        self.details.setText("<br>".join(lines))

    # Actions

    def export_template(self, path: Path | None = None) -> Op[int] | None:
        enterprise_id = self.enterprise_id
        if enterprise_id is None:
            return None
        if path is None:
            name, _ = QFileDialog.getSaveFileName(self, self.tr("Export a blank list"), "自查台账.xlsx",
                                                  "Excel (*.xlsx)")
            if not name:
                return None
            path = Path(name)
        target = path
        return (Op(self, self.workspace, lambda ws, _p, _c: ws.comparisons.write_template(enterprise_id, target))
                .io_failure("comparison.template_io", "无法写入文件：{error}", "Cannot write the file: {error}")
                .run_in_background())

    def open_import(self) -> ComparisonImportDialog:
        dialog = self.dialog = ComparisonImportDialog(self.today(), self)
        dialog.accepted.connect(lambda: self.import_file(dialog.path, *dialog.period))
        dialog.open()
        return dialog

    def import_file(self, path: Path, start: date, end: date) -> Op[str] | None:
        enterprise_id = self.enterprise_id
        if enterprise_id is None:
            return None
        return (Op(self, self.workspace,
                   lambda ws, _p, _c: ws.comparisons.import_file(enterprise_id, path, start, end))
                .with_progress(self.tr("Importing the self-inspection list…"))
                .io_failure("comparison.import_io", "无法读取文件：{error}", "Cannot read the file: {error}")
                .success(self.imported.emit)
                .run_in_background())

    def _delete(self) -> QMessageBox | None:
        """Asks first (non-blocking); the list can be imported again from its file."""
        result = self._selected()
        if result is None:
            return None
        check_id = result.self_check_id
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove the list"),
                          fill(self.tr("Remove the self-inspection list of {period}?"),
                               period=f"{result.period_from} — {result.period_to}"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("comparisonDeleteConfirm")
        box.accepted.connect(lambda: Op(self, self.workspace, lambda ws, _p, _c: ws.comparisons.delete(check_id))
                             .run_in_background())
        box.open()
        return box
