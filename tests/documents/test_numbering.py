from __future__ import annotations

import multiprocessing
import shutil
import threading
from pathlib import Path

import pytest

from app.documents.numbering import (
    DEFAULT_TEMPLATE,
    SELF_BASE,
    SELF_SIZE,
    SELF_SLOTS,
    Numbering,
    format_number,
)
from app.errors import UserError, ValidationError
from app.models.clock import HybridLogicalClock
from app.models.db import connect, migrate, open_database, schema_version
from app.models.integrity import check
from app.models.schema import SCHEMA_VERSION, SYNCED_TABLES
from app.models.store import Store
from app.models.workspace import Workspace
from app.paths import DB_NAME

V1 = Path(__file__).resolve().parents[1] / "fixtures" / "v1.sqlite"


def numbering(ws: Workspace) -> Numbering:
    return Numbering(ws.store, ws.device.id)


def add_document(store: Store, doc_type: str, issuer: str, year: int, serial: int, status: str = "DRAFT") -> str:
    return store.insert("document", {
        "doc_type": doc_type, "issuer": issuer, "year": year, "serial": serial, "status": status,
        "doc_no": format_number(DEFAULT_TEMPLATE, issuer, "检记", year, serial), "created_at": "2026-03-02T09:00:00",
    })


def issue(ws: Workspace, doc_type: str = "RECORD", issuer: str = "鄞", year: int = 2026) -> int:
    """What the issuing code does: reserve and insert in one transaction."""
    n = numbering(ws)
    with ws.store.transaction():
        serial = n.reserve(doc_type, issuer, year)
        add_document(ws.store, doc_type, issuer, year, serial)
    return serial


# ------------------------------------------------------------------------------------------------------ migration


def test_schema_v3_adds_the_synced_number_block_table():
    assert SCHEMA_VERSION >= 3  # later versions (sync) build on it
    assert "number_block" in SYNCED_TABLES


def test_a_version_2_file_is_upgraded_to_version_3_and_keeps_its_documents(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    db = connect(data / DB_NAME)
    assert migrate(db, stop_before=3) == 2
    store = Store(db, "0123456789abcdef", HybridLogicalClock(), "fixture")
    with store.transaction():
        doc = add_document(store, "RECORD", "鄞", 2025, 12, status="VOID")
    db.close()

    with Workspace(data) as ws:
        assert schema_version(ws.db) == SCHEMA_VERSION
        assert ws.store.get("document", doc)["serial"] == 12
        n = numbering(ws)
        n.assign_block("RECORD", "鄞", 2025, 1, 20)
        # the document written before the upgrade still holds its number
        assert n.next_number("RECORD", "鄞", 2025)[0] == 1
        for _ in range(11):
            issue(ws, year=2025)
        assert n.next_number("RECORD", "鄞", 2025)[0] == 13
        report = check(ws)
        assert report.ok, report.problems


def test_the_version_1_fixture_still_upgrades_to_the_current_version(tmp_path):
    path = tmp_path / "x.sqlite"
    shutil.copy(V1, path)
    db = open_database(path)
    try:
        assert schema_version(db) == SCHEMA_VERSION
        assert "number_block" in db.table_names()
        assert {"first", "last", "device"} <= set(db["number_block"].columns_dict)
    finally:
        db.close()


# --------------------------------------------------------------------------------------------------------- format


def test_format_number_follows_the_official_style():
    assert format_number(DEFAULT_TEMPLATE, "鄞", "检记", 2026, 37) == "（鄞）应急检记〔2026〕37号"
    assert (
        format_number("（{prefix}）应急{word}〔{year}〕{serial}号", "铜山", "责改", 2026, 5)
        == "（铜山）应急责改〔2026〕5号"
    )


@pytest.mark.parametrize(
    "template", ["（{prefix}）应急{word}〔{year}〕号", "{prefix}{word}{year}{serial}{oops}", "{year"]
)
def test_a_bad_template_is_refused(template):
    with pytest.raises(ValidationError) as err:
        format_number(template, "鄞", "检记", 2026, 1)
    assert err.value.code == "numbering.template"


@pytest.mark.parametrize("serial", [0, -3, True, "7"])
def test_a_bad_serial_is_refused(serial):
    with pytest.raises(ValidationError):
        format_number(DEFAULT_TEMPLATE, "鄞", "检记", 2026, serial)


# --------------------------------------------------------------------------------------------------------- blocks


def test_blocks_are_logged_rows_and_listed_in_order(ws):
    n = numbering(ws)
    b2 = n.assign_block("RECORD", "鄞", 2026, 101, 200)
    b1 = n.assign_block("RECORD", "鄞", 2026, 1, 100)
    n.assign_block("ORDER", "鄞", 2026, 1, 100, device="feedfacefeedface")
    assert [b.id for b in n.blocks("RECORD", "鄞", 2026)] == [b1, b2]
    assert [b.device for b in n.blocks("ORDER")] == ["feedfacefeedface"]
    assert {e.column for e in ws.store.history("number_block", b1)} >= {
        "doc_type",
        "issuer",
        "year",
        "device",
        "first",
        "last",
    }
    assert check(ws).ok


@pytest.mark.parametrize("first,last", [(50, 150), (1, 1), (100, 100), (90, 300), (120, 130)])
def test_an_overlapping_block_is_refused(ws, first, last):
    n = numbering(ws)
    n.assign_block("RECORD", "鄞", 2026, 100, 200, device="aaaaaaaaaaaaaaaa")
    if last < 100:
        n.assign_block("RECORD", "鄞", 2026, first, last)
        return
    with pytest.raises(ValidationError) as err:
        n.assign_block("RECORD", "鄞", 2026, first, last)
    assert err.value.code == "numbering.overlap"
    assert "重叠" in str(err.value)


def test_the_same_range_for_another_type_issuer_or_year_is_fine(ws):
    n = numbering(ws)
    n.assign_block("RECORD", "鄞", 2026, 1, 100)
    n.assign_block("ORDER", "鄞", 2026, 1, 100)
    n.assign_block("RECORD", "慈", 2026, 1, 100)
    n.assign_block("RECORD", "鄞", 2027, 1, 100)
    assert len(n.blocks()) == 4


@pytest.mark.parametrize(
    "args,code",
    [
        (("RECORD", "鄞", 2026, 0, 10), "numbering.range"),
        (("RECORD", "鄞", 2026, 10, 9), "numbering.range"),
        (("RECORD", "鄞", 2026, -5, 10), "numbering.range"),
        (("RECORD", "鄞", 2026, 1.5, 10), "numbering.range"),
        (("RECORD", "鄞", 2026, 9000, SELF_BASE + 1), "numbering.reserved"),
        (("PLAN", "鄞", 2026, 1, 10), "numbering.doc_type"),
        (("RECORD", " ", 2026, 1, 10), "numbering.issuer"),
        (("RECORD", "鄞", 26, 1, 10), "numbering.year"),
    ],
)
def test_invalid_blocks_are_refused(ws, args, code):
    with pytest.raises(ValidationError) as err:
        numbering(ws).assign_block(*args)
    assert err.value.code == code
    assert ws.store.query("SELECT * FROM number_block") == []


def test_a_withdrawn_block_frees_its_range_but_a_used_one_cannot_be_withdrawn(ws):
    n = numbering(ws)
    used = n.assign_block("RECORD", "鄞", 2026, 1, 10)
    spare = n.assign_block("RECORD", "鄞", 2026, 11, 20)
    issue(ws)
    with pytest.raises(UserError) as err:
        n.withdraw_block(used)
    assert err.value.code == "numbering.block_in_use"
    n.withdraw_block(spare)
    assert [b.id for b in n.blocks()] == [used]
    n.assign_block("RECORD", "鄞", 2026, 11, 30, device="bbbbbbbbbbbbbbbb")


# -------------------------------------------------------------------------------------------------------- serials


def test_next_number_is_the_lowest_unused_serial_of_this_devices_blocks(ws):
    n = numbering(ws)
    n.assign_block("RECORD", "鄞", 2026, 1, 30, device="cccccccccccccccc")  # someone else's
    second = n.assign_block("RECORD", "鄞", 2026, 61, 62)
    first = n.assign_block("RECORD", "鄞", 2026, 31, 33)
    assert n.next_number("RECORD", "鄞", 2026) == (31, first)
    assert n.remaining("RECORD", "鄞", 2026) == 5
    assert [issue(ws) for _ in range(4)] == [31, 32, 33, 61]
    assert n.next_number("RECORD", "鄞", 2026) == (62, second)
    # a gap (e.g. a number that arrived by sync on another document) is not skipped over, a taken one is
    with ws.store.transaction():
        add_document(ws.store, "RECORD", "鄞", 2026, 62)
    with pytest.raises(UserError):
        n.next_number("RECORD", "鄞", 2026)


def test_a_voided_document_keeps_its_number(ws):
    n = numbering(ws)
    n.assign_block("RECORD", "鄞", 2026, 1, 5)
    assert issue(ws) == 1
    doc = ws.store.query("SELECT id FROM document WHERE serial = 1")[0]["id"]
    n.void(doc, "  当事人名称写错  ")
    row = ws.store.get("document", doc)
    assert (row["status"], row["void_reason"], row["serial"]) == ("VOID", "当事人名称写错", 1)
    assert row["doc_no"] == "（鄞）应急检记〔2026〕1号"
    assert issue(ws) == 2
    with pytest.raises(UserError) as err:
        n.void(doc, "again")
    assert err.value.code == "numbering.already_void"
    with pytest.raises(ValidationError):
        n.void(doc, " ")
    assert check(ws).ok


def test_a_used_up_block_is_refused_with_a_clear_message(ws):
    n = numbering(ws)
    with pytest.raises(UserError) as err:
        n.next_number("ORDER", "鄞", 2026)
    assert err.value.code == "numbering.exhausted"
    n.assign_block("ORDER", "鄞", 2026, 7, 8)
    issue(ws, "ORDER")
    issue(ws, "ORDER")
    with pytest.raises(UserError) as err:
        issue(ws, "ORDER")
    assert str(err.value).startswith("本机文书编号已用完：请向上级申请新的编号段")
    assert "责改" in str(err.value)
    # nothing of the refused issue was written
    assert ws.store.query("SELECT count(*) AS c FROM document")[0]["c"] == 2


def test_reserve_outside_a_transaction_is_a_programming_error(ws):
    n = numbering(ws)
    n.assign_block("RECORD", "鄞", 2026, 1, 5)
    with pytest.raises(RuntimeError):
        n.reserve("RECORD", "鄞", 2026)


def test_duplicates_are_listed_not_renumbered(ws):
    a = add_document(ws.store, "RECORD", "鄞", 2026, 4)
    b = add_document(ws.store, "RECORD", "鄞", 2026, 4)
    add_document(ws.store, "RECORD", "慈", 2026, 4)
    dups = numbering(ws).duplicates()
    assert len(dups) == 1
    assert (dups[0].issuer, dups[0].serial, dups[0].document_ids) == ("鄞", 4, tuple(sorted([a, b])))


# --------------------------------------------------------------------------------------------- self-assignment


def test_self_assignment_takes_the_slot_derived_from_the_device_id_then_moves_on(ws):
    n = numbering(ws)
    slot = int(ws.device.id[:8], 16) % SELF_SLOTS
    block = n.self_assign_block("RECORD", "鄞", 2026)
    assert (block.first, block.last) == (SELF_BASE + slot * SELF_SIZE + 1, SELF_BASE + (slot + 1) * SELF_SIZE)
    assert block.device == ws.device.id
    assert issue(ws) == block.first
    again = n.self_assign_block("RECORD", "鄞", 2026)
    assert again.first == (block.last + 1 if slot + 1 < SELF_SLOTS else SELF_BASE + 1)


def test_self_assignment_skips_a_slot_another_device_holds(tmp_path):
    with Workspace(tmp_path / "a") as ws:
        n = numbering(ws)
        slot = int(ws.device.id[:8], 16) % SELF_SLOTS
        first = SELF_BASE + slot * SELF_SIZE + 1
        # as if this block of another laptop had arrived by sync
        other = Numbering(ws.store, "ffffffffffffffff")
        with ws.store.transaction():
            other._insert_block("RECORD", "鄞", 2026, first + 10, first + 10, "ffffffffffffffff")
        block = n.self_assign_block("RECORD", "鄞", 2026)
        assert block.first != first
        assert not (block.first <= first + 10 <= block.last)


# ---------------------------------------------------------------------------------------------------- concurrency

PER_WORKER = 15


def _worker(data_dir: str, results: list[int] | None = None) -> list[int]:
    got: list[int] = []
    with Workspace(Path(data_dir)) as ws:
        for _ in range(PER_WORKER):
            got.append(issue(ws))
    if results is not None:
        results.extend(got)
    return got


def _process_worker(data_dir: str, queue) -> None:  # type: ignore[no-untyped-def]
    try:
        queue.put(_worker(data_dir))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent
        queue.put(repr(exc))


def _prepare(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    with Workspace(data) as ws:
        numbering(ws).assign_block("RECORD", "鄞", 2026, 1, 200)
    return data


def _serials(data: Path) -> list[int]:
    with Workspace(data) as ws:
        rows = ws.store.query("SELECT serial FROM document ORDER BY serial")
        assert check(ws).ok
        assert numbering(ws).duplicates() == []
        return [r["serial"] for r in rows]


def test_threads_with_their_own_connections_never_get_the_same_serial(tmp_path):
    data = _prepare(tmp_path)
    results: list[int] = []
    threads = [threading.Thread(target=_worker, args=(str(data), results)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == list(range(1, 4 * PER_WORKER + 1))
    assert _serials(data) == list(range(1, 4 * PER_WORKER + 1))


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_processes_on_the_same_file_never_get_the_same_serial(tmp_path):
    data = _prepare(tmp_path)
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_process_worker, args=(str(data), queue)) for _ in range(3)]
    for p in procs:
        p.start()
    outcomes = [queue.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert all(isinstance(o, list) for o in outcomes), outcomes
    allocated = sorted(s for o in outcomes for s in o)
    assert allocated == list(range(1, 3 * PER_WORKER + 1))
    assert _serials(data) == allocated
