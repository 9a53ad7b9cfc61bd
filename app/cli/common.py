"""What every command of the command line shares: opening the data folder, printing a table."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from app.errors import UserError, localized
from app.paths import DB_NAME, data_dir


def workspace(args: argparse.Namespace) -> Any:
    import sqlite3

    from app.models.workspace import Workspace

    folder = data_dir(args.data_dir)
    try:
        return Workspace(folder)
    except OSError as exc:  # the folder is a file, not writable, on a missing drive …
        raise UserError(
            "cli.data_dir",
            "无法打开数据目录 {path}：{reason}",
            "Cannot open the data folder {path}: {reason}",
            path=str(folder),
            reason=exc.strerror or str(exc),
        ) from exc
    except sqlite3.DatabaseError as exc:  # a SQLite file that is not a FieldSafe database
        raise UserError(
            "cli.not_fieldsafe_db",
            "无法打开数据库 {path}：不是 FieldSafe 数据库或文件已损坏（{reason}）",
            "Cannot open database {path}: not a FieldSafe database or the file is damaged ({reason})",
            path=str(folder / DB_NAME),
            reason=str(exc),
        ) from exc


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    from unicodedata import east_asian_width

    def width(text: str) -> int:
        return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)

    def cell(text: str, w: int) -> str:
        if width(text) > w:
            while width(text) > w - 1:
                text = text[:-1]
            text += "…"
        return text + " " * (w - width(text))

    texts = [[str(v) for v in row] for row in rows]
    widths = [min(40, max([width(h)] + [width(r[i]) for r in texts])) for i, h in enumerate(headers)]
    print("  ".join(cell(h, w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in texts:
        print("  ".join(cell(v, w) for v, w in zip(row, widths, strict=True)).rstrip())


def date_arg(text: str) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            localized(f"日期格式应为 YYYY-MM-DD：{text}", f"expected YYYY-MM-DD: {text}")
        ) from None


def one_of(rows: list[dict[str, Any]], ref: str, what_zh: str, what_en: str, *keys: str) -> str:
    """The id of the one row whose id starts with `ref` or whose `keys` equal it; a UserError naming it otherwise."""
    found = [r for r in rows if ref in [str(r[k]) for k in keys if r.get(k)] or str(r["id"]).startswith(ref)]
    if len(found) != 1:
        raise UserError("cli.no_single", "找不到唯一的{what}：{ref}", "No single {what_en} matches {ref}",
                        what=what_zh, what_en=what_en, ref=ref)
    return str(found[0]["id"])
