"""Campaign figures like the seeds' reports (domain brief §7.2): per township and month, the enterprises inspected,
hazards found / major / closed / first seen overdue, the rectification rate, documents issued; and their export to
Excel with native charts (openpyxl.chart), so an office can paste them into its report."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, fields
from datetime import date, timedelta
from pathlib import Path

from app.files import write_whole
from app.models.schema_stats import TOWNSHIP_COLUMNS
from app.models.store import Store

UNKNOWN_TOWNSHIP = "（未注明镇街）"


@dataclass
class Figures:
    township: str
    month: str  # YYYY-MM
    enterprises_inspected: int = 0
    hazards_found: int = 0
    major_found: int = 0
    hazards_closed: int = 0
    first_overdue: int = 0
    documents_issued: int = 0
    orders_issued: int = 0  # 责令限期整改指令书
    decisions_issued: int = 0  # 现场处理措施决定书
    enterprises_stopped: int = 0  # ordered to stop work by a decision issued in the month (责令停产停业)

    @property
    def rectification_rate(self) -> float | None:
        """Closed in the month ÷ found in the month (None when nothing was found)."""
        return self.hazards_closed / self.hazards_found if self.hazards_found else None


COLUMNS: tuple[tuple[str, str], ...] = (
    ("township", "镇街"), ("month", "月份"), ("enterprises_inspected", "检查企业数"), ("hazards_found", "发现隐患"),
    ("major_found", "其中重大隐患"), ("hazards_closed", "销号隐患"), ("first_overdue", "新增逾期"),
    ("rectification_rate", "整改率"), ("documents_issued", "出具文书"), ("orders_issued", "责令整改指令书"),
    ("decisions_issued", "现场处理措施决定书"), ("enterprises_stopped", "责令停产停业企业"),
)


COUNTS = tuple(f.name for f in fields(Figures) if f.name not in ("township", "month"))
# stat_township's columns (app/models/schema_stats.py) as the figures they are
_KEPT_AS = ("enterprises_inspected", "hazards_found", "major_found", "hazards_closed", "first_overdue",
            "documents_issued", "orders_issued", "decisions_issued", "enterprises_stopped")


def split_period(start: date, end: date) -> tuple[tuple[str, str] | None, list[tuple[date, date]]]:
    """The whole months of a period (first and last, YYYY-MM; None when it holds none) and the stretches of days
    before and after them."""
    if start > end:
        return None, []
    first_whole = start if start.day == 1 else (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    last_whole_end = end if (end + timedelta(days=1)).day == 1 else end.replace(day=1) - timedelta(days=1)
    if first_whole > last_whole_end:
        return None, [(start, end)]
    cut = []
    if start < first_whole:
        cut.append((start, first_whole - timedelta(days=1)))
    if last_whole_end < end:
        cut.append((last_whole_end + timedelta(days=1), end))
    return (first_whole.isoformat()[:7], last_whole_end.isoformat()[:7]), cut


class _Cells:
    """The figures by (township, month), made when first counted into; `names`: the townships' names by id."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.table: dict[tuple[str, str], Figures] = {}

    def __call__(self, town: str | None, day: str) -> Figures:
        key = (town or UNKNOWN_TOWNSHIP, day[:7])
        if key not in self.table:
            self.table[key] = Figures(*key)
        return self.table[key]

    def of_town(self, town_id: str | None, day: str) -> Figures:
        return self(self.names.get(town_id or ""), day)

    def rows(self) -> list[Figures]:
        return [self.table[key] for key in sorted(self.table)]


class Statistics:
    def __init__(self, store: Store) -> None:
        self.store = store

    def by_township_month(self, start: date, end: date) -> list[Figures]:
        """Every (township, month) with something to count between `start` and `end` (inclusive).

        Whole months are read from the counts the database keeps (app/models/schema_stats.py); the days of a month
        the period cuts are counted from the rows, through the indexes on their dates."""
        cells = _Cells(self._town_names())
        whole, cut = split_period(start, end)
        if whole:
            self._kept(*whole, cells)
        for first, last in cut:
            self._counted(first, last, cells)
        return cells.rows()

    def counted(self, start: date, end: date) -> list[Figures]:
        """The same figures counted from the rows alone, for any period (the reference the kept counts must equal)."""
        cells = _Cells(self._town_names())
        if start <= end:
            self._counted(start, end, cells)
        return cells.rows()

    def _town_names(self) -> dict[str, str]:
        return dict(self.store.db.conn.execute("SELECT id, name FROM org_unit"))

    def _kept(self, first_month: str, last_month: str, cell: _Cells) -> None:
        for town_id, month, *counts in self.store.db.conn.execute(
            f"SELECT township_id, month, {', '.join(TOWNSHIP_COLUMNS)} FROM stat_township WHERE month BETWEEN ? AND ?",
            (first_month, last_month),
        ):
            if any(counts):
                figures = cell.of_town(town_id, month)
                for name, value in zip(_KEPT_AS, counts, strict=True):
                    setattr(figures, name, getattr(figures, name) + value)

    def _counted(self, start: date, end: date, cell: _Cells) -> None:
        # Dates compared as text from the period's first day to the day after its last, so that each query reads
        # its date's index: `date LIKE 'YYYY-MM-DD%'` falls in that range exactly.
        period = {"first": start.isoformat(), "after": (end + timedelta(days=1)).isoformat()}
        conn = self.store.db.conn
        for town, day, enterprises in conn.execute(
            """WITH p AS (SELECT id, started_at, enterprise_id FROM inspection WHERE deleted = 0 AND status != 'VOID'
                          AND started_at >= :first AND started_at < :after),
                    t AS (SELECT id AS inspection_id, enterprise_id FROM p
                          UNION SELECT x.inspection_id, x.enterprise_id FROM inspection_target x
                          JOIN p ON p.id = x.inspection_id WHERE x.deleted = 0)
               SELECT o.name, min(p.started_at), count(DISTINCT t.enterprise_id) FROM p
               JOIN t ON t.inspection_id = p.id JOIN enterprise e ON e.id = t.enterprise_id
               LEFT JOIN org_unit o ON o.id = e.township_id
               GROUP BY o.name, substr(p.started_at, 1, 7)""",
            period,
        ):
            cell(town, day).enterprises_inspected += enterprises
        major = "coalesce(sum(h.grade = 'MAJOR'), 0)"  # read for the day found only: the other indexes lack grade
        for column, names in (("created_at", ("hazards_found", "major_found")), ("closed_on", ("hazards_closed",)),
                              ("overdue_since", ("first_overdue",))):
            for town_id, day, *counts in conn.execute(
                f"""SELECT e.township_id, h.{column}, count(*), {major if column == "created_at" else 0}
                    FROM hazard h JOIN enterprise e ON e.id = h.enterprise_id
                    WHERE h.deleted = 0 AND h.status != 'VOID' AND h.{column} >= :first AND h.{column} < :after
                    GROUP BY 1, substr(h.{column}, 1, 7)""",
                period,
            ):
                figures = cell.of_town(town_id, day)
                for name, value in zip(names, counts, strict=False):
                    setattr(figures, name, getattr(figures, name) + value)
        for town, day, count, orders, decisions, stopped in conn.execute(
            """SELECT o.name, min(d.created_at), count(*), coalesce(sum(d.doc_type = 'ORDER'), 0),
                      coalesce(sum(d.doc_type = 'DECISION'), 0),
                      count(DISTINCT CASE WHEN d.stop_ordered THEN d.enterprise_id END) FROM document d
               JOIN enterprise e ON e.id = d.enterprise_id
               LEFT JOIN org_unit o ON o.id = e.township_id
               WHERE d.deleted = 0 AND d.status != 'VOID' AND d.created_at >= :first AND d.created_at < :after
               GROUP BY o.name, substr(d.created_at, 1, 7)""",
            period,
        ):
            figures = cell(town, day)
            figures.documents_issued += count
            figures.orders_issued += orders
            figures.decisions_issued += decisions
            figures.enterprises_stopped += stopped

    @staticmethod
    def totals(rows: list[Figures], township: str = "合计") -> Figures:
        """The rows summed (an enterprise inspected in two months counts in both)."""
        total = Figures(township, "")
        for row in rows:
            for name in COUNTS:
                setattr(total, name, getattr(total, name) + getattr(row, name))
        return total

    @staticmethod
    def grouped(rows: list[Figures], by: str) -> list[Figures]:
        """The rows summed per township (`by` "township", month left empty) or per month ("month", township left
        empty), in the order of the key."""
        groups: dict[str, list[Figures]] = defaultdict(list)
        for row in rows:
            groups[getattr(row, by)].append(row)
        result = []
        for key in sorted(groups):
            total = Statistics.totals(groups[key], key if by == "township" else "")
            total.month = key if by == "month" else ""
            result.append(total)
        return result


def export_excel(rows: list[Figures], path: Path, title: str) -> Path:
    """One sheet of figures (a total row last) and one bar chart of hazards found and closed per township."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "统计"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([zh for _, zh in COLUMNS])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in [*rows, Statistics.totals(rows)]:
        sheet.append([getattr(row, name) for name, _ in COLUMNS])
    for column, width in zip("ABCDEFGHIJKL", (16, 10, 12, 10, 14, 10, 10, 8, 10, 16, 20, 16), strict=True):
        sheet.column_dimensions[column].width = width
    last = sheet.max_row
    for (cell,) in sheet.iter_rows(min_row=3, max_row=last, min_col=8, max_col=8):
        cell.number_format = "0.0%"

    chart_sheet = book.create_sheet("按镇街")
    chart_sheet.append(["镇街", "发现隐患", "销号隐患"])
    for town in Statistics.grouped(rows, "township"):
        chart_sheet.append([town.township, town.hazards_found, town.hazards_closed])
    chart = BarChart()
    chart.title = "隐患发现与销号（按镇街）"
    chart.y_axis.title = "隐患数"
    data = Reference(chart_sheet, min_col=2, max_col=3, min_row=1, max_row=chart_sheet.max_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(chart_sheet, min_col=1, min_row=2, max_row=chart_sheet.max_row))
    chart.width, chart.height = 18, 9
    chart_sheet.add_chart(chart, "E2")
    return write_whole(path, book.save)


__all__ = ["COLUMNS", "Figures", "Statistics", "export_excel", "split_period"]
