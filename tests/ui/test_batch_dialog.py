"""批量打印 from the 文书 tab: the batch runs off the GUI thread with progress, a result summary and Cancel."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.documents import batch
from app.ui.documents.batch_dialog import BatchDialog
from app.ui.documents.documents_page import DocumentsPage
from app.ui.qtapp import create_application
from tests.documents.test_batch import issued, pages  # noqa: F401 - the fixture

WAIT_MS = 60_000


@pytest.fixture
def page(qtbot, issued):  # noqa: F811
    create_application(language="zh_CN")
    widget = DocumentsPage(issued[0])
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def dialog(qtbot, page):
    qtbot.mouseClick(page.batch_button, Qt.MouseButton.LeftButton)
    [found] = [d for d in page.findChildren(BatchDialog) if d.isVisible()]
    found.workers = 1
    return found


def live_orders(issued):  # noqa: F811
    _ws, docs, ids = issued
    return [docs.get(i) for i in ids if docs.get(i)["status"] != "VOID"]


def run(qtbot, dialog):
    with qtbot.waitSignal(dialog.batch_finished, timeout=WAIT_MS) as finished:
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
        assert dialog.is_running() and not dialog.start_button.isEnabled() and dialog.cancel_button.isEnabled()
    assert not dialog.is_running() and dialog.start_button.isEnabled() and not dialog.cancel_button.isEnabled()
    return finished.args[0]


def test_one_pdf_per_enterprise_with_progress_and_summary(qtbot, dialog, issued, tmp_path, screenshot):  # noqa: F811
    live = live_orders(issued)
    assert str(len(live)) in dialog.matching.text()
    dialog.folder.setText(str(tmp_path / "镇街打印"))
    seen = []
    dialog.progress.valueChanged.connect(seen.append)
    result = run(qtbot, dialog)
    assert result is dialog.outcome and not result.cancelled
    assert result.documents == result.total == len(live)
    assert len(result.files) == result.enterprises == len({r["enterprise_id"] for r in live})
    assert all(f.exists() and f.parent == tmp_path / "镇街打印" for f in result.files)
    assert sum(pages(f) for f in result.files) == sum(pages(issued[1].pdf(r["id"])) for r in live)
    assert dialog.progress.value() == dialog.progress.maximum() == len(live) and seen  # polled, so maybe once
    assert dialog.files.count() == len(result.files)
    summary = dialog.summary.text()
    assert str(result.documents) in summary and str(len(result.files)) in summary
    assert f"{result.seconds:.1f} 秒" in summary
    screenshot(dialog, "documents_batch_dialog")


def test_one_merged_file_on_two_processes_with_a_date_range(qtbot, dialog, issued, tmp_path):  # noqa: F811
    live = live_orders(issued)
    dialog.workers = 2
    qtbot.mouseClick(dialog.one_file, Qt.MouseButton.LeftButton)
    dialog.by_date.setChecked(True)
    dialog.date_from.setDate(dialog.date_from.date().fromString("2026-11-01", "yyyy-MM-dd"))
    dialog.date_to.setDate(dialog.date_to.date().fromString("2026-12-31", "yyyy-MM-dd"))
    dialog.folder.setText(str(tmp_path / "all"))
    assert dialog.request().one_file and dialog.request().date_from.isoformat() == "2026-11-01"
    result = run(qtbot, dialog)
    [merged] = result.files
    assert merged.name == "责令限期整改指令书汇总.pdf" and merged.exists()
    assert pages(merged) == sum(pages(issued[1].pdf(r["id"])) for r in live)


def test_cancel_stops_the_batch_off_the_gui_thread(qtbot, dialog, issued, tmp_path, monkeypatch):  # noqa: F811
    real = batch._run
    second_started, release = threading.Event(), threading.Event()
    threads = []

    def slow(job):
        threads.append(threading.current_thread())
        if len(threads) == 2:
            second_started.set()
            release.wait(10)
        return real(job)

    monkeypatch.setattr(batch, "_run", slow)
    dialog.folder.setText(str(tmp_path / "out"))
    try:
        with qtbot.waitSignal(dialog.batch_finished, timeout=WAIT_MS) as finished:
            qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(second_started.is_set)
            qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
            assert not dialog.cancel_button.isEnabled()
            release.set()
    finally:
        release.set()
    result = finished.args[0]
    assert result.cancelled and len(result.files) == 2 < result.enterprises
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f.name for f in result.files)
    assert threading.main_thread() not in threads and len(threads) == 2
    assert "2" in dialog.summary.text() and str(result.total) in dialog.summary.text()


def test_closing_while_running_cancels_then_closes(qtbot, dialog, tmp_path, monkeypatch):
    real = batch._run
    started, release = threading.Event(), threading.Event()

    def slow(job):
        started.set()
        release.wait(10)
        return real(job)

    monkeypatch.setattr(batch, "_run", slow)
    dialog.folder.setText(str(tmp_path / "out"))
    try:
        with qtbot.waitSignal(dialog.batch_finished, timeout=WAIT_MS):
            qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(started.is_set)
            qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
            assert dialog.isVisible()  # not before the worker stopped
            release.set()
    finally:
        release.set()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.outcome.cancelled and dialog.worker is None


def errors(widget):
    return [b for b in widget.findChildren(QMessageBox, "errorDialog") if b.isVisible()]


def test_errors_arrive_as_a_dialog(qtbot, dialog, tmp_path):
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)  # no folder
    assert not dialog.is_running() and "输出目录" in errors(dialog)[0].text()
    errors(dialog)[0].close()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    dialog.folder.setText(str(blocker / "sub"))
    result = run(qtbot, dialog)
    assert result is None
    [box] = errors(dialog)
    assert "无法写入输出目录" in box.text() and dialog.summary.text() == box.text()
