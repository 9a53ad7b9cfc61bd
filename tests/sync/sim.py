"""Simulated devices for merge tests: an in-memory database, a Store with its own (skewed) clock, and the few
operations the properties need — enterprises (classes A/B/F), hazards pointing at them (pending rows) and documents
(monotone status, frozen after signing)."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterable
from typing import Any

from app.models.clock import HybridLogicalClock
from app.models.db import open_database
from app.models.schema import DERIVED_COLUMNS, SYNCED_TABLES
from app.models.schema_stats import drift
from app.models.store import ChangeEntry, Store
from app.sync.entries import entries_after
from app.sync.merge import _NATURAL_KEYS, MergeStats, apply_entries

BASE_MS = 1_790_000_000_000  # 2026-09


def all_duplicates(conn: Any) -> set[tuple[str, str, tuple[str, ...]]]:
    return {(kind, table, tuple(sorted(ids.split(" ")))) for kind, table, _column, where, key in _NATURAL_KEYS
            for (ids,) in conn.execute(f"SELECT group_concat(id, ' ') FROM {table} WHERE {where} "
                                       f"GROUP BY {', '.join(key)} HAVING count(*) > 1")}


def listed_duplicates(conn: Any) -> set[tuple[str, str, tuple[str, ...]]]:
    kinds = {kind for kind, *_ in _NATURAL_KEYS}
    return {(kind, table, tuple(json.loads(detail)["ids"])) for kind, table, detail in conn.execute(
        "SELECT kind, tbl, detail FROM conflict") if kind in kinds}


class Ticker:
    """A shared wall clock that only moves when told, seen by each device with its own skew."""

    def __init__(self) -> None:
        self.ms = BASE_MS

    def advance(self, ms: int = 7) -> None:
        self.ms += ms


class SimDevice:
    def __init__(self, name: str, ticker: Ticker | None = None, skew_ms: int = 0) -> None:
        self.name = name
        self.ticker = ticker or Ticker()
        self.db = open_database(":memory:")
        self.clock = HybridLogicalClock(0, now=lambda: self.ticker.ms + skew_ms)
        self.store = Store(self.db, name, self.clock, author=f"author-{name}")

    # Sync

    def entries(self) -> list[ChangeEntry]:
        return list(entries_after(self.db.conn))

    def receive(self, entries: Iterable[ChangeEntry]) -> MergeStats:
        with self.store.transaction():
            stats = apply_entries(self.store, entries)
        # Whatever came in whatever order, the merge leaves no reference dangling (it checks only the rows it
        # touched and the children of those it removed; this checks every table whole).
        assert self.db.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # and the statistics' counts, kept by triggers, equal the merged rows counted afresh
        assert drift(self.db.conn) == []
        # and the duplicates listed, looked for only where the merge touched rows, are those of the whole database
        assert listed_duplicates(self.db.conn) == all_duplicates(self.db.conn)
        return stats

    def pull(self, other: SimDevice) -> MergeStats:
        return self.receive(other.entries())

    # Operations

    def ids(self, table: str) -> list[str]:
        return [r[0] for r in self.db.conn.execute(f"SELECT id FROM {table} WHERE deleted = 0 ORDER BY id")]

    def new_enterprise(self, name: str, uscc: str | None = None) -> str:
        return self.store.insert("enterprise", {"name": name, "uscc": uscc})

    def edit(self, table: str, row_id: str, values: dict[str, Any]) -> None:
        self.store.update(table, row_id, values)

    def new_hazard(self, enterprise_id: str, description: str = "灭火器过期") -> str:
        return self.store.insert("hazard", {
            "source": "INSPECTION", "enterprise_id": enterprise_id, "description": description, "grade": "GENERAL",
            "status": "OPEN", "created_at": "2026-11-01T09:00:00",
        })

    def new_document(self, serial: int, sha: str) -> str:
        return self.store.insert("document", {
            "doc_type": "ORDER", "doc_no": f"（鄞）应急责改〔2026〕{serial}号", "issuer": "鄞", "year": 2026,
            "serial": serial, "status": "DRAFT", "file_sha256": sha, "created_at": "2026-11-01T09:00:00",
        })

    def void(self, document_id: str) -> None:
        """As the service does: a document another device signed is not this laptop's to void."""
        signers = {e.device for e in self.store.history("document", document_id)
                   if e.column == "status" and e.value == "SIGNED"}
        if signers <= {self.name}:
            self.edit("document", document_id, {"status": "VOID", "void_reason": "作废"})

    def sign(self, document_id: str, signed_sha: str) -> bool:
        """As the service does: a device signs only drafts whose number it took."""
        row = self.store.get("document", document_id)
        if row is None or row["status"] != "DRAFT":
            return False
        if not any(e.column == "serial" and e.device == self.name for e in self.store.history("document", document_id)):
            return False
        self.store.update("document", document_id, {"file_sha256": signed_sha, "status": "SIGNED"})
        return True

    def redraft(self, document_id: str, sha: str) -> bool:
        row = self.store.get("document", document_id)
        if row is None or row["status"] != "DRAFT":
            return False  # Documents.update_draft refuses a signed document
        self.store.update("document", document_id, {"file_sha256": sha})
        return True

    # Comparison

    def view(self) -> dict[str, Any]:
        """What users see: every synced table's rows, the conflict queue and the waiting rows."""
        conn = self.db.conn
        tables = {}
        for table in SYNCED_TABLES:
            derived = DERIVED_COLUMNS.get(table, frozenset())
            cursor = conn.execute(f"SELECT * FROM {table} ORDER BY id")
            names = [d[0] for d in cursor.description]
            rows = [{k: v for k, v in zip(names, row, strict=True) if k not in derived} for row in cursor]
            if rows:
                tables[table] = rows
        return {
            "tables": tables,
            "conflicts": [list(r) for r in conn.execute("SELECT * FROM conflict ORDER BY kind, tbl, row_id, col")],
            "pending": [list(r) for r in conn.execute("SELECT * FROM pending_row ORDER BY tbl, row_id")],
        }

    def digest(self) -> str:
        return hashlib.sha256(json.dumps(self.view(), sort_keys=True, ensure_ascii=False).encode()).hexdigest()

    def stamps(self) -> set[tuple[int, str]]:
        return {(h, d) for h, d in self.db.conn.execute("SELECT hlc, device FROM change")}


def fresh_merge(entries: list[ChangeEntry], chunks: int = 1, seed: int = 0) -> SimDevice:
    """A new installation that receives `entries` shuffled, in `chunks` separate imports."""
    target = SimDevice("receiver")
    shuffled = list(entries)
    random.Random(seed).shuffle(shuffled)
    size = max(1, -(-len(shuffled) // max(1, chunks)))
    for start in range(0, len(shuffled), size):
        target.receive(shuffled[start : start + size])
    if not shuffled:
        target.receive([])
    return target
