"""镇街工作台: a township office's week on one page — the hazards overdue, the re-inspections due (reported
rectified, or reaching their deadline this week), the signed documents still to serve, the batch issue of the
rectification orders not yet made (app/documents/batch_issue.py) and their batch print."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.documents.batch_issue import Pending, issue_orders, pending_orders
from app.documents.issuing import Documents
from app.models import vocab
from app.models.hazard_board import HazardFilter
from app.models.workspace import Workspace
from app.ui.documents.batch_dialog import BatchDialog
from app.ui.hazards.board_model import HazardBoardModel
from app.ui.i18n import fill
from app.ui.ops import Op
from app.ui.pages import Reloads
from app.ui.widgets.tables import record_table

WEEK_DAYS = 7


def _board_view(model: HazardBoardModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.setColumnWidth(0, 220)
    view.setColumnWidth(5, 170)
    return view


class TownshipDayPage(Reloads, QWidget):
    WATCHES = frozenset({"hazard", "document", "enterprise", "org_unit"})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.today: date | None = None  # None: the real today (tests fix it)
        self.township = QComboBox()
        self.township.setObjectName("dayTownship")
        self.township.addItem(self.tr("All townships"), None)
        for town in workspace.registry.townships():
            self.township.addItem(town["name"], town["id"])
        self.township.currentIndexChanged.connect(self.reload)
        self.batch_button = QPushButton(self.tr("Batch print rectification orders…"))
        self.batch_button.setObjectName("dayBatchPrint")
        self.batch_button.clicked.connect(self.batch_print)
        self.issue_button = QPushButton(self.tr("Issue missing rectification orders…"))
        self.issue_button.setObjectName("dayBatchIssue")
        self.issue_button.clicked.connect(self.find_missing_orders)
        self.issued = QLabel()
        self.issued.setObjectName("dayIssued")

        self.overdue = HazardBoardModel(workspace.hazard_board, self)
        self.submitted = HazardBoardModel(workspace.hazard_board, self)
        self.due = HazardBoardModel(workspace.hazard_board, self)
        self.to_serve = record_table([self.tr("Document number"), self.tr("Type"), self.tr("Enterprise"),
                                      self.tr("Issued")], stretch=2)
        self.to_serve.setObjectName("dayToServe")
        self.boxes: dict[str, QGroupBox] = {}

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Township")))
        top.addWidget(self.township)
        top.addStretch(1)
        top.addWidget(self.issued)
        top.addWidget(self.issue_button)
        top.addWidget(self.batch_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        for key, widget in (("overdue", _board_view(self.overdue)), ("submitted", _board_view(self.submitted)),
                            ("due", _board_view(self.due)), ("to_serve", self.to_serve)):
            box = QGroupBox()
            box.setObjectName(f"day_{key}")
            inner = QVBoxLayout(box)
            inner.addWidget(widget)
            self.boxes[key] = box
            layout.addWidget(box, 1)
        self.reload()
        self.watch(workspace)

    def reload(self) -> None:
        today = self.today or self.workspace.inspections.now().date()
        town = self.township.currentData()
        self.overdue.refresh(HazardFilter(township_id=town, overdue=True), today)
        self.submitted.refresh(HazardFilter(township_id=town, statuses=("SUBMITTED",)), today)
        self.due.refresh(HazardFilter(township_id=town, due_within_days=WEEK_DAYS), today)
        rows = Documents(self.workspace).list(status="SIGNED")
        if town is not None:
            towns = self.workspace.registry.township_ids(str(r["enterprise_id"]) for r in rows if r["enterprise_id"])
            rows = [r for r in rows if towns.get(r["enterprise_id"]) == town]
        self.to_serve.setRowCount(len(rows))
        names = {r.id: r.name for r in self.workspace.registry.rows(sorted({str(d["enterprise_id"]) for d in rows}))}
        for n, row in enumerate(rows):
            for c, value in enumerate((row["doc_no"] or "", vocab.label("document_types", row["doc_type"]),
                                       names.get(str(row["enterprise_id"]), ""), (row["created_at"] or "")[:10])):
                self.to_serve.setItem(n, c, QTableWidgetItem(value))
        for key, title, count in (
            ("overdue", self.tr("Overdue: {count}"), self.overdue.rowCount()),
            ("submitted", self.tr("Reported rectified, to re-inspect: {count}"), self.submitted.rowCount()),
            ("due", self.tr("Deadline within {days} days: {count}"), self.due.rowCount()),
            ("to_serve", self.tr("Signed, to serve: {count}"), len(rows)),
        ):
            self.boxes[key].setTitle(fill(title, count=count, days=WEEK_DAYS))

    # Orders for the visits whose open hazards have none: found, confirmed, issued on all cores, then printed

    def find_missing_orders(self) -> Op[list[Pending]]:
        town = self.township.currentData()
        return (Op(self, self.workspace, lambda ws, _progress, _cancelled: pending_orders(ws, township_id=town))
                .success(self._confirm_orders).run_in_background())

    def _confirm_orders(self, pending: list[Pending]) -> QMessageBox:
        box = QMessageBox(self)
        box.setObjectName("dayIssueConfirm")
        box.setWindowTitle(self.tr("Issue rectification orders"))
        if not pending:
            box.setIcon(QMessageBox.Icon.Information)
            box.setText(self.tr("Every open hazard here already has a rectification order."))
        else:
            box.setIcon(QMessageBox.Icon.Question)
            box.setText(fill(
                self.tr("{orders} visit(s) of {enterprises} enterprise(s) have {hazards} open hazard(s) without a "
                        "rectification order. Issue the orders now, as drafts to print and sign?"),
                orders=len(pending), enterprises=len({p.enterprise_id for p in pending}),
                hazards=sum(p.hazards for p in pending)))
            box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
            box.accepted.connect(lambda: self.issue_orders(pending))
        box.open()
        self.confirm = box
        return box

    def issue_orders(self, pending: list[Pending]) -> Op[list[str]]:
        return (
            Op(self, self.workspace, lambda ws, progress, cancelled: issue_orders(
                Documents(ws), pending, progress=progress, cancel=cancelled))
            .with_progress(self.tr("Issuing rectification orders…"), cancellable=True)
            .success(self._orders_issued)
            .run_in_background()
        )

    def _orders_issued(self, ids: list[str]) -> None:
        self.issued.setText(self.tr("%n rectification order(s) issued as drafts", "", len(ids)))
        if ids:
            self.batch_print()

    def batch_print(self) -> BatchDialog:
        self.batch = BatchDialog(self.workspace, self)
        self.batch.open()
        return self.batch
