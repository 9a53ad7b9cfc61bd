"""Merge properties (tech.md §1.3) over random histories of three simulated laptops with skewed clocks that edit
offline and exchange random subsets of their logs."""

from __future__ import annotations

import os
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.sync.sim import SimDevice, Ticker, fresh_merge

DEVICES = 3
NAMES = ("甲厂", "乙厂", "丙公司", "丁车间")
VALUES = ("A", "B", "C", None)
SHAS = tuple(c * 64 for c in "abcdef")
SIGNED_SHAS = tuple(c * 64 for c in "0123")  # a signature changes the file, so a signed file never equals a draft

device_index = st.integers(0, DEVICES - 1)
pick = st.integers(0, 7)
operation = st.one_of(
    st.tuples(st.just("enterprise"), device_index, st.sampled_from(NAMES), st.sampled_from(("U1", "U2", None))),
    st.tuples(st.just("edit"), device_index, pick, st.sampled_from(("name", "phone", "notes", "uscc")),
              st.sampled_from(NAMES + VALUES)),
    st.tuples(st.just("delete"), device_index, pick),
    st.tuples(st.just("hazard"), device_index, pick),
    st.tuples(st.just("hazard_edit"), device_index, pick, st.sampled_from(("grade", "description")),
              st.sampled_from(("GENERAL", "MAJOR"))),
    st.tuples(st.just("document"), device_index, st.integers(1, 3), st.sampled_from(SHAS)),
    st.tuples(st.just("sign"), device_index, pick, st.sampled_from(SIGNED_SHAS)),
    st.tuples(st.just("redraft"), device_index, pick, st.sampled_from(SHAS)),
    st.tuples(st.just("void"), device_index, pick),
    st.tuples(st.just("sync"), device_index, device_index),
    # a random part of another device's log: an update may arrive without its insert, a hazard without its firm
    st.tuples(st.just("partial"), device_index, device_index, st.integers(0, 2**32)),
)
histories = st.tuples(
    st.lists(operation, min_size=5, max_size=40),
    st.lists(st.integers(-3 * 86_400_000, 3 * 86_400_000), min_size=DEVICES, max_size=DEVICES),
)


def _nth(items: list[str], index: int) -> str | None:
    return items[index % len(items)] if items else None


def run(history: list[tuple], skews: list[int]) -> list[SimDevice]:
    ticker = Ticker()
    devices = [SimDevice(f"dev{i}", ticker, skews[i]) for i in range(DEVICES)]
    # A shared start, as after a registry bundle: rows every laptop can edit concurrently.
    first = devices[0]
    shared = first.new_enterprise("共用厂房", "U0")
    first.new_hazard(shared)
    first.new_document(1, SHAS[0])
    for device in devices[1:]:
        device.pull(first)
    for op in history:
        ticker.advance()
        kind, device = op[0], devices[op[1]]
        if kind == "enterprise":
            device.new_enterprise(op[2], op[3])
        elif kind == "edit":
            row = _nth(device.ids("enterprise"), op[2])
            if row:
                device.edit("enterprise", row, {op[3]: op[4] if op[3] != "name" or op[4] else "无名"})
        elif kind == "delete":
            row = _nth(device.ids("enterprise"), op[2])
            if row:
                device.edit("enterprise", row, {"deleted": 1})
        elif kind == "hazard":
            row = _nth(device.ids("enterprise"), op[2])
            if row:
                device.new_hazard(row)
        elif kind == "hazard_edit":
            row = _nth(device.ids("hazard"), op[2])
            if row:
                device.edit("hazard", row, {op[3]: op[4]})
        elif kind == "document":
            device.new_document(op[2], op[3])
        elif kind == "sign":
            row = _nth(device.ids("document"), op[2])
            if row:
                device.sign(row, op[3])
        elif kind == "redraft":
            row = _nth(device.ids("document"), op[2])
            if row:
                device.redraft(row, op[3])
        elif kind == "void":
            row = _nth(device.ids("document"), op[2])
            if row:
                device.void(row)
        elif kind == "sync" and op[1] != op[2]:
            device.pull(devices[op[2]])
        elif kind == "partial" and op[1] != op[2]:
            pick_rng = random.Random(op[3])
            device.receive([e for e in devices[op[2]].entries() if pick_rng.random() < 0.5])
    return devices


def everything(devices: list[SimDevice]) -> list:
    union = {}
    for device in devices:
        for entry in device.entries():
            union[(entry.hlc, entry.device)] = entry
    return list(union.values())


FAST = settings(
    max_examples=int(os.environ.get("FIELDSAFE_PROPERTY_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@FAST
@given(histories, st.integers(1, 5), st.integers(0, 1000))
def test_any_order_and_chunking_gives_the_same_database(history, chunks, seed):
    devices = run(*history)
    entries = everything(devices)
    whole = fresh_merge(entries)
    assert fresh_merge(entries, chunks=chunks, seed=seed).digest() == whole.digest()
    # idempotent: everything again changes nothing
    before = whole.digest()
    again = whole.receive(entries)
    assert again.new == 0 and again.known == len(entries)
    assert whole.digest() == before
    # no silent loss: the log holds the union, every entry
    assert whole.stamps() == {(e.hlc, e.device) for e in entries}


@FAST
@given(histories)
def test_devices_converge_once_everyone_has_everything(history):
    devices = run(*history)
    for _ in range(2):
        for receiver in devices:
            for sender in devices:
                if receiver is not sender:
                    receiver.pull(sender)
    reference = fresh_merge(everything(devices))
    assert {d.digest() for d in devices} == {reference.digest()}


@FAST
@given(histories, histories)
def test_merging_databases_is_commutative_and_associative(first, second):
    a, b = everything(run(*first)), everything(run(*second))
    # the two histories used the same device names: keep them apart, as two different districts would be
    b = [
        e.__class__(
            e.hlc,
            "x" + e.device,
            e.author,
            e.table,
            e.row_id,
            e.column,
            e.value,
            tuple((h, "x" + d) for h, d in e.pred),
        )
        for e in b
    ]
    c = a[: len(a) // 2]
    ab = fresh_merge(a)
    ab.receive(b)
    ba = fresh_merge(b)
    ba.receive(a)
    assert ab.digest() == ba.digest()
    left = fresh_merge(a)
    left.receive(b)
    left.receive(c)
    right = fresh_merge(c)
    right.receive(b)
    right.receive(a)
    assert left.digest() == right.digest()


@FAST
@given(histories, st.sampled_from(("name", "phone", "uscc")), st.sampled_from(NAMES))
def test_a_local_edit_after_an_import_shows_over_the_imported_value(history, column, value):
    devices = run(*history)
    receiver = devices[0]
    receiver.receive(everything(devices))
    rows = receiver.ids("enterprise")
    if not rows:
        return
    receiver.edit("enterprise", rows[0], {column: value + "新"})
    assert receiver.store.get("enterprise", rows[0])[column] == value + "新"
    assert fresh_merge(everything([receiver])).store.get("enterprise", rows[0])[column] == value + "新"


@FAST
@given(histories, st.integers(0, 1000))
def test_no_import_order_changes_a_signed_document(history, seed):
    entries = everything(run(*history))
    signings: dict[str, list] = {}
    for entry in entries:
        if entry.table == "document" and entry.column == "status" and entry.value == "SIGNED":
            signings.setdefault(entry.row_id, []).append(entry)
    merged = fresh_merge(entries, chunks=3, seed=seed)
    double = {r[0] for r in merged.db.execute("SELECT row_id FROM conflict WHERE kind = 'DOUBLE_SIGNED'")}
    for doc_id, signed in signings.items():
        first = min(signed, key=lambda e: (e.hlc, e.device))
        # the signed file is the one the (first) signer wrote in its signing transaction
        [signed_file] = [
            e.value
            for e in entries
            if e.row_id == doc_id and e.column == "file_sha256" and e.device == first.device and e.hlc == first.hlc - 1
        ]
        shown = merged.store.get("document", doc_id)
        assert shown["file_sha256"] == signed_file
        # signed on two laptops: listed until the document is voided
        assert (doc_id in double) == (len(signed) > 1 and shown["status"] != "VOID")
