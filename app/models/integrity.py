"""Integrity check of a data folder: SQLite's own checks, the rows against the change log, and the blob store.

The change log is the source of truth (it is what sync bundles carry), so every visible cell must equal what the fold
of its entries shows (app/models/fold.py); a mismatch means something wrote around the Store or the merge. Rows whose
entries wait for a missing part (pending_row) are the only ones allowed to have entries and no row.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from app.models.authority import signing_context
from app.models.fold import FROZEN_AFTER_SIGNING, OPEN, Entry, fold_row, group_rows
from app.models.schema import DERIVED_COLUMNS, SYNCED_TABLES
from app.models.schema_stats import drift
from app.models.store import to_db
from app.models.visit_facts import drift as visit_drift
from app.models.workspace import Workspace

# Columns that hold blob hashes, per table.
BLOB_COLUMNS = {
    "photo": ("sha256", "thumb_sha256", "original_sha256"),
    "signature": ("image_sha256", "strokes_sha256"),
    "document": ("file_sha256",),
}


@dataclass
class IntegrityReport:
    problems: list[str] = field(default_factory=list)
    rows_checked: int = 0
    entries_checked: int = 0
    blobs_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def check(workspace: Workspace, progress: Callable[[str], None] | None = None) -> IntegrityReport:
    report = IntegrityReport()
    conn = workspace.db.conn
    say = progress or (lambda _step: None)

    say("sqlite")
    result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    if result != ["ok"]:
        report.problems += [f"sqlite: {line}" for line in result]
    for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check"):
        report.problems.append(f"foreign key: {table} row {rowid} points at a missing {parent}")

    say("change log")
    for table in SYNCED_TABLES:
        _check_table(conn, table, report, workspace.device.id, workspace.store.is_office())

    say("statistics")
    report.problems += [f"statistics: {line}" for line in drift(conn)]
    say("visits")
    report.problems += [f"visits: {line}" for line in visit_drift(workspace.store, workspace.inspections.templates)]

    say("blobs")
    for table, columns in BLOB_COLUMNS.items():
        for column in columns:
            for (sha,) in conn.execute(f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL"):
                report.blobs_checked += 1
                if not workspace.blobs.has(sha):
                    report.problems.append(f"blob missing: {table}.{column} {sha}")
                elif not workspace.blobs.verify(sha):
                    report.problems.append(f"blob damaged: {table}.{column} {sha}")
    return report


def _check_table(conn: Any, table: str, report: IntegrityReport, own_device: str, office: bool = False) -> None:
    info = conn.execute(f"PRAGMA table_info({table})").fetchall()
    derived = DERIVED_COLUMNS.get(table, frozenset())
    columns = [c[1] for c in info if c[1] != "id" and c[1] not in derived]
    defaults = {c[1]: column_default(c[4]) for c in info}
    pending = {r[0] for r in conn.execute("SELECT row_id FROM pending_row WHERE tbl = ?", (table,))}
    logged: dict[str, dict[str, Any]] = {}
    context = signing_context(conn, own_device, office) if table in FROZEN_AFTER_SIGNING else OPEN
    for row_id, cells in _entries_by_row(conn, table):
        report.entries_checked += sum(len(e) for e in cells.values())
        logged[row_id] = {c: to_db(v) for c, v in fold_row(table, cells, context).values.items()}
    cursor = conn.execute(f"SELECT id, {', '.join(columns)} FROM {table}")
    for row in cursor:
        report.rows_checked += 1
        row_id, values = row[0], dict(zip(columns, row[1:], strict=True))
        logged_cells = logged.pop(row_id, None)
        if logged_cells is None:
            report.problems.append(f"{table} {row_id}: row has no change entries")
            continue
        if row_id in pending:
            report.problems.append(f"{table} {row_id}: row is shown but listed as pending")
        for column, value in values.items():
            expected = logged_cells.get(column, defaults[column])
            if value != expected:
                report.problems.append(f"{table} {row_id}.{column}: row has {value!r}, change log has {expected!r}")
    for row_id in logged:
        if row_id not in pending:
            report.problems.append(f"{table} {row_id}: change entries for a row that does not exist")


def _entries_by_row(conn: Any, table: str) -> Iterator[tuple[str, dict[str, list[Entry]]]]:
    return group_rows(conn.execute(
        "SELECT row_id, col, hlc, device, author, value, pred FROM change WHERE tbl = ? ORDER BY row_id", (table,)
    ))


def column_default(sql: str | None) -> Any:
    """The value of a column's DEFAULT clause as PRAGMA table_info reports it (NULL, a number or a quoted text)."""
    if sql is None:
        return None
    if sql.startswith("'"):
        return sql[1:-1].replace("''", "'")
    return json.loads(sql)
