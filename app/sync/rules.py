"""What one change entry from outside may be, checked before the merge's transaction writes anything.

The numbers come from resources/sync/rules.toml (docs/bundle-format.md §11). A line is parsed strictly (no NaN, no
floats where integers belong, no nesting beyond what an entry has, bounded stamps and ids of the right shape), then
checked against this database's schema: the table and column exist and are synced, the value has the column's type,
a reference is an id, a text is within its size. Anything else refuses the whole bundle.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any, TypeGuard

from app.errors import UserError
from app.models.schema import DATE_COLUMNS, DERIVED_COLUMNS, SYNCED_TABLES
from app.models.store import ChangeEntry
from app.resources import resource_path

MAX_STAMP = (1 << 63) - 1
DEVICE_RE = re.compile(r"[0-9a-f]{16}")
ID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
FIELDS = frozenset({"hlc", "device", "author", "table", "row", "col", "value", "pred"})


@dataclass(frozen=True)
class Rules:
    max_skew_ms: int
    max_author: int
    max_pred: int
    max_text: int
    max_integer: int
    text_limits: dict[str, int] = field(default_factory=dict)
    max_text_total: int = 0
    max_blob: int = 0
    max_blob_bytes: int = 0


@cache
def rules() -> Rules:
    data = tomllib.loads(resource_path("sync", "rules.toml").read_text(encoding="utf-8"))
    entry, bundle = data["entry"], data["bundle"]
    return Rules(
        max_skew_ms=int(data["clock"]["max_skew_minutes"]) * 60_000,
        max_author=int(entry["max_author"]), max_pred=int(entry["max_pred"]), max_text=int(entry["max_text"]),
        max_integer=int(entry["max_integer"]), text_limits={k: int(v) for k, v in entry["text_limits"].items()},
        max_text_total=int(bundle["max_text_total"]), max_blob=int(bundle["max_blob"]),
        max_blob_bytes=int(bundle["max_blob_bytes"]),
    )


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON may carry")


_STRICT = json.JSONDecoder(parse_constant=_refuse_constant)  # one decoder: json.loads with options builds one per call


def strict_json(text: str) -> Any:
    """JSON without NaN/Infinity; nesting too deep for the parser is a ValueError like any other bad input."""
    try:
        return _STRICT.decode(text)
    except RecursionError as exc:
        raise ValueError("nested too deeply") from exc


def is_stamp(value: Any) -> TypeGuard[int]:
    return type(value) is int and 0 < value <= MAX_STAMP


def is_scalar(value: Any) -> bool:
    if value is None or type(value) in (str, int):
        return True
    return type(value) is float and math.isfinite(value)


def parse_line(line: str) -> ChangeEntry:
    """One line of changes.jsonl as an entry, or ValueError saying what is wrong with it."""
    record = strict_json(line)
    if not isinstance(record, dict):
        raise ValueError("not an object")
    if set(record) != FIELDS:
        missing, extra = sorted(FIELDS - set(record)), sorted(set(record) - FIELDS)
        raise ValueError("fields " + ", ".join(missing + extra) + (" missing" if missing else " not allowed"))
    limits = rules()
    hlc, device, author, pred = record["hlc"], record["device"], record["author"], record["pred"]
    if not is_stamp(hlc):
        raise ValueError("stamp is not an integer between 1 and 2^63-1")
    if not (isinstance(device, str) and DEVICE_RE.fullmatch(device)):
        raise ValueError("device id is not 16 lowercase hex digits")
    if not (isinstance(author, str) and len(author) <= limits.max_author):
        raise ValueError("author is not a short text")
    for name in ("table", "col"):
        if not isinstance(record[name], str):
            raise ValueError(f"{name} is not a text")
    if not (isinstance(record["row"], str) and ID_RE.fullmatch(record["row"])):
        raise ValueError("row id is not a lowercase UUID")
    if not is_scalar(record["value"]):
        raise ValueError("value is not a text, a number or null")
    if not (isinstance(pred, list) and len(pred) <= limits.max_pred):
        raise ValueError("pred is not a short list")
    stamps = []
    for item in pred:
        if not (isinstance(item, list) and len(item) == 2 and is_stamp(item[0]) and isinstance(item[1], str)
                and DEVICE_RE.fullmatch(item[1])):
            raise ValueError("pred holds something that is not a [stamp, device] pair")
        stamps.append((item[0], item[1]))
    return ChangeEntry(hlc, device, author, record["table"], record["row"], record["col"], record["value"],
                       tuple(stamps))


@dataclass(frozen=True)
class Column:
    kind: str  # TEXT, INTEGER, REAL, ANY
    not_null: bool
    reference: bool  # holds a row id of another table
    max_text: int


class SchemaCheck:
    """Checks entries against this database's synced tables (read once per merge)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._tables: dict[str, dict[str, Column]] = {}
        self.text_chars = 0  # characters of text values seen so far (the bundle budget)

    def columns(self, table: str) -> dict[str, Column]:
        found = self._tables.get(table)
        if found is None:
            limits = rules()
            references = {row[3] for row in self.conn.execute(f"PRAGMA foreign_key_list({table})")}
            derived = DERIVED_COLUMNS.get(table, frozenset())
            found = self._tables[table] = {
                name: Column(kind.upper() or "ANY", bool(not_null), name in references,
                             limits.text_limits.get(f"{table}.{name}", limits.max_text))
                for _, name, kind, not_null, _default, _ in self.conn.execute(f"PRAGMA table_info({table})")
                if name != "id" and name not in derived
            }
        return found

    def reason(self, entry: ChangeEntry) -> str | None:
        """Why the entry does not fit this database, or None when it does."""
        if entry.table not in SYNCED_TABLES:
            return "unknown table"
        column = self.columns(entry.table).get(entry.column)
        if column is None:
            return "unknown column"
        value = entry.value
        if value is None:
            return "a required field set to null" if column.not_null else None
        if column.reference:
            return None if isinstance(value, str) and ID_RE.fullmatch(value) else "a reference that is not an id"
        if column.kind == "TEXT":
            if not isinstance(value, str):
                return "a number in a text field"
            if len(value) > column.max_text:
                return f"a text longer than {column.max_text} characters"
            if entry.column in DATE_COLUMNS.get(entry.table, ()) and not _is_date(value):
                return "not a date (YYYY-MM-DD)"
            self.text_chars += len(value)
        elif column.kind == "INTEGER":
            if type(value) is not int:
                return "not an integer"
            if abs(value) > rules().max_integer:
                return "an integer out of range"
        elif column.kind == "REAL" and type(value) not in (int, float):
            return "not a number"
        elif isinstance(value, str):
            self.text_chars += len(value)
        return None


def _is_date(text: str) -> bool:
    if not DATE_RE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def too_large(what: str, limit: int) -> UserError:
    return UserError(
        "sync.too_large",
        "同步包超出允许的大小（{what}，上限 {limit} 字节），整个同步包未导入",
        "The bundle exceeds what one bundle may carry ({what}, limit {limit} bytes); it was not imported",
        what=what, limit=limit,
    )


__all__ = ["DEVICE_RE", "ID_RE", "MAX_STAMP", "Rules", "SchemaCheck", "is_stamp", "parse_line", "rules",
           "strict_json", "too_large"]
