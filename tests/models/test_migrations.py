from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.errors import UserError
from app.models.db import connect, migrate, open_database, schema_version
from app.models.integrity import check
from app.models.schema import SCHEMA_VERSION
from app.models.workspace import Workspace
from app.paths import DB_NAME

V1 = Path(__file__).resolve().parents[1] / "fixtures" / "v1.sqlite"


def test_fixture_is_a_version_1_file():
    db = connect(V1)
    try:
        assert schema_version(db) == 1
    finally:
        db.close()


def test_a_version_1_file_is_upgraded_in_place_and_keeps_its_data(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(V1, data / DB_NAME)
    with Workspace(data) as ws:
        assert schema_version(ws.db) == SCHEMA_VERSION
        # v2 added the search column, filled for rows that existed before the upgrade
        hits = ws.registry.rows(ws.registry.search_ids("五金"))
        assert [r.name for r in hits] == ["宁波恒达五金制品厂"]
        assert hits[0].landlords == "宁波市鄞州集士港工业投资有限公司"
        assert ws.registry.search_ids("91330212MA2AA0TD4Y") != []
        # the upgraded file keeps working through the store, and its log still matches its rows
        ws.registry.update_enterprise(hits[0].id, employees=15)
        report = check(ws)
        assert report.ok, report.problems
        # the clock resumes after the stamps the v1 file holds
        newest = ws.db.conn.execute("SELECT max(hlc) FROM change WHERE device = '0123456789abcdef'").fetchone()[0]
        assert ws.clock.last > newest


def test_opening_twice_does_not_migrate_again(tmp_path):
    path = tmp_path / "x.sqlite"
    shutil.copy(V1, path)
    open_database(path).close()
    db = open_database(path)
    assert schema_version(db) == SCHEMA_VERSION
    db.close()


def test_a_file_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "new.sqlite"
    db = open_database(path)
    db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = path.read_bytes()
    with pytest.raises(UserError) as err:
        open_database(path)
    assert err.value.code == "db.too_new"
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("这不是数据库" * 200, encoding="utf-8")
    with pytest.raises(UserError) as err:
        open_database(path)
    assert err.value.code == "db.not_sqlite"


def test_another_programs_database_is_refused_untouched(tmp_path):
    import sqlite3

    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE enterprise (x)")
    before = path.read_bytes()
    with pytest.raises(UserError) as err:
        open_database(path)
    assert err.value.code == "db.foreign"
    assert path.read_bytes() == before


def test_version_7_moves_the_resume_position_out_of_the_synced_inspection(tmp_path):
    db = connect(tmp_path / DB_NAME)
    migrate(db, stop_before=7)
    db.conn.execute("PRAGMA foreign_keys = OFF")  # only the inspection rows matter here
    for row_id, resume in (("a", "ent-1/KEY-01"), ("b", None), ("c", "broken")):
        db.conn.execute(
            "INSERT INTO inspection (id, enterprise_id, template_id, mode, purpose, status, started_at, resume_item) "
            "VALUES (?, 'ent-1', 't', 'ROUTINE', 'p', 'IN_PROGRESS', '2026-01-01', ?)", (row_id, resume),
        )
    db.conn.commit()
    migrate(db)
    rows = db.conn.execute("SELECT * FROM inspection_position").fetchall()
    db.close()
    assert rows == [("a", "ent-1", "KEY-01")]
