"""Backups in the window: 立即备份 from the File menu, choosing a backup to restore (the window closes and the start-up
loop restores it), the daily check that backs up a sound database and offers a backup for a damaged one, and the
offer at start when the database cannot be opened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.models import backup
from app.models.backup import list_backups, make_backup
from app.models.workspace import Workspace
from app.paths import DB_NAME
from app.ui import main as gui_main
from app.ui.backups import RestoreDialog
from app.ui.main_window import MainWindow
from app.ui.qtapp import create_application
from tests.support import build_site

WAIT_MS = 20_000


def open_window(qtbot, ws) -> MainWindow:
    create_application(language="zh_CN")
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)  # the registry's first rows are read as they are painted: before any op holds the connection
    return window


def test_back_up_now_from_the_file_menu(qtbot, ws):
    build_site(ws)
    window = open_window(qtbot, ws)
    assert window.backup_action.text() == "立即备份(&B)"
    window.backup_action.trigger()
    qtbot.waitUntil(lambda: window.runner.idle and len(list_backups(ws.data_dir)) == 1, timeout=WAIT_MS)
    assert list_backups(ws.data_dir)[0].reason == "manual"
    assert "已备份到" in window.statusBar().currentMessage()


def test_a_backup_chosen_closes_the_window_asking_for_it(qtbot, ws):
    build_site(ws)
    made = make_backup(ws.db.conn, ws.data_dir, "manual")
    window = open_window(qtbot, ws)
    window.restore_action.trigger()
    [dialog] = [d for d in window.findChildren(RestoreDialog) if d.isVisible()]
    assert dialog.list.count() == 1 and "手动" in dialog.list.item(0).text()
    dialog.restore_button.click()
    assert window.restore_request == made and not window.isVisible()


def test_the_daily_check_backs_up_a_sound_database(qtbot, ws):
    window = open_window(qtbot, ws)
    assert window.backups.run_if_due() is not None
    qtbot.waitUntil(lambda: window.runner.idle and window.backups.running is None, timeout=WAIT_MS)
    assert [b.reason for b in list_backups(ws.data_dir)] == ["daily"]
    assert window.backups.run_if_due() is None  # not due again today


def test_every_start_checks_the_database_without_a_backup_when_none_is_due(qtbot, ws, monkeypatch):
    make_backup(ws.db.conn, ws.data_dir, "manual")
    window = open_window(qtbot, ws)
    checked = []
    monkeypatch.setattr(backup, "check", lambda path: checked.append(Path(path).name))
    assert window.backups.check_at_start() is not None
    qtbot.waitUntil(lambda: window.runner.idle and window.backups.running is None, timeout=WAIT_MS)
    assert checked == [DB_NAME] and [b.reason for b in list_backups(ws.data_dir)] == ["manual"]


def test_the_daily_check_finds_damage_and_offers_the_newest_sound_backup(qtbot, ws, monkeypatch):
    build_site(ws)
    good = make_backup(ws.db.conn, ws.data_dir, "manual")
    window = open_window(qtbot, ws)
    monkeypatch.setattr(backup, "due", lambda _folder: True)
    monkeypatch.setattr(backup, "check", lambda path: "*** in database main *** page 7 is never used"
                        if Path(path).name == DB_NAME else None)
    window.backups.run_if_due()
    qtbot.waitUntil(lambda: window.backups.damaged is not None and window.backups.damaged.isVisible(),
                    timeout=WAIT_MS)
    box = window.backups.damaged
    assert "page 7" in box.text() and "是否恢复" in box.text()
    assert [b.reason for b in list_backups(ws.data_dir)] == ["manual"]  # a damaged file is no daily backup
    box.button(QMessageBox.StandardButton.Yes).click()
    assert window.restore_request == good and not window.isVisible()


def test_a_database_that_cannot_be_opened_is_restored_from_the_offer_at_start(qtbot, tmp_path):
    create_application(language="zh_CN")
    data = tmp_path / "data"
    with Workspace(data) as ws:
        build_site(ws)
        count = ws.registry.count()
        make_backup(ws.db.conn, data, "daily")
    (data / DB_NAME).write_bytes(b"this is not a database" * 100)
    answered = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "damagedDatabase":
            answered.append(box.text())
            box.button(QMessageBox.StandardButton.Yes).click()
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(20, answer)
    workspace = gui_main._open(data, demo_if_new=False, is_new=False)
    assert workspace is not None and "是否恢复" in answered[0]
    try:
        assert workspace.registry.count() == count
    finally:
        workspace.close()
    assert [b.reason for b in list_backups(data)] == ["restore", "daily"]
    assert list_backups(data)[0].path.read_bytes().startswith(b"this is not a database")
