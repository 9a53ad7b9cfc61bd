"""The single write path: rows and change entries in one transaction, nothing written around it."""

from __future__ import annotations

import json
import sqlite3

import pytest

from app.models.clock import unpack
from app.models.workspace import Workspace
from tests.support import change_count


def test_insert_logs_one_entry_per_field_with_device_author_and_stamp(ws):
    before = change_count(ws)
    row_id = ws.store.insert("org_unit", {"level": "township", "name": "集士港镇", "division_code": None})
    entries = ws.store.history("org_unit", row_id)
    assert {e.column for e in entries} == {"level", "name"}  # None fields are not written
    assert change_count(ws) == before + 2
    assert all(e.device == ws.device.id and e.author == "tester" and e.pred == () for e in entries)
    assert len({e.hlc for e in entries}) == 2
    assert len(row_id) == 36 and row_id[14] == "7"  # a UUIDv7


def test_update_logs_only_changed_fields_with_the_replaced_head(ws):
    row_id = ws.store.insert("org_unit", {"level": "township", "name": "甲镇"})
    first = {e.column: e for e in ws.store.history("org_unit", row_id)}
    assert ws.store.update("org_unit", row_id, {"name": "乙镇", "level": "township"}) == {"name": "乙镇"}
    latest = [e for e in ws.store.history("org_unit", row_id) if e.column == "name"][-1]
    assert latest.value == "乙镇"
    assert latest.pred == ((first["name"].hlc, first["name"].device),)
    assert ws.store.update("org_unit", row_id, {"name": "乙镇"}) == {}


def test_delete_is_a_logged_tombstone(ws):
    row_id = ws.store.insert("org_unit", {"level": "township", "name": "丙镇"})
    ws.store.delete("org_unit", row_id)
    assert ws.store.get("org_unit", row_id)["deleted"] == 1
    assert ws.store.history("org_unit", row_id)[-1].column == "deleted"


def test_a_failed_transaction_leaves_neither_rows_nor_entries(ws):
    before = change_count(ws)
    with pytest.raises(RuntimeError), ws.store.transaction():
        ws.store.insert("org_unit", {"level": "township", "name": "丁镇"})
        raise RuntimeError("power cut")
    assert change_count(ws) == before
    assert ws.store.query("SELECT * FROM org_unit WHERE name = '丁镇'") == []


def test_a_nested_failure_rolls_back_only_the_inner_part(ws):
    with ws.store.transaction():
        ws.store.insert("org_unit", {"level": "township", "name": "外层"})
        with pytest.raises(ValueError), ws.store.transaction():
            ws.store.insert("org_unit", {"level": "township", "name": "内层"})
            raise ValueError
    names = {r["name"] for r in ws.store.query("SELECT name FROM org_unit")}
    assert names == {"外层"}


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO org_unit (id, level, name) VALUES ('x', 'township', 'sneaky')",
        "UPDATE enterprise SET name = 'x'",
        "DELETE FROM change",
    ],
)
def test_writes_around_the_store_are_refused(ws, sql):
    with pytest.raises(sqlite3.DatabaseError):
        ws.db.conn.execute(sql)


def test_unknown_columns_are_a_programming_error(ws):
    with pytest.raises(ValueError):
        ws.store.insert("org_unit", {"level": "township", "name": "x", "colour": "red"})


def test_values_are_stored_as_json_in_the_log(ws):
    town = ws.store.insert("org_unit", {"level": "township", "name": "镇"})
    enterprise = ws.store.insert("enterprise", {"name": "甲厂", "is_tenant": True, "township_id": town,
                                                "profile": {"dust": True}})
    row = ws.store.require("enterprise", enterprise)
    assert row["is_tenant"] == 1 and json.loads(row["profile"]) == {"dust": True}
    values = {e.column: e.value for e in ws.store.history("enterprise", enterprise)}
    assert values["is_tenant"] == 1 and json.loads(values["profile"]) == {"dust": True}


def test_the_clock_survives_a_restart(tmp_path):
    with Workspace(tmp_path / "d") as first:
        first.store.insert("org_unit", {"level": "township", "name": "镇"})
        last = first.clock.last
        device = first.device.id
    with Workspace(tmp_path / "d") as again:
        assert again.device.id == device
        assert again.clock.tick() > last
        assert unpack(again.clock.last)[0] >= unpack(last)[0]
