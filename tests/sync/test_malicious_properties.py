"""A malicious enrolled device among honest ones (issue: sync trust). Its bundles go through the same admission as a
real import (app/sync/admission.py): each is refused whole or holds only what the device may write itself. Whatever
it sends, in whatever order: every honest bundle still imports, no honest entry is lost, and every row it did not
write shows exactly what the honest devices' entries alone give."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from app.errors import UserError
from app.models.ids import uuid7
from app.models.store import ChangeEntry
from app.sync.admission import Sender
from app.sync.merge import apply_entries
from tests.sync.sim import SimDevice, fresh_merge
from tests.sync.test_merge_properties import FAST, everything, histories, run

MALICE = st.lists(st.tuples(
    st.sampled_from(["claim_other", "reuse_stamp", "trust_table", "own_edit", "backdated_sign", "void"]),
    st.integers(0, 50), st.integers(0, 2**31),
), max_size=6)


def malicious_entries(kind: str, pick: int, seed: int, honest: list[ChangeEntry], clock: list[int]) -> list:
    rng = random.Random(seed)
    clock[0] += 1
    stamp = clock[0]
    target = honest[pick % len(honest)] if honest else None
    row = target.row_id if target else uuid7()
    table = target.table if target else "enterprise"
    if kind == "claim_other" and target:
        return [ChangeEntry(stamp, target.device, "伪", table, row, target.column, target.value, ())]
    if kind == "reuse_stamp" and target:
        return [ChangeEntry(target.hlc, target.device, "伪", table, row, target.column, "篡改", ())]
    if kind == "trust_table":
        return [ChangeEntry(stamp, "m", "伪", "enrolled_device", uuid7(), "role", "SUPERVISOR", ())]
    if kind == "backdated_sign":
        docs = [e for e in honest if e.table == "document" and e.column == "status" and e.value == "SIGNED"]
        if docs:
            signed = docs[pick % len(docs)]
            return [ChangeEntry(signed.hlc - 2, "m", "伪", "document", signed.row_id, "file_sha256",
                                f"{rng.getrandbits(256):064x}", ()),
                    ChangeEntry(signed.hlc - 1, "m", "伪", "document", signed.row_id, "status", "SIGNED", ())]
    if kind == "void":
        docs = [e for e in honest if e.table == "document"]
        if docs:
            return [ChangeEntry(stamp, "m", "伪", "document", docs[pick % len(docs)].row_id, "status", "VOID", ())]
    if kind == "own_edit" and target and target.table == "enterprise":
        return [ChangeEntry(stamp, "m", "伪", "enterprise", row, "phone", "000", ())]
    return []


def import_as(target: SimDevice, entries: list[ChangeEntry], signer: str) -> bool:
    try:
        with target.store.transaction():
            apply_entries(target.store, entries, Sender(signer, frozenset()))
    except UserError:
        return False
    return True


def shown_rows(device: SimDevice, untouched: set[tuple[str, str]]) -> dict:
    view = device.view()["tables"]
    return {(t, r["id"]): r for t, rows in view.items() for r in rows if (t, r["id"]) in untouched}


@FAST
@given(histories, MALICE, st.integers(0, 1000))
def test_a_malicious_device_never_loses_blocks_or_rewrites_honest_work(history, malice, seed):
    devices = run(*history)
    honest = everything(devices)
    clock = [max((e.hlc for e in honest), default=0) + 10]
    attacks = [malicious_entries(kind, pick, s, honest, clock) for kind, pick, s in malice]
    # A laptop's bundle holds its own entries (app/sync/exchange.py); the malicious one holds anything.
    bundles = [(d.name, [e for e in d.entries() if e.device == d.name]) for d in devices]
    bundles += [("m", a) for a in attacks if a]
    random.Random(seed).shuffle(bundles)

    target = SimDevice("office")
    for signer, entries in bundles:
        accepted = import_as(target, entries, signer)
        if signer != "m":
            assert accepted  # an honest bundle is never blocked, whatever came before it
    held = target.stamps()
    assert {(e.hlc, e.device) for e in honest} <= held  # nothing honest lost
    written_by_m = {(t, r) for t, r in target.db.conn.execute("SELECT tbl, row_id FROM change WHERE device = 'm'")}
    reference = fresh_merge(honest)
    untouched = {(e.table, e.row_id) for e in honest} - written_by_m
    assert shown_rows(target, untouched) == shown_rows(reference, untouched)
    # what the malicious device wrote to signed documents never shows: the signed file is the honest one
    for table, row in written_by_m:
        if table == "document":
            assert target.store.get("document", row)["file_sha256"] == reference.store.get("document", row)[
                "file_sha256"] or reference.store.get("document", row)["status"] == "DRAFT"
