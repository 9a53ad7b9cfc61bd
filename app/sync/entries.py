"""Change entries in their wire form: one canonical JSON line each, as `changes.jsonl` in a bundle carries them.

Canonical (sorted keys, no spaces, UTF-8) so the same entry always serialises to the same bytes, which is what a
bundle's manifest hashes and signs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from app.models.store import ChangeEntry
from app.sync.rules import parse_line


def to_line(entry: ChangeEntry) -> str:
    record = {
        "hlc": entry.hlc,
        "device": entry.device,
        "author": entry.author,
        "table": entry.table,
        "row": entry.row_id,
        "col": entry.column,
        "value": entry.value,
        "pred": [list(p) for p in entry.pred],
    }
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def from_line(line: str) -> ChangeEntry:
    """Parse one line strictly (app/sync/rules.py); ValueError says what is wrong with it."""
    return parse_line(line)


def entries_after(conn: Any, device: str | None = None, after_hlc: int = 0) -> Iterator[ChangeEntry]:
    """Entries in (hlc, device) order, optionally of one origin device, newer than a watermark."""
    sql = f"SELECT {ChangeEntry.COLUMNS} FROM change WHERE hlc > ?"
    params: tuple[Any, ...] = (after_hlc,)
    if device is not None:
        sql += " AND device = ?"
        params += (device,)
    for row in conn.execute(sql + " ORDER BY hlc, device", params):
        yield ChangeEntry.from_row(row)
