"""Each visit's kept facts (app/models/visit_facts.py) equal every visit judged afresh: after every kind of change a
service, a merge or a direct write makes, and after the migration that creates them on a database already full."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from app.models.demo import generate_demo
from app.models.visit_facts import drift, refresh
from app.models.workspace import Workspace

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def full(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("visits") / "data"
    with Workspace(folder) as ws:
        generate_demo(ws, landlords=8, tenants=30, inspections=30, today=TODAY)
    return folder


@pytest.fixture
def copy(full, tmp_path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(full, folder)
    return folder


def facts(ws: Workspace) -> dict[tuple[str, str], tuple]:
    refresh(ws.store, ws.inspections.templates)
    return {r[:2]: tuple(r[2:]) for r in ws.store.db.conn.execute("SELECT * FROM visit_fact")}


def test_a_reading_with_nothing_changed_judges_nothing_and_writes_nothing(copy):
    with Workspace(copy) as ws:
        assert len(facts(ws)) > 30
        conn = ws.store.db.conn
        before = conn.total_changes
        assert refresh(ws.store, ws.inspections.templates) == 0
        assert conn.total_changes == before and not conn.in_transaction
        # one verdict marks its visit alone
        visit, enterprise, code = conn.execute(
            "SELECT inspection_id, enterprise_id, item_code FROM item_result WHERE deleted = 0 AND inspection_id IN "
            "(SELECT id FROM inspection WHERE status = 'IN_PROGRESS') LIMIT 1").fetchone()
        ws.store.update("item_result", conn.execute(
            "SELECT id FROM item_result WHERE inspection_id = ? AND enterprise_id = ? AND item_code = ?",
            (visit, enterprise, code)).fetchone()[0], {"note": "只改了备注"})
        assert refresh(ws.store, ws.inspections.templates) == 0  # a note judges nothing
        ws.inspections.record_verdict(visit, enterprise, code, "NONCOMPLIANT", "复核发现问题")
        assert refresh(ws.store, ws.inspections.templates) == 1


def test_kept_facts_follow_every_kind_of_change(copy):
    with Workspace(copy) as ws:
        conn = ws.store.db.conn
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        before = facts(ws)

        def changed(table: str, where: str, values: dict, *, whole_pair: bool = False) -> str:
            if whole_pair:  # of a visit that still counts for something
                where += " AND inspection_id IN (SELECT id FROM inspection WHERE status = 'COMPLETED')"
            row_id = one(f"SELECT id FROM {table} WHERE {where} ORDER BY id LIMIT 1")
            rows = [r[0] for r in conn.execute(
                f"SELECT id FROM {table} WHERE (inspection_id, enterprise_id) = "
                f"(SELECT inspection_id, enterprise_id FROM {table} WHERE id = ?)", (row_id,))] \
                if whole_pair else [row_id]
            with ws.store.transaction():
                for row in rows:
                    ws.store.update(table, row, values)
            # each change alone: another one on the same visit must not hide a change the triggers missed
            assert drift(ws.store, ws.inspections.templates) == [], (table, values)
            return row_id

        completed = changed("inspection", "status = 'COMPLETED'", {"status": "VOID"})
        changed("inspection_target", f"deleted = 0 AND inspection_id != '{completed}'", {"deleted": 1})
        changed("interview_answer", "rating IS NOT NULL", {"rating": None}, whole_pair=True)  # none asked
        changed("quiz_attempt", "finished_at IS NOT NULL", {"finished_at": None}, whole_pair=True)
        changed("item_result", "verdict = 'COMPLIANT'", {"verdict": None}, whole_pair=True)
        # a tenant that becomes a landlord too is asked the landlord's items
        changed("enterprise", "is_landlord = 0 AND id IN (SELECT enterprise_id FROM inspection_target "
                "WHERE deleted = 0)", {"is_landlord": 1})
        changed("inspector", "id IN (SELECT inspector_id FROM inspection_inspector)", {"name": "改名的检查员"})
        after = facts(ws)
        assert after != before and not any(k[0] == completed for k in after)
        assert any("改名的检查员" in f[-1] for f in after.values())
        # rows removed outright (as a merge hides a row)
        for table in ("item_result", "inspection_inspector", "interview_answer"):
            with ws.store.transaction(), ws.store.merging() as direct:
                direct.execute(f"DELETE FROM {table} WHERE id = (SELECT min(id) FROM {table})")
            assert drift(ws.store, ws.inspections.templates) == [], table


def test_the_migration_judges_a_database_already_full(copy):
    with Workspace(copy) as ws:
        expected = facts(ws)
    database = next(copy.glob("*.sqlite"))
    conn = sqlite3.connect(database)
    for kind, name in conn.execute("SELECT type, name FROM sqlite_schema WHERE name LIKE 'visit%' "
                                   "OR name = 'enterprise_coverage'").fetchall():
        if kind != "table":
            conn.execute(f"DROP {kind} IF EXISTS {name}")
    conn.execute("DROP TABLE visit_fact")
    conn.execute("DROP TABLE visit_stale")
    conn.execute("PRAGMA user_version = 15")
    conn.commit()
    conn.close()
    with Workspace(copy) as ws:
        assert ws.store.db.conn.execute("SELECT count(*) FROM visit_stale").fetchone()[0] > 0
        assert facts(ws) == expected
