"""The main window: 企业 · 检查 · 隐患 · 文书 · 同步 · 冲突 pages, inspections and dossiers opened as tabs, the File
menu (registry import/export, integrity check, settings), the Sync menu and the status bar (data folder, device, changes
not yet acknowledged by the receiver, conflicts to settle).

At start-up an inspection left unfinished (closed window, crash, flat battery) is offered for resuming.

The window wires no page to another: each page reloads itself from the Workspace's `changes` (app/ui/pages.py), and
long actions run as ops (app/ui/ops.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from app import __version__
from app.models.authority import local_only_tables
from app.models.store import Changes
from app.models.workspace import Workspace
from app.sync.conflicts import Conflicts
from app.sync.ledger import Ledger
from app.ui.backups import BackupSchedule
from app.ui.i18n import fill
from app.ui.inspection.resume_bar import ResumeBar
from app.ui.ops import Op, OpRunner
from app.ui.registry.registry_page import RegistryPage
from app.ui.widgets.lazy_tab import LazyTab
from app.ui.widgets.text import elide

# Every other page is imported where it is first built: the documents, the chart and the dialogs pull in reportlab,
# pyHanko and matplotlib, which the window does not need to open on the registry (docs/performance.md: start-up).
if TYPE_CHECKING:
    from app.models import integrity, registry_io
    from app.models.backup import Backup
    from app.ui.backups import RestoreDialog
    from app.ui.coverage.coverage_page import CoveragePage
    from app.ui.documents.documents_page import DocumentsPage
    from app.ui.hazards.hazards_page import HazardsPage
    from app.ui.hazards.township_day import TownshipDayPage
    from app.ui.inspection.inspection_start import StartInspectionDialog
    from app.ui.inspection.inspection_view import InspectionView
    from app.ui.inspection.inspections_page import InspectionsPage
    from app.ui.inspection.recheck_start import StartRecheckDialog
    from app.ui.inspection.recheck_view import RecheckView
    from app.ui.registry.dossier_page import DossierPage
    from app.ui.registry.enterprise_dialog import EnterpriseDialog
    from app.ui.settings_dialog import SettingsDialog
    from app.ui.statistics.statistics_page import StatisticsPage
    from app.ui.sync.conflicts_page import ConflictsPage
    from app.ui.sync.sync_page import SyncPage

P = TypeVar("P", bound=QWidget)
FILE_FILTER = "Excel (*.xlsx);;CSV (*.csv)"
STATUS_REFRESH_MS = 5000  # the CLI beside the GUI writes to the same folder without telling the window
# The status bar counts unsynced changes after every commit; past this many it says "10,000+". A supervisor's own
# entries run to millions, and counting them all cost 75 ms of the GUI thread at city size (the Sync tab counts all).
UNSYNCED_SHOWN = 10_000


class _Fixed(Generic[P]):
    """A fixed page of the window, built by its LazyTab (named like the attribute) when first shown or asked for."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.key = name

    def __get__(self, window: MainWindow, owner: type) -> P:
        return window._lazy[self.key].page


class MainWindow(QMainWindow):
    inspections_page: _Fixed[InspectionsPage] = _Fixed()
    hazards_page: _Fixed[HazardsPage] = _Fixed()
    township_day: _Fixed[TownshipDayPage] = _Fixed()
    coverage_page: _Fixed[CoveragePage] = _Fixed()
    statistics_page: _Fixed[StatisticsPage] = _Fixed()
    documents_page: _Fixed[DocumentsPage] = _Fixed()
    sync_page: _Fixed[SyncPage] = _Fixed()
    conflicts_page: _Fixed[ConflictsPage] = _Fixed()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(self.tr("FieldSafe field safety inspection"))
        self.registry_page = RegistryPage(workspace, self)
        self.registry_page.start_inspection.connect(self.start_inspection)
        self.registry_page.open_dossier.connect(self.open_dossier)
        self.registry_page.new_enterprise.connect(self.new_enterprise)
        self.tabs = QTabWidget()
        self.tabs.setTabsClosable(True)
        self.tabs.tabCloseRequested.connect(self._close_tab)
        self.tabs.addTab(self.registry_page, self.tr("Enterprises"))
        # The other fixed pages are built when first shown: each loads its own lists, which at city size would
        # hold up the start (docs/performance.md).
        self._lazy: dict[str, LazyTab] = {}
        for key, title, build in (
            ("inspections_page", self.tr("Inspections"), self._inspections_page),
            ("hazards_page", self.tr("Hazards"), self._hazards_page),
            ("township_day", self.tr("Township week"), self._township_day),
            ("coverage_page", self.tr("Coverage"), self._coverage_page),
            ("statistics_page", self.tr("Statistics"), self._statistics_page),
            ("documents_page", self.tr("Documents"), self._documents_page),
            ("sync_page", self.tr("Sync"), self._sync_page),
            ("conflicts_page", self.tr("Conflicts"), self._conflicts_page),
        ):
            self._lazy[key] = LazyTab(build)
            self.tabs.addTab(self._lazy[key], title)
        for fixed in range(self.tabs.count()):
            self.tabs.tabBar().setTabButton(fixed, self.tabs.tabBar().ButtonPosition.RightSide, None)

        self.resume_bar = ResumeBar(self)
        self.resume_bar.resume.connect(self.open_inspection)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.resume_bar)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.restore_request: Backup | None = None  # set when the user chose a backup; app/ui/main.py restores it
        self._build_menus()
        self._build_status_bar()
        self.backups = BackupSchedule(self, workspace)
        self.resume_bar.show_unfinished(workspace.inspections.unfinished())
        self.resize(1280, 800)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.addPermanentWidget(QLabel(fill(self.tr("Database: {path}"), path=self.workspace.db_path)))
        bar.addPermanentWidget(QLabel(fill(self.tr("Device: {device}"), device=self.workspace.device.id)))
        self.unsynced_label = QLabel()
        self.unsynced_label.setObjectName("unsynced")
        bar.addPermanentWidget(self.unsynced_label)
        self.conflict_label = QLabel()
        self.conflict_label.setObjectName("conflictStatus")
        bar.addPermanentWidget(self.conflict_label)
        self.runner = OpRunner.of(self.workspace)
        self._show_conflict_count(Conflicts(self.workspace.store).count())
        self._status_timer = QTimer(self, interval=STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self._refresh_status_when_idle)
        self._status_timer.start()
        self.runner.changes.connect(self._changed)  # every committed change (a verdict, a note typed)
        self.refresh_status()

    def _changed(self, changes: Changes) -> None:
        self.refresh_status()
        if "conflict" in changes.tables and not self._lazy["conflicts_page"].built:  # the page counts once it exists
            self._show_conflict_count(Conflicts(self.workspace.store).count())
        if "inspection" in changes.tables:
            opened = self.tabs.currentWidget()
            self.resume_bar.show_unfinished(
                self.workspace.inspections.unfinished(), opened=getattr(opened, "inspection_id", None)
            )

    def _refresh_status_when_idle(self) -> None:
        if self.runner.idle:  # an op may hold the connection; its `changes` refresh the status when it ends
            self.refresh_status()

    def refresh_status(self) -> None:
        # the ledger's count, without the sync service: its bundle and merge code is not needed to start
        ws = self.workspace
        count = Ledger(ws.store).unacknowledged(None, local_only_tables(ws.data_dir), limit=UNSYNCED_SHOWN + 1)
        shown = f"{UNSYNCED_SHOWN:,}+" if count > UNSYNCED_SHOWN else f"{count:,}"
        self.unsynced_label.setText(fill(self.tr("Unsynced changes: {count}"), count=shown))

    # The fixed pages, built on first use

    def _inspections_page(self) -> InspectionsPage:
        from app.ui.inspection.inspections_page import InspectionsPage

        page = InspectionsPage(self.workspace, self)
        page.open_inspection.connect(self.open_inspection)
        return page

    def _hazards_page(self) -> HazardsPage:
        from app.ui.hazards.hazards_page import HazardsPage

        page = HazardsPage(self.workspace, self)
        page.start_recheck.connect(self.start_recheck)
        return page

    def _township_day(self) -> TownshipDayPage:
        from app.ui.hazards.township_day import TownshipDayPage

        return TownshipDayPage(self.workspace, self)

    def _coverage_page(self) -> CoveragePage:
        from app.ui.coverage.coverage_page import CoveragePage

        page = CoveragePage(self.workspace, self)
        page.start_inspection.connect(self.start_inspection)
        page.open_dossier.connect(self.open_dossier)
        return page

    def _statistics_page(self) -> StatisticsPage:
        from app.ui.statistics.statistics_page import StatisticsPage

        return StatisticsPage(self.workspace, self)

    def _documents_page(self) -> DocumentsPage:
        from app.ui.documents.documents_page import DocumentsPage

        return DocumentsPage(self.workspace, self)

    def _sync_page(self) -> SyncPage:
        from app.ui.sync.sync_page import SyncPage

        return SyncPage(self.workspace, self)

    def _conflicts_page(self) -> ConflictsPage:
        from app.ui.sync.conflicts_page import ConflictsPage

        page = ConflictsPage(self.workspace, self)
        page.count_changed.connect(self._show_conflict_count)
        self._show_conflict_count(page.count())
        return page

    def tab_index(self, page: QWidget) -> int:
        """The tab showing `page`, directly or through the LazyTab that built it."""
        for index in range(self.tabs.count()):
            widget = self.tabs.widget(index)
            if widget is page or (isinstance(widget, LazyTab) and widget.built and widget.page is page):
                return index
        return -1

    def show_page(self, page: QWidget) -> None:
        self.tabs.setCurrentIndex(self.tab_index(page))

    def current_page(self) -> QWidget:
        widget = self.tabs.currentWidget()
        return widget.page if isinstance(widget, LazyTab) else widget

    def _show_conflict_count(self, count: int) -> None:
        index = self.tabs.indexOf(self._lazy["conflicts_page"])
        self.tabs.setTabText(
            index, fill(self.tr("Conflicts ({count})"), count=count) if count else self.tr("Conflicts")
        )
        self.conflict_label.setText(fill(self.tr("Conflicts: {count}"), count=count))
        self.conflict_label.setVisible(count > 0)

    # Tabs opened on demand: inspections and dossiers

    def _find_tab(self, kind: type, key: str) -> int:
        for index in range(self.tabs.count()):
            widget = self.tabs.widget(index)
            if isinstance(widget, kind) and getattr(widget, "tab_key", None) == key:
                return index
        return -1

    def _open_tab(self, widget: QWidget, key: str, title: str) -> None:
        widget.tab_key = key  # type: ignore[attr-defined]
        self.tabs.setCurrentIndex(self.tabs.addTab(widget, title))

    def open_inspection(self, inspection_id: str) -> InspectionView | RecheckView:
        """An inspection's tab; a re-inspection (mode RECHECK) opens its own page."""
        from app.models.inspections import RECHECK_MODE
        from app.ui.inspection.inspection_view import InspectionView
        from app.ui.inspection.recheck_view import RecheckView

        inspection = self.workspace.inspections.get(inspection_id)
        kind = RecheckView if inspection["mode"] == RECHECK_MODE else InspectionView
        index = self._find_tab(kind, inspection_id)
        if index >= 0:
            self.tabs.setCurrentIndex(index)
            return self.tabs.widget(index)  # type: ignore[return-value]
        view = kind(self.workspace, inspection_id, self)
        view.document_issued.connect(self.show_document)
        name = self.workspace.registry.get_enterprise(inspection["enterprise_id"])["name"]
        title = self.tr("Re-inspection: {name}") if kind is RecheckView else self.tr("Inspection: {name}")
        self._open_tab(view, inspection_id, fill(title, name=elide(name)))
        self.resume_bar.show_unfinished(self.workspace.inspections.unfinished(), opened=inspection_id)
        return view

    def open_dossier(self, enterprise_id: str) -> DossierPage:
        from app.ui.registry.dossier_page import DossierPage

        index = self._find_tab(DossierPage, enterprise_id)
        if index >= 0:
            self.tabs.setCurrentIndex(index)
            return self.tabs.widget(index)  # type: ignore[return-value]
        page = DossierPage(self.workspace, self)
        page.set_enterprise(enterprise_id)
        page.start_inspection.connect(self.start_inspection)
        page.start_recheck.connect(self.start_recheck)
        page.open_enterprise.connect(self.open_dossier)
        page.open_inspection.connect(self.open_inspection)
        name = self.workspace.registry.get_enterprise(enterprise_id)["name"]
        self._open_tab(page, enterprise_id, fill(self.tr("Dossier: {name}"), name=elide(name)))
        return page

    def show_document(self, document_id: str) -> None:
        """Bring the 文书 tab forward with the document selected (e.g. one just issued from an inspection)."""
        self.show_page(self.documents_page)
        self.documents_page.reload()  # now, not on the next turn: the new document is selected at once
        self.documents_page.select(document_id)

    def _close_tab(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is self.registry_page or isinstance(widget, LazyTab):
            return
        _flush(widget)
        self.tabs.removeTab(index)
        widget.deleteLater()

    def start_inspection(self, enterprise_id: str) -> StartInspectionDialog:
        from app.ui.inspection.inspection_start import StartInspectionDialog

        dialog = StartInspectionDialog(self.workspace, enterprise_id, self)
        dialog.accepted.connect(lambda: dialog.inspection_id and self.open_inspection(dialog.inspection_id))
        dialog.open()
        return dialog

    def start_recheck(self, enterprise_id: str) -> StartRecheckDialog:
        from app.ui.inspection.recheck_start import StartRecheckDialog

        dialog = StartRecheckDialog(self.workspace, enterprise_id, self)
        dialog.accepted.connect(lambda: dialog.inspection_id and self.open_inspection(dialog.inspection_id))
        dialog.open()
        return dialog

    def new_enterprise(self) -> EnterpriseDialog:
        from app.ui.registry.enterprise_dialog import EnterpriseDialog

        dialog = EnterpriseDialog(self.workspace, parent=self)
        dialog.accepted.connect(self._enterprise_created(dialog))
        dialog.open()
        return dialog

    def _enterprise_created(self, dialog: EnterpriseDialog) -> Callable[[], None]:
        def done() -> None:
            self.registry_page.reload()
            if dialog.enterprise_id:
                self.registry_page.select_enterprise(dialog.enterprise_id)

        return done

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._status_timer.stop()  # the workspace may be closed next; a late tick would query a closed database
        if self._lazy["sync_page"].built:
            self.sync_page.shutdown()
        for index in range(self.tabs.count()):
            _flush(self.tabs.widget(index))
        super().closeEvent(event)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.import_action = self._action(self.tr("&Import enterprise register…"), self.import_registry)
        self.export_action = self._action(self.tr("&Export enterprise register…"), self.export_registry)
        self.check_action = self._action(self.tr("Integrity &check"), self.check_integrity)
        self.backup_action = self._action(self.tr("&Back up now"), self.back_up)
        self.restore_action = self._action(self.tr("&Restore from a backup…"), self.choose_backup)
        quit_action = self._action(self.tr("&Quit"), self.close)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.settings_action = self._action(self.tr("&Settings…"), self.open_settings)
        for action in (self.import_action, self.export_action, self.check_action, self.backup_action,
                       self.restore_action, self.settings_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        sync_menu = self.menuBar().addMenu(self.tr("S&ync"))
        self.sync_export_action = self._action(self.tr("&Export sync bundle…"), lambda: self._on_sync_page().export())
        self.sync_import_action = self._action(
            self.tr("&Import sync bundles…"), lambda: self._on_sync_page().import_bundles()
        )
        self.sync_receipt_action = self._action(
            self.tr("Write &receipt…"), lambda: self._on_sync_page().write_receipt()
        )
        self.conflicts_action = self._action(
            self.tr("&Conflicts"), lambda: self.show_page(self.conflicts_page)
        )
        for action in (self.sync_export_action, self.sync_import_action, self.sync_receipt_action):
            sync_menu.addAction(action)
        sync_menu.addSeparator()
        sync_menu.addAction(self.conflicts_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&About"), self.about))

    def _on_sync_page(self) -> SyncPage:
        self.show_page(self.sync_page)
        return self.sync_page

    def _action(self, text: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        return action

    def import_registry(self, path: Path | None = None) -> Op[registry_io.ImportReport] | None:
        if not path:
            name, _ = QFileDialog.getOpenFileName(self, self.tr("Import enterprise register"), "", FILE_FILTER)
            if not name:
                return None
            path = Path(name)
        chosen = path
        from app.models import registry_io

        return (
            Op(self, self.workspace, lambda ws, _progress, _cancelled: registry_io.import_registry(ws, chosen))
            .with_progress(self.tr("Importing the enterprise register…"))
            .success(self._registry_imported)
            .run_in_background()
        )

    def _registry_imported(self, report: registry_io.ImportReport) -> None:
        details = "\n".join(report.warnings)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Import finished"), report.describe(), parent=self)
        box.setObjectName("importDialog")
        if details:
            box.setDetailedText(details)
        box.open()

    def export_registry(self, path: Path | None = None) -> None:
        if not path:
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export enterprise register"), "企业名录.xlsx", FILE_FILTER
            )
            if not name:
                return
            path = Path(name)
        chosen = path
        from app.models import registry_io

        (
            Op(self, self.workspace, lambda ws, _progress, _cancelled: registry_io.export_registry(ws.registry, chosen))
            .with_progress(self.tr("Exporting the enterprise register…"))
            .success(
                lambda count: self.statusBar().showMessage(self.tr("Exported %n enterprise(s)", "", count), 10_000)
            )
            .run_in_background()
        )

    def back_up(self) -> Op[Backup]:
        from app.models.backup import make_backup

        return (
            Op(self, self.workspace, lambda ws, _progress, _cancelled: make_backup(ws.db.conn, ws.data_dir, "manual"))
            .with_progress(self.tr("Backing up the database…"))
            .success(lambda made: self.statusBar().showMessage(
                fill(self.tr("Backed up to {path}"), path=made.path), 10_000))
            .run_in_background()
        )

    def choose_backup(self) -> RestoreDialog:
        from app.ui.backups import RestoreDialog

        dialog = RestoreDialog(self.workspace.data_dir, self)
        def chosen() -> None:
            if dialog.chosen is not None:
                self.request_restore(dialog.chosen)

        dialog.accepted.connect(chosen)
        dialog.open()
        return dialog

    def request_restore(self, chosen: Backup) -> None:
        """Close, so that the database can be replaced by `chosen` (app/ui/main.py restores it and opens again)."""
        self.restore_request = chosen
        self.close()

    def check_integrity(self) -> Op[integrity.IntegrityReport]:
        from app.models import integrity

        return (
            Op(self, self.workspace, lambda ws, _progress, _cancelled: integrity.check(ws))
            .with_progress(self.tr("Checking the database…"))
            .success(self._integrity_checked)
            .run_in_background()
        )

    def _integrity_checked(self, report: integrity.IntegrityReport) -> None:
        if report.ok:
            box = QMessageBox(
                QMessageBox.Icon.Information, self.tr("Integrity check"), self.tr("No problems found."), parent=self
            )
        else:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Integrity check"),
                self.tr("%n problem(s) found.", "", len(report.problems)),
                parent=self,
            )
            box.setDetailedText("\n".join(report.problems))
        box.setObjectName("integrityDialog")
        box.open()

    def open_settings(self) -> SettingsDialog:
        from app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.workspace, self)
        dialog.open()
        return dialog

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About FieldSafe"),
            fill(
                self.tr("FieldSafe {version}\nOffline field safety inspection for multi-tenant factories."),
                version=__version__,
            ),
        )


def _flush(widget: QWidget | None) -> None:
    """Save what an inspection's tab still holds in its typing delay (InspectionView, RecheckView)."""
    flush = getattr(widget, "flush", None)
    if callable(flush):
        flush()
