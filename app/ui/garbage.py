"""Python's cyclic garbage collector, run on the GUI thread only (as qutebrowser does).

Left automatic, a collection starts in whichever thread happens to allocate — the op thread issuing a document, the
preview thread rendering one — and a Qt widget caught in a reference cycle is then destroyed off the GUI thread,
which corrupts Qt's state and crashes the process later and elsewhere. So automatic collection is switched off and
a timer on the GUI thread collects by the interpreter's own thresholds."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("guiThreadCollector")
        self._threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self, interval=INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    def collect(self) -> None:
        """The generations whose counts passed their thresholds, youngest first (what automatic collection does)."""
        gen0, gen1, gen2 = gc.get_count()
        if gen0 > self._threshold[0]:
            gc.collect(0)
            if gen1 > self._threshold[1]:
                gc.collect(1)
                if gen2 > self._threshold[2]:
                    gc.collect(2)


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """Install the collector once per application (create_application may be called again)."""
    existing = app.findChild(GuiThreadCollector, "guiThreadCollector")
    return existing if isinstance(existing, GuiThreadCollector) else GuiThreadCollector(app)
