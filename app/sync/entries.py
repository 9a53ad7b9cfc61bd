"""Change entries in their wire form: one canonical JSON line each, as `changes.jsonl` in a bundle carries them.

Canonical (sorted keys, no spaces, UTF-8) so the same entry always serialises to the same bytes, which is what a
bundle's manifest hashes and signs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from app.models.store import ChangeEntry

FIELDS = ("hlc", "device", "author", "table", "row", "col", "value", "pred")


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
    record: dict[str, Any] = json.loads(line)
    missing = [f for f in FIELDS if f not in record]
    if missing:
        raise ValueError(f"change entry lacks {', '.join(missing)}")
    return ChangeEntry(
        hlc=int(record["hlc"]),
        device=str(record["device"]),
        author=str(record["author"]),
        table=str(record["table"]),
        row_id=str(record["row"]),
        column=str(record["col"]),
        value=record["value"],
        pred=tuple((int(h), str(d)) for h, d in record["pred"]),
    )


def entries_after(conn: Any, device: str | None = None, after_hlc: int = 0) -> Iterator[ChangeEntry]:
    """Entries in (hlc, device) order, optionally of one origin device, newer than a watermark."""
    sql = f"SELECT {ChangeEntry.COLUMNS} FROM change WHERE hlc > ?"
    params: tuple[Any, ...] = (after_hlc,)
    if device is not None:
        sql += " AND device = ?"
        params += (device,)
    for row in conn.execute(sql + " ORDER BY hlc, device", params):
        yield ChangeEntry.from_row(row)
