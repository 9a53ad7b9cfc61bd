"""The one place a bug reaches the user: a dialog with the traceback and "copy details", and a log file.

`install(data_dir)` (the GUI entry does it) routes `sys.excepthook` and `threading.excepthook` here and writes the
log to `<data folder>/logs/fieldsafe.log`, where an officer can find it to send to us. Each distinct traceback is
shown once per run. Without `install` (tests), `report` raises, so a test that hits a bug fails.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from app import __version__
from app.ui.i18n import fill

LOG_NAME = "fieldsafe.log"
translate = QCoreApplication.translate  # by this name, so that lupdate finds the strings
log = logging.getLogger("fieldsafe")


class _Handler(QObject):
    """Shows the dialog on the GUI thread, whichever thread the bug happened on."""

    reported = Signal(str)

    def __init__(self, log_path: Path) -> None:
        super().__init__()
        self.log_path = log_path
        self.shown: set[str] = set()
        self.boxes: list[QMessageBox] = []
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def _show(self, details: str) -> None:
        if details in self.shown:
            return
        self.shown.add(details)
        box = QMessageBox(QMessageBox.Icon.Critical, translate("Crash", "Unexpected error"),
                          fill(translate("Crash", "FieldSafe hit an error it did not expect. Your saved work is safe. "
                                            "The details are written to {log_path}; please send them to the people who "
                                            "look after FieldSafe."), log_path=self.log_path))
        box.setObjectName("crashDialog")
        box.setDetailedText(details)
        copy = box.addButton(translate("Crash", "Copy details"), QMessageBox.ButtonRole.ActionRole)
        copy.clicked.disconnect()  # keep the box open after copying
        copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
        box.addButton(QMessageBox.StandardButton.Close)
        box.finished.connect(lambda _result: self.boxes.remove(box))
        self.boxes.append(box)  # a parentless box nobody holds would be collected before it is seen
        box.open()


class _RotatingLog(logging.FileHandler):
    """The log file, renamed to .1 (.1 to .2, …) once it passes `max_bytes`, the oldest of `keep` dropped.
    logging.handlers (socket, pickle, queue) took 10 ms of every start to import."""

    def __init__(self, path: Path, max_bytes: int, keep: int) -> None:
        super().__init__(path, encoding="utf-8")
        self.path, self.max_bytes, self.keep = path, max_bytes, keep

    def emit(self, record: logging.LogRecord) -> None:
        if self.stream is not None and self.stream.tell() >= self.max_bytes:
            self.stream.close()  # the stream only: close() would also unregister the handler from logging
            for n in range(self.keep - 1, 0, -1):
                older = self.path.with_name(f"{self.path.name}.{n}")
                if older.exists():
                    older.replace(self.path.with_name(f"{self.path.name}.{n + 1}"))
            self.path.replace(self.path.with_name(f"{self.path.name}.1"))
            self.stream = self._open()
        super().emit(record)


_handler: _Handler | None = None


def install(data_dir: Path) -> Path:
    """Log to the data folder and show every uncaught exception; returns the log file's path."""
    global _handler
    logs = data_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    path = logs / LOG_NAME
    file = _RotatingLog(path, max_bytes=1_000_000, keep=3)
    file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(threadName)s: %(message)s"))
    logging.getLogger().addHandler(file)
    logging.getLogger().setLevel(logging.INFO)
    log.info("FieldSafe %s started, Python %s", __version__, sys.version.split()[0])
    _handler = _Handler(path)
    sys.excepthook = _excepthook
    threading.excepthook = lambda args: _excepthook(args.exc_type, args.exc_value, args.exc_traceback)
    return path


def _excepthook(kind: type[BaseException], value: BaseException | None, tb: TracebackType | None) -> None:
    report(value or kind(), "".join(traceback.format_exception(kind, value, tb)))


def report(error: BaseException, details: str = "") -> None:
    """A bug: log it and show it (raised again when no handler is installed, so tests fail on it)."""
    details = details or "".join(traceback.format_exception(error))
    if _handler is None:
        raise error
    log.error("Unexpected error\n%s", details)
    _handler.reported.emit(details)


__all__ = ["LOG_NAME", "install", "report"]
