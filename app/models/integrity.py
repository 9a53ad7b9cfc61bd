"""Integrity check of a data folder: SQLite's own checks, the rows against the change log, and the blob store.

The change log is the source of truth (it is what sync bundles carry), so every visible cell must equal the
latest entry for it; a mismatch means something wrote around the Store.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from app.models.schema import DERIVED_COLUMNS, SYNCED_TABLES
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
        _check_table(conn, table, report)

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


def _latest_entries(conn: Any, table: str) -> Iterator[tuple[str, str, Any]]:
    yield from conn.execute(
        """SELECT row_id, col, value FROM (
             SELECT row_id, col, value,
                    row_number() OVER (PARTITION BY row_id, col ORDER BY hlc DESC, device DESC) AS n
             FROM change WHERE tbl = ?) WHERE n = 1""",
        (table,),
    )


def _literal(sql: str | None) -> Any:
    """The value of a column's DEFAULT clause as PRAGMA table_info reports it (NULL, a number or a quoted text)."""
    if sql is None:
        return None
    if sql.startswith("'"):
        return sql[1:-1].replace("''", "'")
    return json.loads(sql)


def _check_table(conn: Any, table: str, report: IntegrityReport) -> None:
    info = conn.execute(f"PRAGMA table_info({table})").fetchall()
    derived = DERIVED_COLUMNS.get(table, frozenset())
    columns = [c[1] for c in info if c[1] != "id" and c[1] not in derived]
    defaults = {c[1]: _literal(c[4]) for c in info}
    logged: dict[str, dict[str, Any]] = {}
    for row_id, column, value in _latest_entries(conn, table):
        logged.setdefault(row_id, {})[column] = json.loads(value)
        report.entries_checked += 1
    cursor = conn.execute(f"SELECT id, {', '.join(columns)} FROM {table}")
    for row in cursor:
        report.rows_checked += 1
        row_id, values = row[0], dict(zip(columns, row[1:], strict=True))
        cells = logged.pop(row_id, None)
        if cells is None:
            report.problems.append(f"{table} {row_id}: row has no change entries")
            continue
        for column, value in values.items():
            expected = cells.get(column, defaults[column])
            if value != expected:
                report.problems.append(f"{table} {row_id}.{column}: row has {value!r}, change log has {expected!r}")
    for row_id in logged:
        report.problems.append(f"{table} {row_id}: change entries for a row that does not exist")
