"""A bug reaches one dialog with copyable details and the log file in the data folder."""

from __future__ import annotations

import logging
import sys
import threading

from PySide6.QtWidgets import QApplication

from app.ui import crash


def test_a_bug_shows_a_dialog_once_and_is_logged(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(crash, "_handler", None)
    path = crash.install(tmp_path)
    try:
        crash.report(RuntimeError("boom"))
        crash.report(RuntimeError("boom"))
        qtbot.waitUntil(lambda: bool(crash._handler.boxes), timeout=2000)
        qtbot.wait(50)
        boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "crashDialog" and w.isVisible()]
        assert len(boxes) == 1 and "boom" in boxes[0].detailedText()
        copy = next(b for b in boxes[0].buttons() if b.text() == "复制详情" or b.text() == "Copy details")
        copy.click()
        assert "boom" in QApplication.clipboard().text() and boxes[0].isVisible()
        boxes[0].close()
        assert "RuntimeError: boom" in path.read_text(encoding="utf-8")
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "baseFilename", "") == str(path):
                logging.getLogger().removeHandler(handler)
                handler.close()


def test_the_log_is_rotated_past_its_size_and_the_oldest_dropped(tmp_path):
    path = tmp_path / "fieldsafe.log"
    handler = crash._RotatingLog(path, max_bytes=200, keep=3)
    logger = logging.getLogger("fieldsafe.rotation-test")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for n in range(40):
            logger.warning("line %02d %s", n, "x" * 40)
    finally:
        logger.removeHandler(handler)
        handler.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["fieldsafe.log", "fieldsafe.log.1", "fieldsafe.log.2", "fieldsafe.log.3"]
    assert all(p.stat().st_size <= 200 + 60 for p in tmp_path.iterdir())
    newest, older = path.read_text("utf-8"), (tmp_path / "fieldsafe.log.1").read_text("utf-8")
    assert "line 39" in newest and "line 39" not in older
    assert "line 00" not in "".join(p.read_text("utf-8") for p in tmp_path.iterdir())
