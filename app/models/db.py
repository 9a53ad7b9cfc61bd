"""Opening the SQLite file: pragmas, migrations, refusal of files from a newer version."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.errors import UserError
from app.models.schema import MIGRATIONS, SCHEMA_VERSION
from app.models.sqlite_lib import Database

BUSY_TIMEOUT_S = 10  # how long a write waits for another process holding the database (CLI beside the GUI)


def connect(path: Path | str) -> Database:
    """A connection with the settings every FieldSafe connection needs.

    `synchronous=FULL` because an inspector's laptop can lose power mid-visit: a committed answer must be on disk.
    """
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, check_same_thread=False)
    # Look before changing anything (switching to WAL rewrites the file header): a file that is not SQLite, or
    # another program's database, is refused untouched.
    try:
        tables = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise UserError(
            "db.not_sqlite",
            "无法打开数据库 {path}：不是 FieldSafe 数据库或文件已损坏（{reason}）",
            "Cannot open database {path}: not a FieldSafe database or the file is damaged ({reason})",
            path=str(path),
            reason=str(exc),
        ) from exc
    if version == 0 and tables:
        conn.close()
        raise UserError(
            "db.foreign",
            "{path} 是其他程序的 SQLite 数据库，不是 FieldSafe 数据库；FieldSafe 不会改动它。",
            "{path} is another program's SQLite database, not a FieldSafe one; FieldSafe leaves it untouched.",
            path=str(path),
        )
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
    return Database(conn)


def schema_version(db: Database) -> int:
    return int(db.conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: Database, stop_before: int | None = None) -> int:
    """Bring the file up to SCHEMA_VERSION in place, one transaction per step; return the version reached."""
    current = schema_version(db)
    if current > SCHEMA_VERSION:
        raise UserError(
            "db.too_new",
            "此数据库由较新版本的 FieldSafe 创建（数据结构版本 {found}，本程序支持 {supported}），请升级程序后再打开。",
            "This database was written by a newer FieldSafe (schema {found}; this program knows {supported}). "
            "Upgrade the program to open it.",
            found=current,
            supported=SCHEMA_VERSION,
        )
    target = SCHEMA_VERSION if stop_before is None else min(stop_before - 1, SCHEMA_VERSION)
    conn = db.conn
    for version in range(current + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version - 1](conn)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return schema_version(db)


def open_database(path: Path | str) -> Database:
    """Open and migrate; a file of an older schema is backed up beside it first (app/models/backup.py)."""
    db = connect(path)
    try:
        if 0 < schema_version(db) < SCHEMA_VERSION:
            from app.models.backup import make_backup

            make_backup(db.conn, Path(path).parent, "migration")
        migrate(db)
    except BaseException:
        db.close()
        raise
    return db
