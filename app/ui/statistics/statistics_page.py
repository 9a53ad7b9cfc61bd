"""统计: the campaign figures of a period (app/models/statistics.py) per township and month — summary numbers, a
chart by township or by month, the table — and their export to Excel (native chart) and a printable PDF. The figures
are computed on the op thread; the page shows them when they arrive."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.statistics import Figures, Statistics, export_excel
from app.models.workspace import Workspace
from app.ui.i18n import fill
from app.ui.ops import Op
from app.ui.pages import Reloads
from app.ui.statistics.chart import StatisticsChart
from app.ui.widgets.dates import date_edit, from_qdate
from app.ui.widgets.tables import record_table

FIELDS = ("township", "month", "enterprises_inspected", "hazards_found", "major_found", "hazards_closed",
          "first_overdue", "rectification_rate", "documents_issued", "orders_issued", "decisions_issued",
          "enterprises_stopped")


def _text(value: object) -> str:
    if value is None:
        return "—"
    return f"{value:.0%}" if isinstance(value, float) else str(value)


class StatisticsPage(Reloads, QWidget):
    WATCHES = frozenset({"inspection", "inspection_target", "hazard", "document", "enterprise", "org_unit"})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.rows: list[Figures] = []
        self.shown: list[Figures] = []  # after the township filter
        self.pending: Op[list[Figures]] | None = None
        now = today()
        self.start = date_edit(date(now.year, 1, 1), "statisticsFrom")
        self.end = date_edit(now, "statisticsTo")
        self.township = QComboBox()
        self.township.setObjectName("statisticsTownship")
        self.township.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.group = QComboBox()
        self.group.setObjectName("statisticsGroup")
        self.group.addItem(self.tr("By month"), "month")
        self.group.addItem(self.tr("By township"), "township")
        self.excel_button = QPushButton(self.tr("Export Excel…"))
        self.excel_button.clicked.connect(lambda: self.export_excel())
        self.pdf_button = QPushButton(self.tr("Export PDF report…"))
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        for edit in (self.start, self.end):
            edit.dateChanged.connect(self.reload)
        self.township.currentIndexChanged.connect(self._show)
        self.group.currentIndexChanged.connect(self._show)

        top = QHBoxLayout()
        for label, widget in ((self.tr("From"), self.start), (self.tr("to"), self.end),
                              (self.tr("Township"), self.township), (self.tr("Chart"), self.group)):
            top.addWidget(QLabel(label))
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.excel_button)
        top.addWidget(self.pdf_button)
        self.saved_label = QLabel()
        self.saved_label.setStyleSheet("color: #1e7d32;")
        self.cards = QHBoxLayout()
        self.card_labels: dict[str, QLabel] = {}
        for key, title in (("enterprises_inspected", self.tr("Enterprises inspected")),
                           ("hazards_found", self.tr("Hazards found")), ("major_found", self.tr("Major")),
                           ("hazards_closed", self.tr("Closed")), ("first_overdue", self.tr("Went overdue")),
                           ("rectification_rate", self.tr("Rectification rate")),
                           ("documents_issued", self.tr("Documents issued")),
                           ("enterprises_stopped", self.tr("Ordered to stop"))):
            self.cards.addWidget(self._card(key, title))
        self.chart = StatisticsChart()
        self.table = record_table([
            self.tr("Township"), self.tr("Month"), self.tr("Enterprises inspected"), self.tr("Hazards found"),
            self.tr("Major"), self.tr("Closed"), self.tr("Went overdue"), self.tr("Rectification rate"),
            self.tr("Documents issued"), self.tr("Rectification orders"), self.tr("On-site measures decisions"),
            self.tr("Ordered to stop")], 0)
        self.table.setObjectName("statisticsTable")
        self.empty = QLabel()
        self.empty.setStyleSheet("color: #6b7280;")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart)
        split.addWidget(self.table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.cards)
        layout.addWidget(self.empty)
        layout.addWidget(split, 1)
        layout.addWidget(self.saved_label)
        self.watch(workspace)
        self._stale = True  # the figures are computed when the page is first shown, not at start

    def _card(self, key: str, title: str) -> QFrame:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setStyleSheet("QFrame { background: #f8fafc; border-radius: 6px; }")
        value = QLabel("—")
        value.setObjectName(f"card_{key}")
        value.setStyleSheet("font-size: 20px; font-weight: bold; color: #111827; background: transparent;")
        caption = QLabel(title)
        caption.setStyleSheet("color: #6b7280; background: transparent;")
        box = QVBoxLayout(frame)
        box.addWidget(value)
        box.addWidget(caption)
        self.card_labels[key] = value
        return frame

    @property
    def period(self) -> tuple[date, date]:
        return from_qdate(self.start.date()), from_qdate(self.end.date())

    # Loading

    def reload(self) -> None:
        start, end = self.period
        self.pending = (Op(self, self.workspace,
                           lambda ws, _p, _c: Statistics(ws.store).by_township_month(start, end))
                        .success(self._loaded).run_in_background())

    def _loaded(self, rows: list[Figures]) -> None:
        self.rows = rows
        chosen = self.township.currentData()
        self.township.blockSignals(True)
        self.township.clear()
        self.township.addItem(self.tr("All townships"), None)
        for name in sorted({r.township for r in rows}):
            self.township.addItem(name, name)
        self.township.setCurrentIndex(max(0, self.township.findData(chosen)))
        self.township.blockSignals(False)
        self._show()

    def _show(self) -> None:
        town = self.township.currentData()
        self.shown = [r for r in self.rows if town is None or r.township == town]
        total = Statistics.totals(self.shown, self.tr("Total"))
        for key, label in self.card_labels.items():
            label.setText(_text(getattr(total, key)))
        start, end = self.period
        self.empty.setText("" if self.shown else fill(self.tr("Nothing recorded from {start} to {end}."),
                                                      start=start.isoformat(), end=end.isoformat()))
        self.empty.setVisible(not self.shown)
        by = self.group.currentData()
        groups = Statistics.grouped(self.shown, by)
        self.chart.show_figures(groups, [getattr(g, by) for g in groups],
                                (self.tr("Hazards found"), self.tr("Closed"), self.tr("Rectification rate")))
        rows = [*self.shown, total] if self.shown else []
        self.table.setRowCount(len(rows))
        for r, figures in enumerate(rows):
            for c, name in enumerate(FIELDS):
                item = QTableWidgetItem(_text(getattr(figures, name)))
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)

    # Exports

    def _title(self) -> str:
        start, end = self.period
        town = self.township.currentData()
        return fill(self.tr("Inspection figures {start} to {end}"), start=start.isoformat(),
                    end=end.isoformat()) + (f"（{town}）" if town else "")

    def _target(self, caption: str, suggested: str, filter_: str, path: Path | None) -> Path | None:
        if path is not None:
            return path
        name, _ = QFileDialog.getSaveFileName(self, caption, suggested, filter_)
        return Path(name) if name else None

    def export_excel(self, path: Path | None = None) -> Op[Path] | None:
        target = self._target(self.tr("Export Excel"), "检查统计.xlsx", "Excel (*.xlsx)", path)
        if target is None:
            return None
        rows, title = list(self.shown), self._title()
        return (Op(self, self.workspace, lambda _ws, _p, _c: export_excel(rows, target, title))
                .success(self._saved).run_in_background())

    def _saved(self, path: Path) -> None:
        self.saved_label.setText(fill(self.tr("Saved {path}"), path=str(path)))

    def export_pdf(self, path: Path | None = None) -> Op[Path] | None:
        target = self._target(self.tr("Export PDF report"), "检查统计.pdf", "PDF (*.pdf)", path)
        if target is None:
            return None
        rows, title = list(self.shown), self._title()
        from app.documents.statistics_report import save_statistics

        return (Op(self, self.workspace, lambda _ws, _p, _c: save_statistics(rows, title, target))
                .success(self._saved).run_in_background())
