"""检查: the inspections on this laptop, newest first, with their progress and hazards."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QTableWidgetItem, QVBoxLayout, QWidget

from app.models import vocab
from app.models.workspace import Workspace
from app.sync.exchange import Sync
from app.ui.pages import SYNC_TABLES, Reloads
from app.ui.widgets.tables import record_table


class InspectionsPage(Reloads, QWidget):
    open_inspection = Signal(str)
    WATCHES = frozenset({"inspection", "inspection_target", "item_result", "hazard", "enterprise"}) | SYNC_TABLES

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.table = record_table(
            [self.tr("Started"), self.tr("Enterprise"), self.tr("Mode"), self.tr("Status"),
             self.tr("Items judged"), self.tr("Hazards"), self.tr("Sync")],
            stretch=1,
        )
        self.table.doubleClicked.connect(self._open)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        self.ids: list[str] = []
        self.reload()
        self.watch(workspace)

    def _open(self, index: QModelIndex) -> None:
        self.open_inspection.emit(self.ids[index.row()])

    def _sync_state(self, row: dict, me: str, acknowledged: int) -> str:
        """Whether the supervisor has acknowledged this visit (its newest change), or it came from another device."""
        if row["last_device"] != me:
            return self.tr("Received")
        if row["last_hlc"] is not None and row["last_hlc"] <= acknowledged:
            return self.tr("Acknowledged")
        return self.tr("Not yet sent")

    def reload(self) -> None:
        inspections = self.workspace.inspections
        status = {"IN_PROGRESS": self.tr("In progress"), "COMPLETED": self.tr("Completed"), "VOID": self.tr("Void")}
        rows = inspections.list()
        acknowledged = Sync(self.workspace).acknowledged_until()
        me = self.workspace.device.id
        self.ids = [row["id"] for row in rows]
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            judged = sum(1 for res in inspections.results(row["id"]).values() if res["verdict"])
            total = judged + len(inspections.missing_items(row["id"]))
            values = [
                row["started_at"][:16].replace("T", " "),
                row["enterprise_name"],
                vocab.label("inspection_modes", row["mode"]),
                status[row["status"]],
                f"{judged}/{total}",
                str(len(inspections.hazards(row["id"]))),
                self._sync_state(row, me, acknowledged),
            ]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
