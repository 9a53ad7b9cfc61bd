"""隐患: every hazard on this laptop, open ones first, overdue ones marked."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models import vocab
from app.models.workspace import Workspace
from app.ui.pages import Reloads
from app.ui.widgets.tables import record_table


class HazardsPage(Reloads, QWidget):
    WATCHES = frozenset({"hazard", "inspection", "enterprise"})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.open_only = QCheckBox(self.tr("Open hazards only"))
        self.open_only.setChecked(True)
        self.open_only.toggled.connect(self.reload)
        self.table = record_table(
            [self.tr("Enterprise"), self.tr("Item"), self.tr("Grade"), self.tr("Description"), self.tr("Deadline"),
             self.tr("Status"), self.tr("Found")],
            stretch=3,
        )
        bar = QHBoxLayout()
        bar.addWidget(self.open_only)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.reload()
        self.watch(workspace)

    def reload(self, today: date | None = None) -> None:
        today_text = (today or date.today()).isoformat()
        rows = self.workspace.inspections.hazard_list(open_only=self.open_only.isChecked())
        self.table.setRowCount(len(rows))
        for r, h in enumerate(rows):
            overdue = (
                h["status"] not in ("CLOSED", "VOID", "SUBMITTED") and h["deadline"] and h["deadline"] < today_text
            )
            values = [
                h["enterprise_name"],
                h["item_code"] or "",
                vocab.label("hazard_grades", h["grade"]),
                h["description"],
                (h["deadline"] or self.tr("fixed on site")) + (self.tr(" (overdue)") if overdue else ""),
                vocab.label("hazard_statuses", h["status"]),
                h["created_at"][:10],
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if overdue or h["grade"] == "MAJOR":
                    item.setForeground(QBrush(QColor("#b3261e")))
                self.table.setItem(r, c, item)
