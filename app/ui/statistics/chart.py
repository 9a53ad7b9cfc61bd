"""The statistics chart: hazards found and closed as bars per township or month, the rectification rate as a line on
its own axis (matplotlib's Qt canvas, in the app's font so Chinese labels render as on paper)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator
from PySide6.QtWidgets import QWidget

from app.models.statistics import Figures
from app.ui.qtapp import font_path

FOUND, CLOSED, RATE = "#b3261e", "#1e7d32", "#1d4ed8"
MIN_SLOTS = 6


@lru_cache(maxsize=1)
def use_app_font() -> None:
    """Register the shipped Noto Sans SC with matplotlib once and make it the charts' font (matplotlib is used for
    nothing else in the app)."""
    for bold in (False, True):
        font_manager.fontManager.addfont(str(font_path(bold)))
    family = font_manager.FontProperties(fname=str(font_path())).get_name()
    matplotlib.rcParams["font.family"] = [family, "DejaVu Sans"]
    matplotlib.rcParams["font.size"] = 9


class StatisticsChart(FigureCanvasQTAgg):
    def __init__(self, parent: QWidget | None = None) -> None:
        self.figure = Figure(figsize=(8, 3.2), layout="constrained")
        super().__init__(self.figure)
        self.setParent(parent)
        self.setMinimumHeight(220)
        use_app_font()

    def show_figures(self, groups: Sequence[Figures], labels: Sequence[str], legend: tuple[str, str, str]) -> None:
        """`labels` name the groups on the x axis; `legend` words found, closed and the rate."""
        self.figure.clear()
        bars = self.figure.add_subplot()
        positions = list(range(len(groups)))
        width = 0.38
        bars.bar([p - width / 2 for p in positions], [g.hazards_found for g in groups], width, color=FOUND,
                 label=legend[0])
        bars.bar([p + width / 2 for p in positions], [g.hazards_closed for g in groups], width, color=CLOSED,
                 label=legend[1])
        bars.set_xticks(positions, list(labels), fontsize=8, rotation=30 if len(groups) > 6 else 0)
        bars.yaxis.set_major_locator(MaxNLocator(integer=True))
        bars.spines[["top"]].set_visible(False)
        rate = bars.twinx()
        rates = [g.rectification_rate for g in groups]
        rate.plot([p for p, r in zip(positions, rates, strict=True) if r is not None],
                  [r * 100 for r in rates if r is not None], color=RATE, marker="o", label=legend[2])
        rate.set_ylim(0, 105)
        rate.set_ylabel("%")
        rate.spines[["top"]].set_visible(False)
        handles = bars.get_legend_handles_labels()[0] + rate.get_legend_handles_labels()[0]
        bars.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1), ncols=3, frameon=False, fontsize=8)
        bars.set_xlim(-0.7, max(len(groups), MIN_SLOTS) - 0.3)  # a few groups keep bars of a normal width
        self.draw_idle()

    def bar_heights(self) -> list[float]:
        """What the bars show, found then closed (for tests and the accessible description)."""
        axes = self.figure.axes
        return [p.get_height() for p in axes[0].patches if isinstance(p, Rectangle)] if axes else []
