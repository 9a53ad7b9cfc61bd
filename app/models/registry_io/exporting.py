"""Exporting the registry as the register offices keep (.xlsx with widths and a frozen header, or .csv)."""

from __future__ import annotations

import csv
import os
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import UserError, ValidationError
from app.models.registry import Registry
from app.models.registry_io.columns import COLUMNS, HEADERS, SHEET_NAME
from app.models.registry_io.importing import import_registry, registry_of
from app.models.registry_io.report import ImportReport, RegistryImportError, RowError
from app.models.vocab import vocab

if TYPE_CHECKING:
    from app.models.workspace import Workspace

# Export


def _export_rows(registry: Registry) -> list[list[Any]]:
    conn = registry.store.db.conn
    names: dict[str, tuple[str, str | None]] = {}
    name_counts: dict[str, int] = {}
    for eid, name, uscc in conn.execute("SELECT id, name, uscc FROM enterprise WHERE deleted = 0"):
        names[eid] = (name, uscc)
        name_counts[name] = name_counts.get(name, 0) + 1
    leases: dict[str, list[tuple[str, bool, str | None]]] = {}
    for tenant_id, landlord_id, signed, date in conn.execute(
        """SELECT l.tenant_id, l.landlord_id, l.agreement_signed, l.agreement_date FROM lease l
           JOIN enterprise lo ON lo.id = l.landlord_id WHERE l.deleted = 0 ORDER BY lo.name, lo.uscc, l.id"""
    ):
        if landlord_id in names:
            leases.setdefault(tenant_id, []).append((landlord_id, bool(signed), date))
    roles = vocab()["enterprise_roles"]
    grades = vocab()["risk_grades"]

    def landlord_label(eid: str) -> str:
        name, uscc = names[eid]
        return uscc if name_counts[name] > 1 and uscc else name

    out: list[list[Any]] = []
    for r in registry.iter_export_rows():
        own = leases.get(r["id"], [])
        flags = [code for code in ("landlord", "tenant", "operator") if r[f"is_{code}"]]
        principal_phone = r["principal_phone"] if r["principal"] else r["phone"]
        signed = ["是" if s else "否" for _, s, _ in own]
        dates = [d or "" for _, _, d in own]
        record = {
            "name": r["name"],
            "uscc": r["uscc"],
            "roles": "、".join(roles[c]["zh"] for c in flags if c in roles) or None,
            "address": r["address"],
            "township": r["township"],
            "park": r["park"],
            "landlord": "、".join(landlord_label(lid) for lid, _, _ in own) or None,
            "industry": r["industry"],
            "employees": r["employees"],
            "risk_grade": grades[r["risk_grade"]]["zh"] if r["risk_grade"] in grades else r["risk_grade"],
            "principal": r["principal"],
            "principal_phone": principal_phone,
            "safety_officer": r["safety_officer"],
            "safety_officer_phone": r["safety_officer_phone"],
            "agreement_signed": _one_or_each(signed),
            "agreement_date": _one_or_each(dates),
        }
        out.append([record[f] for _, f in COLUMNS])
    return out


def _one_or_each(values: list[str]) -> str | None:
    """One value when all leases agree, else one per landlord in the landlord column's order."""
    if len(set(values)) <= 1:
        return values[0] or None if values else None
    return "、".join(values)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    # Excel turns long digit strings into rounded numbers and drops leading zeros; a leading tab keeps them text
    # (the importer strips it).
    if text.isdigit() and (len(text) > 11 or text.startswith("0")):
        return "\t" + text
    return text


def _display_width(value: Any) -> int:
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _write_csv(tmp: Path, rows: list[list[Any]]) -> None:
    with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HEADERS)
        for row in rows:
            writer.writerow([_csv_cell(v) for v in row])


def _write_xlsx(tmp: Path, rows: list[list[Any]]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET_NAME)
    for index, header in enumerate(HEADERS):
        width = max([_display_width(header)] + [_display_width(r[index]) for r in rows[:2000]])
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(width + 2, 8), 50)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in HEADERS:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        cells: list[Any] = []
        for value in row:
            if isinstance(value, str) and value.startswith("="):
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"  # text, not a formula
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
    book.save(tmp)


def export_registry(target: Registry | Workspace, path: Path | str) -> int:
    """Write every enterprise to `path` (.csv as UTF-8 with BOM, or .xlsx); return the number of rows written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValidationError(
            "registry.export_type",
            "无法导出为 {file}：文件名应以 .xlsx 或 .csv 结尾",
            "Cannot export to {file}: the file name must end in .xlsx or .csv",
            file=path.name,
        )
    rows = _export_rows(registry_of(target))
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        if suffix == ".csv":
            _write_csv(tmp, rows)
        else:
            _write_xlsx(tmp, rows)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(
            "registry.write_failed",
            "无法写入文件 {file}：{reason}",
            "Cannot write file {file}: {reason}",
            file=path.name,
            reason=exc.strerror or str(exc),
        ) from exc
    return len(rows)


__all__ = [
    "COLUMNS",
    "HEADERS",
    "ImportReport",
    "RegistryImportError",
    "RowError",
    "export_registry",
    "import_registry",
]
