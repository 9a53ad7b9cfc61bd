"""Backups of the database, and restoring one (no Qt).

A backup is SQLite's online backup of the open database (consistent while the program keeps writing) into the data
folder's `backups/`, with a manifest beside it: when and why it was made, the schema version, and the photo store's
files by name and size. Photos and PDFs are content-addressed files that are never changed, so the manifest is enough
to tell what a restored database needs from the store; they are not copied.

Backups are made daily (the GUI, `SCHEDULE_HOURS`), before every merge of bundles, before every migration of the
schema, before a restore, and by hand (`python -m app backup`). The newest KEEP are kept, and the newest of each
reason besides, so a run of daily backups never pushes out the one made before the last migration.

A restore checks the backup (SQLite's integrity check) first, then copies the current database aside as a backup of
its own (reason "restore"; a damaged file is copied as it is), then puts the chosen backup in place. Nothing is
overwritten without a copy.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from app import __version__
from app.errors import UserError
from app.paths import DB_NAME

FOLDER = "backups"
KEEP = 10
SCHEDULE_HOURS = 24
REASONS = ("daily", "manual", "merge", "migration", "restore")
_NAME = re.compile(r"fieldsafe-(\d{8}-\d{6}-\d{6})-([a-z]+)\.sqlite")


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime
    reason: str

    @property
    def manifest_path(self) -> Path:
        return self.path.with_suffix(".json")

    def manifest(self) -> dict[str, Any]:
        try:
            return dict(json.loads(self.manifest_path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return {}

    def missing_blobs(self, data_dir: Path) -> list[str]:
        """The store's files the manifest lists that are not in the data folder's store now."""
        blobs = Path(data_dir) / "blobs"
        return [name for name in self.manifest().get("blobs", {}) if not (blobs / name[:2] / name).exists()]


def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / FOLDER


def list_backups(data_dir: Path) -> list[Backup]:
    """The backups of the data folder, newest first."""
    found = []
    folder = backups_dir(data_dir)
    for path in folder.glob("fieldsafe-*.sqlite") if folder.is_dir() else ():
        match = _NAME.fullmatch(path.name)
        if match:
            found.append(Backup(path, datetime.strptime(match.group(1), "%Y%m%d-%H%M%S-%f"), match.group(2)))
    return sorted(found, key=lambda b: b.made, reverse=True)


def latest(data_dir: Path) -> Backup | None:
    backups = list_backups(data_dir)
    return backups[0] if backups else None


def due(data_dir: Path, now: datetime | None = None) -> bool:
    """Whether the daily backup is due: none yet, or the newest is SCHEDULE_HOURS old."""
    newest = latest(data_dir)
    return newest is None or ((now or datetime.now()) - newest.made).total_seconds() >= SCHEDULE_HOURS * 3600


def make_backup(conn: sqlite3.Connection, data_dir: Path, reason: str,
                progress: Callable[[int, int], None] | None = None) -> Backup:
    """Back the open database `conn` up into the data folder's backups (see the module docstring)."""
    path, made = _new(data_dir, reason)
    part = path.with_name(path.name + ".part")
    target = sqlite3.connect(part)
    try:
        def step(_status: int, remaining: int, total: int) -> None:
            if progress:
                progress(total - remaining, total)

        conn.backup(target, pages=4096, progress=step)
        version = target.execute("PRAGMA user_version").fetchone()[0]
    finally:
        target.close()
    _fsync(part)
    os.replace(part, path)
    _write_manifest(Backup(path, made, reason), data_dir, version)
    _rotate(data_dir)
    return Backup(path, made, reason)


def backup_file(db_path: Path, data_dir: Path, reason: str) -> Backup | None:
    """Back up the database file itself (before a migration opens it for writing, or a damaged one before a
    restore replaces it): SQLite's backup when it can still read it, else a byte copy. None when there is no file."""
    if not Path(db_path).exists():
        return None
    try:
        source = sqlite3.connect(f"file:{Path(db_path).as_posix()}?mode=ro", uri=True)
        try:
            return make_backup(source, data_dir, reason)
        finally:
            source.close()
    except sqlite3.DatabaseError:
        path, made = _new(data_dir, reason)
        shutil.copyfile(db_path, path)
        _fsync(path)
        _write_manifest(Backup(path, made, reason), data_dir, None, damaged=True)
        return Backup(path, made, reason)


def check(path: Path) -> str | None:
    """None when the file is a sound SQLite database; else what SQLite says is wrong with it."""
    try:
        conn = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None if rows == ["ok"] else "; ".join(rows[:5])


def restore(backup: Backup, data_dir: Path) -> Backup | None:
    """Put `backup` in place of the data folder's database, which must not be open. The current database is
    backed up first (returned; None when there was none). Refused when the backup fails the integrity check."""
    problem = check(backup.path)
    if problem:
        raise UserError("backup.damaged", "备份文件已损坏，未恢复：{file}（{reason}）",
                        "The backup is damaged and was not restored: {file} ({reason})",
                        file=backup.path.name, reason=problem)
    db_path = Path(data_dir) / DB_NAME
    aside = backup_file(db_path, data_dir, "restore")
    part = db_path.with_name(db_path.name + ".restoring")
    shutil.copyfile(backup.path, part)
    _fsync(part)
    for suffix in ("-wal", "-shm"):  # the old file's log belongs to it, not to the restored one
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    os.replace(part, db_path)
    return aside


def _new(data_dir: Path, reason: str) -> tuple[Path, datetime]:
    """Where a backup made now for `reason` goes (its name says when and why: list_backups reads it back)."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    folder = backups_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    made = datetime.now()
    return folder / f"fieldsafe-{made.strftime('%Y%m%d-%H%M%S-%f')}-{reason}.sqlite", made


def _write_manifest(backup: Backup, data_dir: Path, version: int | None, damaged: bool = False) -> None:
    blobs_root = Path(data_dir) / "blobs"
    blobs = {p.name: p.stat().st_size for p in blobs_root.glob("??/*") if p.is_file()} if blobs_root.is_dir() else {}
    manifest = {"made": backup.made.isoformat(timespec="seconds"), "reason": backup.reason,
                "schema_version": version, "app_version": __version__, "damaged": damaged,
                "database_bytes": backup.path.stat().st_size, "blob_count": len(blobs),
                "blob_bytes": sum(blobs.values()), "blobs": blobs}
    part = backup.manifest_path.with_name(backup.manifest_path.name + ".part")
    part.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(part, backup.manifest_path)


def _rotate(data_dir: Path) -> None:
    backups = list_backups(data_dir)
    keep = {b.path for b in backups[:KEEP]}
    keep |= {next(b for b in backups if b.reason == reason).path for reason in {b.reason for b in backups}}
    for old in backups:
        if old.path not in keep:
            old.path.unlink(missing_ok=True)
            old.manifest_path.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


__all__ = ["KEEP", "REASONS", "SCHEDULE_HOURS", "Backup", "backup_file", "backups_dir", "check", "due", "latest",
           "list_backups", "make_backup", "restore"]
