from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

# Screenshots of every wizard page and dialog the GUI tests reach, for people to look at (see README).
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


@pytest.fixture(autouse=True)
def private_settings(tmp_path_factory):
    """Keep QSettings written by the GUI away from the real user's configuration."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path_factory.mktemp("settings")))


@pytest.fixture(autouse=True)
def no_gui_sql_during_ops():
    """While an op runs the GUI thread leaves the database alone (app/ui/ops.py): every UI test checks it."""
    from app.ui.ops import OpRunner

    OpRunner.gui_thread_sql.clear()
    yield
    assert OpRunner.gui_thread_sql == [], "the GUI thread ran SQL while an op was running"


@pytest.fixture
def screenshot(qtbot) -> Callable[[QWidget, str], Path]:
    def save(widget: QWidget, name: str) -> Path:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        qtbot.wait(150)  # let pending layout (rows rebuilt after a change) and paint events run
        path = SCREENSHOT_DIR / f"{name}.png"
        assert widget.grab().save(str(path)), f"could not save {path}"
        return path

    return save



@pytest.fixture(autouse=True)
def no_timer_left_running():
    """No QTimer still fires in a widget that outlives its test: it would act on a later test's data."""
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer
    from PySide6.QtWidgets import QApplication

    yield
    app = QApplication.instance()
    if app is None:
        return
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    timers = [f"{type(w).__name__}.{t.objectName() or 'timer'}"
              for w in QApplication.allWidgets() if w.isVisible()
              for t in w.findChildren(QTimer) if t.isActive()]
    assert timers == [], f"timers still running in open widgets: {timers}"
