"""Merge rules case by case: what is shown, what is listed, what waits, what is refused."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from app.errors import UserError
from app.models.integrity import IntegrityReport, _check_table
from app.models.schema import SYNCED_TABLES
from tests.sync.sim import SimDevice, Ticker


@pytest.fixture
def pair() -> tuple[SimDevice, SimDevice]:
    ticker = Ticker()
    return SimDevice("laptopA", ticker), SimDevice("laptopB", ticker, skew_ms=-3_600_000)


def conflicts(device: SimDevice, kind: str | None = None) -> list[dict]:
    rows = device.db.query("SELECT * FROM conflict ORDER BY kind, tbl, row_id, col")
    return [dict(r, detail=json.loads(r["detail"])) for r in rows if kind is None or r["kind"] == kind]


def assert_consistent(device: SimDevice) -> None:
    report = IntegrityReport()
    for table in SYNCED_TABLES:
        _check_table(device.db.conn, table, report, device.name)
    assert report.problems == []


def test_concurrent_name_edits_are_listed_with_both_values_and_settled_by_one_resolution(pair):
    a, b = pair
    firm = a.new_enterprise("宁波甲厂")
    b.pull(a)
    a.ticker.advance()
    a.edit("enterprise", firm, {"name": "宁波甲厂（新名）", "phone": "111"})
    b.edit("enterprise", firm, {"name": "宁波甲机械厂", "phone": "222"})
    a.pull(b)
    b.pull(a)
    assert a.digest() == b.digest()
    [conflict] = conflicts(a)
    assert (conflict["kind"], conflict["tbl"], conflict["col"]) == ("CONCURRENT", "enterprise", "name")
    assert {h["value"] for h in conflict["detail"]["heads"]} == {"宁波甲厂（新名）", "宁波甲机械厂"}
    # the phone is class A: last writer wins, silently (B's clock is an hour behind, so A's stamp is later)
    assert a.store.get("enterprise", firm)["phone"] == "111"
    # keeping the value already shown still settles the conflict, and the settlement travels
    shown = a.store.get("enterprise", firm)["name"]
    a.store.resolve("enterprise", firm, "name", shown)
    assert conflicts(a) == []
    b.pull(a)
    assert conflicts(b) == [] and b.store.get("enterprise", firm)["name"] == shown
    assert_consistent(a)
    assert_consistent(b)


def test_an_edit_the_signer_never_saw_stays_out_of_the_signed_document_whatever_the_order(pair):
    a, b = pair
    doc = a.new_document(7, "d" * 64)
    b.pull(a)
    b.redraft(doc, "e" * 64)  # B re-renders the draft (B's clock is behind: its stamp is earlier than A's signing)
    a.ticker.advance(10)
    a.sign(doc, "5" * 64)
    a.ticker.advance(10)
    late = a.entries()
    for receiver in (SimDevice("r1"), SimDevice("r2")):
        first, second = (b.entries(), late) if receiver.name == "r1" else (late, b.entries())
        receiver.receive(first)
        receiver.receive(second)
        row = receiver.store.get("document", doc)
        assert (row["status"], row["file_sha256"]) == ("SIGNED", "5" * 64)
        [kept] = conflicts(receiver, "NOT_IN_SIGNED")
        assert kept["col"] == "file_sha256" and kept["detail"]["entries"][0]["value"] == "e" * 64
        assert_consistent(receiver)


def test_document_status_only_moves_forward(pair):
    a, b = pair
    doc = a.new_document(8, "d" * 64)
    a.sign(doc, "5" * 64)
    b.pull(a)
    a.edit("document", doc, {"status": "VOID", "void_reason": "编号错误"})
    a.ticker.advance(100)
    b.edit("document", doc, {"status": "SERVED"})  # later stamp, lower state
    a.pull(b)
    b.pull(a)
    for device in (a, b):
        assert device.store.get("document", doc)["status"] == "VOID"
        assert_consistent(device)


def test_a_hazard_waits_for_its_enterprise_and_appears_when_it_arrives():
    a, receiver = SimDevice("a"), SimDevice("r")
    firm = a.new_enterprise("丙公司")
    hazard = a.new_hazard(firm)
    entries = a.entries()
    stats = receiver.receive([e for e in entries if e.table == "hazard"])
    assert stats.pending == 1 and receiver.store.get("hazard", hazard) is None
    assert_consistent(receiver)
    stats = receiver.receive([e for e in entries if e.table == "enterprise"])
    assert stats.pending == 0 and receiver.store.get("hazard", hazard)["enterprise_id"] == firm
    assert_consistent(receiver)


def test_a_row_held_already_is_hidden_when_its_parent_loses_its_own_reference():
    """The merge checks references of the rows it touched and of the children of those it hid: here the hazard is
    not in the bundle, but its enterprise now names a township the receiver does not hold, so both wait."""
    a, receiver = SimDevice("a"), SimDevice("r")
    firm = a.new_enterprise("戊公司")
    hazard = a.new_hazard(firm)
    receiver.pull(a)
    assert receiver.store.get("hazard", hazard) is not None
    seen = len(a.entries())
    town = a.store.insert("org_unit", {"name": "新镇", "level": "township"})
    a.edit("enterprise", firm, {"township_id": town})
    moved = [e for e in a.entries()[seen:] if e.table == "enterprise"]
    stats = receiver.receive(moved)  # sim.receive asserts no reference is left dangling
    assert receiver.store.get("enterprise", firm) is None and receiver.store.get("hazard", hazard) is None
    assert stats.pending >= 1
    receiver.pull(a)
    assert receiver.store.get("hazard", hazard)["enterprise_id"] == firm
    assert_consistent(receiver)


def test_an_update_without_its_insert_waits_for_the_required_fields():
    a, receiver = SimDevice("a"), SimDevice("r")
    firm = a.new_enterprise("丁车间")
    a.edit("enterprise", firm, {"phone": "0574-1"})
    insert, update = a.entries()
    receiver.receive([update])
    assert receiver.store.get("enterprise", firm) is None
    receiver.receive([insert])
    assert receiver.store.get("enterprise", firm)["phone"] == "0574-1"


def test_duplicate_numbers_and_credit_codes_are_listed_never_changed(pair):
    a, b = pair
    first = a.new_document(9, "d" * 64)
    second = b.new_document(9, "e" * 64)
    a.new_enterprise("同一家", "91330200MA2AAAAA0X")
    twin = b.new_enterprise("同一家（离线新建）", "91330200MA2AAAAA0X")
    a.pull(b)
    kinds = {c["kind"]: c["detail"] for c in conflicts(a)}
    assert sorted(kinds["DUPLICATE_NUMBER"]["ids"]) == sorted([first, second])
    assert len(kinds["DUPLICATE_USCC"]["ids"]) == 2
    assert a.store.get("document", first)["serial"] == a.store.get("document", second)["serial"] == 9
    # a supervisor merges the twin into the first record: the credit code is no longer listed
    a.edit("enterprise", twin, {"merged_into": [i for i in kinds["DUPLICATE_USCC"]["ids"] if i != twin][0]})
    a.receive([])
    assert "DUPLICATE_USCC" not in {c["kind"] for c in conflicts(a)}


def test_a_reused_stamp_with_other_content_is_refused_and_nothing_changes(pair):
    a, b = pair
    firm = a.new_enterprise("戊厂")
    b.pull(a)
    before = b.digest()
    [entry] = [e for e in a.entries() if e.column == "name"]
    with pytest.raises(UserError) as caught:
        b.receive([replace(entry, value="伪造的名称")])
    assert caught.value.code == "sync.stamp_reused"
    assert b.digest() == before and b.store.get("enterprise", firm)["name"] == "戊厂"


@pytest.mark.parametrize("change", [{"table": "sqlite_master"}, {"column": "evil"}, {"hlc": 0}])
def test_entries_for_unknown_tables_or_columns_are_refused(pair, change):
    a, b = pair
    a.new_enterprise("己厂")
    entries = a.entries()
    entries[0] = replace(entries[0], **change)
    with pytest.raises(UserError) as caught:
        b.receive(entries)
    assert caught.value.code == "sync.bad_entry"
    assert b.db.execute("SELECT count(*) FROM change").fetchone()[0] == 0


def test_a_bad_value_rolls_the_whole_merge_back(pair):
    a, b = pair
    a.new_enterprise("庚厂")
    a.new_document(3, "d" * 64)
    entries = a.entries()
    bad = [replace(e, value="NOT_A_STATUS") if e.column == "status" else e for e in entries]
    with pytest.raises(UserError) as caught:
        b.receive(bad)
    assert caught.value.code == "sync.bad_value"
    assert b.db.execute("SELECT count(*) FROM change").fetchone()[0] == 0
    assert b.ids("enterprise") == []


def test_two_laptops_moving_one_hazard_differently_surface_a_conflict_and_extension_decisions_too(pair):
    from datetime import date

    from app.models.hazard_flow import HazardFlow

    a, b = pair
    firm = a.new_enterprise("宁波甲厂")
    hazard = a.new_hazard(firm)
    a.edit("hazard", hazard, {"deadline": "2026-12-20"})
    officer = a.store.insert("inspector", {"name": "张明", "cert_no": "浙应执 0123", "agency": "集士港镇"})
    today = date(2026, 12, 1)
    on_a, on_b = HazardFlow(a.store, today=lambda: today), HazardFlow(b.store, today=lambda: today)
    extension = on_a.request_extension(hazard, date(2026, 12, 30), "设备未到货")
    b.pull(a)
    a.ticker.advance()
    on_a.submit(hazard, "已整改")
    on_a.decide_extension(extension, officer, approved=True)
    on_b.escalate(hazard, officer, "逾期风险")
    on_b.decide_extension(extension, officer, approved=False)
    a.pull(b)
    b.pull(a)
    assert a.digest() == b.digest()
    found = {(c["kind"], c["tbl"], c["col"]) for c in conflicts(a)}
    assert {("CONCURRENT", "hazard", "status"), ("CONCURRENT", "hazard_extension", "decision")} <= found
    assert_consistent(a)
    assert_consistent(b)


def test_a_verdict_given_twice_stays_listed_through_a_refresh_until_one_row_is_gone(pair):
    """A refresh (after a local write) re-checks the duplicate verdicts already listed instead of grouping every
    verdict again; what it lists must be what a full check lists."""
    from app.sync.conflicts import Conflicts

    a, b = pair
    firm = a.new_enterprise("宁波恒达五金制品厂")
    template = a.store.insert("checklist_template", {"code": "T", "version": "1", "status": "CONSTRUCTED",
                                                     "title": "4+22", "content": "{}", "digest": "d"})
    visit = a.store.insert("inspection", {"enterprise_id": firm, "template_id": template, "mode": "CAMPAIGN",
                                          "purpose": "", "status": "IN_PROGRESS", "started_at": "2026-11-01T09:00"})
    b.pull(a)
    verdict = {"inspection_id": visit, "enterprise_id": firm, "item_code": "SITE-02", "verdict": "COMPLIANT"}
    first, second = a.store.insert("item_result", verdict), b.store.insert("item_result", verdict)
    a.pull(b)
    assert [c["detail"]["ids"] for c in conflicts(a, "DUPLICATE_RECORD")] == [sorted([first, second])]
    Conflicts(a.store).refresh()
    assert [c["detail"]["ids"] for c in conflicts(a, "DUPLICATE_RECORD")] == [sorted([first, second])]
    a.store.delete("item_result", first)
    Conflicts(a.store).refresh()
    assert conflicts(a, "DUPLICATE_RECORD") == []


def test_rows_are_written_parents_first_so_sqlite_never_scans_for_children(pair):
    # A child written before its parent leaves a deferred violation outstanding, and then SQLite scans the children's
    # tables for every parent row inserted (app/sync/merge.py, _parents_first).
    from app.sync.merge import Merger

    a, _b = pair
    order = Merger(a.store)._parents_first()
    assert sorted(order) == sorted(SYNCED_TABLES)
    for table in order:
        for fk in a.db.conn.execute(f"PRAGMA foreign_key_list({table})"):
            assert fk[2] == table or order.index(fk[2]) < order.index(table), (table, fk[2])
