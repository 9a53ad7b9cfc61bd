"""同步 tab driven through its real widgets: export to a folder, import into a second installation (enrolling the
unknown sender first), receipts, refused bundles, revocation. Two Workspaces stand for a laptop and a supervisor."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.models.workspace import Workspace
from app.sync.exchange import ALREADY, IMPORTED, REFUSED, Sync
from app.sync.trust import Devices
from app.ui.ops import OpRunner
from app.ui.qtapp import create_application
from app.ui.sync.enrol_dialog import EnrolDialog
from app.ui.sync.sync_page import ImportOutcome, SyncPage

WAIT_MS = 60_000


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace(tmp_path / "a", author="甲") as ws:
        yield ws


@pytest.fixture
def supervisor(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace(tmp_path / "b", author="乙") as ws:
        yield ws


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "U盘"
    folder.mkdir()
    return folder


def make_page(qtbot, ws: Workspace) -> SyncPage:
    create_application(language="zh_CN")
    page = SyncPage(ws)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def choose_folder(monkeypatch, folder: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder)))


def choose_files(monkeypatch, paths: list[Path]) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(p) for p in paths], "FieldSafe (*.fsb)")))


def click_and_wait(qtbot, page: SyncPage, button):
    with qtbot.waitSignal(page.job_finished, timeout=WAIT_MS) as done:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert page.is_running() and not page.export_button.isEnabled() and not page.import_button.isEnabled()
    assert not page.is_running() and page.export_button.isEnabled()
    return done.args[0]


def export_through(qtbot, page: SyncPage, monkeypatch, folder: Path) -> Path:
    choose_folder(monkeypatch, folder)
    result = click_and_wait(qtbot, page, page.export_button)
    assert result.path.parent == folder and result.path.exists()
    assert str(result.path) in page.status.text()
    return result.path


def import_through(qtbot, page: SyncPage, monkeypatch, paths: list[Path]) -> ImportOutcome:
    choose_files(monkeypatch, paths)
    return click_and_wait(qtbot, page, page.import_button)


def enrol_dialog(qtbot, page: SyncPage) -> EnrolDialog:
    qtbot.waitUntil(lambda: any(d.isVisible() for d in page.findChildren(EnrolDialog)))
    [dialog] = [d for d in page.findChildren(EnrolDialog) if d.isVisible()]
    return dialog


def table_row(table, row: int) -> list[str]:
    return [table.item(row, c).text() if table.item(row, c) else "" for c in range(table.columnCount())]


def test_export_then_import_into_a_second_installation_enrolling_the_laptop(
        qtbot, laptop, supervisor, usb, monkeypatch, screenshot):
    firm = laptop.registry.create_enterprise(name="宁波甲机械厂", address="北仑区新碶街道 1 号")
    page_a = make_page(qtbot, laptop)
    assert page_a.device_id.text() == laptop.device.id
    assert page_a.fingerprint.text() == laptop.device.fingerprint()
    pending = Sync(laptop).unacknowledged()
    assert pending > 0 and str(pending) in page_a.pending_label.text()
    bundle = export_through(qtbot, page_a, monkeypatch, usb)
    assert page_a.bundle_table.rowCount() == 1

    # The supervisor does not know the laptop: the first pass refuses, then the enrol dialog asks.
    page_b = make_page(qtbot, supervisor)
    first = import_through(qtbot, page_b, monkeypatch, [bundle])
    assert [r.status for r in first.reports] == [REFUSED] and list(first.unknown) == [laptop.device.id]
    dialog = enrol_dialog(qtbot, page_b)
    assert table_row(dialog.table, 0)[1:3] == [laptop.device.id, laptop.device.fingerprint()]
    assert dialog.labels[0].text() == "甲"  # the laptop's export names its user
    dialog.labels[0].setText("甲的笔记本")
    screenshot(dialog, "sync_enrol_dialog")
    with qtbot.waitSignal(page_b.job_finished, timeout=WAIT_MS) as second:
        qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)
    [report] = second.args[0].reports
    assert report.status == IMPORTED and report.stats.new > 0
    assert supervisor.registry.get_enterprise(firm)["name"] == "宁波甲机械厂"
    enrolled = Devices(supervisor.store).find(laptop.device.id)
    assert (enrolled["label"], enrolled["role"], enrolled["revoked"]) == ("甲的笔记本", "INSPECTOR", 0)

    # The merge report: one row, sender named, the numbers of the merge.
    assert page_b.report_table.rowCount() == 1
    row = table_row(page_b.report_table, 0)
    assert row[0] == bundle.name and "甲的笔记本" in row[1]
    assert row[3] == str(report.stats.new) and row[4] == "0" and row[7] == "0"
    assert "甲的笔记本" in [page_b.device_table.item(r, 0).text() for r in range(page_b.device_table.rowCount())]
    assert page_b.peer_combo.currentData() == laptop.device.id and page_b.receipt_button.isEnabled()
    screenshot(page_b, "sync_page_after_import")

    # The same bundle again changes nothing.
    again = import_through(qtbot, page_b, monkeypatch, [bundle])
    assert [r.status for r in again.reports] == [ALREADY]

    # A receipt goes back; the laptop enrols the supervisor, then shows its changes as received.
    receipts = usb / "回执"
    receipts.mkdir()
    choose_folder(monkeypatch, receipts)
    receipt = click_and_wait(qtbot, page_b, page_b.receipt_button)
    assert receipt.parent == receipts and str(receipt) in page_b.status.text()
    import_through(qtbot, page_a, monkeypatch, [receipt])
    dialog = enrol_dialog(qtbot, page_a)
    dialog.roles[0].setCurrentIndex(dialog.roles[0].findData("SUPERVISOR"))
    with qtbot.waitSignal(page_a.job_finished, timeout=WAIT_MS) as applied:
        qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)
    [report] = applied.args[0].reports
    assert report.status == "RECEIPT" and report.acknowledged == 1
    enrolled = Devices(laptop.store).find(supervisor.device.id)
    assert enrolled["role"] == "SUPERVISOR" and Sync(laptop).default_peer() == supervisor.device.id
    # Everything exported is acknowledged; the laptop's enrolment of its supervisor is its own decision and never
    # travels, so nothing waits.
    assert Sync(laptop).unacknowledged() == 0 < pending
    assert page_a.pending_label.text().split()[0] == "0"
    assert page_a.acked_label.text() != page_a.tr("nothing acknowledged yet")
    sent = [r for r in range(page_a.bundle_table.rowCount()) if table_row(page_a.bundle_table, r)[4] not in ("—", "")]
    assert sent and all(table_row(page_a.bundle_table, r)[4] == page_a.tr("Yes") for r in sent)
    screenshot(page_a, "sync_page_laptop_after_receipt")
    page_a.lists.setCurrentIndex(1)
    screenshot(page_a, "sync_page_bundles")


def test_declining_to_enrol_keeps_the_bundle_refused_and_the_database_unchanged(
        qtbot, laptop, supervisor, usb, monkeypatch):
    laptop.registry.create_enterprise(name="宁波乙五金厂")
    bundle = Sync(laptop).export(usb).path
    page = make_page(qtbot, supervisor)
    before = supervisor.registry.count()
    outcome = import_through(qtbot, page, monkeypatch, [bundle])
    assert [r.status for r in outcome.reports] == [REFUSED]
    dialog = enrol_dialog(qtbot, page)
    dialog.reject()
    assert not page.is_running()
    assert supervisor.registry.count() == before and Devices(supervisor.store).find(laptop.device.id) is None
    row = table_row(page.report_table, 0)
    assert "未登记" in row[8] and laptop.device.id in row[8]


def test_tampered_and_foreign_files_are_refused_with_their_message_and_change_nothing(
        qtbot, laptop, supervisor, usb, monkeypatch, screenshot):
    laptop.registry.create_enterprise(name="宁波丙塑料厂")
    good = Sync(laptop).export(usb).path
    Devices(supervisor.store).enrol(laptop.device.public_bytes(), "甲")
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered = usb / "tampered.fsb"
    tampered.write_bytes(bytes(data))
    not_zip = usb / "说明.fsb"
    not_zip.write_text("这不是同步包", encoding="utf-8")
    page = make_page(qtbot, supervisor)
    count = supervisor.registry.count()
    changes = supervisor.db.conn.execute("SELECT count(*) FROM change").fetchone()[0]

    outcome = import_through(qtbot, page, monkeypatch, [tampered, not_zip])
    assert [r.status for r in outcome.reports] == [REFUSED, REFUSED] and not outcome.unknown
    assert not page.findChildren(EnrolDialog)
    assert supervisor.registry.count() == count
    assert supervisor.db.conn.execute("SELECT count(*) FROM change").fetchone()[0] == changes
    assert Sync(supervisor).bundles() == []
    for r, report in enumerate(outcome.reports):
        row = table_row(page.report_table, r)
        assert row[8] == report.message and report.message and row[3:8] == [""] * 5
    screenshot(page, "sync_page_refused")

    # The intact file still imports afterwards.
    outcome = import_through(qtbot, page, monkeypatch, [good])
    assert [r.status for r in outcome.reports] == [IMPORTED]
    assert supervisor.registry.count() == count + 1


def test_a_revoked_device_is_refused(qtbot, laptop, supervisor, usb, monkeypatch, screenshot):
    Devices(supervisor.store).enrol(laptop.device.public_bytes(), "甲的笔记本")
    laptop.registry.create_enterprise(name="宁波丁纺织厂")
    bundle = Sync(laptop).export(usb).path
    page = make_page(qtbot, supervisor)
    [row] = [r for r, d in enumerate(page.device_rows) if d["device_id"] == laptop.device.id]
    page.device_table.selectRow(row)
    assert page.revoke_button.isEnabled()
    qtbot.mouseClick(page.revoke_button, Qt.MouseButton.LeftButton)
    [box] = [b for b in page.findChildren(QMessageBox) if b.isVisible()]
    assert "甲的笔记本" in box.text()
    page.lists.setCurrentIndex(2)
    screenshot(box, "sync_revoke_question")
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert Devices(supervisor.store).find(laptop.device.id)["revoked"] == 1
    qtbot.waitUntil(lambda: not page.revoke_button.isEnabled())  # the page reloads from the change
    screenshot(page, "sync_page_devices")
    outcome = import_through(qtbot, page, monkeypatch, [bundle])
    [report] = outcome.reports
    assert report.status == REFUSED and "注销" in report.message and not outcome.unknown


def test_import_runs_off_the_gui_thread_and_cancel_stops_between_files(
        qtbot, laptop, supervisor, usb, monkeypatch):
    import threading

    Devices(supervisor.store).enrol(laptop.device.public_bytes(), "甲")
    bundles = []
    for n in range(3):
        laptop.registry.create_enterprise(name=f"宁波第{n}厂")
        bundles.append(Sync(laptop).export(usb, everything=True).path)
    real = Sync.import_files
    threads, first_done, release = [], threading.Event(), threading.Event()

    def slow(self, paths, **kwargs):
        threads.append(threading.current_thread())
        reports = real(self, paths, **kwargs)
        first_done.set()
        release.wait(10)
        return reports

    monkeypatch.setattr(Sync, "import_files", slow)
    page = make_page(qtbot, supervisor)
    choose_files(monkeypatch, bundles)
    try:
        with qtbot.waitSignal(page.job_finished, timeout=WAIT_MS) as done:
            qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(first_done.is_set)
            assert page.cancel_button.isEnabled()
            qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
            release.set()
    finally:
        release.set()
    outcome = done.args[0]
    assert outcome.cancelled and [r.status for r in outcome.reports] == [IMPORTED]
    assert threads == [threads[0]] and threads[0] is not threading.main_thread()
    assert page.report_table.rowCount() == 1 and not page.cancel_button.isEnabled()
    assert supervisor.registry.count() == 1


def test_an_import_through_the_main_window_refreshes_the_pages_and_the_conflict_count(
        qtbot, laptop, supervisor, usb, monkeypatch):
    from app.ui.main_window import MainWindow

    firm = laptop.registry.create_enterprise(name="宁波庚厂")
    Sync(supervisor).import_files([Sync(laptop).export(usb).path], enrol=lambda _m: True)
    Devices(laptop.store).enrol(supervisor.device.public_bytes(), "乙", role="SUPERVISOR")
    laptop.registry.update_enterprise(firm, name="宁波庚厂（甲改）")
    supervisor.registry.update_enterprise(firm, name="宁波庚机械厂")
    supervisor.registry.create_enterprise(name="宁波辛厂")
    bundle = Sync(supervisor).export(usb).path

    create_application(language="zh_CN")
    win = MainWindow(laptop)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    conflicts_tab = win.tab_index(win.conflicts_page)
    assert win.tabs.tabText(conflicts_tab) == win.tr("Conflicts")
    before = win.registry_page.model.rowCount()
    choose_files(monkeypatch, [bundle])
    with qtbot.waitSignal(win.sync_page.job_finished, timeout=WAIT_MS):
        win.sync_import_action.trigger()
    assert win.current_page() is win.sync_page
    assert "1" in win.tabs.tabText(conflicts_tab) and win.conflict_label.isVisible()
    assert win.conflicts_page.count() == 1  # at once, though hidden: its count is on the tab
    assert win.registry_page.model.rowCount() == before  # hidden: reloaded when it is shown
    win.tabs.setCurrentWidget(win.registry_page)
    assert win.registry_page.model.rowCount() == before + 1
    assert OpRunner.gui_thread_sql == []
    win.close()


def test_a_forged_bundle_is_refused_in_chinese_with_what_to_do(qtbot, laptop, supervisor, usb, monkeypatch,
                                                                screenshot):
    from tests.sync.attack import forge, line

    Devices(supervisor.store).enrol(laptop.device.public_bytes(), "甲的笔记本")
    firm = supervisor.registry.create_enterprise(name="宁波戊厂")
    forged = forge(laptop, usb, [line(supervisor.device.id, "enterprise", firm, "name", "伪造", laptop.clock.tick())])
    page = make_page(qtbot, supervisor)
    outcome = import_through(qtbot, page, monkeypatch, [forged])
    [report] = outcome.reports
    assert report.status == REFUSED and report.code == "sync.foreign_origin"
    row = table_row(page.report_table, 0)
    assert any("只有上级（监管）设备可以转交" in cell for cell in row), row
    assert supervisor.store.get("enterprise", firm)["name"] == "宁波戊厂"
    screenshot(page, "sync_page_forged_refused")
