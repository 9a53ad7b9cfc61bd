"""The printable statistics report: the figures by township and month as a table and a bar chart of hazards found
and closed per township (reportlab.graphics), in the documents' font."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.documents.layout import CELL_FONT, FONT, FONT_BOLD, paragraph_style, register_fonts
from app.files import write_whole
from app.models.statistics import COLUMNS, Figures, Statistics

FOUND, CLOSED = colors.Color(0.70, 0.15, 0.11), colors.Color(0.12, 0.49, 0.20)


def _cell(value: object) -> str:
    if value is None:
        return "—"
    return f"{value:.0%}" if isinstance(value, float) else str(value)


def _chart(rows: list[Figures], width: float) -> Drawing:
    towns = Statistics.grouped(rows, "township") or [Figures("—", "")]
    drawing = Drawing(width, 70 * mm)
    drawing.initialFontName = FONT  # else the drawing starts in reportlab's unembedded Helvetica
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 15 * mm, 12 * mm, width - 60 * mm, 50 * mm
    chart.data = [[t.hazards_found for t in towns], [t.hazards_closed for t in towns]]
    chart.categoryAxis.categoryNames = [t.township for t in towns]
    chart.categoryAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor, chart.bars[1].fillColor = FOUND, CLOSED
    legend = Legend()
    legend.x, legend.y = width - 40 * mm, 55 * mm
    legend.fontName = FONT
    legend.colorNamePairs = [(FOUND, "发现隐患"), (CLOSED, "销号隐患")]
    drawing.add(chart)
    drawing.add(legend)
    return drawing


def render_statistics(rows: list[Figures], title: str) -> bytes:
    """A4 landscape PDF: title, the table (a total row last), the chart."""
    register_fonts()
    out = io.BytesIO()
    page_w, _ = landscape(A4)
    doc = SimpleDocTemplate(out, pagesize=landscape(A4), leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm, title=title, author="FieldSafe",
                            initialFontName=FONT)
    cell = paragraph_style("cell", fontSize=8.5, leading=11)
    head = paragraph_style("head", fontName=FONT_BOLD, fontSize=8.5, leading=11)
    data = [[Paragraph(zh, head) for _, zh in COLUMNS]]
    data += [
        [Paragraph(_cell(getattr(r, name)), cell) for name, _ in COLUMNS] for r in [*rows, Statistics.totals(rows)]
    ]
    table = Table(data, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                CELL_FONT,
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.94, 0.94, 0.94)),
                ("BACKGROUND", (0, -1), (-1, -1), colors.Color(0.97, 0.97, 0.97)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    story = [
        Paragraph(title, paragraph_style("report_title", fontName=FONT_BOLD, fontSize=16, leading=22)),
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 6 * mm),
        _chart(rows, page_w - 30 * mm),
    ]
    doc.build(story)
    return out.getvalue()


__all__ = ["render_statistics"]


def save_statistics(rows: list[Figures], title: str, path: Path) -> Path:
    """The report written to `path` whole (through a .part file), so a failed render leaves no half PDF."""
    data = render_statistics(rows, title)
    return write_whole(path, lambda part: part.write_bytes(data))
