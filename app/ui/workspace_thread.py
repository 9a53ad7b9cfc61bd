"""Slow work (batch printing, sync export and import) run off the GUI thread.

The thread gets plain data and a job, never a widget or the GUI's connection: a job that needs the database opens
its own Workspace on the folder (WorkspaceThread), so its SQLite connection belongs to the worker (SQLite WAL lets
both read; writers are serialised by BEGIN IMMEDIATE). Progress and the result come back by queued signals;
`cancel()` sets a flag the job checks between steps. Every failure arrives as a UserError, a bug with its traceback.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import QProgressBar, QWidget

from app.errors import UserError
from app.models.workspace import Workspace

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Job = Callable[[Workspace, Progress, Cancelled], Any]
Words = tuple[str, str, str]  # code, Chinese and English message with {error}


class JobThread(QThread):
    progressed = Signal(int, int)
    succeeded = Signal(object)  # whatever the job returns
    failed = Signal(object, str)  # UserError, details (a traceback for a bug, else "")

    def __init__(self, job: Callable[[Progress, Cancelled], Any], *, io_failure: Words, failure: Words,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job, self.io_failure, self.failure = job, io_failure, failure
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.job(self.progressed.emit, self._cancel.is_set)
        except UserError as exc:
            self.failed.emit(exc, "")
        except OSError as exc:  # a full or read-only stick, a file that vanished …
            self.failed.emit(UserError(*self.io_failure, error=exc.strerror or str(exc)), "")
        except Exception as exc:  # noqa: BLE001 - a bug: still reported to the user, with the traceback
            self.failed.emit(UserError(*self.failure, error=str(exc) or type(exc).__name__), traceback.format_exc())
        else:
            self.succeeded.emit(result)


class WorkspaceThread(JobThread):
    """A job on its own Workspace of the data folder (sync export, import, receipt)."""

    def __init__(self, data_dir: Path, author: str, job: Job, parent: QWidget | None = None) -> None:
        def run(progress: Progress, cancelled: Cancelled) -> Any:
            with Workspace(data_dir, author=author) as ws:
                return job(ws, progress, cancelled)

        super().__init__(
            run,
            io_failure=("sync.io_failed", "无法读写文件：{error}", "Cannot read or write a file: {error}"),
            failure=("sync.failed", "同步失败：{error}", "Sync failed: {error}"),
            parent=parent,
        )


class RunsJobs:
    """For a widget that runs one JobThread at a time with a `progress` bar: it supplies `_set_running(bool)`,
    `_succeeded(result)`, `_failed(error, details)` and `_stopped()`, and `_stopped` calls `_release_worker()`."""

    worker: JobThread | None
    progress: QProgressBar

    def is_running(self) -> bool:
        return self.worker is not None

    def _launch(self, thread: JobThread) -> None:
        thread.progressed.connect(self._progressed)
        thread.succeeded.connect(self._succeeded)
        thread.failed.connect(self._failed)
        thread.finished.connect(self._stopped)
        self.worker = thread
        self.progress.setRange(0, 0)  # busy until a count arrives
        self._set_running(True)
        thread.start()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _release_worker(self) -> None:
        thread, self.worker = self.worker, None
        if thread is not None:
            thread.wait()  # `finished` comes just before run() returns; never delete a running QThread
            thread.deleteLater()
