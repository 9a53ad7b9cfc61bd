"""Reading cells and rows: headers mapped to fields, values parsed (dates, counts, roles, yes/no), one row per line."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.errors import UserError, language
from app.models.registry_io.columns import (
    ALIASES,
    DATE,
    FALSE,
    HEADER_SCAN_ROWS,
    IGNORED,
    RISK_SHORT,
    ROLE_ALIASES,
    SPLIT_ROLES,
    SPLIT_TERMS,
    TRUE,
)
from app.models.registry_io.files import empty
from app.models.registry_io.report import RegistryImportError, RowError, problem, row_error
from app.models.uscc import validate_uscc
from app.models.vocab import vocab

# Cell values


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str | None:
    """A cell as text: numbers without a spurious '.0', dates as ISO, blanks as None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def fold(text: str) -> str:
    """Loose comparison key: full-width to half-width, no whitespace, lower case."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def _header_key(header: Any) -> str:
    text = fold(cell_text(header) or "")
    return text.strip("*:：")


def _header_field(header: Any) -> str | None:
    key = _header_key(header)
    if not key:
        return None
    found = _ALIAS_INDEX.get(key)
    if found is None:
        stripped = re.sub(r"\(.*?\)|\[.*?\]|【.*?】", "", key)
        found = _ALIAS_INDEX.get(stripped)
    return found


_ALIAS_INDEX: dict[str, str] = {fold(a): f for f, aliases in ALIASES.items() for a in aliases}


def _parse_employees(value: Any) -> int | None:
    if is_blank(value):
        return None
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float):
        number = int(value) if value.is_integer() else None
    else:
        text = fold(str(value)).removesuffix("人").replace(",", "")
        try:
            as_float = float(text)
        except ValueError:
            as_float = None
        if as_float is not None and as_float.is_integer():
            number = int(as_float)
    if number is None or number < 0:
        raise problem(
            "enterprise.employees",
            "从业人数应为不小于0的整数，而不是“{value}”",
            "Headcount must be a whole number of at least 0, not '{value}'",
            value=cell_text(value),
        )
    return number


@lru_cache(maxsize=1)
def _risk_index() -> dict[str, str]:
    index = {fold(k): v for k, v in RISK_SHORT.items()}
    for code, labels in vocab()["risk_grades"].items():
        index[fold(code)] = code
        index[fold(labels["zh"])] = code
        index[fold(labels["en"])] = code
    return index


def _parse_risk(value: Any) -> str | None:
    text = cell_text(value)
    if text is None:
        return None
    code = _risk_index().get(fold(text))
    if code is None:
        grades = vocab()["risk_grades"]
        raise problem(
            "registry.risk_grade",
            "风险等级“{value}”无效，可选：{allowed_zh}",
            "Invalid risk grade '{value}'; allowed: {allowed_en}",
            value=text,
            allowed_zh="、".join(g["zh"] for g in grades.values()),
            allowed_en=", ".join(g["en"] for g in grades.values()),
        )
    return code


@lru_cache(maxsize=1)
def _role_index() -> dict[str, str]:
    index = {fold(k): v for k, v in ROLE_ALIASES.items()}
    for code, labels in vocab()["enterprise_roles"].items():
        index[fold(code)] = code
        index[fold(labels["zh"])] = code
        index[fold(labels["en"])] = code
    return index


def _parse_roles(value: Any) -> set[str] | None:
    text = cell_text(value)
    if text is None:
        return None
    index = _role_index()
    whole = index.get(fold(text))
    if whole:
        return {whole}
    roles: set[str] = set()
    for token in SPLIT_ROLES.split(unicodedata.normalize("NFKC", text)):
        if not token:
            continue
        code = index.get(fold(token))
        if code is None:
            labels = vocab()["enterprise_roles"]
            raise problem(
                "registry.role",
                "角色“{value}”无效，可选：{allowed_zh}（多个角色用“、”分隔）",
                "Invalid role '{value}'; allowed: {allowed_en} (separate several roles with '、')",
                value=text,
                allowed_zh="、".join(r["zh"] for r in labels.values()),
                allowed_en=", ".join(r["en"] for r in labels.values()),
            )
        roles.add(code)
    return roles


def _parse_bool(value: Any) -> bool | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    key = fold(str(value))
    if key in TRUE:
        return True
    if key in FALSE:
        return False
    raise problem(
        "registry.yes_no",
        "应填“是”或“否”，而不是“{value}”",
        "Expected 是 (yes) or 否 (no), not '{value}'",
        value=cell_text(value),
    )


def parse_date(value: Any) -> str | None:
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
        from openpyxl.utils.datetime import from_excel

        converted = from_excel(value)
        if isinstance(converted, dt.datetime):
            return converted.date().isoformat()
    text = unicodedata.normalize("NFKC", str(value)).strip()
    match = DATE.match(text) or (re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text))
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            pass
    raise problem(
        "registry.date",
        "日期“{value}”无法识别，请写成 2024-03-01 的形式",
        "Cannot read the date '{value}'; write it like 2024-03-01",
        value=cell_text(value),
    )


# Parsed rows


@dataclass
class Row:
    number: int
    cells: dict[str, Any]
    name: str | None = None
    uscc: str | None = None
    roles: set[str] | None = None
    address: str | None = None
    township: str | None = None
    park: str | None = None
    landlord_text: str | None = None
    park_or_landlord: str | None = None
    industry: str | None = None
    employees: int | None = None
    risk_grade: str | None = None
    principal: str | None = None
    principal_phone: str | None = None
    safety_officer: str | None = None
    safety_officer_phone: str | None = None
    # One value for every landlord, or one per landlord in the order of the landlord column ("是、否").
    agreement_signed: list[bool | None] | None = None
    agreement_date: list[str | None] | None = None
    terms: list[tuple[bool | None, str | None]] = field(default_factory=list)  # per landlord: (signed, date)
    # resolved
    match: dict[str, Any] | None = None
    landlords: list[tuple[str, Any]] = field(default_factory=list)  # ("row", index) or ("db", id)
    referenced_as_landlord: bool = False
    enterprise_id: str | None = None


@dataclass
class _Columns:
    fields: dict[int, str]  # column index -> field
    headers: dict[str, str]  # field -> header as written in the file
    header_row: int
    warnings: list[RowError]


def _map_columns(number: int, header: list[Any]) -> _Columns:
    fields: dict[int, str] = {}
    headers: dict[str, str] = {}
    notes: list[RowError] = []
    previous: str | None = None
    for index, cell in enumerate(header):
        text = cell_text(cell)
        found = _header_field(cell)
        if found == "phone":
            if previous == "safety_officer" and "safety_officer_phone" not in headers:
                found = "safety_officer_phone"
            elif previous == "principal" and "principal_phone" not in headers:
                found = "principal_phone"
            elif "principal_phone" not in headers:
                found = "principal_phone"
            elif "safety_officer_phone" not in headers and "safety_officer" in headers:
                found = "safety_officer_phone"
        if found is None or found == "phone":
            if text and _header_key(cell) not in IGNORED:
                notes.append(
                    note(
                        number,
                        text,
                        "未识别的列，已忽略" if found is None else "重复的电话列，已忽略",
                        "unknown column, ignored" if found is None else "duplicate phone column, ignored",
                        "registry.unknown_column",
                    )
                )
            previous = None
            continue
        if found in headers:
            notes.append(
                note(
                    number,
                    text,
                    f"与“{headers[found]}”列重复，已忽略",
                    f"duplicates column {headers[found]}, ignored",
                    "registry.duplicate_column",
                )
            )
            previous = None
            continue
        fields[index] = found
        headers[found] = text or found
        previous = found
    return _Columns(fields, headers, number, notes)


def note(row: int, column: str | None, zh: str, en: str, code: str) -> RowError:
    """A warning or file-level problem written here rather than raised."""
    return RowError(row, column, en if language() == "en" else zh, zh, en, code)


def find_header(path: Path, table: list[tuple[int, list[Any]]]) -> tuple[_Columns, int]:
    """The header row: the first of the top rows with a name column (title rows above it are skipped)."""
    seen = 0
    first: list[Any] | None = None
    for position, (number, cells) in enumerate(table):
        if all(is_blank(c) for c in cells):
            continue
        first = first if first is not None else cells
        if any(_header_field(c) == "name" for c in cells):
            return _map_columns(number, cells), position
        seen += 1
        if seen >= HEADER_SCAN_ROWS:
            break
    if first is None:
        raise empty(path)
    found = "、".join(t for t in (cell_text(c) for c in first) if t) or "-"
    problem = note(
        1, "名称", "缺少“名称”（企业名称）列", "the 名称 (enterprise name) column is missing", "registry.missing_column"
    )
    raise RegistryImportError(
        "registry.missing_column",
        "文件 {file} 缺少“名称”（企业名称）列，未导入任何数据。找到的列：{found}",
        "File {file} has no 名称 (enterprise name) column; nothing was imported. Columns found: {found}",
        [problem],
        file=path.name,
        found=found,
    )


def parse_row(number: int, cells: dict[str, Any], headers: dict[str, str], errors: list[RowError]) -> Row:
    row = Row(number, cells)

    def guard(fld: str, parse: Any) -> Any:
        try:
            return parse(cells.get(fld))
        except UserError as exc:
            errors.append(row_error(number, headers.get(fld, fld), exc))
            return None

    row.name = cell_text(cells.get("name"))
    if row.name is None:
        errors.append(
            row_error(
                number,
                headers["name"],
                problem("field.required", "{label}不能为空", "{field} is required", label="企业名称", field="name"),
            )
        )
    raw_uscc = cell_text(cells.get("uscc"))
    row.uscc = guard("uscc", lambda v: validate_uscc(unicodedata.normalize("NFKC", raw_uscc)) if raw_uscc else None)
    row.roles = guard("roles", _parse_roles)
    for name in (
        "address",
        "township",
        "park",
        "industry",
        "principal",
        "principal_phone",
        "safety_officer",
        "safety_officer_phone",
    ):
        setattr(row, name, cell_text(cells.get(name)))
    row.landlord_text = cell_text(cells.get("landlord"))
    row.park_or_landlord = cell_text(cells.get("park_or_landlord"))
    row.employees = guard("employees", _parse_employees)
    row.risk_grade = guard("risk_grade", _parse_risk)
    row.agreement_signed = guard("agreement_signed", lambda v: _per_landlord(v, _parse_bool))
    row.agreement_date = guard("agreement_date", lambda v: _per_landlord(v, parse_date))
    return row


def _per_landlord(value: Any, parse: Any) -> list[Any] | None:
    """A cell holding one value, or several separated by 、 (one per landlord)."""
    if is_blank(value):
        return None
    if isinstance(value, str) and SPLIT_TERMS.search(value):
        return [parse(part) for part in SPLIT_TERMS.split(value)]
    return [parse(value)]
