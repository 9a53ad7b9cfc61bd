"""Bundles between real workspaces: a supervisor's registry out, a laptop's inspection back, receipts, trust,
refusals that leave the database as it was, and the command line."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from app.documents.certs import authority_dir, create_authority
from app.models.clock import wall_ms
from app.models.demo import generate_demo
from app.models.integrity import check
from app.models.workspace import Workspace
from app.sync.exchange import ALREADY, IMPORTED, RECEIPT_APPLIED, REFUSED, Sync
from app.sync.trust import Devices
from tests.support import cli_call, file_bytes


def snapshot(ws: Workspace) -> str:
    """Every table, local bookkeeping included: 'the database as it was'."""
    return hashlib.sha256("\n".join(ws.db.conn.iterdump()).encode()).hexdigest()


def enrol_all(_manifest) -> bool:
    return True


def enrol_as_supervisor(supervisor: Workspace):
    """A person enrolling unknown signers: the supervisor (fingerprint checked) as SUPERVISOR, others as laptops."""
    return lambda manifest: {"role": "SUPERVISOR" if manifest.device == supervisor.device.id else "INSPECTOR"}


@pytest.fixture
def office(tmp_path: Path):
    usb = tmp_path / "usb"
    usb.mkdir()
    with Workspace(tmp_path / "sup", author="科长") as sup, Workspace(tmp_path / "lap", author="检查员") as lap:
        generate_demo(sup, landlords=3, tenants=6)
        create_authority("宁波市鄞州区应急管理局", authority_dir(sup.data_dir), "supervisor-pass")  # an office
        registry = Sync(sup).export(usb, everything=True, label="区应急局")
        [report] = Sync(lap).import_files([registry.path], enrol=enrol_as_supervisor(sup))
        assert report.status == IMPORTED, report.message
        Devices(sup.store).enrol(lap.device.public_bytes(), "一号终端")
        yield sup, lap, usb


def visit(lap: Workspace, jpeg: bytes) -> str:
    landlord = lap.db.execute("SELECT id FROM enterprise WHERE is_landlord = 1 ORDER BY id LIMIT 1").fetchone()[0]
    inspectors = [r[0] for r in lap.db.execute("SELECT id FROM inspector ORDER BY id LIMIT 2")]
    inspection = lap.inspections.start(landlord, inspectors, purpose="日常检查")
    item = lap.inspections.templates.checklist(lap.inspections.get(inspection)["template_id"]).items[0]
    outcome = lap.inspections.record_verdict(inspection, landlord, item.code, "NONCOMPLIANT", "灭火器过期")
    lap.inspections.attach_photo(jpeg, hazard_id=outcome.hazard_id)
    return inspection


@pytest.fixture
def jpeg() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_a_visit_travels_with_its_photos_and_a_receipt_clears_the_backlog(office, jpeg):
    sup, lap, usb = office
    inspection = visit(lap, jpeg)
    sync = Sync(lap)
    assert sync.default_peer() == sup.device.id
    backlog = sync.unacknowledged()
    assert backlog > 0
    bundle = sync.export(usb)
    assert bundle.blobs >= 3  # the photo, its thumbnail and the original
    # the supervisor's registry is not sent back to it
    assert set(bundle.covers) == {lap.device.id}

    [report] = Sync(sup).import_files([bundle.path])
    assert report.status == IMPORTED and report.stats.new == bundle.entries and report.blobs_new == bundle.blobs
    assert sup.inspections.get(inspection)["enterprise_id"]
    photo = sup.db.execute("SELECT sha256 FROM photo").fetchone()[0]
    assert sup.blobs.verify(photo)
    assert check(sup).ok and check(lap).ok

    [again] = Sync(sup).import_files([bundle.path])
    assert again.status == ALREADY

    # until the receipt arrives, everything stays in the next export
    assert Sync(lap).export(usb).entries == bundle.entries
    receipt = Sync(sup).receipt(usb, lap.device.id)
    [applied] = Sync(lap).import_files([receipt])
    assert applied.status == RECEIPT_APPLIED and applied.acknowledged == 1
    assert Sync(lap).unacknowledged() == 0
    assert Sync(lap).export(usb).entries == 0


def test_an_overlapping_re_export_adds_nothing(office, jpeg):
    sup, lap, usb = office
    visit(lap, jpeg)
    first = Sync(lap).export(usb)
    visit(lap, jpeg)
    second = Sync(lap).export(usb)  # no receipt yet: holds the first visit again
    Sync(sup).import_files([first.path, second.path])
    before = snapshot(sup)
    report = Sync(sup).import_file(Sync(lap).export(usb, everything=True).path)
    assert report.stats.new == 0
    assert report.stats.known > 0
    assert snapshot(sup) != before  # only the bundle log row is new …
    assert check(sup).ok


def test_order_of_many_bundles_does_not_matter(tmp_path, office, jpeg):
    sup, lap, usb = office
    with Workspace(tmp_path / "lap2", author="二号") as lap2:
        Sync(lap2).import_file(Sync(sup).export(usb, everything=True).path, enrol=enrol_as_supervisor(sup))
        visit(lap, jpeg)
        visit(lap2, jpeg)
        bundles = [Sync(lap).export(usb).path, Sync(lap2).export(usb).path]
    views = []
    for order, name in ((bundles, "x"), (bundles[::-1], "y")):
        with Workspace(tmp_path / name) as fresh:
            Sync(fresh).import_files([Sync(sup).export(usb, everything=True).path, *order],
                                     enrol=enrol_as_supervisor(sup))
            views.append(sorted(
                (t, r) for t, r in fresh.db.execute("SELECT tbl, row_id FROM change WHERE tbl != 'enrolled_device'")
            ))
            assert check(fresh).ok
    assert views[0] == views[1]


def test_an_unknown_device_is_refused_unless_enrolled(tmp_path, office):
    sup, _lap, usb = office
    with Workspace(tmp_path / "stranger") as stranger:
        stranger.registry.create_enterprise(name="陌生企业")
        path = Sync(stranger).export(usb, everything=True).path
    before = snapshot(sup)
    [report] = Sync(sup).import_files([path])
    assert report.status == REFUSED and "未登记" in report.message
    assert snapshot(sup) == before
    [report] = Sync(sup).import_files([path], enrol=enrol_all)
    assert report.status == IMPORTED
    assert Devices(sup.store).find(report.device)


def test_a_revoked_device_is_refused(office, jpeg):
    sup, lap, usb = office
    Devices(sup.store).revoke(lap.device.id)
    visit(lap, jpeg)
    path = Sync(lap).export(usb).path
    before = snapshot(sup)
    [report] = Sync(sup).import_files([path], enrol=enrol_all)
    assert report.status == REFUSED and "注销" in report.message
    assert snapshot(sup) == before


def test_a_clock_far_in_the_future_is_refused_unless_accepted(office):
    sup, lap, usb = office
    lap.clock.wall = lambda: wall_ms() + 3 * 86_400_000
    lap.registry.create_enterprise(name="时钟超前的企业")
    path = Sync(lap).export(usb).path
    before, raw = snapshot(sup), file_bytes(sup)
    [report] = Sync(sup).import_files([path])
    assert report.status == REFUSED and "时钟" in report.message
    assert snapshot(sup) == before and file_bytes(sup) == raw
    [report] = Sync(sup).import_files([path], accept_future=True)
    assert report.status == IMPORTED


def test_a_changed_byte_is_refused_and_the_database_is_unchanged(office, jpeg):
    sup, lap, usb = office
    visit(lap, jpeg)
    path = Sync(lap).export(usb).path
    with zipfile.ZipFile(path) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    lines = members["changes.jsonl"].replace("日常检查".encode(), "日常检察".encode(), 1)
    forged = usb / "forged.fsb"
    with zipfile.ZipFile(forged, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, lines if name == "changes.jsonl" else data)
    before, raw = snapshot(sup), file_bytes(sup)
    [report] = Sync(sup).import_files([forged])
    assert report.status == REFUSED
    assert snapshot(sup) == before and file_bytes(sup) == raw


def test_a_template_installed_on_both_sides_is_one_row(office, jpeg):
    sup, lap, usb = office
    visit(lap, jpeg)
    sup.inspections.templates.current_checklist_id()
    Sync(sup).import_files([Sync(lap).export(usb).path])
    assert sup.db.execute("SELECT count(*) FROM checklist_template").fetchone()[0] == 1


def test_command_line_round_trip(capsys, tmp_path, office, jpeg):
    sup, lap, usb = office
    visit(lap, jpeg)
    lap_dir, sup_dir = str(lap.data_dir), str(sup.data_dir)
    code, out, _ = cli_call(capsys, "--data-dir", lap_dir, "export", usb)
    assert code == 0
    bundle = max(usb.glob(f"fieldsafe-{lap.device.id}-*.fsb"), key=lambda p: p.stat().st_mtime)
    code, out, _ = cli_call(capsys, "--data-dir", sup_dir, "import", bundle)
    assert code == 0 and "新变更" in out
    code, out, _ = cli_call(capsys, "--data-dir", sup_dir, "receipt", usb, "--for", lap.device.id)
    assert code == 0
    receipt = next(usb.glob("receipt-*.fsb"))
    code, out, _ = cli_call(capsys, "--data-dir", lap_dir, "import", receipt)
    assert code == 0 and "回执" in out
    code, out, _ = cli_call(capsys, "--data-dir", sup_dir, "devices")
    assert code == 0 and "一号终端" in out
    code, out, err = cli_call(capsys, "--data-dir", sup_dir, "import", tmp_path / "missing.fsb")
    assert code == 1 and "missing.fsb" in out + err
    code, out, _ = cli_call(capsys, "--data-dir", sup_dir, "conflicts")
    assert code == 0


def test_the_registry_bundle_brings_blocks_templates_and_the_root(office):
    import dataclasses

    from app.documents.certs import trusted_roots
    from app.documents.issuing import Documents
    from app.models import content

    sup, lap, usb = office
    docs = Documents(sup)
    docs.numbering.assign_block("ORDER", docs.issuer(), 2026, 201, 300, device=lap.device.id)
    shipped = content.load_checklist()
    update = dataclasses.replace(shipped, version=shipped.version + 1)
    update = dataclasses.replace(update, digest=content.content_digest(update))
    newer = sup.inspections.templates.install_checklist(update)

    [report] = Sync(lap).import_files([Sync(sup).export(usb, peer=lap.device.id).path])
    assert report.status == IMPORTED
    assert set(trusted_roots(sup.data_dir)) <= set(trusted_roots(lap.data_dir))
    [block] = Documents(lap).numbering.blocks("ORDER", device=lap.device.id)
    assert (block.first, block.last) == (201, 300)
    lap.inspections.templates.forget_current()
    assert lap.inspections.templates.current_checklist_id() == newer


def test_command_line_supervisor_tools(capsys, tmp_path, office):
    sup, lap, _usb = office
    sup_dir = str(sup.data_dir)
    code, out, _ = cli_call(capsys, "--data-dir", sup_dir, "number-block", "--type", "ORDER", "--year", "2026",
                            "--first", "1", "--last", "500", "--device", lap.device.id)
    assert code == 0 and lap.device.id in out and "500" in out
    code, _, err = cli_call(capsys, "--data-dir", sup_dir, "number-block", "--type", "ORDER", "--year", "2026",
                            "--first", "400", "--last", "600", "--device", lap.device.id)
    assert code == 1 and err  # overlaps the first block
    source = Path(__file__).parents[2] / "resources" / "checklists" / "4plus22_v1.toml"
    update = tmp_path / "4plus22_v2.toml"
    update.write_text(source.read_text(encoding="utf-8").replace("version = 1", "version = 2", 1), encoding="utf-8")
    code, out, _ = cli_call(capsys, "--data-dir", sup_dir, "install-template", update)
    assert code == 0 and "v2" in out
    broken = tmp_path / "broken.toml"
    broken.write_text("version = ", encoding="utf-8")
    code, _, err = cli_call(capsys, "--data-dir", sup_dir, "install-template", broken)
    assert code == 1 and "broken.toml" in err


def test_a_laptop_speaks_only_for_itself_and_the_supervisor_relays(tmp_path, office):
    sup, lap, usb = office
    with Workspace(tmp_path / "lap2", author="二号") as lap2:
        Sync(lap2).import_file(Sync(sup).export(usb, everything=True).path, enrol=enrol_as_supervisor(sup))
        lap2.clock.wall = lambda: wall_ms() - 3_600_000  # its stamps are older than anything the supervisor sent
        firm = lap2.registry.create_enterprise(name="二号终端新建的企业")
        from_lap2 = Sync(lap2).export(usb).path
        # A laptop that picked up another laptop's bundle does not pass it on: it is not its own to send.
        assert Sync(lap).import_file(from_lap2, enrol=enrol_all).status == IMPORTED
        assert lap2.device.id not in Sync(lap).export(usb).covers
        Devices(sup.store).enrol(lap2.device.public_bytes(), "二号终端")
        assert Sync(sup).import_file(from_lap2).status == IMPORTED
        # The supervisor relays it to its other laptops, which follow the supervisor.
        relay = Sync(sup).export(usb, peer=lap.device.id)
        assert lap2.device.id in relay.covers or Sync(lap).holdings()[lap2.device.id] > 0
        with Workspace(tmp_path / "lap3") as lap3:
            assert Sync(lap3).import_file(Sync(sup).export(usb, everything=True).path,
                                          enrol=enrol_as_supervisor(sup)).status == IMPORTED
            assert lap3.store.get("enterprise", firm)["name"] == "二号终端新建的企业"
