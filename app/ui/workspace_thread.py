"""Slow work on the data folder (sync export and import) run off the GUI thread.

Same pattern as app/ui/batch_dialog.py: the thread gets plain data (the data folder, the author) and a job; it opens
its own Workspace on the folder, so its SQLite connection belongs to the worker and the GUI's connection is never
touched from there (SQLite WAL lets both read; writers are serialised by BEGIN IMMEDIATE). Progress and the result
come back by queued signals; `cancel()` sets a flag the job may check between steps.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import QWidget

from app.errors import UserError
from app.models.workspace import Workspace

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Job = Callable[[Workspace, Progress, Cancelled], Any]


class WorkspaceThread(QThread):
    progressed = Signal(int, int)
    succeeded = Signal(object)  # whatever the job returns
    failed = Signal(object, str)  # UserError, details (a traceback for a bug, else "")

    def __init__(self, data_dir: Path, author: str, job: Job, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir, self.author, self.job = data_dir, author, job
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            with Workspace(self.data_dir, author=self.author) as ws:
                result = self.job(ws, self.progressed.emit, self._cancel.is_set)
        except UserError as exc:
            self.failed.emit(exc, "")
        except OSError as exc:  # a full or read-only stick, a file that vanished …
            self.failed.emit(UserError("sync.io_failed", "无法读写文件：{error}", "Cannot read or write a file: {error}",
                                       error=exc.strerror or str(exc)), "")
        except Exception as exc:  # noqa: BLE001 - a bug: still reported to the user, with the traceback
            self.failed.emit(UserError("sync.failed", "同步失败：{error}", "Sync failed: {error}",
                                       error=str(exc) or type(exc).__name__), traceback.format_exc())
        else:
            self.succeeded.emit(result)
