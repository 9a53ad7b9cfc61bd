"""比对检查 (domain brief §5.6): an enterprise's own self-inspection list for a period, imported from its Excel file,
set against what the officers found in the same period.

- `self_found`: the hazards in the enterprise's list (its rows judged 不符合);
- `reg_found`: the hazards officers found (any source but the enterprise's own self-inspection);
- `missed`: the officers' hazards on items the enterprise had marked compliant;
- `self_detection_rate` = self_found ÷ (self_found + missed);
- `false_ok_items`: items it marked compliant that officers found not compliant (possibly untrue records,
  安全生产法 Art. 41 / 97(5)).

An import is all or nothing: every row is checked first, and a file with any bad row is refused with the rows named.
The file's layout (headers, the words for each conclusion, limits) is data in resources/comparison/selfcheck.toml.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.errors import ContentError, UserError, ValidationError, localized
from app.files import write_whole
from app.models.datafile import read_toml
from app.models.inspections import Inspections, applicable_items_for
from app.models.registry import SAME_FIRM
from app.models.registry_io.cells import cell_text, fold, is_blank, parse_date
from app.models.registry_io.columns import HEADER_SCAN_ROWS, MAX_LISTED_ERRORS
from app.models.registry_io.files import read_table
from app.models.registry_io.report import RegistryImportError, RowError, row_error
from app.models.templates import Templates
from app.resources import resource_path

FIELDS = ("item_code", "item_title", "verdict", "description", "found_on")
VERDICTS = ("COMPLIANT", "NONCOMPLIANT", "NOT_APPLICABLE")


@dataclass(frozen=True)
class FileLayout:
    columns: dict[str, tuple[str, ...]]
    verdicts: dict[str, str]  # folded word -> verdict
    max_rows: int
    max_text: int

    def header(self, field: str) -> str:
        return self.columns[field][0]


def load_layout(path: Path | None = None) -> FileLayout:
    path = path or resource_path("comparison", "selfcheck.toml")
    data = read_toml(path)
    columns, words = data.get("columns") or {}, data.get("verdicts") or {}
    if set(columns) != set(FIELDS) or not all(isinstance(v, list) and v and all(isinstance(a, str) for a in v)
                                               for v in columns.values()):
        raise ContentError(path.name, "columns", f"须为 {'、'.join(FIELDS)} 的表头列表",
                           f"must list the headers of {', '.join(FIELDS)}")
    if set(words) != set(VERDICTS):
        raise ContentError(path.name, "verdicts", f"须列出 {'、'.join(VERDICTS)} 的写法",
                           f"must list the words for {', '.join(VERDICTS)}")
    folded: dict[str, str] = {}
    for verdict, aliases in words.items():
        for word in aliases:
            if folded.setdefault(fold(str(word)), verdict) != verdict:
                raise ContentError(path.name, f"verdicts.{verdict}", f"“{word}”同时表示两种结论",
                                   f"'{word}' stands for two conclusions")
    limits = {k: data.get(k) for k in ("max_rows", "max_text")}
    if not all(type(v) is int and v > 0 for v in limits.values()):
        raise ContentError(path.name, "max_rows", "max_rows、max_text 须为正整数",
                           "max_rows and max_text must be positive")
    return FileLayout({k: tuple(v) for k, v in columns.items()}, folded, int(limits["max_rows"] or 0),
                      int(limits["max_text"] or 0))


@lru_cache(maxsize=1)
def shipped_layout() -> FileLayout:
    return load_layout()


@dataclass(frozen=True)
class SelfLine:
    row: int  # the spreadsheet row it came from
    item_code: str
    verdict: str
    description: str | None
    found_on: str | None


@dataclass(frozen=True)
class MissedHazard:
    id: str
    item_code: str
    description: str
    found_on: str


@dataclass(frozen=True)
class ComparisonResult:
    self_check_id: str
    enterprise_id: str
    period_from: str
    period_to: str
    self_found: int
    reg_found: int
    missed: tuple[MissedHazard, ...]
    false_ok_items: tuple[str, ...]

    @property
    def self_detection_rate(self) -> float | None:
        """None when neither side found anything: there was nothing to detect."""
        total = self.self_found + len(self.missed)
        return self.self_found / total if total else None


class Comparisons:
    def __init__(self, inspections: Inspections, layout: FileLayout | None = None) -> None:
        self.inspections = inspections
        self.store = inspections.store
        self.templates = Templates(self.store)
        self.layout = layout or shipped_layout()

    # The file

    def item_codes(self) -> dict[str, str]:
        """Code -> title of every item of the current checklist."""
        checklist = self.templates.checklist(self.templates.current_checklist_id())
        return {item.code: item.title_zh for item in checklist.items}

    def write_template(self, enterprise_id: str, path: Path) -> int:
        """An .xlsx with the headers and one row per checklist item that applies to the enterprise, for it to fill
        in; the number of items written."""
        from openpyxl import Workbook
        from openpyxl.styles import Font

        enterprise = self.store.require("enterprise", enterprise_id)
        checklist = self.templates.checklist(self.templates.current_checklist_id())
        items = applicable_items_for(checklist, enterprise)
        book = Workbook()
        sheet = book.active
        sheet.title = localized("自查台账", "Self-inspection")
        sheet.append([self.layout.header(f) for f in FIELDS])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for item in items:
            sheet.append([item.code, item.title_zh, None, None, None])
        for column, width in zip("ABCDE", (12, 40, 12, 50, 14), strict=True):
            sheet.column_dimensions[column].width = width
        write_whole(path, book.save)
        return len(items)

    def read_file(self, path: Path) -> list[SelfLine]:
        """The file's rows as self-inspection lines; every bad row is reported at once, nothing is half read."""
        table = read_table(path)
        header_row, columns = self._header(path, table)
        codes = self.item_codes()
        lines, errors = [], []
        for number, cells in table:
            if number <= header_row or all(is_blank(c) for c in cells):
                continue
            values = {f: cells[i] if i < len(cells) else None for f, i in columns.items()}
            try:
                lines.append(self._line(number, values, codes))
            except UserError as exc:
                errors.append(row_error(number, self._column_of(exc), exc))
            if len(lines) + len(errors) > self.layout.max_rows:
                raise UserError("selfcheck.too_many_rows", "文件 {file} 超过 {max} 行，请按期间分开导入",
                                "File {file} has more than {max} rows; import one period at a time",
                                file=path.name, max=self.layout.max_rows)
        errors += self._contradictions(lines)
        if errors:
            errors.sort(key=lambda e: e.row)
            listed = errors[:MAX_LISTED_ERRORS]
            raise RegistryImportError("selfcheck.rows", "{file} 有 {n} 处错误，未导入：{listed_zh}",
                                      "{file} has {n} error(s) and was not imported: {listed_en}", errors,
                                      file=path.name, n=len(errors), listed_zh="；".join(e.text("zh") for e in listed),
                                      listed_en="; ".join(e.text("en") for e in listed))
        if not lines:
            raise UserError("selfcheck.empty", "{file} 中没有自查记录", "{file} holds no self-inspection rows",
                            file=path.name)
        return lines

    def _header(self, path: Path, table: list[tuple[int, list[Any]]]) -> tuple[int, dict[str, int]]:
        aliases = {fold(a): f for f, names in self.layout.columns.items() for a in names}
        for number, cells in table[:HEADER_SCAN_ROWS]:
            found: dict[str, int] = {}
            for i, cell in enumerate(cells):
                field = aliases.get(fold(cell_text(cell) or ""))
                if field and field not in found:
                    found[field] = i
            if "item_code" in found:
                if "verdict" not in found:
                    break
                return number, found
        raise UserError("selfcheck.no_header", "{file} 中找不到“{item}”和“{verdict}”列",
                        "{file} has no '{item}' and '{verdict}' columns", file=path.name,
                        item=self.layout.header("item_code"), verdict=self.layout.header("verdict"))

    def _line(self, number: int, values: dict[str, Any], codes: dict[str, str]) -> SelfLine:
        code = fold(cell_text(values.get("item_code")) or "").upper()
        if code not in codes:
            raise _cell("item_code", "selfcheck.item", "检查事项编号“{value}”不在检查清单中",
                        "'{value}' is not an item of the checklist", value=code)
        word = fold(cell_text(values.get("verdict")) or "")
        verdict = self.layout.verdicts.get(word)
        if verdict is None:
            raise _cell("verdict", "selfcheck.verdict", "自查结论“{value}”无法识别（写“符合”“不符合”或“不适用”）",
                        "Cannot read the conclusion '{value}' (write compliant, non-compliant or not applicable)",
                        value=cell_text(values.get("verdict")) or "")
        description = cell_text(values.get("description"))
        if verdict == "NONCOMPLIANT" and not description:
            raise _cell("description", "selfcheck.description", "不符合的事项须写明隐患描述",
                        "A non-compliant item needs a description of the hazard")
        if description and len(description) > self.layout.max_text:
            raise _cell("description", "selfcheck.long", "隐患描述过长（最多 {max} 字）",
                        "The description is too long (at most {max} characters)", max=self.layout.max_text)
        try:
            found_on = parse_date(values.get("found_on"))
        except UserError as exc:
            raise _cell("found_on", exc.code, "{reason_zh}", "{reason_en}", reason_zh=exc.zh, reason_en=exc.en) from exc
        return SelfLine(number, code, verdict, description, found_on)

    def _contradictions(self, lines: Sequence[SelfLine]) -> list[RowError]:
        """An item marked compliant (or not applicable) on one row and anything else on another."""
        first: dict[str, SelfLine] = {}
        errors = []
        for line in lines:
            seen = first.setdefault(line.item_code, line)
            if seen is not line and (line.verdict != "NONCOMPLIANT" or seen.verdict != "NONCOMPLIANT"):
                errors.append(RowError(line.row, None, "", code="selfcheck.contradiction", zh=(
                    f"事项 {line.item_code} 与第 {seen.row} 行的结论重复或矛盾"
                    "（同一事项只能合格一次，或逐条列出隐患）"),
                    en=(f"item {line.item_code} repeats or contradicts row {seen.row} (an item is compliant once, or "
                        "lists its hazards one per row)")))
        return errors

    def _column_of(self, exc: UserError) -> str | None:
        field = exc.params.get("field")
        return self.layout.header(str(field)) if field else None

    # Importing and reading back

    def import_file(self, enterprise_id: str, path: Path, period_from: date, period_to: date) -> str:
        """Record the enterprise's list for the period; returns the new comparison's id."""
        if period_to < period_from:
            raise ValidationError("selfcheck.period", "比对期间的结束日期早于开始日期",
                                  "The comparison period ends before it starts")
        self.store.require("enterprise", enterprise_id)
        lines = self.read_file(path)
        outside = [line for line in lines if line.found_on and not
                   period_from.isoformat() <= line.found_on <= period_to.isoformat()]
        if outside:
            rows = "、".join(str(line.row) for line in outside[:MAX_LISTED_ERRORS])
            raise ValidationError("selfcheck.outside", "第 {rows} 行的发现日期不在比对期间 {start} 至 {end} 内",
                                  "Row(s) {rows}: the date is outside the period {start} to {end}",
                                  rows=rows, start=period_from, end=period_to)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        with self.store.transaction():
            check_id = self.store.insert("self_check", {
                "enterprise_id": enterprise_id, "period_from": period_from.isoformat(),
                "period_to": period_to.isoformat(), "source_name": path.name[:200], "source_sha256": digest,
                "imported_at": self.inspections.now().isoformat(timespec="seconds")})
            for line in lines:
                self.store.insert("self_check_line", {
                    "self_check_id": check_id, "item_code": line.item_code, "verdict": line.verdict,
                    "description": line.description, "found_on": line.found_on})
        return check_id

    def delete(self, self_check_id: str) -> None:
        with self.store.transaction():
            self.store.require("self_check", self_check_id)
            for (line_id,) in self.store.db.conn.execute(
                    "SELECT id FROM self_check_line WHERE self_check_id = ? AND deleted = 0", (self_check_id,)
            ).fetchall():
                self.store.delete("self_check_line", line_id)
            self.store.delete("self_check", self_check_id)

    def checks(self, enterprise_ids: Iterable[str]) -> list[dict[str, Any]]:
        """The enterprise's imported lists, the newest period first."""
        ids = tuple(enterprise_ids)
        return self.store.query(
            f"SELECT * FROM self_check WHERE deleted = 0 AND enterprise_id IN ({', '.join('?' * len(ids))}) "
            "ORDER BY period_to DESC, imported_at DESC, id DESC", ids)

    def lines(self, self_check_id: str) -> list[dict[str, Any]]:
        return self.store.query(
            "SELECT * FROM self_check_line WHERE self_check_id = ? AND deleted = 0 ORDER BY item_code, id",
            (self_check_id,))

    def latest(self, enterprise_ids: Iterable[str], since: date) -> ComparisonResult | None:
        """The comparison of the newest list whose period reaches `since` or later."""
        for check in self.checks(enterprise_ids):
            if check["period_to"] >= since.isoformat():
                return self.result(check["id"])
        return None

    def result(self, self_check_id: str) -> ComparisonResult:
        check = self.store.require("self_check", self_check_id)
        lines = self.lines(self_check_id)
        ok_items = {line["item_code"] for line in lines if line["verdict"] == "COMPLIANT"}
        period = {"e": check["enterprise_id"], "start": check["period_from"], "end": check["period_to"]}
        officers = self.store.query(
            f"""SELECT id, item_code, description, substr(created_at, 1, 10) AS day FROM hazard
                WHERE deleted = 0 AND status NOT IN ('VOID', 'DRAFT') AND source != 'SELF_CHECK'
                AND enterprise_id IN {SAME_FIRM} AND substr(created_at, 1, 10) BETWEEN :start AND :end
                ORDER BY created_at, id""", period)
        missed = tuple(MissedHazard(h["id"], h["item_code"], h["description"], h["day"])
                       for h in officers if h["item_code"] in ok_items)
        judged_not = {r["item_code"] for r in self.store.query(
            f"""SELECT DISTINCT r.item_code FROM item_result r JOIN inspection i ON i.id = r.inspection_id
                WHERE r.deleted = 0 AND i.deleted = 0 AND i.status != 'VOID' AND r.verdict = 'NONCOMPLIANT'
                AND r.enterprise_id IN {SAME_FIRM} AND substr(i.started_at, 1, 10) BETWEEN :start AND :end""", period)}
        false_ok = sorted(ok_items & (judged_not | {h.item_code for h in missed}))
        return ComparisonResult(
            self_check_id, check["enterprise_id"], check["period_from"], check["period_to"],
            self_found=sum(line["verdict"] == "NONCOMPLIANT" for line in lines), reg_found=len(officers),
            missed=missed, false_ok_items=tuple(false_ok))


def _cell(field: str, code: str, zh: str, en: str, **params: object) -> ValidationError:
    return ValidationError(code, zh, en, field=field, **params)


__all__ = ["ComparisonResult", "Comparisons", "FileLayout", "MissedHazard", "SelfLine", "load_layout",
           "shipped_layout"]
