"""Backups: the online copy with its manifest, rotation, the backups made before a migration and a merge, restore
that keeps a copy of what it replaces and refuses a damaged backup, and the command line."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.errors import UserError
from app.models import backup
from app.models.backup import check, due, list_backups, make_backup, restore
from app.models.db import connect, migrate
from app.models.workspace import Workspace
from app.paths import DB_NAME
from tests.support import build_site


def enterprises(data_dir) -> int:
    conn = sqlite3.connect(data_dir / DB_NAME)
    try:
        return int(conn.execute("SELECT count(*) FROM enterprise").fetchone()[0])
    finally:
        conn.close()


def test_a_backup_is_a_sound_copy_with_a_manifest_of_the_store(ws, tmp_path):
    site = build_site(ws)
    outcome = ws.inspections.record_verdict(site.inspection, site.tenant, "RESP-04", "NONCOMPLIANT", "制度未发布")
    ws.inspections.attach_photo(_jpeg(), hazard_id=outcome.hazard_id, name="before.jpg")
    made = make_backup(ws.db.conn, ws.data_dir, "manual")
    assert made.path.parent == ws.data_dir / "backups" and check(made.path) is None
    copy = sqlite3.connect(made.path)
    assert copy.execute("SELECT count(*) FROM enterprise").fetchone()[0] == ws.registry.count()
    copy.close()
    manifest = made.manifest()
    assert manifest["reason"] == "manual" and manifest["schema_version"] == migrate(ws.db)
    stored = {p.name for p in (ws.data_dir / "blobs").glob("??/*")}
    assert set(manifest["blobs"]) == stored and manifest["blob_count"] == len(stored) >= 3
    assert made.missing_blobs(ws.data_dir) == []
    assert list_backups(ws.data_dir) == [made]


def _jpeg() -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 40, 40)).save(buf, "JPEG")
    return buf.getvalue()


def test_the_daily_backup_is_due_after_a_day(ws):
    assert due(ws.data_dir)
    made = make_backup(ws.db.conn, ws.data_dir, "daily")
    assert not due(ws.data_dir, made.made + timedelta(hours=23))
    assert due(ws.data_dir, made.made + timedelta(hours=24))


def test_rotation_keeps_the_newest_and_the_newest_of_each_reason(ws, monkeypatch):
    monkeypatch.setattr(backup, "KEEP", 3)
    first_migration = make_backup(ws.db.conn, ws.data_dir, "migration")
    for _ in range(5):
        make_backup(ws.db.conn, ws.data_dir, "daily")
    kept = list_backups(ws.data_dir)
    assert [b.reason for b in kept] == ["daily"] * 3 + ["migration"]
    assert kept[-1] == first_migration
    assert {p.name for p in (ws.data_dir / "backups").iterdir()} == {
        name for b in kept for name in (b.path.name, b.manifest_path.name)}


def test_an_older_schema_is_backed_up_before_it_is_migrated(tmp_path):
    path = tmp_path / "data" / DB_NAME
    path.parent.mkdir()
    db = connect(path)
    migrate(db, stop_before=5)
    db.close()
    assert list_backups(path.parent) == []
    Workspace(path.parent).close()
    [made] = list_backups(path.parent)
    assert made.reason == "migration" and made.manifest()["schema_version"] == 4
    Workspace(path.parent).close()  # already current: no second backup
    assert len(list_backups(path.parent)) == 1


def test_restore_keeps_a_copy_of_the_database_it_replaces(tmp_path):
    data = tmp_path / "data"
    with Workspace(data) as ws:
        build_site(ws)
        made = make_backup(ws.db.conn, data, "manual")
        ws.registry.create_enterprise(name="宁波新来五金厂", township_id=ws.registry.townships()[0]["id"])
        after = ws.registry.count()
    aside = restore(made, data)
    assert enterprises(data) == after - 1
    assert aside is not None and aside.reason == "restore" and check(aside.path) is None
    copy = sqlite3.connect(aside.path)
    assert copy.execute("SELECT count(*) FROM enterprise").fetchone()[0] == after
    copy.close()
    with Workspace(data) as ws:  # the restored file opens and works
        assert ws.registry.count() == after - 1


def test_a_damaged_backup_is_refused_and_nothing_changes(tmp_path):
    data = tmp_path / "data"
    with Workspace(data) as ws:
        build_site(ws)
        made = make_backup(ws.db.conn, data, "manual")
    before = (data / DB_NAME).read_bytes()
    damaged = bytearray(made.path.read_bytes())
    damaged[4096:8192] = b"\xff" * 4096
    made.path.write_bytes(bytes(damaged))
    with pytest.raises(UserError) as err:
        restore(made, data)
    assert err.value.code == "backup.damaged"
    assert (data / DB_NAME).read_bytes() == before and len(list_backups(data)) == 1


def test_a_damaged_database_is_copied_as_it_is_before_a_restore(tmp_path):
    data = tmp_path / "data"
    with Workspace(data) as ws:
        build_site(ws)
        made = make_backup(ws.db.conn, data, "manual")
    shutil.copyfile(data / DB_NAME, tmp_path / "good.sqlite")
    (data / DB_NAME).write_bytes(b"SQLite format 3\x00" + b"\x00" * 100 + b"garbage" * 1000)
    assert check(data / DB_NAME) is not None
    aside = restore(made, data)
    assert aside is not None and aside.manifest()["damaged"] is True
    assert aside.path.read_bytes().endswith(b"garbage")
    assert check(data / DB_NAME) is None and enterprises(data) > 0


def test_a_merge_is_preceded_by_a_backup_and_files_that_change_nothing_make_none(ws, tmp_path):
    from app.sync.exchange import ALREADY, IMPORTED, REFUSED, Sync

    with Workspace(tmp_path / "laptop") as laptop:
        laptop.registry.create_enterprise(name="备份前的企业")
        bundle = Sync(laptop).export(tmp_path, everything=True).path
        laptop.registry.create_enterprise(name="单独导入的企业")
        single = Sync(laptop).export(tmp_path, everything=True).path
    sync = Sync(ws)
    sync.import_files([tmp_path / "missing.fsb"])
    assert list_backups(ws.data_dir) == []
    [report] = sync.import_files([bundle], enrol=lambda _m: True)
    assert report.status == IMPORTED and [b.reason for b in list_backups(ws.data_dir)] == ["merge"]
    made = list_backups(ws.data_dir)[0]
    assert "备份前的企业" not in {r["name"] for r in made_enterprises(made.path)}
    again = sync.import_files([bundle, tmp_path / "missing.fsb"])
    assert [r.status for r in again] == [ALREADY, REFUSED] and len(list_backups(ws.data_dir)) == 1
    # one file imported on its own makes no backup, even after a run of import_files that wrote nothing
    assert sync.import_file(single).status == IMPORTED and len(list_backups(ws.data_dir)) == 1

def made_enterprises(path: Path) -> list[sqlite3.Row]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute("SELECT name FROM enterprise").fetchall()
    finally:
        conn.close()


def test_the_command_line_backs_up_lists_and_restores(tmp_path, capsys):
    data = tmp_path / "data"
    with Workspace(data) as ws:
        build_site(ws)
        count = ws.registry.count()
    assert main(["--data-dir", str(data), "backup"]) == 0
    assert main(["--data-dir", str(data), "backups"]) == 0
    [made] = list_backups(data)
    assert made.path.name in capsys.readouterr().out
    with Workspace(data) as ws:
        ws.registry.create_enterprise(name="宁波新来五金厂", township_id=ws.registry.townships()[0]["id"])
    assert main(["--data-dir", str(data), "restore", "--file", "no-such.sqlite"]) == 1
    assert "找不到备份" in capsys.readouterr().err
    assert main(["--data-dir", str(data), "restore", "--latest"]) == 0
    assert enterprises(data) == count
    assert [b.reason for b in list_backups(data)] == ["restore", "manual"]
    stamp = datetime.now()
    assert all(b.made <= stamp for b in list_backups(data))
