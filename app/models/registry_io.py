"""Enterprise register import and export: the Excel/CSV tables township offices keep, with Chinese headers.

Import is all-or-nothing: every row is checked first and every problem is reported with the row number the
spreadsheet shows (header = row 1 unless title rows sit above it) and the column header; only a clean file is written,
in one transaction. Import is idempotent: enterprises are matched by credit code, else by exact name and township,
and only fields that differ are written, so importing the same file twice (or re-importing an export) changes
nothing. A blank cell never clears a stored value.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import UserError, ValidationError, language
from app.models.registry import Registry
from app.models.uscc import normalize_uscc, validate_uscc
from app.models.vocab import vocab

if TYPE_CHECKING:
    from app.models.workspace import Workspace

# Export columns, in order: (header, field).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("名称", "name"),
    ("统一社会信用代码", "uscc"),
    ("角色", "roles"),
    ("地址", "address"),
    ("镇街", "township"),
    ("所属园区", "park"),
    ("出租方", "landlord"),
    ("行业", "industry"),
    ("从业人数", "employees"),
    ("风险等级", "risk_grade"),
    ("主要负责人", "principal"),
    ("负责人电话", "principal_phone"),
    ("安全员", "safety_officer"),
    ("安全员电话", "safety_officer_phone"),
    ("安全协议签订", "agreement_signed"),
    ("协议签订日期", "agreement_date"),
)
HEADERS: tuple[str, ...] = tuple(h for h, _ in COLUMNS)
SHEET_NAME = "企业名录"

# Pseudo-fields only used on import: a "phone" column is assigned to the person named in the column before it;
# "park_or_landlord" is the combined 所属园区/出租方 column.
_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("名称", "企业名称", "单位名称", "企业单位名称", "企业全称", "公司名称", "单位全称", "name", "enterprise"),
    "uscc": (
        "统一社会信用代码", "社会信用代码", "统一信用代码", "信用代码", "统一代码", "统一社会信用代码/注册号",
        "统一社会信用代码或注册号", "注册号", "工商注册号", "uscc", "creditcode",
    ),
    "roles": ("角色", "企业角色", "租赁角色", "身份", "出租/承租", "出租承租", "role", "roles"),
    "address": ("地址", "企业地址", "经营地址", "生产经营地址", "生产地址", "注册地址", "详细地址", "地点", "address"),
    "township": (
        "镇街", "镇街道", "镇", "乡镇", "街道", "乡镇街道", "镇/街道", "乡镇/街道", "所属镇街", "所属乡镇", "所属街道",
        "所属镇", "所在镇街", "township",
    ),
    "park": ("所属园区", "园区", "园区名称", "所在园区", "小微园区", "park"),
    "landlord": (
        "出租方", "出租方名称", "出租企业", "出租单位", "出租人", "房东", "出租方企业名称", "出租方企业", "landlord",
    ),
    "park_or_landlord": ("所属园区/出租方", "园区/出租方", "所属园区或出租方", "所在园区/出租方", "园区或出租方"),
    "industry": ("行业", "所属行业", "行业类别", "行业类型", "行业分类", "国民经济行业", "industry"),
    "employees": ("从业人数", "从业人员数", "从业人员数量", "员工人数", "职工人数", "人数", "从业人员", "employees"),
    "risk_grade": ("风险等级", "风险分级", "安全风险等级", "风险级别", "risk", "riskgrade"),
    "principal": (
        "主要负责人", "负责人", "企业负责人", "主要负责人姓名", "负责人姓名", "法定代表人", "法人代表", "法人",
        "principal",
    ),
    "principal_phone": (
        "负责人电话", "主要负责人电话", "负责人联系电话", "主要负责人联系电话", "负责人手机", "法人电话",
        "法定代表人电话", "principalphone",
    ),
    "phone": ("联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "电话号码", "phone"),
    "safety_officer": (
        "安全员", "安全员姓名", "安全管理人员", "安全生产管理人员", "安全负责人", "专职安全员", "兼职安全员",
        "专兼职安全员", "safetyofficer",
    ),
    "safety_officer_phone": (
        "安全员电话", "安全员联系电话", "安全员手机", "安全管理人员电话", "安全管理人员联系电话", "安全负责人电话",
        "safetyofficerphone",
    ),
    "agreement_signed": (
        "安全协议签订", "是否签订安全协议", "签订安全协议", "安全协议", "安全管理协议", "安全生产管理协议",
        "是否签订安全管理协议", "是否签订安全生产管理协议", "安全协议签订情况", "agreementsigned",
    ),
    "agreement_date": ("协议签订日期", "签订日期", "安全协议签订日期", "协议日期", "签订时间", "agreementdate"),
}
_IGNORED = frozenset({"序号", "编号", "序", "no", "no.", "#"})

_ROLE_ALIASES: dict[str, str] = {
    **{a: "landlord" for a in ("出租方", "出租企业", "出租单位", "出租人", "出租", "房东", "业主")},
    **{a: "tenant" for a in ("承租方", "承租企业", "承租单位", "承租人", "承租", "租户", "入驻企业")},
    **{
        a: "operator"
        for a in ("园区运营方", "运营方", "经营方", "园区经营方", "运营管理单位", "园区运营管理单位", "物业", "物业服务企业")
    },
}
_TRUE = frozenset({"是", "已签", "已签订", "签订", "已签署", "有", "y", "yes", "true", "1", "√", "✓", "✔"})
_FALSE = frozenset({"否", "未签", "未签订", "没有", "无", "n", "no", "false", "0", "×", "✗", "✘", "x"})
_RISK_SHORT: dict[str, str] = {
    **{a: "RED" for a in ("红", "红色", "重大", "重大风险", "红色风险")},
    **{a: "ORANGE" for a in ("橙", "橙色", "较大", "较大风险", "橙色风险")},
    **{a: "YELLOW" for a in ("黄", "黄色", "一般", "一般风险", "黄色风险")},
    **{a: "BLUE" for a in ("蓝", "蓝色", "低", "低风险", "蓝色风险")},
}
_SPLIT_LANDLORDS = re.compile(r"[、;；\n]+")
_SPLIT_TERMS = re.compile(r"[、;；]")
_SPLIT_ROLES = re.compile(r"[、,，/;；\s]+")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_HEADER_SCAN_ROWS = 10
_MAX_LISTED_ERRORS = 50


# Results and errors


@dataclass(frozen=True)
class RowError:
    """One problem in an imported file: spreadsheet row number (header = 1), column header, reason."""

    row: int
    column: str | None
    message: str
    zh: str = ""
    en: str = ""
    code: str = ""

    def text(self, lang: str | None = None) -> str:
        lang = lang or language()
        reason = (self.en if lang == "en" else self.zh) or self.message
        if lang == "en":
            return f"Row {self.row}, column {self.column}: {reason}" if self.column else f"Row {self.row}: {reason}"
        return f"第 {self.row} 行“{self.column}”列：{reason}" if self.column else f"第 {self.row} 行：{reason}"

    def __str__(self) -> str:
        return self.text()


class RegistryImportError(UserError):
    """The file was refused; nothing was written. `.errors` lists every problem found."""

    def __init__(self, code: str, zh: str, en: str, errors: Sequence[RowError], **params: object) -> None:
        super().__init__(code, zh, en, **params)
        self.errors: list[RowError] = list(errors)


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged

    def describe(self) -> str:
        template = (
            "Imported {rows} rows: {created} new, {updated} updated, {unchanged} unchanged"
            if language() == "en"
            else "已导入 {rows} 行：新增 {created}，更新 {updated}，未变 {unchanged}"
        )
        return template.format(rows=self.rows, created=self.created, updated=self.updated, unchanged=self.unchanged)


def _row_error(row: int, column: str | None, exc: UserError) -> RowError:
    return RowError(row, column, exc.message, exc.zh, exc.en, exc.code)


def _problem(code: str, zh: str, en: str, **params: object) -> ValidationError:
    return ValidationError(code, zh, en, **params)


# Reading files


def _file_error(code: str, path: Path, zh: str, en: str, **params: object) -> UserError:
    return UserError(code, zh, en, file=path.name, **params)


def _read_table(path: Path) -> list[tuple[int, list[Any]]]:
    """(spreadsheet row number, cell values) for every row of the file; raises UserError naming the file."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".txt", ".xlsx", ".xlsm"):
        hint_zh = "，请在 Excel 中另存为 .xlsx 或 .csv" if suffix in (".xls", ".et", ".ods", ".numbers") else ""
        hint_en = "; save it from Excel as .xlsx or .csv" if hint_zh else ""
        raise _file_error(
            "registry.unsupported_type",
            path,
            "不支持的文件类型：{file}（只能导入 .xlsx 或 .csv 文件）{hint_zh}",
            "Unsupported file type: {file} (only .xlsx and .csv files can be imported){hint_en}",
            hint_zh=hint_zh,
            hint_en=hint_en,
        )
    if path.is_dir():
        raise _file_error(
            "registry.unreadable", path, "无法读取 {file}：这是文件夹而不是文件", "Cannot read {file}: it is a folder, not a file"
        )
    try:
        data = path.read_bytes() if suffix in (".csv", ".txt") else None
        size = path.stat().st_size
    except OSError as exc:
        raise _file_error(
            "registry.unreadable",
            path,
            "无法读取文件 {file}：{reason}",
            "Cannot read file {file}: {reason}",
            reason=exc.strerror or str(exc),
        ) from exc
    if size == 0:
        raise _empty(path)
    rows = _read_csv(path, data) if data is not None else _read_xlsx(path)
    return rows


def _empty(path: Path) -> UserError:
    return _file_error("registry.empty", path, "文件 {file} 是空的，没有可导入的企业", "File {file} is empty: no enterprises to import")


def _bad_file(path: Path, zh_reason: str, en_reason: str) -> UserError:
    return _file_error(
        "registry.bad_file",
        path,
        "无法读取文件 {file}：{zh_reason}",
        "Cannot read file {file}: {en_reason}",
        zh_reason=zh_reason,
        en_reason=en_reason,
    )


def _decode(path: Path, data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        raise _bad_file(path, "这是一个 Excel 工作簿，请把扩展名改为 .xlsx", "it is an Excel workbook; rename it to .xlsx")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    elif data.startswith(b"\xef\xbb\xbf"):
        encodings = ("utf-8-sig",)
    else:
        encodings = ("utf-8", "gb18030")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise _bad_file(path, "不是 UTF-8 或 GBK 编码的文本表格", "not a text table in UTF-8 or GBK encoding")


def _read_csv(path: Path, data: bytes) -> list[tuple[int, list[Any]]]:
    text = _decode(path, data)
    if not text.strip():
        raise _empty(path)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    try:
        return [(i, row) for i, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1)]
    except csv.Error as exc:
        raise _bad_file(path, f"CSV 格式错误（{exc}）", f"malformed CSV ({exc})") from exc


def _read_xlsx(path: Path) -> list[tuple[int, list[Any]]]:
    if not zipfile.is_zipfile(path):
        raise _bad_file(path, "不是有效的 .xlsx 文件（文件已损坏或并非 Excel 工作簿）", "not a valid .xlsx file (damaged, or not an Excel workbook)")
    import openpyxl  # local: only import needs it, and it is slow to load

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            try:
                if not book.worksheets:
                    raise _empty(path)
                sheet = book[SHEET_NAME] if SHEET_NAME in book.sheetnames else book.worksheets[0]
                if not hasattr(sheet, "iter_rows"):  # a chart sheet
                    raise _bad_file(path, "第一个工作表不是数据表", "the first sheet is not a worksheet")
                sheet.reset_dimensions()  # the stored dimension is often wrong in files from other programs
                rows = [(i, list(row)) for i, row in enumerate(sheet.iter_rows(min_row=1, values_only=True), 1)]
            finally:
                book.close()
    except UserError:
        raise
    except Exception as exc:  # openpyxl raises many kinds (KeyError, ValueError, zipfile errors …) on damaged files
        raise _bad_file(path, f"Excel 文件已损坏（{exc}）", f"the Excel file is damaged ({exc})") from exc
    return rows


# Cell values


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str | None:
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


def _fold(text: str) -> str:
    """Loose comparison key: full-width to half-width, no whitespace, lower case."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def _header_key(header: Any) -> str:
    text = _fold(_text(header) or "")
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


_ALIAS_INDEX: dict[str, str] = {_fold(a): f for f, aliases in _ALIASES.items() for a in aliases}


def _parse_employees(value: Any) -> int | None:
    if _is_blank(value):
        return None
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float):
        number = int(value) if value.is_integer() else None
    else:
        text = _fold(str(value)).removesuffix("人").replace(",", "")
        try:
            as_float = float(text)
        except ValueError:
            as_float = None
        if as_float is not None and as_float.is_integer():
            number = int(as_float)
    if number is None or number < 0:
        raise _problem(
            "enterprise.employees",
            "从业人数应为不小于0的整数，而不是“{value}”",
            "Headcount must be a whole number of at least 0, not '{value}'",
            value=_text(value),
        )
    return number


@lru_cache(maxsize=1)
def _risk_index() -> dict[str, str]:
    index = {_fold(k): v for k, v in _RISK_SHORT.items()}
    for code, labels in vocab()["risk_grades"].items():
        index[_fold(code)] = code
        index[_fold(labels["zh"])] = code
        index[_fold(labels["en"])] = code
    return index


def _parse_risk(value: Any) -> str | None:
    text = _text(value)
    if text is None:
        return None
    code = _risk_index().get(_fold(text))
    if code is None:
        grades = vocab()["risk_grades"]
        raise _problem(
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
    index = {_fold(k): v for k, v in _ROLE_ALIASES.items()}
    for code, labels in vocab()["enterprise_roles"].items():
        index[_fold(code)] = code
        index[_fold(labels["zh"])] = code
        index[_fold(labels["en"])] = code
    return index


def _parse_roles(value: Any) -> set[str] | None:
    text = _text(value)
    if text is None:
        return None
    index = _role_index()
    whole = index.get(_fold(text))
    if whole:
        return {whole}
    roles: set[str] = set()
    for token in _SPLIT_ROLES.split(unicodedata.normalize("NFKC", text)):
        if not token:
            continue
        code = index.get(_fold(token))
        if code is None:
            labels = vocab()["enterprise_roles"]
            raise _problem(
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
    if _is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    key = _fold(str(value))
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise _problem(
        "registry.yes_no",
        "应填“是”或“否”，而不是“{value}”",
        "Expected 是 (yes) or 否 (no), not '{value}'",
        value=_text(value),
    )


def _parse_date(value: Any) -> str | None:
    if _is_blank(value):
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
    match = _DATE.match(text) or (re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text))
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            pass
    raise _problem(
        "registry.date",
        "日期“{value}”无法识别，请写成 2024-03-01 的形式",
        "Cannot read the date '{value}'; write it like 2024-03-01",
        value=_text(value),
    )


# Parsed rows


@dataclass
class _Row:
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
        text = _text(cell)
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
            if text and _header_key(cell) not in _IGNORED:
                notes.append(
                    _note(
                        number, text,
                        "未识别的列，已忽略" if found is None else "重复的电话列，已忽略",
                        "unknown column, ignored" if found is None else "duplicate phone column, ignored",
                        "registry.unknown_column",
                    )
                )
            previous = None
            continue
        if found in headers:
            notes.append(
                _note(
                    number, text,
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


def _note(row: int, column: str | None, zh: str, en: str, code: str) -> RowError:
    """A warning or file-level problem written here rather than raised."""
    return RowError(row, column, en if language() == "en" else zh, zh, en, code)


def _find_header(path: Path, table: list[tuple[int, list[Any]]]) -> tuple[_Columns, int]:
    """The header row: the first of the top rows with a name column (title rows above it are skipped)."""
    seen = 0
    first: list[Any] | None = None
    for position, (number, cells) in enumerate(table):
        if all(_is_blank(c) for c in cells):
            continue
        first = first if first is not None else cells
        if any(_header_field(c) == "name" for c in cells):
            return _map_columns(number, cells), position
        seen += 1
        if seen >= _HEADER_SCAN_ROWS:
            break
    if first is None:
        raise _empty(path)
    found = "、".join(t for t in (_text(c) for c in first) if t) or "-"
    problem = _note(
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


def _parse_row(number: int, cells: dict[str, Any], headers: dict[str, str], errors: list[RowError]) -> _Row:
    row = _Row(number, cells)

    def guard(fld: str, parse: Any) -> Any:
        try:
            return parse(cells.get(fld))
        except UserError as exc:
            errors.append(_row_error(number, headers.get(fld, fld), exc))
            return None

    row.name = _text(cells.get("name"))
    if row.name is None:
        errors.append(
            _row_error(
                number,
                headers["name"],
                _problem("field.required", "{label}不能为空", "{field} is required", label="企业名称", field="name"),
            )
        )
    raw_uscc = _text(cells.get("uscc"))
    row.uscc = guard("uscc", lambda v: validate_uscc(unicodedata.normalize("NFKC", raw_uscc)) if raw_uscc else None)
    row.roles = guard("roles", _parse_roles)
    for name in (
        "address", "township", "park", "industry", "principal", "principal_phone", "safety_officer",
        "safety_officer_phone",
    ):
        setattr(row, name, _text(cells.get(name)))
    row.landlord_text = _text(cells.get("landlord"))
    row.park_or_landlord = _text(cells.get("park_or_landlord"))
    row.employees = guard("employees", _parse_employees)
    row.risk_grade = guard("risk_grade", _parse_risk)
    row.agreement_signed = guard("agreement_signed", lambda v: _per_landlord(v, _parse_bool))
    row.agreement_date = guard("agreement_date", lambda v: _per_landlord(v, _parse_date))
    return row


def _per_landlord(value: Any, parse: Any) -> list[Any] | None:
    """A cell holding one value, or several separated by 、 (one per landlord)."""
    if _is_blank(value):
        return None
    if isinstance(value, str) and _SPLIT_TERMS.search(value):
        return [parse(part) for part in _SPLIT_TERMS.split(value)]
    return [parse(value)]


# Import


class _Plan:
    """Everything decided from the file and a preload of the database, before anything is written."""

    def __init__(self, registry: Registry, path: Path) -> None:
        self.registry = registry
        self.path = path
        self.errors: list[RowError] = []
        self.warnings: list[RowError] = []
        conn = registry.store.db.conn
        self.enterprises: dict[str, dict[str, Any]] = {}
        self.by_uscc: dict[str, dict[str, Any]] = {}
        self.by_name: dict[str, list[dict[str, Any]]] = {}
        for eid, name, uscc, township_id, is_landlord in conn.execute(
            "SELECT id, name, uscc, township_id, is_landlord FROM enterprise WHERE deleted = 0 ORDER BY id"
        ):
            rec = {"id": eid, "name": name, "uscc": uscc, "township_id": township_id, "is_landlord": bool(is_landlord)}
            self.enterprises[eid] = rec
            if uscc:
                self.by_uscc.setdefault(uscc, rec)
            self.by_name.setdefault(name, []).append(rec)
        self.townships: dict[str, str] = {}
        for tid, name in conn.execute(
            "SELECT id, name FROM org_unit WHERE level = 'township' AND deleted = 0 ORDER BY id"
        ):
            self.townships.setdefault(name, tid)
        self.parks: dict[str, str] = {}
        for pid, name in conn.execute("SELECT id, name FROM park WHERE deleted = 0 ORDER BY id"):
            self.parks.setdefault(name, pid)
        self.lease_landlords: set[str] = set()
        self.lease_tenants: set[str] = set()
        self.leases: dict[tuple[str, str], dict[str, Any]] = {}
        for lid, landlord_id, tenant_id, signed, date in conn.execute(
            "SELECT id, landlord_id, tenant_id, agreement_signed, agreement_date FROM lease WHERE deleted = 0 ORDER BY id"
        ):
            self.lease_landlords.add(landlord_id)
            self.lease_tenants.add(tenant_id)
            self.leases.setdefault(
                (landlord_id, tenant_id), {"id": lid, "agreement_signed": signed, "agreement_date": date}
            )
        self.people: dict[tuple[str, str], dict[str, Any]] = {}
        for pid, eid, role, name, phone in conn.execute(
            "SELECT id, enterprise_id, role, name, phone FROM person WHERE deleted = 0 "
            "AND role IN ('principal', 'safety_officer') ORDER BY id"
        ):
            self.people.setdefault((eid, role), {"id": pid, "name": name, "phone": phone})
        self.rows: list[_Row] = []
        self.headers: dict[str, str] = {}

    def error(self, row: int, column: str | None, exc: UserError) -> None:
        self.errors.append(_row_error(row, column, exc))

    def column(self, fld: str) -> str:
        return self.headers.get(fld, dict((f, h) for h, f in COLUMNS).get(fld, fld))

    # Reading

    def read(self, table: list[tuple[int, list[Any]]]) -> None:
        columns, position = _find_header(self.path, table)
        self.headers = columns.headers
        self.warnings.extend(columns.warnings)
        for number, cells in table[position + 1 :]:
            values = {fld: cells[i] for i, fld in columns.fields.items() if i < len(cells)}
            if all(_is_blank(v) for v in values.values()):
                continue
            self.rows.append(_parse_row(number, values, self.headers, self.errors))
        if not self.rows:
            raise _file_error(
                "registry.no_rows",
                self.path,
                "文件 {file} 只有表头，没有企业数据",
                "File {file} has a header but no enterprise rows",
            )

    # Checks across rows and against the database

    def check_duplicates(self) -> None:
        first_uscc: dict[str, _Row] = {}
        first_name: dict[str, _Row] = {}
        for row in self.rows:
            if row.uscc:
                other = first_uscc.setdefault(row.uscc, row)
                if other is not row:
                    self.error(
                        row.number,
                        self.column("uscc"),
                        _problem(
                            "registry.duplicate_uscc",
                            "统一社会信用代码 {uscc} 与第 {other} 行重复",
                            "Credit code {uscc} repeats row {other}",
                            uscc=row.uscc,
                            other=other.number,
                        ),
                    )
            if row.name:
                other = first_name.setdefault(row.name, row)
                if other is not row:
                    self.error(
                        row.number,
                        self.column("name"),
                        _problem(
                            "registry.duplicate_name",
                            "企业名称“{name}”与第 {other} 行重复",
                            "Enterprise name '{name}' repeats row {other}",
                            name=row.name,
                            other=other.number,
                        ),
                    )

    def match_existing(self) -> None:
        claimed: dict[str, _Row] = {}
        for row in self.rows:
            if not row.name:
                continue
            match = self.by_uscc.get(row.uscc) if row.uscc else None
            if match is None:
                candidates = [e for e in self.by_name.get(row.name, []) if not (row.uscc and e["uscc"])]
                if row.township:
                    tid = self.townships.get(row.township)
                    exact = [e for e in candidates if tid is not None and e["township_id"] == tid]
                    loose = exact or [e for e in candidates if e["township_id"] is None]
                else:
                    loose = candidates
                if len(loose) == 1:
                    match = loose[0]
                elif len(loose) > 1:
                    self.error(
                        row.number,
                        self.column("name"),
                        _problem(
                            "registry.ambiguous_name",
                            "名录中已有 {n} 家名为“{name}”的企业，请填写统一社会信用代码或镇街以区分",
                            "The registry already has {n} enterprises named '{name}'; "
                            "fill in the credit code or township to tell them apart",
                            n=len(loose),
                            name=row.name,
                        ),
                    )
                    continue
            if match is not None:
                other = claimed.setdefault(match["id"], row)
                if other is not row:
                    self.error(
                        row.number,
                        self.column("name"),
                        _problem(
                            "registry.same_enterprise",
                            "与第 {other} 行是名录中的同一家企业（{name}）",
                            "Refers to the same registry enterprise as row {other} ({name})",
                            other=other.number,
                            name=match["name"],
                        ),
                    )
                    continue
                row.match = match

    def resolve_landlords(self) -> None:
        file_by_uscc = {r.uscc: i for i, r in enumerate(self.rows) if r.uscc}
        file_by_name: dict[str, int] = {}
        for i, r in enumerate(self.rows):
            if r.name:
                file_by_name.setdefault(r.name, i)
        file_by_match = {r.match["id"]: i for i, r in enumerate(self.rows) if r.match}

        def lookup(text: str) -> tuple[str, Any] | None | str:
            """("row", i) / ("db", id); None when unknown; "ambiguous" when several registry enterprises fit."""
            code = normalize_uscc(unicodedata.normalize("NFKC", text))
            if code and len(code) == 18:
                if code in file_by_uscc:
                    return ("row", file_by_uscc[code])
                if code in self.by_uscc:
                    eid = self.by_uscc[code]["id"]
                    return ("row", file_by_match[eid]) if eid in file_by_match else ("db", eid)
            if text in file_by_name:
                return ("row", file_by_name[text])
            found = self.by_name.get(text, [])
            if len(found) > 1:
                return "ambiguous"
            if found:
                eid = found[0]["id"]
                return ("row", file_by_match[eid]) if eid in file_by_match else ("db", eid)
            return None

        def resolve(text: str) -> tuple[list[tuple[str, Any]], str | None, bool]:
            """Targets for a cell naming one or several landlords; the part that failed; whether it was ambiguous."""
            whole = lookup(text)
            if isinstance(whole, tuple):
                return [whole], None, False
            parts = [p.strip() for p in _SPLIT_LANDLORDS.split(text) if p.strip()]
            if len(parts) < 2:
                return [], text, whole == "ambiguous"
            targets: list[tuple[str, Any]] = []
            for part in parts:
                found = lookup(part)
                if not isinstance(found, tuple):
                    return [], part, found == "ambiguous"
                if found not in targets:
                    targets.append(found)
            return targets, None, False

        def is_landlord(target: tuple[str, Any]) -> bool:
            if target[0] == "row":
                r = self.rows[target[1]]
                return bool(
                    (r.roles and "landlord" in r.roles)
                    or r.referenced_as_landlord
                    or (r.match and (r.match["is_landlord"] or r.match["id"] in self.lease_landlords))
                )
            rec = self.enterprises[target[1]]
            return bool(rec["is_landlord"] or rec["id"] in self.lease_landlords)

        def accept(index: int, row: _Row, targets: list[tuple[str, Any]], column: str) -> None:
            for target in targets:
                if target == ("row", index) or (row.match and target == ("db", row.match["id"])):
                    self.error(
                        row.number,
                        column,
                        _problem("lease.self", "出租方和承租方不能是同一家企业", "Landlord and tenant cannot be the same enterprise"),
                    )
                    return
            for target in targets:
                if target not in row.landlords:
                    row.landlords.append(target)
                if target[0] == "row":
                    self.rows[target[1]].referenced_as_landlord = True

        # Explicit landlord columns first: they decide who "is a landlord" for the combined column.
        for index, row in enumerate(self.rows):
            if not row.landlord_text:
                continue
            targets, failed, ambiguous = resolve(row.landlord_text)
            if failed is not None:
                self.error(row.number, self.column("landlord"), self._unknown_landlord(failed, ambiguous))
                continue
            accept(index, row, targets, self.column("landlord"))
        # Snapshot, so that what the combined column means does not depend on row order.
        combined = [
            (index, row, resolve(row.park_or_landlord)) for index, row in enumerate(self.rows) if row.park_or_landlord
        ]
        landlord_now = {target: is_landlord(target) for _, _, (targets, _, _) in combined for target in targets}
        for index, row, (targets, failed, _) in combined:
            assert row.park_or_landlord is not None
            if failed is None and targets and all(landlord_now[t] for t in targets):
                accept(index, row, targets, self.column("park_or_landlord"))
            elif row.park is None:
                row.park = row.park_or_landlord

    def _spread(self, row: _Row, fld: str, values: list[Any] | None, count: int) -> list[Any] | None:
        if values is None:
            return [None] * count
        if len(values) == 1:
            return values * count
        if len(values) == count:
            return values
        self.error(
            row.number,
            self.column(fld),
            _problem(
                "registry.agreement_count",
                "有 {landlords} 个出租方，却填写了 {values} 个值；请只填一个值，或按出租方顺序每个出租方填一个（用“、”分隔）",
                "There are {landlords} landlords but {values} values; give one value, or one per landlord in the "
                "order of the landlord column (separated by '、')",
                landlords=count,
                values=len(values),
            ),
        )
        return None

    @staticmethod
    def _unknown_landlord(text: str, ambiguous: bool) -> UserError:
        if ambiguous:
            return _problem(
                "registry.ambiguous_landlord",
                "名录中有多家名为“{name}”的企业，请改填出租方的统一社会信用代码",
                "Several enterprises are named '{name}'; give the landlord's credit code instead",
                name=text,
            )
        return _problem(
            "registry.unknown_landlord",
            "出租方“{name}”既不在本文件中，也不在企业名录中；请先为出租方添加一行",
            "Landlord '{name}' is neither in this file nor in the registry; add a row for the landlord",
            name=text,
        )

    def check_agreements(self) -> None:
        """Pair agreement values with landlords; a row without a landlord gets a warning instead."""
        for row in self.rows:
            if row.landlords:
                count = len(row.landlords)
                signed = self._spread(row, "agreement_signed", row.agreement_signed, count)
                dates = self._spread(row, "agreement_date", row.agreement_date, count)
                if signed is not None and dates is not None:
                    row.terms = [(s if s is not None or d is None else True, d) for s, d in zip(signed, dates)]
                continue
            if row.agreement_signed is None and row.agreement_date is None:
                continue
            column = self.column("agreement_signed" if "agreement_signed" in self.headers else "agreement_date")
            self.warnings.append(
                _note(
                    row.number, column,
                    "没有填写出租方，安全协议信息已忽略",
                    "no landlord given, so the safety agreement is ignored",
                    "registry.agreement_without_landlord",
                )
            )

    # Writing

    def write(self) -> ImportReport:
        registry, store = self.registry, self.registry.store
        report = ImportReport()
        with store.transaction():
            township_ids = self._ensure_townships()
            park_ids = self._ensure_parks(township_ids)
            changed: list[bool] = []
            for row in self.rows:
                changed.append(self._write_enterprise(row, township_ids, park_ids))
            for target_id in {t[1] for r in self.rows for t in r.landlords if t[0] == "db"}:
                registry.update_enterprise(target_id, is_landlord=True)
            for index, row in enumerate(self.rows):
                assert row.enterprise_id is not None
                people = self._write_people(row)
                leases = self._write_leases(row)
                changed[index] = changed[index] or people or leases
        for row, did_change in zip(self.rows, changed):
            if row.match is None:
                report.created += 1
            elif did_change:
                report.updated += 1
            else:
                report.unchanged += 1
        report.warnings = [w.text() for w in self.warnings]
        return report

    def _ensure_townships(self) -> dict[str, str]:
        ids = dict(self.townships)
        for row in self.rows:
            if row.township and row.township not in ids:
                ids[row.township] = self.registry.ensure_org_unit(row.township, "township")
                self.warnings.append(
                    _note(
                        row.number, self.column("township"),
                        f"新建镇街“{row.township}”", f"new township '{row.township}' created", "registry.new_township",
                    )
                )
        return ids

    def _ensure_parks(self, township_ids: dict[str, str]) -> dict[str, str]:
        ids = dict(self.parks)
        for row in self.rows:
            if row.park and row.park not in ids:
                township_id = township_ids.get(row.township) if row.township else None
                ids[row.park] = self.registry.ensure_park(row.park, township_id)
                column = self.column("park" if "park" in self.headers else "park_or_landlord")
                self.warnings.append(
                    _note(
                        row.number, column,
                        f"新建园区“{row.park}”", f"new park '{row.park}' created", "registry.new_park",
                    )
                )
        return ids

    def _write_enterprise(self, row: _Row, township_ids: dict[str, str], park_ids: dict[str, str]) -> bool:
        assert row.name is not None
        values: dict[str, Any] = {"name": row.name}
        for key in ("uscc", "address", "industry", "employees", "risk_grade"):
            if getattr(row, key) is not None:
                values[key] = getattr(row, key)
        if row.township:
            values["township_id"] = township_ids[row.township]
        if row.park:
            values["park_id"] = park_ids[row.park]
        existing_id = row.match["id"] if row.match else None
        has_principal = row.principal is not None or (existing_id, "principal") in self.people
        if row.principal_phone is not None and not has_principal:
            values["phone"] = row.principal_phone
        derived_landlord = row.referenced_as_landlord or existing_id in self.lease_landlords
        derived_tenant = bool(row.landlords) or existing_id in self.lease_tenants
        if row.roles is not None:
            values["is_landlord"] = "landlord" in row.roles or derived_landlord
            values["is_tenant"] = "tenant" in row.roles or derived_tenant
            values["is_operator"] = "operator" in row.roles
        else:
            if derived_landlord:
                values["is_landlord"] = True
            if derived_tenant:
                values["is_tenant"] = True
        if existing_id is None:
            # False flags are the column default: leaving them out saves a change entry each.
            values = {k: v for k, v in values.items() if v is not False}
            row.enterprise_id = self.registry.create_enterprise(**values)
            return True
        row.enterprise_id = existing_id
        return bool(self.registry.update_enterprise(existing_id, **values))

    def _write_people(self, row: _Row) -> bool:
        store = self.registry.store
        eid = row.enterprise_id
        assert eid is not None
        changed = False
        for role, name, phone, column in (
            ("principal", row.principal, row.principal_phone, "principal_phone"),
            ("safety_officer", row.safety_officer, row.safety_officer_phone, "safety_officer_phone"),
        ):
            current = self.people.get((eid, role))
            if name is None:
                if phone is None:
                    continue
                if current is not None:
                    changed = bool(store.update("person", current["id"], {"phone": phone})) or changed
                elif role == "safety_officer":
                    self.warnings.append(
                        _note(
                            row.number, self.column(column),
                            "没有填写安全员姓名，电话已忽略", "no safety officer name given, so the phone is ignored",
                            "registry.phone_without_person",
                        )
                    )
                continue
            if current is None:
                store.insert("person", {"enterprise_id": eid, "role": role, "name": name, "phone": phone})
                changed = True
                continue
            update: dict[str, Any] = {"name": name}
            if phone is not None or current["name"] != name:
                update["phone"] = phone  # a different person does not inherit the previous one's phone
            changed = bool(store.update("person", current["id"], update)) or changed
        return changed

    def _write_leases(self, row: _Row) -> bool:
        store = self.registry.store
        tenant_id = row.enterprise_id
        assert tenant_id is not None
        changed = False
        for (kind, ref), (signed, date) in zip(row.landlords, row.terms):
            landlord_id = self.rows[ref].enterprise_id if kind == "row" else ref
            assert landlord_id is not None
            current = self.leases.get((landlord_id, tenant_id))
            if current is None:
                lease_id = store.insert(
                    "lease",
                    {
                        "landlord_id": landlord_id,
                        "tenant_id": tenant_id,
                        "agreement_signed": True if signed else None,  # False is the column default
                        "agreement_date": date,
                    },
                )
                self.leases[(landlord_id, tenant_id)] = {"id": lease_id}
                changed = True
                continue
            update: dict[str, Any] = {}
            if signed is not None:
                update["agreement_signed"] = signed
            if date is not None:
                update["agreement_date"] = date
            if update:
                changed = bool(store.update("lease", current["id"], update)) or changed
        return changed


def _registry_of(target: Workspace | Registry) -> Registry:
    return target if isinstance(target, Registry) else target.registry


def import_registry(target: Workspace | Registry, path: Path | str) -> ImportReport:
    """Import an enterprise register (.xlsx or .csv); all-or-nothing, idempotent.

    Raises `RegistryImportError` (with `.errors`) when any row is invalid, and `UserError` when the file itself
    cannot be read; in both cases nothing is written.
    """
    path = Path(path)
    table = _read_table(path)
    plan = _Plan(_registry_of(target), path)
    plan.read(table)
    plan.check_duplicates()
    plan.match_existing()
    plan.resolve_landlords()
    plan.check_agreements()
    if plan.errors:
        errors = sorted(plan.errors, key=lambda e: e.row)
        shown = errors[:_MAX_LISTED_ERRORS]
        more = len(errors) - len(shown)
        details_zh = "\n".join(e.text("zh") for e in shown) + (f"\n……另有 {more} 处错误" if more else "")
        details_en = "\n".join(e.text("en") for e in shown) + (f"\n… and {more} more" if more else "")
        raise RegistryImportError(
            "registry.invalid_rows",
            "文件 {file} 有 {count} 处错误，未导入任何数据：\n{details_zh}",
            "File {file} has {count} error(s); nothing was imported:\n{details_en}",
            errors,
            file=path.name,
            count=len(errors),
            details_zh=details_zh,
            details_en=details_en,
        )
    return plan.write()


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
    rows = _export_rows(_registry_of(target))
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
