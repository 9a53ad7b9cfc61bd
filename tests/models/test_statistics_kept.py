"""The statistics' counts kept by triggers (app/models/schema_stats.py) equal the rows counted afresh: for any
period, after every kind of change a service, a merge or a direct delete makes, and after the migration that
creates them on a database already full."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.models.demo import generate_demo
from app.models.schema_stats import drift
from app.models.statistics import Statistics, split_period
from app.models.workspace import Workspace

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def full(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("stats") / "data"
    with Workspace(folder) as ws:
        generate_demo(ws, landlords=10, tenants=40, inspections=40, today=TODAY)
    return folder


def periods(seed: int = 7, n: int = 30) -> list[tuple[date, date]]:
    rng = random.Random(seed)
    first = date(2026, 1, 1)
    found = [(date(2026, 1, 1), TODAY), (date(2026, 8, 1), date(2026, 11, 30)),
             (date(2026, 10, 15), date(2026, 10, 15)), (date(2026, 9, 30), date(2026, 11, 1)),
             (date(2026, 11, 1), date(2026, 10, 31))]
    for _ in range(n):
        a = first + timedelta(days=rng.randrange(365))
        found.append((a, a + timedelta(days=rng.randrange(120))))
    return found


def agree(ws: Workspace) -> None:
    statistics = Statistics(ws.store)
    assert drift(ws.store.db.conn) == []
    for start, end in periods():
        assert statistics.by_township_month(start, end) == statistics.counted(start, end), (start, end)


def test_split_period_keeps_whole_months_and_the_days_around_them():
    assert split_period(date(2026, 1, 1), date(2026, 12, 7)) == (
        ("2026-01", "2026-11"), [(date(2026, 12, 1), date(2026, 12, 7))])
    assert split_period(date(2026, 2, 3), date(2026, 3, 31)) == (
        ("2026-03", "2026-03"), [(date(2026, 2, 3), date(2026, 2, 28))])
    assert split_period(date(2026, 2, 3), date(2026, 3, 30)) == (None, [(date(2026, 2, 3), date(2026, 3, 30))])
    assert split_period(date(2026, 12, 1), date(2026, 12, 31)) == (("2026-12", "2026-12"), [])
    assert split_period(date(2026, 5, 2), date(2026, 5, 1)) == (None, [])


def test_kept_counts_equal_the_rows_for_any_period(full):
    with Workspace(full) as ws:
        assert ws.store.db.conn.execute("SELECT count(*) FROM stat_township").fetchone()[0] > 0
        agree(ws)


def test_kept_counts_follow_every_kind_of_change(full, tmp_path):
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(full, folder)
    with Workspace(folder) as ws:
        conn = ws.store.db.conn
        one = lambda sql: conn.execute(sql).fetchone()  # noqa: E731
        visit, = one("SELECT id FROM inspection WHERE status = 'COMPLETED' ORDER BY id LIMIT 1")
        ws.store.update("inspection", visit, {"status": "VOID"})
        target, = one("SELECT id FROM inspection_target WHERE deleted = 0 ORDER BY id LIMIT 1")
        ws.store.update("inspection_target", target, {"deleted": 1})
        moved, = one("SELECT id FROM enterprise WHERE id IN (SELECT enterprise_id FROM hazard) ORDER BY id LIMIT 1")
        other_town, = one(f"SELECT id FROM org_unit WHERE level = 'township' AND id != "
                          f"(SELECT township_id FROM enterprise WHERE id = '{moved}') LIMIT 1")
        ws.store.update("enterprise", moved, {"township_id": other_town})
        hazards = [r[0] for r in conn.execute("SELECT id FROM hazard WHERE status != 'VOID' ORDER BY id LIMIT 4")]
        ws.store.update("hazard", hazards[0], {"status": "CLOSED", "closed_on": "2026-11-25"})
        ws.store.update("hazard", hazards[1], {"grade": "MAJOR", "overdue_since": "2026-10-02"})
        ws.store.update("hazard", hazards[2], {"deleted": 1})
        ws.store.update("hazard", hazards[3], {"enterprise_id": moved, "created_at": "2026-03-04T08:00:00"})
        document = ws.store.insert("document", {"doc_type": "ORDER", "inspection_id": visit, "enterprise_id": moved,
                                                "status": "SIGNED", "created_at": "2026-12-01T10:00:00"})
        agree(ws)
        ws.store.update("document", document, {"doc_type": "DECISION", "stop_ordered": 1})
        agree(ws)
        # rows removed outright (as a merge hides a row) and an enterprise gone with its counts
        with ws.store.transaction(), ws.store.merging() as direct:
            direct.execute("DELETE FROM inspection_target WHERE id = (SELECT min(id) FROM inspection_target)")
            direct.execute("PRAGMA defer_foreign_keys = ON")
            direct.execute("DELETE FROM enterprise WHERE id = ?", (moved,))
            assert drift(direct) == []
            direct.execute("INSERT INTO enterprise (id, name, township_id) VALUES (?, '回来的企业', ?)",
                           (moved, other_town))
        agree(ws)


def test_the_migration_counts_a_database_already_full(full, tmp_path):
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(full, folder)
    database = next(folder.glob("*.sqlite"))
    conn = sqlite3.connect(database)
    made_since = ("SELECT type, name FROM sqlite_schema WHERE name LIKE 'stat%' OR name LIKE 'visit%' OR name IN "
                  "('hazard_created', 'hazard_closed', 'hazard_overdue', 'enterprise_coverage')")
    for kind, name in conn.execute(made_since).fetchall():
        if kind != "table":
            conn.execute(f"DROP {kind} IF EXISTS {name}")
    conn.execute("DROP TABLE stat_month")
    conn.execute("DROP TABLE stat_township")
    conn.execute("DROP TABLE visit_fact")  # version 16 is made again after 15
    conn.execute("DROP TABLE visit_stale")
    conn.execute("PRAGMA user_version = 14")
    conn.commit()
    conn.close()
    with Workspace(folder) as ws:
        assert ws.store.db.conn.execute("PRAGMA user_version").fetchone()[0] >= 15
        agree(ws)
