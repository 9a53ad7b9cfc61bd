"""企业名录: the registry table with search as you type, role filter, details and the landlord → tenants view;
two rows selected can be merged into one enterprise (the same firm entered twice, e.g. offline on two laptops)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models import vocab
from app.models.workspace import Workspace
from app.ui.pages import Reloads
from app.ui.registry.merge_dialog import MergeEnterprisesDialog
from app.ui.registry.registry_model import RegistryModel
from app.ui.widgets.tables import record_view

SEARCH_DELAY_MS = 150


def _table(model: RegistryModel) -> QTableView:
    return record_view(model, (260, 170, 80, 90, 200, 60, 90, 60, 80, 110))


class RegistryPage(Reloads, QWidget):
    enterprise_selected = Signal(str)
    start_inspection = Signal(str)
    open_dossier = Signal(str)
    new_enterprise = Signal()
    WATCHES = frozenset({"enterprise", "park", "lease", "site", "person", "org_unit"})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.model = RegistryModel(workspace.registry, self)
        self.tenant_model = RegistryModel(workspace.registry, self)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search name, credit code or address"))
        self.search_edit.setClearButtonEnabled(True)
        self.role_combo = QComboBox()
        self.role_combo.addItem(self.tr("All roles"), None)
        for code in vocab.codes("enterprise_roles"):
            self.role_combo.addItem(vocab.label("enterprise_roles", code), code)
        self.count_label = QLabel()
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._run_search)
        self.search_edit.textChanged.connect(lambda _text: self._timer.start())
        self.search_edit.setProperty("autosave", False)  # a search, not a record
        self.role_combo.currentIndexChanged.connect(self._run_search)

        self.new_button = QPushButton(self.tr("New enterprise…"))
        self.new_button.clicked.connect(self.new_enterprise)
        self.dossier_button = QPushButton(self.tr("Open dossier"))
        self.dossier_button.clicked.connect(lambda: self._emit_for_current(self.open_dossier))
        self.start_button = QPushButton(self.tr("Start inspection…"))
        self.start_button.setObjectName("startInspection")
        self.start_button.clicked.connect(lambda: self._emit_for_current(self.start_inspection))
        self.merge_button = QPushButton(self.tr("Merge into one enterprise…"))
        self.merge_button.setObjectName("mergeEnterprises")
        self.merge_button.setToolTip(self.tr("Select two records of the same firm (Ctrl+click) to merge them"))
        self.merge_button.clicked.connect(lambda: self.merge_selected())
        bar = QHBoxLayout()
        bar.addWidget(self.search_edit, 1)
        bar.addWidget(self.role_combo)
        bar.addWidget(self.count_label)
        bar.addWidget(self.new_button)
        bar.addWidget(self.dossier_button)
        bar.addWidget(self.merge_button)
        bar.addWidget(self.start_button)

        self.table = _table(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.doubleClicked.connect(lambda _index: self._emit_for_current(self.open_dossier))
        self.tenant_table = _table(self.tenant_model)
        self.tenant_table.doubleClicked.connect(self._open_tenant)

        self.details = QFormLayout()
        details_box = QGroupBox(self.tr("Enterprise details"))
        details_box.setLayout(self.details)
        self.tenants_box = QGroupBox(self.tr("Tenants"))
        tenants_layout = QVBoxLayout(self.tenants_box)
        tenants_layout.addWidget(self.tenant_table)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(details_box)
        side_layout.addWidget(self.tenants_box, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self._show_details(None)
        self._run_search()
        self.watch(workspace)

    def _run_search(self) -> None:
        self._timer.stop()
        self.model.search(self.search_edit.text(), role=self.role_combo.currentData())
        self.count_label.setText(self.tr("%n enterprise(s)", "", self.model.rowCount()))
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self._show_details(None)

    def reload(self) -> None:
        """The same search again, the selected enterprise kept when it is still listed."""
        keep = self.current_enterprise_id()
        self._run_search()
        row = self.model.row_of(keep) if keep else -1
        if row >= 0:
            self.table.selectRow(row)

    def select_enterprise(self, enterprise_id: str) -> bool:
        row = self.model.row_of(enterprise_id)
        if row < 0:
            self.search_edit.clear()
            self.role_combo.setCurrentIndex(0)
            self._run_search()
            row = self.model.row_of(enterprise_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _emit_for_current(self, signal: SignalInstance) -> None:
        enterprise_id = self.current_enterprise_id()
        if enterprise_id:
            signal.emit(enterprise_id)

    def current_enterprise_id(self) -> str | None:
        """The selected row (with several selected: the one last clicked, else the first)."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        if not rows:
            return None
        current = self.table.currentIndex()
        row = current.row() if current.isValid() and current.row() in rows else rows[0]
        return self.model.enterprise_id(row)

    def selected_enterprise_ids(self) -> list[str]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.enterprise_id(row) for row in rows]

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        enterprise_id = self.current_enterprise_id()
        self._show_details(enterprise_id)
        if enterprise_id:
            self.enterprise_selected.emit(enterprise_id)

    def merge_selected(self) -> MergeEnterprisesDialog | None:
        ids = self.selected_enterprise_ids()
        if len(ids) != 2:
            return None
        dialog = MergeEnterprisesDialog(self.workspace, ids, self)
        dialog.merged.connect(self._merged)
        dialog.open()
        return dialog

    def _merged(self, keep_id: str) -> None:
        self.select_enterprise(keep_id)

    def _open_tenant(self, index: QModelIndex) -> None:
        self.select_enterprise(self.tenant_model.enterprise_id(index.row()))

    def _show_details(self, enterprise_id: str | None) -> None:
        while self.details.rowCount():
            self.details.removeRow(0)
        for button in (self.dossier_button, self.start_button):
            button.setEnabled(enterprise_id is not None)
        self.merge_button.setEnabled(len(self.table.selectionModel().selectedRows()) == 2)
        if enterprise_id is None:
            self.details.addRow(QLabel(self.tr("No enterprise selected")))
            self.tenants_box.hide()
            return
        registry = self.workspace.registry
        row = registry.rows([enterprise_id])[0]
        principal = registry.person(enterprise_id, "principal")
        officer = registry.person(enterprise_id, "safety_officer")

        def person_text(person: dict | None) -> str:
            return f"{person['name']}  {person['phone'] or ''}" if person else "—"

        fields = [
            (self.tr("Name"), row.name),
            (self.tr("Credit code"), row.uscc or "—"),
            (self.tr("Role"), row.roles_label or "—"),
            (self.tr("Township"), row.township or "—"),
            (self.tr("Park"), row.park or "—"),
            (self.tr("Landlord"), row.landlords or "—"),
            (self.tr("Address"), row.address or "—"),
            (self.tr("Industry"), row.industry or "—"),
            (self.tr("Employees"), "—" if row.employees is None else str(row.employees)),
            (self.tr("Principal"), person_text(principal)),
            (self.tr("Safety officer"), person_text(officer)),
        ]
        for label, value in fields:
            text = QLabel(value)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setWordWrap(True)
            self.details.addRow(label, text)
        if "landlord" in row.roles:
            self.tenant_model.search("", landlord_id=enterprise_id)
            self.tenants_box.setTitle(self.tr("Tenants (%n)", "", self.tenant_model.rowCount()))
            self.tenants_box.show()
        else:
            self.tenants_box.hide()
