"""The conflict queue as people read and settle it (the rows are derived by app/sync/merge.py).

- CONCURRENT (two laptops changed a surfaced field without seeing each other): choose one of the values; the choice is
  written as one entry replacing every head, so it settles the conflict everywhere it travels.
- NOT_IN_SIGNED (an edit a signed document does not contain): shown for information; the signed version stands, a
  correction is a new document.
- DOUBLE_SIGNED, DUPLICATE_NUMBER: a person voids one of the documents (the number stays with it).
- UNAUTHORISED (a signature of a number the device does not own, a void of another device's signed document without
  a supervisor's authority): shown for information; it was never applied. Someone checks the device that wrote it.
- DUPLICATE_USCC: two records of one firm; merge them (Registry.merge_enterprises).
- DUPLICATE_RECORD: two live rows for one verdict, answer or signature slot (written before rows were named by
  their key, or one slot signed on two laptops); the later row is shown; giving the verdict, answer or signature
  again settles it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from app.errors import UserError
from app.models.store import ChangeEntry, Store

KINDS = ("CONCURRENT", "NOT_IN_SIGNED", "DOUBLE_SIGNED", "UNAUTHORISED", "DUPLICATE_NUMBER", "DUPLICATE_USCC",
         "DUPLICATE_RECORD")

# How a row is named for a person, per table: SQL giving one text for the row id.
_TITLES = {
    "enterprise": "SELECT name FROM enterprise WHERE id = ?",
    "hazard": "SELECT coalesce(e.name, '') || '：' || h.description FROM hazard h "
              "LEFT JOIN enterprise e ON e.id = h.enterprise_id WHERE h.id = ?",
    "document": "SELECT coalesce(doc_no, id) FROM document WHERE id = ?",
    "item_result": "SELECT coalesce(e.name, '') || ' ' || r.item_code FROM item_result r "
                   "LEFT JOIN enterprise e ON e.id = r.enterprise_id WHERE r.id = ?",
    "inspector": "SELECT name FROM inspector WHERE id = ?",
    "interview_answer": "SELECT coalesce(e.name, '') || ' ' || a.question_id FROM interview_answer a "
                        "LEFT JOIN enterprise e ON e.id = a.enterprise_id WHERE a.id = ?",
    "signature": "SELECT role || ' ' || signer_name FROM signature WHERE id = ?",
    "enrolled_device": "SELECT coalesce(label, device_id) FROM enrolled_device WHERE id = ?",
    "recheck_line": "SELECT '复查：' || coalesce(e.name, '') || '：' || h.description FROM recheck_line l "
                    "JOIN hazard h ON h.id = l.hazard_id LEFT JOIN enterprise e ON e.id = h.enterprise_id "
                    "WHERE l.id = ?",
    "self_check": "SELECT '比对：' || coalesce(e.name, '') || ' ' || c.period_from || '—' || c.period_to "
                  "FROM self_check c LEFT JOIN enterprise e ON e.id = c.enterprise_id WHERE c.id = ?",
    "campaign": "SELECT '专项行动：' || name FROM campaign WHERE id = ?",
    "self_check_line": "SELECT '比对：' || item_code || ' ' || coalesce(description, '') FROM self_check_line "
                       "WHERE id = ?",
}


@dataclass(frozen=True)
class Choice:
    value: Any
    author: str
    device: str
    hlc: int


@dataclass(frozen=True)
class Conflict:
    kind: str
    table: str
    row_id: str
    column: str
    detail: dict[str, Any]
    title: str

    @property
    def choices(self) -> list[Choice]:
        """The values a person chooses between (CONCURRENT), or the entries kept aside (NOT_IN_SIGNED)."""
        entries = self.detail.get("heads") or self.detail.get("entries") or []
        return [Choice(e["value"], e["author"], e["device"], e["hlc"]) for e in entries]

    @property
    def ids(self) -> list[str]:
        """The rows a cross-row conflict names (duplicates)."""
        return list(self.detail.get("ids", [self.row_id]))


class Conflicts:
    def __init__(self, store: Store) -> None:
        self.store = store

    def count(self) -> int:
        return int(self.store.db.conn.execute("SELECT count(*) FROM conflict").fetchone()[0])

    def refresh(self) -> None:
        """Drop what local actions settled since the last merge (a duplicate voided, two records merged)."""
        from app.sync.merge import Merger  # the window counts conflicts at start, before any merge code is needed

        with self.store.transaction():
            Merger(self.store).refresh()

    def list(self, kind: str | None = None) -> list[Conflict]:
        """The open conflicts, refreshed first."""
        self.refresh()
        sql = "SELECT kind, tbl, row_id, col, detail FROM conflict"
        rows = self.store.db.conn.execute(
            sql + (" WHERE kind = ?" if kind else "") + " ORDER BY kind, tbl, row_id, col", (kind,) if kind else ()
        ).fetchall()
        return [Conflict(k, t, r, c, json.loads(d), self.title(t, r)) for k, t, r, c, d in rows]

    def resolve(self, conflict: Conflict, value: Any) -> None:
        """Settle a CONCURRENT conflict with one of its values (or another value a person typed)."""
        if conflict.kind != "CONCURRENT":
            raise UserError(
                "conflict.not_choosable", "此类冲突不能通过选择取值解决", "This kind of conflict is not settled by "
                "choosing a value",
            )
        self.store.resolve(conflict.table, conflict.row_id, conflict.column, value)

    # What a person weighs before choosing

    def title(self, table: str, row_id: str) -> str:
        """How the row is named for a person (an enterprise or inspector by name); the id when it has no name."""
        sql = _TITLES.get(table)
        found = self.store.db.conn.execute(sql, (row_id,)).fetchone() if sql else None
        return str(found[0]) if found and found[0] else row_id

    def shown_value(self, conflict: Conflict) -> Any:
        """The value the row holds now (which of the heads the merge showed); None when the row is gone."""
        row = self.store.get(conflict.table, conflict.row_id)
        return None if row is None else row.get(conflict.column)

    def live_row(self, table: str, row_id: str) -> dict[str, Any] | None:
        row = self.store.get(table, row_id)
        return row if row and not row.get("deleted") else None

    def first_change(self, table: str, row_id: str) -> ChangeEntry | None:
        """The entry that created the row: who numbered a document, on which laptop."""
        history = self.store.history(table, row_id)
        return history[0] if history else None


__all__ = ["KINDS", "Choice", "Conflict", "Conflicts"]
