"""The main window: the registry page, the File menu (registry import/export, integrity check) and the status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QTabWidget, QWidget

from app import __version__
from app.errors import UserError
from app.models import integrity, registry_io
from app.models.workspace import Workspace
from app.ui.dialogs import show_error
from app.ui.inspections_page import InspectionsPage
from app.ui.registry_page import RegistryPage

FILE_FILTER = "Excel (*.xlsx);;CSV (*.csv)"


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(self.tr("FieldSafe field safety inspection"))
        self.registry_page = RegistryPage(workspace, self)
        self.inspections_page = InspectionsPage(workspace, self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.registry_page, self.tr("Enterprises"))
        self.tabs.addTab(self.inspections_page, self.tr("Inspections"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)
        self._build_menus()
        self.statusBar().showMessage(
            self.tr("Data folder: %1    Device: %2").replace("%1", str(workspace.data_dir)).replace("%2", workspace.device.id)
        )
        self.resize(1280, 800)

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.inspections_page:
            self.inspections_page.reload()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.import_action = self._action(self.tr("&Import enterprise register…"), self.import_registry)
        self.export_action = self._action(self.tr("&Export enterprise register…"), self.export_registry)
        self.check_action = self._action(self.tr("Integrity &check"), self.check_integrity)
        quit_action = self._action(self.tr("&Quit"), self.close)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        for action in (self.import_action, self.export_action, self.check_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&About"), self.about))

    def _action(self, text: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        return action

    def import_registry(self, path: Path | None = None) -> None:
        if not path:
            name, _ = QFileDialog.getOpenFileName(self, self.tr("Import enterprise register"), "", FILE_FILTER)
            if not name:
                return
            path = Path(name)
        try:
            report = registry_io.import_registry(self.workspace.registry, path)
        except registry_io.RegistryImportError as exc:
            show_error(self, exc, details="\n".join(str(e) for e in exc.errors))
            return
        except UserError as exc:
            show_error(self, exc)
            return
        self.registry_page.reload()
        details = "\n".join(report.warnings)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Import finished"), report.describe(), parent=self)
        if details:
            box.setDetailedText(details)
        box.open()

    def export_registry(self, path: Path | None = None) -> None:
        if not path:
            name, _ = QFileDialog.getSaveFileName(self, self.tr("Export enterprise register"), "企业名录.xlsx",
                                                  FILE_FILTER)
            if not name:
                return
            path = Path(name)
        try:
            count = registry_io.export_registry(self.workspace.registry, path)
        except UserError as exc:
            show_error(self, exc)
            return
        self.statusBar().showMessage(self.tr("Exported %n enterprise(s)", "", count), 10_000)

    def check_integrity(self) -> integrity.IntegrityReport:
        report = integrity.check(self.workspace)
        if report.ok:
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Integrity check"),
                              self.tr("No problems found."), parent=self)
        else:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Integrity check"),
                              self.tr("%n problem(s) found.", "", len(report.problems)), parent=self)
            box.setDetailedText("\n".join(report.problems))
        box.setObjectName("integrityDialog")
        box.open()
        return report

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About FieldSafe"),
                          self.tr("FieldSafe %1\nOffline field safety inspection for multi-tenant factories.")
                          .replace("%1", __version__))
