"""The hazard board's table: the ids a filter matched (app/models/hazard_board.py), rows fetched as they are painted."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QBrush, QColor

from app.models import vocab
from app.models.hazard_board import HazardBoard, HazardFilter, HazardRow
from app.ui.widgets.id_table_model import IdTableModel

LATE = QBrush(QColor("#b3261e"))


class HazardBoardModel(IdTableModel[HazardRow]):
    def __init__(self, board: HazardBoard, parent: QObject | None = None) -> None:
        super().__init__([
            (self.tr("Enterprise"), lambda r: r.enterprise),
            (self.tr("Township"), lambda r: r.township),
            (self.tr("Item"), lambda r: r.item_code),
            (self.tr("Grade"), lambda r: vocab.label("hazard_grades", r.grade)),
            (self.tr("Status"), lambda r: vocab.label("hazard_statuses", r.status)),
            (self.tr("Deadline"), lambda r: (r.deadline or "") + (self.tr(" (overdue)") if r.overdue else "")),
            (self.tr("Re-checks"), lambda r: r.recheck_count or ""),
            (self.tr("Source"), lambda r: vocab.label("hazard_sources", r.source)),
            (self.tr("Description"), lambda r: r.description),
        ], parent)
        self.board = board
        self.filter = HazardFilter()
        self.today = date.today()

    def fetch(self, ids: Sequence[str]) -> dict[str, HazardRow]:
        return {r.id: r for r in self.board.rows(ids, self.today)}

    def foreground(self, record: HazardRow) -> Any:
        return LATE if record.overdue or record.grade == "MAJOR" else None

    def refresh(self, hazard_filter: HazardFilter | None = None, today: date | None = None) -> None:
        if hazard_filter is not None:
            self.filter = hazard_filter
        self.today = today or date.today()
        self.set_ids(self.board.ids(self.filter, self.today))
