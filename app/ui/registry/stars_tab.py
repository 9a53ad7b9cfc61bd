"""亮星评级 in the dossier: each of the ten stars lit, dark or not rated, with the record that decided it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QTableWidgetItem, QVBoxLayout, QWidget

from app.models.stars import StarRating
from app.models.workspace import Workspace
from app.ui.i18n import fill
from app.ui.widgets.tables import record_table

LIT = QColor("#b7791f")
DARK = QColor("#374151")
UNRATED = QColor("#9ca3af")


class StarsTab(QWidget):
    def __init__(self, workspace: Workspace, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.today = today
        self.rating: StarRating | None = None
        self.summary = QLabel()
        self.summary.setObjectName("starsSummary")
        self.summary.setWordWrap(True)
        self.table = record_table([self.tr("Star"), self.tr("State"), self.tr("Why")], 2)
        self.table.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        note = QLabel(self.tr("Constructed rules (resources/coverage/stars.toml): the official star rules were not "
                              "found. A star is lit when all its checks hold over the window."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #6b7280;")
        layout.addWidget(note)

    def set_enterprise(self, enterprise_id: str | None) -> None:
        self.table.setRowCount(0)
        if enterprise_id is None:
            self.rating = None
            self.summary.setText("")
            return
        rating = self.rating = self.workspace.stars.rate(enterprise_id, self.today())
        effect = f"　{rating.effect}" if rating.effect else ""
        self.summary.setText(fill(self.tr("{lit} of {total} stars lit ({rated} rated) since {since}"),
                                  lit=rating.lit, total=len(rating.stars), rated=rating.rated,
                                  since=rating.since.isoformat()) + effect)
        self.table.setRowCount(len(rating.stars))
        for row, star in enumerate(rating.stars):
            mark, state, colour = (("★", self.tr("Lit"), LIT) if star.lit else ("☆", self.tr("Not lit"), DARK)
                                   if star.lit is False else ("—", self.tr("Not rated"), UNRATED))
            reasons = "；".join(star.reasons)
            cells = [QTableWidgetItem(f"{mark} {star.name}"), QTableWidgetItem(state), QTableWidgetItem(reasons)]
            for cell in cells:
                cell.setForeground(QBrush(colour if cell is not cells[2] else DARK))
                cell.setToolTip(reasons)
            for column, cell in enumerate(cells):
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()

    def lit_count(self) -> int:
        return self.rating.lit if self.rating else 0
