"""The insider with one laptop's real key (issue: sync trust). Laptop A is enrolled at the supervisor's office like
laptop B; every attack is a bundle A signs. Each must be refused whole with its reason and the supervisor's database
file left byte for byte as it was, or — where the entries are A's own to write — be listed as a conflict and never
shown, with nothing of B lost."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.documents.certs import authority_dir, create_authority
from app.documents.numbering import Numbering
from app.models.clock import pack, unpack, wall_ms
from app.models.demo import generate_demo
from app.models.ids import uuid7
from app.models.integrity import check
from app.models.signatures import LATEST_IN_SLOT
from app.models.workspace import Workspace
from app.sync.conflicts import Conflicts
from app.sync.exchange import ALREADY, IMPORTED, REFUSED, Sync
from app.sync.trust import Devices
from tests.support import file_bytes
from tests.sync.attack import forge, line, raw_line, row_lines

HOUR = 3_600_000
SIGNED_PDF = b"%PDF signed by B"
PEM = b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"


class Field:
    def __init__(self, root: Path, sup: Workspace, a: Workspace, b: Workspace) -> None:
        self.root, self.sup, self.a, self.b = root, sup, a, b
        self.usb = root / "usb"
        self.usb.mkdir()

    def stamp(self, ws: Workspace, ahead_ms: int = 0) -> int:
        return pack(wall_ms() + ahead_ms, 0) if ahead_ms else ws.clock.tick()

    def refused(self, path: Path, code: str, *, into: Workspace | None = None, accept_future: bool = False) -> str:
        target = into or self.sup
        before = file_bytes(target)
        [report] = Sync(target).import_files([path], accept_future=accept_future)
        assert (report.status, report.code) == (REFUSED, code), report.message
        assert file_bytes(target) == before
        return report.message

    def imported(self, path: Path, into: Workspace | None = None, **kwargs: object) -> None:
        [report] = Sync(into or self.sup).import_files([path], **kwargs)
        assert report.status == IMPORTED, report.message

    def send(self, source: Workspace, target: Workspace) -> None:
        self.imported(Sync(source).export(self.usb, peer=target.device.id).path, into=target)


@pytest.fixture
def field(tmp_path: Path) -> Iterator[Field]:
    with Workspace(tmp_path / "sup", author="科长") as sup, Workspace(tmp_path / "a", author="甲") as a, \
            Workspace(tmp_path / "b", author="乙") as b:
        generate_demo(sup, landlords=2, tenants=2)
        create_authority("宁波市鄞州区应急管理局", authority_dir(sup.data_dir), "supervisor-pass")
        Numbering(sup.store, sup.device.id).assign_block("ORDER", "鄞", 2026, 1, 100, device=b.device.id)
        f = Field(tmp_path, sup, a, b)
        for laptop, label in ((a, "一号终端"), (b, "二号终端")):
            Devices(sup.store).enrol(laptop.device.public_bytes(), label)
        registry = Sync(sup).export(f.usb, everything=True).path
        for laptop in (a, b):
            f.imported(registry, into=laptop, enrol=lambda _m: {"role": "SUPERVISOR"})
        yield f


def any_enterprise(ws: Workspace) -> str:
    return ws.db.execute("SELECT id FROM enterprise ORDER BY id LIMIT 1").fetchone()[0]


# 1. Origin bound to the signer


def test_entries_claiming_another_device_are_refused(field):
    f = field
    forged = forge(f.a, f.usb, [line(f.b.device.id, "enterprise", any_enterprise(f.a), "name", "伪造", f.stamp(f.a))])
    message = f.refused(forged, "sync.foreign_origin")
    assert f.b.device.id in message and "上级" in message


def test_reusing_another_devices_stamp_cannot_block_it(field):
    f = field
    firm = f.b.registry.create_enterprise(name="乙新建的企业")
    [taken] = [e for e in f.b.store.history("enterprise", firm) if e.column == "name"]
    f.refused(forge(f.a, f.usb, [line(f.b.device.id, "enterprise", firm, "name", "抢注", taken.hlc)]),
              "sync.foreign_origin")
    f.imported(Sync(f.b).export(f.usb).path)
    assert f.sup.store.get("enterprise", firm)["name"] == "乙新建的企业"


# 2. covers / holdings checked against what is carried


def test_claimed_coverage_of_another_device_does_not_stop_its_work_travelling(field):
    f = field
    firm = f.a.registry.create_enterprise(name="甲的企业")
    entries = [line(f.a.device.id, "enterprise", firm, "name", "甲的企业（改）", f.stamp(f.a))]
    lie = {f.b.device.id: [0, 2**62]}
    f.imported(forge(f.a, f.usb, entries, covers=lie, holdings={f.b.device.id: 2**62, f.sup.device.id: 2**62}))
    assert Sync(f.sup).holdings().get(f.b.device.id, 0) < 2**62
    # B sends its work; the office's receipt says what the office really holds; B's next work still travels.
    f.b.registry.create_enterprise(name="乙的企业")
    f.send(f.b, f.sup)
    Sync(f.b).import_file(Sync(f.sup).receipt(f.usb, f.b.device.id))
    assert Sync(f.b).unacknowledged(f.sup.device.id) == 0
    f.b.registry.create_enterprise(name="乙今天新建的企业")
    assert Sync(f.b).unacknowledged(f.sup.device.id) > 0
    assert Sync(f.b).export(f.usb).entries > 0


# 3. Only authorities administer trust


def test_a_laptop_cannot_enrol_a_supervisor(field):
    f = field
    row = uuid7()
    values = {"device_id": "0123456789abcdef", "public_key": "00" * 32, "role": "SUPERVISOR", "label": "后门"}
    message = f.refused(forge(f.a, f.usb, row_lines(f.a.device.id, "enrolled_device", row, values, f.stamp(f.a))),
                        "sync.trust_table")
    assert "enrolled_device" in message and f.a.device.id in message


def test_a_laptop_cannot_revoke_another(field):
    f = field
    target = Devices(f.sup.store).find(f.b.device.id)["id"]
    f.refused(forge(f.a, f.usb, [line(f.a.device.id, "enrolled_device", target, "revoked", 1, f.stamp(f.a))]),
              "sync.trust_table")
    assert not Devices(f.sup.store).find(f.b.device.id)["revoked"]


def test_a_laptop_cannot_install_signing_roots(field):
    f = field
    firm = f.a.registry.create_enterprise(name="甲的企业")
    entries = [line(f.a.device.id, "enterprise", firm, "name", "甲的企业", f.stamp(f.a))]
    message = f.refused(forge(f.a, f.usb, entries, certs={"root-evil": PEM}), "sync.untrusted_certs")
    assert "根证书" in message


def test_a_laptop_cannot_take_another_devices_number_block(field):
    f = field
    [block] = Numbering(f.sup.store, f.sup.device.id).blocks("ORDER", device=f.b.device.id)
    f.refused(forge(f.a, f.usb, [line(f.a.device.id, "number_block", block.id, "device", f.a.device.id,
                                      f.stamp(f.a))]), "sync.trust_table")
    # nor give itself serials below the self-assignment range
    values = {"doc_type": "ORDER", "issuer": "鄞", "year": 2026, "device": f.a.device.id, "first": 1, "last": 50}
    f.refused(forge(f.a, f.usb, row_lines(f.a.device.id, "number_block", uuid7(), values, f.stamp(f.a))),
              "sync.trust_table")


def test_a_laptops_self_assigned_block_is_accepted(field):
    f = field
    Numbering(f.a.store, f.a.device.id).self_assign_block("ORDER", "鄞", 2026)
    f.imported(Sync(f.a).export(f.usb).path)
    assert Numbering(f.sup.store, f.sup.device.id).blocks("ORDER", device=f.a.device.id)


def test_a_laptop_cannot_issue_a_template(field):
    f = field
    import json

    from app.models import content

    shipped = json.dumps(content.to_dict(content.load_checklist()), ensure_ascii=False, sort_keys=True)
    values = {"code": "4+22", "version": "99", "status": "OFFICIAL", "title": "伪造的检查表", "content": shipped,
              "digest": "0" * 64}
    message = f.refused(forge(f.a, f.usb, row_lines(f.a.device.id, "checklist_template", uuid7(), values,
                                                    f.stamp(f.a))), "sync.bad_template")
    assert "模板" in message


# 4. Signed documents frozen by construction


@pytest.fixture
def signed_by_b(field):
    """B issues and signs an order with a number from its block; the office has it."""
    f = field
    b = f.b
    doc = b.store.insert("document", {
        "doc_type": "ORDER", "doc_no": "（鄞）应急责改〔2026〕7号", "issuer": "鄞", "year": 2026, "serial": 7,
        "status": "DRAFT", "file_sha256": b.blobs.put(b"%PDF draft"), "enterprise_id": any_enterprise(b),
        "created_at": "2026-12-01T09:00:00",
    })
    with b.store.transaction():
        b.store.attest("document", doc, ("doc_no", "enterprise_id", "issuer", "serial", "year", "doc_type"))
        b.store.update("document", doc, {"file_sha256": b.blobs.put(SIGNED_PDF), "status": "SIGNED"})
    f.send(b, f.sup)
    signing = [e for e in b.store.history("document", doc) if e.column == "status" and e.value == "SIGNED"][0]
    return f, doc, signing


def test_a_backdated_edit_of_a_signed_document_is_listed_and_never_shown(signed_by_b):
    f, doc, signing = signed_by_b
    earlier = signing.hlc - 5
    other = f.sup.db.execute("SELECT id FROM enterprise ORDER BY id DESC LIMIT 1").fetchone()[0]
    forged = [line(f.a.device.id, "document", doc, "doc_no", "（鄞）应急责改〔2026〕99号", earlier),
              line(f.a.device.id, "document", doc, "enterprise_id", other, earlier + 1)]
    f.imported(forge(f.a, f.usb, forged))
    shown = f.sup.store.get("document", doc)
    assert shown["doc_no"] == "（鄞）应急责改〔2026〕7号" and shown["enterprise_id"] == any_enterprise(f.b)
    listed = {(c.kind, c.column) for c in Conflicts(f.sup.store).list()}
    assert {("NOT_IN_SIGNED", "doc_no"), ("NOT_IN_SIGNED", "enterprise_id")} <= listed
    assert check(f.sup).ok


def test_a_forged_earlier_signature_does_not_replace_the_signed_file(signed_by_b):
    f, doc, signing = signed_by_b
    earlier = signing.hlc - 3
    forged = [line(f.a.device.id, "document", doc, "file_sha256", "6" * 64, earlier),
              line(f.a.device.id, "document", doc, "status", "SIGNED", earlier + 1)]
    f.imported(forge(f.a, f.usb, forged))
    assert f.sup.store.get("document", doc)["file_sha256"] == hashlib.sha256(SIGNED_PDF).hexdigest()
    kinds = {c.kind for c in Conflicts(f.sup.store).list() if c.row_id == doc}
    assert "UNAUTHORISED" in kinds
    assert check(f.sup).ok


def test_a_laptop_cannot_void_another_laptops_signed_document(signed_by_b):
    f, doc, _signing = signed_by_b
    forged = [line(f.a.device.id, "document", doc, "status", "VOID", f.stamp(f.a)),
              line(f.a.device.id, "document", doc, "void_reason", "恶意作废", f.stamp(f.a))]
    f.imported(forge(f.a, f.usb, forged))
    assert f.sup.store.get("document", doc)["status"] == "SIGNED"
    assert "UNAUTHORISED" in {c.kind for c in Conflicts(f.sup.store).list() if c.row_id == doc}
    # the office itself may void it
    from app.documents.issuing import Documents
    Documents(f.sup).void(doc, "上级作废")
    assert f.sup.store.get("document", doc)["status"] == "VOID"
    assert check(f.sup).ok


def test_the_void_service_refuses_another_devices_signed_document_on_a_laptop(signed_by_b):
    from app.documents.issuing import Documents
    from app.errors import UserError

    f, doc, _signing = signed_by_b
    f.send(f.sup, f.a)
    with pytest.raises(UserError) as caught:
        Documents(f.a).void(doc, "不该由我作废")
    assert caught.value.code == "document.not_yours_to_void"


# 5. Bundle ids scoped by signer


def test_reusing_another_devices_bundle_id_does_not_hide_its_bundle(field):
    f = field
    f.b.registry.create_enterprise(name="乙的企业")
    real = Sync(f.b).export(f.usb)
    firm = f.a.registry.create_enterprise(name="甲的企业")
    f.imported(forge(f.a, f.usb, [line(f.a.device.id, "enterprise", firm, "name", "甲的企业", f.stamp(f.a))],
                     bundle_id=real.bundle_id))
    [report] = Sync(f.sup).import_files([real.path])
    assert report.status == IMPORTED


# 6. Clock


def test_a_stamp_in_2099_is_refused_and_accepting_it_does_not_move_the_clock(field):
    f = field
    firm = f.a.registry.create_enterprise(name="甲的企业")
    year_2099 = pack(4_070_908_800_000, 0)
    bundle = forge(f.a, f.usb, [line(f.a.device.id, "enterprise", firm, "phone", "1", year_2099)])
    f.refused(bundle, "sync.far_future")
    f.imported(bundle, accept_future=True)
    assert unpack(f.sup.clock.last)[0] <= wall_ms() + HOUR + 1000
    f.sup.registry.create_enterprise(name="导入后本机新建")  # local writes go on


def test_the_largest_stamp_is_refused_and_when_accepted_does_not_break_local_writes(field):
    f = field
    firm = f.a.registry.create_enterprise(name="甲的企业")
    bundle = forge(f.a, f.usb, [line(f.a.device.id, "enterprise", firm, "phone", "1", 2**63 - 1)])
    f.refused(bundle, "sync.far_future")
    f.imported(bundle, accept_future=True)
    f.sup.registry.create_enterprise(name="仍然可以写")


@pytest.mark.parametrize("hlc", [2**64, 2**63, 0, -1])
def test_a_stamp_out_of_range_is_a_bad_line(field, hlc):
    f = field
    text = raw_line(hlc=hlc, device=f.a.device.id, author="甲", table="enterprise", row=uuid7(), col="name",
                    value="x", pred=[])
    assert "stamp" in f.refused(forge(f.a, f.usb, [text]), "sync.bad_line")


def test_a_day_ahead_is_flagged(field):
    f = field
    firm = f.a.registry.create_enterprise(name="甲的企业")
    f.refused(forge(f.a, f.usb, [line(f.a.device.id, "enterprise", firm, "phone", "1", f.stamp(f.a, 23 * HOUR))]),
              "sync.far_future")


# 7. Malformed input: refusals, never tracebacks; the rest of the batch goes on


@pytest.mark.parametrize("field_name, value", [
    ("schema_version", "5"), ("schema_version", 1.5), ("created_hlc", "x"), ("created_hlc", 2**64),
    ("covers", {"abc": [0, 1]}), ("covers", {"0123456789abcdef": [5, 1]}), ("covers", []),
    ("holdings", {"0123456789abcdef": -1}), ("holdings", {"0123456789abcdef": "x"}),
])
def test_a_malformed_manifest_field_is_refused_by_name(field, field_name, value):
    f = field
    message = f.refused(forge(f.a, f.usb, [], **{field_name: value}), "sync.bad_manifest")
    assert field_name in message


@pytest.mark.parametrize("text, reason", [
    ("[" * 100_000 + "]" * 100_000, "nested"),
    (None, "stamp"),  # a float stamp
    ("DEVICE", "device id"),
    ("NAN", "NaN"),
])
def test_malformed_lines_are_refused(field, text, reason):
    f = field
    base = dict(hlc=f.stamp(f.a), device=f.a.device.id, author="甲", table="enterprise", row=uuid7(), col="name",
                value="x", pred=[])
    if text is None:
        text = raw_line(**{**base, "hlc": float(base["hlc"])})
    elif text == "DEVICE":
        text = raw_line(**{**base, "device": "../../etc"})
    elif text == "NAN":
        text = raw_line(**base).replace('"value":"x"', '"value":NaN')
    assert reason in f.refused(forge(f.a, f.usb, [text]), "sync.bad_line")


def test_a_reference_that_is_not_an_id_and_a_wrong_type_are_refused(field):
    f = field
    hazard = uuid7()
    message = f.refused(forge(f.a, f.usb, [line(f.a.device.id, "hazard", hazard, "enterprise_id", "../x",
                                                f.stamp(f.a))]), "sync.bad_entry")
    assert "reference" in message
    f.refused(forge(f.a, f.usb, [line(f.a.device.id, "hazard", hazard, "deleted", "yes", f.stamp(f.a))]),
              "sync.bad_entry")


def test_one_bad_file_does_not_stop_the_batch(field):
    f = field
    f.b.registry.create_enterprise(name="乙的企业")
    good = Sync(f.b).export(f.usb).path
    bad = forge(f.a, f.usb, ["{"])
    reports = Sync(f.sup).import_files([bad, good])
    assert [r.status for r in reports] == [REFUSED, IMPORTED]


def test_a_busy_database_is_a_refusal_not_a_traceback(field):
    f = field
    f.b.registry.create_enterprise(name="乙的企业")
    bundle = Sync(f.b).export(f.usb).path
    other = sqlite3.connect(str(f.sup.db_path))
    other.execute("BEGIN IMMEDIATE")
    try:
        f.sup.db.conn.execute("PRAGMA busy_timeout = 200")
        [report] = Sync(f.sup).import_files([bundle])
        assert (report.status, report.code) == (REFUSED, "sync.busy")
        assert "占用" in report.message
    finally:
        other.rollback()
        other.close()
    assert Sync(f.sup).import_file(bundle).status == IMPORTED


def test_the_same_bundle_imported_by_two_processes_at_once(field):
    f = field
    for i in range(30):
        f.b.registry.create_enterprise(name=f"乙的企业{i}")
    bundle = Sync(f.b).export(f.usb).path
    data_dir = str(f.sup.data_dir)
    f.sup.close()
    command = [sys.executable, "-m", "app", "--data-dir", data_dir, "import", str(bundle)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(run.wait(timeout=120), *run.communicate()) for run in runs]
    assert all("Traceback" not in err for _code, _out, err in results), results
    assert sorted(code for code, _out, _err in results) == [0, 0], results
    outputs = sorted(out for _code, out, _err in results)
    assert any("已导入过" in out for out in outputs) and any("新变更" in out for out in outputs), outputs
    with Workspace(Path(data_dir)) as again:
        assert again.db.execute("SELECT count(*) FROM sync_bundle WHERE direction = 'IN'").fetchone()[0] == 1
        assert check(again).ok
    f.sup = Workspace(Path(data_dir))


# 8. First verdicts on one item from two laptops meet in one row


def test_two_first_verdicts_converge_to_one_row_and_a_conflict(tmp_path):
    with Workspace(tmp_path / "a") as a, Workspace(tmp_path / "b") as b:
        generate_demo(a, landlords=1, tenants=1)
        firm = a.db.execute("SELECT id FROM enterprise WHERE is_landlord = 1 LIMIT 1").fetchone()[0]
        inspectors = [r[0] for r in a.db.execute("SELECT id FROM inspector ORDER BY id LIMIT 2")]
        visit = a.inspections.start(firm, inspectors, purpose="日常检查")
        usb = tmp_path / "usb"
        usb.mkdir()
        assert Sync(b).import_file(Sync(a).export(usb).path, enrol=lambda _m: True).status == IMPORTED
        item = a.inspections.templates.checklist(a.inspections.get(visit)["template_id"]).items[0].code
        a.inspections.record_verdict(visit, firm, item, "COMPLIANT")
        b.inspections.record_verdict(visit, firm, item, "NONCOMPLIANT", "灭火器过期")
        assert Sync(a).import_file(Sync(b).export(usb, peer=a.device.id).path, enrol=lambda _m: True).status \
            == IMPORTED
        rows = a.db.execute("SELECT count(*) FROM item_result WHERE inspection_id = ? AND item_code = ? "
                            "AND deleted = 0", (visit, item)).fetchone()[0]
        assert rows == 1
        assert ("CONCURRENT", "item_result", "verdict") in {(c.kind, c.table, c.column)
                                                             for c in Conflicts(a.store).list()}


# 9. Amplification


def test_a_blob_nothing_refers_to_is_refused(field):
    f = field
    junk = b"\0" * 4096
    firm = f.a.registry.create_enterprise(name="甲的企业")
    bundle = forge(f.a, f.usb, [line(f.a.device.id, "enterprise", firm, "name", "甲的企业", f.stamp(f.a))],
                   blobs={hashlib.sha256(junk).hexdigest(): junk})
    f.refused(bundle, "sync.unreferenced_blob")


def test_a_blob_that_does_not_hash_to_its_name_is_refused(field):
    f = field
    name = hashlib.sha256(b"the photo named").hexdigest()
    photo = uuid7()
    bundle = forge(f.a, f.usb, [line(f.a.device.id, "photo", photo, "sha256", name, f.stamp(f.a))],
                   blobs={name: b"other bytes"})
    f.refused(bundle, "sync.blob_mismatch")


def test_a_huge_string_is_refused(field):
    f = field
    firm = f.a.registry.create_enterprise(name="甲的企业")
    import random

    rng = random.Random(4)
    text = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(100_000))  # does not compress like a bomb
    message = f.refused(forge(f.a, f.usb, [line(f.a.device.id, "enterprise", firm, "address", text,
                                                f.stamp(f.a))]), "sync.bad_entry")
    assert "longer than" in message


def test_many_strings_within_the_field_limit_exhaust_the_bundle_budget(field, monkeypatch):
    import dataclasses

    from app.sync import merge, rules

    f = field
    small = dataclasses.replace(rules.rules(), max_text_total=100_000)
    monkeypatch.setattr(merge, "rules", lambda: small)
    firm = f.a.registry.create_enterprise(name="甲的企业")
    entries = [line(f.a.device.id, "enterprise", firm, "address", "宁" * 60_000, f.stamp(f.a)) for _ in range(2)]
    f.refused(forge(f.a, f.usb, entries), "sync.too_large")


def test_honest_work_still_flows_after_every_refusal(field):
    """After A's attacks, B's ordinary bundle imports and shows everything B wrote."""
    f = field
    for path in (forge(f.a, f.usb, [line(f.b.device.id, "enterprise", any_enterprise(f.a), "name", "x",
                                         f.stamp(f.a))]),
                 forge(f.a, f.usb, [], covers={f.b.device.id: [0, 2**62]}, holdings={f.b.device.id: 2**62})):
        Sync(f.sup).import_files([path])
    firm = f.b.registry.create_enterprise(name="乙的企业")
    f.imported(Sync(f.b).export(f.usb).path)
    assert f.sup.store.get("enterprise", firm)["name"] == "乙的企业"
    assert Sync(f.sup).import_file(Sync(f.b).export(f.usb, everything=True).path).status in (IMPORTED, ALREADY)


def test_a_laptops_own_template_arrives_whole_but_never_becomes_current_at_the_office(field):
    import dataclasses

    from app.models import content

    f = field
    shipped = content.load_checklist()
    newer = dataclasses.replace(shipped, version=shipped.version + 5)
    newer = dataclasses.replace(newer, digest=content.content_digest(newer))
    row = f.a.inspections.templates.install_checklist(newer)
    f.imported(Sync(f.a).export(f.usb).path)
    assert f.sup.store.get("checklist_template", row) is not None
    f.sup.inspections.templates.forget_current()
    assert f.sup.inspections.templates.current_checklist_id() != row


def test_one_signature_slot_signed_on_two_laptops_is_listed_and_shown_once():
    from tests.sync.sim import SimDevice

    a, b = SimDevice("a"), SimDevice("b")
    values = {"role": "witness", "signer_name": "李四", "signed_at": "2026-12-01T10:00:00"}
    first = a.store.insert("signature", values)
    b.pull(a)
    second = b.store.insert("signature", {**values, "signed_at": "2026-12-01T10:01:00"})
    a.pull(b)
    [(kind, ids)] = [(r[0], r[1]) for r in a.db.execute("SELECT kind, detail FROM conflict WHERE tbl = 'signature'")]
    assert kind == "DUPLICATE_RECORD" and first in ids and second in ids
    shown = a.store.query("SELECT s.id FROM signature s WHERE s.deleted = 0 AND " + LATEST_IN_SLOT)
    assert [r["id"] for r in shown] == [max(first, second)]



def test_the_command_line_sets_up_an_office_and_a_laptop_that_follows_it(tmp_path, capsys, monkeypatch):
    from tests.support import cli_call

    monkeypatch.setattr("getpass.getpass", lambda _prompt="": "office-pass")
    office, laptop, usb = tmp_path / "office", tmp_path / "laptop", tmp_path / "usb"
    usb.mkdir()
    code, out, _ = cli_call(capsys, "--data-dir", office, "cert", "init-authority", "宁波市鄞州区应急管理局")
    assert code == 0 and "上级" in out
    code, out, _ = cli_call(capsys, "--data-dir", office, "export", usb, "--all")
    bundle = out.split("：", 1)[1].splitlines()[0].strip()
    # Enrolled as an ordinary laptop the office's roots are refused; as SUPERVISOR they are installed.
    code, out, _ = cli_call(capsys, "--data-dir", laptop, "import", bundle, "--enrol")
    assert code == 1 and "根证书" in out
    code, out, _ = cli_call(capsys, "--data-dir", laptop, "import", bundle, "--enrol", "--enrol-role", "SUPERVISOR")
    assert code == 0, out
    with Workspace(laptop) as ws:
        [office_row] = Devices(ws.store).list()
        assert office_row["role"] == "SUPERVISOR"



def test_a_reference_to_a_row_not_held_waits_and_is_counted(field):
    """Out of order is how honest laptops arrive (B's hazard on an enterprise A created reaches the office first), so
    a well-formed reference to a row not held waits as pending — counted in every import report — and never shows."""
    f = field
    row = uuid7()
    hazard = {"source": "INSPECTION", "enterprise_id": uuid7(), "description": "灭火器过期", "grade": "GENERAL",
              "status": "OPEN", "created_at": "2026-12-01T09:00:00"}
    [report] = Sync(f.sup).import_files([forge(f.a, f.usb, row_lines(f.a.device.id, "hazard", row, hazard,
                                                                     f.stamp(f.a)))])
    assert report.status == IMPORTED and report.stats.pending == 1
    assert f.sup.store.get("hazard", row) is None


@pytest.mark.parametrize("value", ["2026-1", "明天", "2026-02-30", "２０２６-01-01", "20261105"])
def test_a_date_field_that_is_not_a_date_is_refused_at_the_door(field, value):
    f = field
    message = f.refused(forge(f.a, f.usb, [line(f.a.device.id, "hazard", uuid7(), "deadline", value,
                                                f.stamp(f.a))]), "sync.bad_entry")
    assert "not a date" in message
