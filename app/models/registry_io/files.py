"""Reading a register file (.xlsx or .csv in any of the encodings offices save) into numbered rows of cells."""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.models.registry_io.columns import SHEET_NAME

# Reading files


def file_error(code: str, path: Path, zh: str, en: str, **params: object) -> UserError:
    return UserError(code, zh, en, file=path.name, **params)


def read_table(path: Path) -> list[tuple[int, list[Any]]]:
    """(spreadsheet row number, cell values) for every row of the file; raises UserError naming the file."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".txt", ".xlsx", ".xlsm"):
        hint_zh = "，请在 Excel 中另存为 .xlsx 或 .csv" if suffix in (".xls", ".et", ".ods", ".numbers") else ""
        hint_en = "; save it from Excel as .xlsx or .csv" if hint_zh else ""
        raise file_error(
            "registry.unsupported_type",
            path,
            "不支持的文件类型：{file}（只能导入 .xlsx 或 .csv 文件）{hint_zh}",
            "Unsupported file type: {file} (only .xlsx and .csv files can be imported){hint_en}",
            hint_zh=hint_zh,
            hint_en=hint_en,
        )
    if path.is_dir():
        raise file_error(
            "registry.unreadable",
            path,
            "无法读取 {file}：这是文件夹而不是文件",
            "Cannot read {file}: it is a folder, not a file",
        )
    try:
        data = path.read_bytes() if suffix in (".csv", ".txt") else None
        size = path.stat().st_size
    except OSError as exc:
        raise file_error(
            "registry.unreadable",
            path,
            "无法读取文件 {file}：{reason}",
            "Cannot read file {file}: {reason}",
            reason=exc.strerror or str(exc),
        ) from exc
    if size == 0:
        raise empty(path)
    rows = _read_csv(path, data) if data is not None else _read_xlsx(path)
    return rows


def empty(path: Path) -> UserError:
    return file_error(
        "registry.empty", path, "文件 {file} 是空的，没有可导入的企业", "File {file} is empty: no enterprises to import"
    )


def _bad_file(path: Path, zh_reason: str, en_reason: str) -> UserError:
    return file_error(
        "registry.bad_file",
        path,
        "无法读取文件 {file}：{zh_reason}",
        "Cannot read file {file}: {en_reason}",
        zh_reason=zh_reason,
        en_reason=en_reason,
    )


def _decode(path: Path, data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        raise _bad_file(
            path, "这是一个 Excel 工作簿，请把扩展名改为 .xlsx", "it is an Excel workbook; rename it to .xlsx"
        )
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
        raise empty(path)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    try:
        return [(i, row) for i, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1)]
    except csv.Error as exc:
        raise _bad_file(path, f"CSV 格式错误（{exc}）", f"malformed CSV ({exc})") from exc


def _read_xlsx(path: Path) -> list[tuple[int, list[Any]]]:
    if not zipfile.is_zipfile(path):
        raise _bad_file(
            path,
            "不是有效的 .xlsx 文件（文件已损坏或并非 Excel 工作簿）",
            "not a valid .xlsx file (damaged, or not an Excel workbook)",
        )
    import openpyxl  # local: only import needs it, and it is slow to load

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            try:
                if not book.worksheets:
                    raise empty(path)
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
