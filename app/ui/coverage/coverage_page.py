"""覆盖 (所有企业必到): a campaign's coverage — per township and park the share of its enterprises visited with the
method kept, and the ones not yet visited, most urgent risk grade first with the next visit due, each openable as
the next visit or its dossier. Computed on the op thread (app/models/campaigns.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models import vocab
from app.models.campaigns import Campaign, CampaignCoverage, Group, Pending, VisitRow
from app.models.workspace import Workspace
from app.ui.coverage.campaign_dialog import CampaignDialog
from app.ui.i18n import fill
from app.ui.ops import Op
from app.ui.pages import Reloads
from app.ui.registry.dossier_page import RISK_CHIP
from app.ui.widgets.rows_model import RowsModel
from app.ui.widgets.tables import record_table, record_view

_ID_ROLE = Qt.ItemDataRole.UserRole


def _cell(text: object, row_id: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    if row_id is not None:
        item.setData(_ID_ROLE, row_id)
    return item


def _tried(p: Pending) -> str:
    return "；".join(f"{v.started_at[:10]} " + "、".join(vocab.label("visit_rules", r) for r in v.missed)
                    for v in p.tried)


def _risk_colours(p: Pending, column: int) -> tuple[QBrush | None, QBrush | None]:
    if column != 3:
        return None, None
    background, foreground = RISK_CHIP.get(p.risk.grade, RISK_CHIP[None])
    return QBrush(QColor(background)), QBrush(QColor(foreground))


class CoveragePage(Reloads, QWidget):
    """Signals: start_inspection(str), open_dossier(str) — for the enterprise picked from the not-yet-visited list."""

    start_inspection = Signal(str)
    open_dossier = Signal(str)
    WATCHES = frozenset({"campaign", "inspection", "inspection_target", "item_result", "interview_answer",
                         "quiz_attempt", "enterprise", "hazard", "org_unit", "park", "lease"})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self.workspace, self.today = workspace, today
        self.result: CampaignCoverage | None = None
        self.pending_op: Op[tuple[list[Campaign], CampaignCoverage | None]] | None = None
        self.visits_op: Op[list[VisitRow]] | None = None
        self._visits_of: Campaign | None = None  # the campaign the visits list shows
        self.campaigns: list[Campaign] = []
        self.dialog: CampaignDialog | None = None
        self.campaign = QComboBox()
        self.campaign.setObjectName("coverageCampaign")
        self.campaign.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.campaign.currentIndexChanged.connect(self.reload)
        self.new_button = QPushButton(self.tr("New campaign…"))
        self.new_button.clicked.connect(lambda: self.edit_campaign(new=True))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(lambda: self.edit_campaign(new=False))
        self.summary = QLabel()
        self.summary.setObjectName("coverageSummary")
        self.townships = record_table([self.tr("Township"), self.tr("Enterprises"), self.tr("Visited"),
                                       self.tr("Share")], 0)
        self.parks = record_table([self.tr("Park"), self.tr("Enterprises"), self.tr("Visited"), self.tr("Share")], 0)
        # The two long lists (16,000 rows at city size) are models over the computed rows, not table items.
        self.pending_model: RowsModel[Pending] = RowsModel([
            (self.tr("Enterprise"), lambda p: p.name), (self.tr("Township"), lambda p: p.township),
            (self.tr("Park"), lambda p: p.park), (self.tr("Risk"), lambda p: vocab.label("risk_grades", p.risk.grade)),
            (self.tr("Next visit due"), self._due), (self.tr("Visits that did not count"), _tried),
        ], _risk_colours, self)
        self.pending = record_view(self.pending_model, (190, 80, 100, 150, 80))
        self.pending.setObjectName("coveragePending")
        self.pending.doubleClicked.connect(lambda index: self._emit(index.row(), self.start_inspection))
        self.start_button = QPushButton(self.tr("Start inspection"))
        self.start_button.setObjectName("coverageStart")
        self.start_button.clicked.connect(lambda: self._emit(self._current(), self.start_inspection))
        self.dossier_button = QPushButton(self.tr("Open dossier"))
        self.dossier_button.clicked.connect(lambda: self._emit(self._current(), self.open_dossier))

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Campaign")))
        top.addWidget(self.campaign)
        top.addWidget(self.new_button)
        top.addWidget(self.edit_button)
        top.addStretch(1)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.townships)
        left.addWidget(self.parks)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        caption = QHBoxLayout()
        caption.addStretch(1)
        caption.addWidget(self.dossier_button)
        caption.addWidget(self.start_button)
        right_layout.addLayout(caption)
        self.lists = QTabWidget()
        self.visits_model: RowsModel[VisitRow] = RowsModel([
            (self.tr("Date"), lambda v: v.day), (self.tr("Enterprise"), lambda v: v.enterprise),
            (self.tr("Inspectors"), lambda v: v.inspectors), (self.tr("Counts?"), self._kept),
        ], parent=self)
        self.visits = record_view(self.visits_model, (100, 240, 160))
        self.visits.setObjectName("coverageVisits")
        self.lists.addTab(self.pending, "")
        self.lists.addTab(self.visits, "")
        self.lists.currentChanged.connect(self._load_visits)
        right_layout.addWidget(self.lists, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        self.watch(workspace)
        self._stale = True  # computed when first shown

    # Loading

    def reload(self) -> None:
        self.select_campaign(self.campaign.currentData())

    def select_campaign(self, campaign_id: str | None) -> None:
        """List the campaigns and compute the coverage of `campaign_id` (or of the newest), both on the op thread."""
        today = self.today()

        def work(ws: Workspace, _p: object, _c: object) -> tuple[list[Campaign], CampaignCoverage | None]:
            campaigns = ws.campaigns.list()
            chosen = next((c for c in campaigns if c.id == campaign_id), campaigns[0] if campaigns else None)
            return campaigns, ws.campaigns.coverage(chosen, today) if chosen else None

        self.pending_op = Op(self, self.workspace, work).success(self._show).run_in_background()

    def _show(self, loaded: tuple[list[Campaign], CampaignCoverage | None]) -> None:
        self.campaigns, result = loaded
        self.campaign.blockSignals(True)
        self.campaign.clear()
        for c in self.campaigns:
            self.campaign.addItem(f"{c.name}（{c.start} — {c.end}）", c.id)
        if result is not None:
            self.campaign.setCurrentIndex(self.campaign.findData(result.campaign.id))
        self.campaign.blockSignals(False)
        self.edit_button.setEnabled(result is not None)
        self.result = result
        if result is None:
            self.summary.setText(self.tr("No campaign yet: create one with its period and scope."))
            for table in (self.townships, self.parks):
                table.setRowCount(0)
            for model in (self.pending_model, self.visits_model):
                model.set_rows([])
            self._visits_of = None
            return
        share = result.visited / result.total if result.total else 0.0
        self.summary.setText(fill(self.tr("{visited} of {total} enterprises visited with the method kept ({share}); "
                                          "{pending} still to visit"), visited=result.visited, total=result.total,
                                  share=f"{share:.0%}", pending=len(result.pending)))
        self._groups(self.townships, result.townships)
        self._groups(self.parks, result.parks)
        self.pending_model.set_rows(result.pending)
        if result.pending:
            self.pending.selectRow(0)
        for button in (self.start_button, self.dossier_button):
            button.setEnabled(bool(result.pending))
        self.lists.setTabText(0, self.tr("Not yet visited, most urgent first (%n)", "", len(result.pending)))
        self.lists.setTabText(1, self.tr("Who visited whom (%n)", "", result.visit_count))
        if self._visits_of is None or self._visits_of.id != result.campaign.id:
            self.visits_model.set_rows([])  # another campaign's visits: not shown while this one's are read
        self._visits_of = None
        self._load_visits()

    def _load_visits(self) -> None:
        """The visits list (20,000 rows at city size) is read when its tab is shown, not with the coverage."""
        campaign = self.result.campaign if self.result else None
        if self.lists.currentWidget() is not self.visits or campaign is None or campaign == self._visits_of:
            return
        self._visits_of = campaign

        def shown(rows: list[VisitRow]) -> None:
            if self.result is not None and self.result.campaign == campaign:
                self.visits_model.set_rows(rows)

        self.visits_op = Op(self, self.workspace, lambda ws, _p, _c: ws.campaigns.visit_rows(campaign)) \
            .success(shown).run_in_background()

    def _groups(self, table: QTableWidget, groups: Sequence[Group]) -> None:
        table.setRowCount(len(groups))
        for row, g in enumerate(groups):
            share = _cell(f"{g.share:.0%}")
            if g.share < 1:
                share.setForeground(QBrush(QColor("#b3261e")))
            for column, item in enumerate((_cell(g.name or self.tr("(none)")), _cell(g.total), _cell(g.visited),
                                           share)):
                table.setItem(row, column, item)

    # Actions

    def _current(self) -> int:
        rows = self.pending.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _emit(self, row: int, signal: SignalInstance) -> None:
        pending = self.pending_model.record(row)
        if pending is not None:
            signal.emit(pending.enterprise_id)

    def _due(self, p: Pending) -> str:
        if p.risk.next_visit_due:
            return p.risk.next_visit_due.isoformat()
        return self.tr("now") if p.risk.last_visit is None else self.tr("sampled")

    def _kept(self, v: VisitRow) -> str:
        return self.tr("Counts") if not v.missed else "、".join(vocab.label("visit_rules", r) for r in v.missed)

    def edit_campaign(self, *, new: bool) -> CampaignDialog:
        campaign_id = None if new else self.campaign.currentData()
        campaign = next((c for c in self.campaigns if c.id == campaign_id), None)
        dialog = self.dialog = CampaignDialog(self.workspace, self.today(), campaign, self)
        dialog.saved.connect(self.select_campaign)
        dialog.open()
        return dialog
