"""The op thread: work runs off the GUI thread, the event loop keeps turning, results and changes come back."""

from __future__ import annotations

import threading
import time

from PySide6.QtWidgets import QWidget

from app.errors import UserError
from app.ui.ops import Op, OpRunner, changes_of


def test_a_long_op_runs_off_the_gui_thread_while_the_event_loop_turns(qtbot, ws):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen, ticks, got = {}, [], []

    def work(workspace, progress, cancelled):
        seen["thread"] = threading.current_thread()
        for n in range(10):
            progress(n + 1, 10)
            time.sleep(0.05)
        return workspace.registry.count()

    from PySide6.QtCore import QTimer
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    op = Op(parent, ws, work).success(got.append).run_in_background()
    qtbot.waitUntil(lambda: op.done, timeout=5000)
    timer.stop()
    assert seen["thread"] is not threading.main_thread()
    assert got == [ws.registry.count()]
    assert len(ticks) >= 10  # the GUI thread was free for the half second the op took
    assert OpRunner.gui_thread_sql == []


def test_commits_of_an_op_reach_the_changes_signal_once(qtbot, ws):
    parent = QWidget()
    qtbot.addWidget(parent)
    received = []
    changes_of(ws).connect(received.append)
    done = []
    Op(parent, ws, lambda w, *_: w.drafts.save("x", "y") or w.roster.add_inspector(
        "王五", "C-0001", "应急管理局")).success(done.append).run_in_background()
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert len(received) == 1 and "inspector" in received[0].tables


def test_a_user_error_goes_to_failure(qtbot, ws):
    parent = QWidget()
    qtbot.addWidget(parent)
    errors = []

    def refuse(*_):
        raise UserError("t.refused", "不行", "No")

    Op(parent, ws, refuse).failure(errors.append).run_in_background()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert errors[0].code == "t.refused"
