"""隐患: the hazard board. Filters by township, grade, status, overdue, due this week and officer; a table over ids
(usable at 200,000 hazards); counts per status; and the next steps the rules allow for the selected hazard
(report, re-check, 销号, listing, transfer …, app/ui/hazards/action_dialog.py)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models import vocab
from app.models.hazard_board import HazardFilter
from app.models.workspace import Workspace
from app.ui.hazards.action_dialog import HazardActionDialog, action_label
from app.ui.hazards.board_model import HazardBoardModel
from app.ui.hazards.extension_dialog import ExtensionDialog
from app.ui.i18n import fill
from app.ui.pages import Reloads

DUE_SOON_DAYS = 7
BOARD_STATUSES = ("OPEN", "SUBMITTED", "ESCALATED", "LISTED", "IN_REMEDIATION", "UNDER_REVIEW", "TRANSFERRED",
                  "CLOSED")


class HazardsPage(Reloads, QWidget):
    start_recheck = Signal(str)  # 复查… for the selected hazard's enterprise
    WATCHES = frozenset({"hazard", "hazard_extension", "inspection", "enterprise", "org_unit", "inspector"})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.today: date | None = None  # None: the real today (tests fix it)
        self.township = QComboBox()
        self.township.setObjectName("townshipFilter")
        self.grade = QComboBox()
        self.grade.setObjectName("gradeFilter")
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        self.officer = QComboBox()
        self.officer.setObjectName("officerFilter")
        self.overdue = QCheckBox(self.tr("Overdue"))
        self.overdue.setObjectName("overdueFilter")
        self.due_soon = QCheckBox(fill(self.tr("Due within {days} days"), days=DUE_SOON_DAYS))
        self.due_soon.setObjectName("dueSoonFilter")
        self.counts = QLabel()
        self.counts.setObjectName("hazardCounts")
        self.actions_button = QPushButton(self.tr("Next step…"))
        self.actions_button.setObjectName("hazardActions")
        self.actions_menu = QMenu(self.actions_button)
        self.actions_button.setMenu(self.actions_menu)
        self.actions_menu.aboutToShow.connect(self._fill_actions)
        self.recheck_button = QPushButton(self.tr("Re-inspect this enterprise…"))
        self.recheck_button.setObjectName("startRecheck")
        self.recheck_button.setToolTip(self.tr("Re-check every hazard of the selected hazard's enterprise on site"))
        self.recheck_button.clicked.connect(self._recheck)

        self.model = HazardBoardModel(workspace.hazard_board, self)
        self.table = QTableView()
        self.table.setObjectName("hazardBoard")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Fixed widths: sizing to contents would read every one of up to 200,000 rows.
        for column, width in ((0, 240), (1, 110), (2, 80), (3, 90), (4, 90), (5, 170), (6, 70), (7, 90)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        bar = QHBoxLayout()
        for caption, widget in ((self.tr("Township"), self.township), (self.tr("Grade"), self.grade),
                                (self.tr("Status"), self.status), (self.tr("Officer"), self.officer)):
            bar.addWidget(QLabel(caption))
            bar.addWidget(widget)
        bar.addWidget(self.overdue)
        bar.addWidget(self.due_soon)
        bar.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.counts, 1)
        bottom.addWidget(self.recheck_button)
        bottom.addWidget(self.actions_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._fill_choices()
        for combo in (self.township, self.grade, self.status, self.officer):
            combo.currentIndexChanged.connect(self.reload)
        for box in (self.overdue, self.due_soon):
            box.toggled.connect(self.reload)
        self.reload()
        self.watch(workspace)

    def _fill_choices(self) -> None:
        self.township.addItem(self.tr("All"), None)
        for town in self.workspace.registry.townships():
            self.township.addItem(town["name"], town["id"])
        self.grade.addItem(self.tr("All"), None)
        for code in vocab.codes("hazard_grades"):
            self.grade.addItem(vocab.label("hazard_grades", code), code)
        self.status.addItem(self.tr("Not closed"), None)
        for code in BOARD_STATUSES:
            self.status.addItem(vocab.label("hazard_statuses", code), code)
        self.officer.addItem(self.tr("Anyone"), None)
        for inspector in self.workspace.roster.inspectors():
            self.officer.addItem(inspector["name"], inspector["id"])

    def current_filter(self) -> HazardFilter:
        status = self.status.currentData()
        return HazardFilter(
            township_id=self.township.currentData(), grade=self.grade.currentData(),
            statuses=(status,) if status else (), overdue=self.overdue.isChecked(),
            due_within_days=DUE_SOON_DAYS if self.due_soon.isChecked() else None,
            officer_id=self.officer.currentData(),
        )

    def reload(self) -> None:
        selected = self.selected_id()
        today = self.today or self.workspace.inspections.now().date()
        hazard_filter = self.current_filter()
        self.model.refresh(hazard_filter, today)
        counts = self.workspace.hazard_board.counts(hazard_filter, today)
        shown = [fill(self.tr("{status} {count}"), status=vocab.label("hazard_statuses", s), count=counts[s])
                 for s in BOARD_STATUSES if counts.get(s)]
        self.counts.setText(fill(self.tr("{count} shown · {by_status}"), count=self.model.rowCount(),
                                 by_status="　".join(shown) or "—"))
        if selected is not None and (row := self.model.row_of(selected)) >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row_id(rows[0].row()) if rows else None

    def select(self, hazard_id: str) -> bool:
        row = self.model.row_of(hazard_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def _update_buttons(self) -> None:
        hazard_id = self.selected_id()
        self.actions_button.setEnabled(hazard_id is not None)
        self.recheck_button.setEnabled(hazard_id is not None and self.workspace.inspections.hazard(hazard_id)[
            "status"] in self.workspace.reinspections.recheckable_states())

    def _recheck(self) -> None:
        hazard_id = self.selected_id()
        if hazard_id is not None:
            self.start_recheck.emit(str(self.workspace.inspections.hazard(hazard_id)["enterprise_id"]))

    def _fill_actions(self) -> None:
        self.actions_menu.clear()
        hazard_id = self.selected_id()
        if hazard_id is None:
            return
        flow = self.workspace.hazard_flow
        for name in flow.allowed(hazard_id):
            item = self.actions_menu.addAction(action_label(name))
            item.setObjectName(f"action_{name}")
            item.triggered.connect(lambda _checked=False, n=name: self.start_action(n))
        hazard = self.workspace.inspections.hazard(hazard_id)
        pending = flow.pending_extension(hazard_id)
        if pending is not None or (hazard["status"] in flow.lifecycle.overdue_states and hazard["deadline"]):
            self.actions_menu.addSeparator()
            decide = pending is not None
            item = self.actions_menu.addAction(self.tr("Decide the extension request…") if decide
                                               else self.tr("Ask for a later deadline…"))
            item.setObjectName("action_decide_extension" if decide else "action_extension")
            item.triggered.connect(lambda _checked=False: self.extension(decide=decide))
        if self.actions_menu.isEmpty():
            self.actions_menu.addAction(self.tr("No step left: the hazard is closed")).setEnabled(False)

    def extension(self, *, decide: bool) -> ExtensionDialog | None:
        hazard_id = self.selected_id()
        if hazard_id is None:
            return None
        self.dialog_extension = ExtensionDialog(self.workspace, hazard_id, decide=decide, parent=self)
        self.dialog_extension.open()
        return self.dialog_extension

    def start_action(self, action: str) -> HazardActionDialog | None:
        hazard_id = self.selected_id()
        if hazard_id is None:
            return None
        self.dialog = HazardActionDialog(self.workspace, hazard_id, action, self)
        self.dialog.open()
        return self.dialog
