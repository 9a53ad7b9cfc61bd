"""The one write path for synced tables.

Every insert, update or delete of a synced row happens here, and in the same transaction appends one change entry
per field: (stamp, device, author, table, row, field, new value, stamps it replaced). The entries are the audit
trail now and the unit of sync later (tech.md §1.3). A SQLite authorizer refuses any write to a synced table or to
the change log that does not come through this class, so no other code path can bypass the log.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any

from app.errors import NotFoundError
from app.models.clock import HybridLogicalClock
from app.models.ids import natural_id, uuid7
from app.models.schema import DERIVED_COLUMNS, SYNCED_TABLES
from app.models.sqlite_lib import Database

_PROTECTED = frozenset(SYNCED_TABLES) | {"change"}
_WRITE_ACTIONS = {sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE}

Stamp = tuple[int, str]


@dataclass(frozen=True)
class ChangeEntry:
    hlc: int
    device: str
    author: str
    table: str
    row_id: str
    column: str
    value: Any
    pred: tuple[Stamp, ...]

    COLUMNS = "hlc, device, author, tbl, row_id, col, value, pred"  # select list matching from_row

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> ChangeEntry:
        hlc, device, author, table, row_id, column, value, pred = row
        return cls(hlc, device, author, table, row_id, column, json.loads(value),
                   tuple((int(h), str(d)) for h, d in json.loads(pred)))


@dataclass(frozen=True)
class Changes:
    """What one committed transaction changed: the synced tables it wrote, and the local ones pages show (the
    conflict queue, sync bookkeeping) — pages decide from it what to reload (app/ui/pages.py)."""

    tables: frozenset[str]


def _not_found(table: str, row_id: str) -> NotFoundError:
    return NotFoundError(
        "store.not_found",
        "找不到记录：{table} {row_id}",
        "No such record: {table} {row_id}",
        table=table,
        row_id=row_id,
    )


def to_db(value: Any) -> Any:
    """The value as the materialised row stores it (lists and objects as canonical JSON, booleans as 0/1)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return value


class Store:
    """Owns the connection's writes; read helpers are here too because every service needs them."""

    def __init__(
        self,
        db: Database,
        device_id: str,
        clock: HybridLogicalClock,
        author: str = "local",
        is_office: Callable[[], bool] = lambda: False,
    ) -> None:
        self.db = db
        self.device_id = device_id
        self.is_office = is_office  # whether this installation is a supervisor office (app/models/authority.py)
        self.clock = clock
        self.author = author
        # The GUI thread and the op thread (app/ui/ops.py) share the connection: one transaction at a time, and
        # the nesting depth belongs to the thread holding this lock.
        self._lock = threading.RLock()
        self._depth = 0
        self._owner: int | None = None
        self._writing = False
        self._changed: set[str] = set()  # synced tables written in the open transaction
        self._listeners: list[Callable[[Changes], None]] = []
        self._columns: dict[str, frozenset[str]] = {}
        db.conn.set_authorizer(self._authorize)

    # Transactions

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """One atomic unit: on return everything is on disk; on error nothing of it is."""
        with self._lock, self._transaction() as store:
            yield store

    @contextmanager
    def _transaction(self) -> Iterator[Store]:
        conn = self.db.conn
        if self._depth:
            name = f"sp{self._depth}"
            conn.execute(f"SAVEPOINT {name}")
            self._depth += 1
            try:
                yield self
            except BaseException:
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
                raise
            else:
                conn.execute(f"RELEASE {name}")
            finally:
                self._depth -= 1
            return
        conn.execute("BEGIN IMMEDIATE")
        # Another process on the same folder (the CLI beside the GUI) has its own clock: holding the write lock,
        # move past every stamp this device already wrote so it never writes a stamp twice. (Other devices' stamps
        # do not move it: an imported far-future stamp must not drag the local clock, app/sync/merge.py.)
        newest = conn.execute("SELECT max(hlc) FROM change WHERE device = ?", (self.device_id,)).fetchone()[0]
        if newest is not None and newest > self.clock.last:
            self.clock.last = newest
        self._depth, self._owner = 1, threading.get_ident()
        try:
            yield self
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('hlc', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(self.clock.last),),
            )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            self._changed.clear()
            raise
        finally:
            self._depth, self._owner = 0, None
        if self._changed:
            changes = Changes(frozenset(self._changed))
            self._changed.clear()
            for listener in list(self._listeners):
                listener(changes)

    def on_commit(self, listener: Callable[[Changes], None]) -> Callable[[], None]:
        """Call `listener` after every committed transaction that changed synced rows; returns the unsubscriber."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def note_changed(self, tables: Iterable[str]) -> None:
        """Rows of these tables were written by the merge (which writes them directly)."""
        self._changed.update(tables)

    def in_transaction(self) -> bool:
        return self._depth > 0 and self._owner == threading.get_ident()

    def _unit(self) -> AbstractContextManager[Any]:
        """The transaction for one insert/update: its own when alone; inside an outer one no savepoint is needed,
        because the row is written first and a failure there leaves nothing to undo."""
        return nullcontext() if self.in_transaction() else self.transaction()

    # Writes

    def insert(self, table: str, values: Mapping[str, Any], row_id: str | None = None) -> str:
        fields = {k: to_db(v) for k, v in values.items() if v is not None}
        self._check_columns(table, fields)
        row_id = row_id or uuid7()
        names = ", ".join(["id", *fields])
        marks = ", ".join("?" * (len(fields) + 1))
        with self._unit():
            self._write(f"INSERT INTO {table} ({names}) VALUES ({marks})", (row_id, *fields.values()))
            for column, value in fields.items():
                self._append(table, row_id, column, value, ())
        return row_id

    def put_natural(self, table: str, key: tuple[str, ...], values: Mapping[str, Any]) -> str:
        """Insert the one row a natural key names (ids.natural_id), or bring its tombstoned row back with these
        values; return its id."""
        row_id = natural_id(table, *key)
        with self._unit():
            if self.get(table, row_id) is None:
                return self.insert(table, values, row_id=row_id)
            self.update(table, row_id, {**values, "deleted": 0})
        return row_id

    def update(self, table: str, row_id: str, values: Mapping[str, Any]) -> dict[str, Any]:
        """Write the fields that differ from the stored row; return them (empty when nothing changed)."""
        fields = {k: to_db(v) for k, v in values.items()}
        self._check_columns(table, fields)
        with self._unit():
            current = self.get(table, row_id)
            if current is None:
                raise _not_found(table, row_id)
            changed = {k: v for k, v in fields.items() if current[k] != v}
            if not changed:
                return {}
            assignments = ", ".join(f"{k} = ?" for k in changed)
            self._write(f"UPDATE {table} SET {assignments} WHERE id = ?", (*changed.values(), row_id))
            for column, value in changed.items():
                self._append_over_heads(table, row_id, column, value)
        return changed

    def resolve(self, table: str, row_id: str, column: str, value: Any) -> None:
        """Settle a cell that two devices changed concurrently: one entry replacing every head, even when the value
        chosen is the one already shown (Store.update would write nothing then, leaving the conflict open)."""
        fields = {column: to_db(value)}
        self._check_columns(table, fields)
        with self._unit():
            if self.get(table, row_id) is None:
                raise _not_found(table, row_id)
            self._write(f"UPDATE {table} SET {column} = ? WHERE id = ?", (fields[column], row_id))
            self._append_over_heads(table, row_id, column, fields[column])

    def attest(self, table: str, row_id: str, columns: tuple[str, ...]) -> None:
        """Write the row's current value of each column again, replacing every head: a signature's record of exactly
        what the signer saw (app/models/fold.py, class C), whatever other devices' entries say later."""
        row = self.require(table, row_id)
        self._check_columns(table, {c: None for c in columns})
        with self._unit():
            for column in columns:
                if row[column] is not None:
                    self._append_over_heads(table, row_id, column, row[column])

    def _append_over_heads(self, table: str, row_id: str, column: str, value: Any) -> None:
        pred = self.heads(table, row_id, column)
        self._append(table, row_id, column, value, pred)
        if len(pred) > 1:
            self._changed.add("conflict")
            # The entry replaces every head, so the cell's concurrent-edit conflict (app/sync/merge.py) is settled.
            self.db.conn.execute(
                "DELETE FROM conflict WHERE kind = 'CONCURRENT' AND tbl = ? AND row_id = ? AND col = ?",
                (table, row_id, column),
            )

    def delete(self, table: str, row_id: str) -> None:
        """Deletion is a logged tombstone (deleted = 1), so it travels and can be undone by a later entry."""
        self.update(table, row_id, {"deleted": 1})

    def _append(self, table: str, row_id: str, column: str, value: Any, pred: tuple[Stamp, ...]) -> None:
        self._changed.add(table)
        self._write(
            "INSERT INTO change (hlc, device, author, tbl, row_id, col, value, pred) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                self.clock.tick(),
                self.device_id,
                self.author,
                table,
                row_id,
                column,
                json.dumps(value, ensure_ascii=False),
                json.dumps([list(p) for p in pred]),
            ),
        )

    @contextmanager
    def merging(self) -> Iterator[sqlite3.Connection]:
        """Direct writes for the merge, which materialises rows from entries it has already logged; only inside a
        transaction."""
        if not self.in_transaction():
            raise RuntimeError("merging() outside a transaction")
        self._writing = True
        try:
            yield self.db.conn
        finally:
            self._writing = False

    def _write(self, sql: str, params: tuple[Any, ...]) -> None:
        self._writing = True
        try:
            self.db.conn.execute(sql, params)
        finally:
            self._writing = False

    def _authorize(self, action: int, arg1: str | None, *_: object) -> int:
        if action in _WRITE_ACTIONS and arg1 in _PROTECTED and not self._writing:
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    def _check_columns(self, table: str, fields: Mapping[str, Any]) -> None:
        if table not in SYNCED_TABLES:
            raise ValueError(f"{table} is not a synced table")
        columns = self._columns.get(table)
        if columns is None:
            declared = {r[1] for r in self.db.conn.execute(f"PRAGMA table_info({table})")}
            columns = frozenset(declared) - {"id"} - DERIVED_COLUMNS.get(table, frozenset())
            self._columns[table] = columns
        unknown = set(fields) - columns
        if unknown:
            raise ValueError(f"unknown columns for {table}: {sorted(unknown)}")

    # Reads

    def get(self, table: str, row_id: str) -> dict[str, Any] | None:
        row = self.db.conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
        names = [d[0] for d in row.description]
        found = row.fetchone()
        return dict(zip(names, found, strict=True)) if found else None

    def require(self, table: str, row_id: str) -> dict[str, Any]:
        row = self.get(table, row_id)
        if row is None or row.get("deleted"):
            raise _not_found(table, row_id)
        return row

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        return list(self.db.query(sql, params))

    def heads(self, table: str, row_id: str, column: str) -> tuple[Stamp, ...]:
        """Entries of one cell that no other entry replaced: one normally, several after a concurrent edit."""
        rows = self.db.conn.execute(
            "SELECT hlc, device, pred FROM change WHERE tbl = ? AND row_id = ? AND col = ?",
            (table, row_id, column),
        ).fetchall()
        replaced = {(p[0], p[1]) for _, _, pred in rows for p in json.loads(pred)}
        return tuple(sorted((h, d) for h, d, _ in rows if (h, d) not in replaced))

    def history(self, table: str, row_id: str) -> list[ChangeEntry]:
        rows = self.db.conn.execute(
            f"SELECT {ChangeEntry.COLUMNS} FROM change WHERE tbl = ? AND row_id = ? ORDER BY hlc, device",
            (table, row_id),
        )
        return [ChangeEntry.from_row(r) for r in rows]
