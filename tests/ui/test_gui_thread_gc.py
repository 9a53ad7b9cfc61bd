"""Cyclic garbage is collected on the GUI thread only (app/ui/garbage.py)."""

from __future__ import annotations

import gc
import threading
import weakref

from app.ui.garbage import GuiThreadCollector
from app.ui.qtapp import create_application


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it


def test_a_cycle_left_by_another_thread_is_freed_by_the_gui_threads_timer(qtbot):
    app = create_application()
    assert not gc.isenabled()
    [collector] = app.findChildren(GuiThreadCollector)
    create_application()  # again, as tests and the entry point do: still one collector
    assert app.findChildren(GuiThreadCollector) == [collector]

    refs: list[weakref.ref[Node]] = []

    def work() -> None:  # allocates far past the first threshold, as the op thread does; nothing is collected there
        refs.append(weakref.ref(Node()))
        junk = [Node() for _ in range(3 * gc.get_threshold()[0])]
        del junk

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert refs[0]() is not None
    qtbot.waitUntil(lambda: refs[0]() is None, timeout=5000)
