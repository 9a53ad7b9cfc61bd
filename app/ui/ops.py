"""Ops: how a widget asks for work that takes time, and how every page learns what changed.

    Op(self, self.workspace, lambda ws, progress, cancelled: ws.…(…)).success(self._done).run_in_background()

The function runs on the one op thread of the Workspace (OpRunner), never on the GUI thread, and gets a progress
callback `progress(done, total)` and a `cancelled()` question for long work. `success` gets its result on the GUI
thread; a UserError is shown in one Chinese dialog (or handed to `failure`); anything else is a bug and goes to the
crash handler (app/ui/crash.py). Every committed transaction — of an op or of a short write made on the GUI thread
— ends up in the runner's one `changes` signal (Changes: the tables written); pages decide from it what to reload
(app/ui/pages.py). Anki's aqt/operations is the model.

While an op runs the GUI thread leaves the database alone (the window is shielded by the op's progress dialog;
timers wait for `idle`): the connection is shared, and a statement the GUI thread runs meanwhile is recorded by the
runner's guard and logged (tests fail on it).
"""

from __future__ import annotations

import logging
import threading
import traceback
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import QApplication, QProgressBar, QProgressDialog, QWidget

from app.errors import UserError
from app.models.store import Changes
from app.models.workspace import Workspace
from app.ui import crash
from app.ui.widgets.autosave import flush_all
from app.ui.widgets.dialogs import show_error

T = TypeVar("T")
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
OpFn = Callable[[Workspace, Progress, Cancelled], T]

PROGRESS_AFTER_MS = 600  # a fast op never flashes a dialog
POLL_MS = 100
log = logging.getLogger(__name__)

IO_FAILED = ("ops.io_failed", "无法读写文件：{error}", "Cannot read or write a file: {error}")


@dataclass
class Outcome:
    result: Any = None
    error: UserError | None = None
    bug: BaseException | None = None
    details: str = ""


class _Ticks:
    """Progress written by the op thread, read by the GUI's poll; cancel asked by the GUI, read by the op."""

    def __init__(self) -> None:
        self.done, self.total = 0, 0
        self.cancel = threading.Event()

    def report(self, done: int, total: int) -> None:
        self.done, self.total = done, total


class OpRunner(QObject):
    """The op thread of one open Workspace and the `changes` every page listens to.

    Signals:
        changes(Changes): after commits, on the GUI thread — once per op, once per event-loop turn otherwise.
        busy_changed(bool): an op started (True) or the last queued one finished (False).
    """

    changes = Signal(object)
    busy_changed = Signal(bool)
    _finished = Signal(object, object)  # Op, Outcome — emitted on the op thread, delivered on the GUI thread

    _runners: weakref.WeakKeyDictionary[Workspace, OpRunner] = weakref.WeakKeyDictionary()
    gui_thread_sql: list[str] = []  # statements the GUI thread ran while an op was running (a bug)

    @classmethod
    def of(cls, workspace: Workspace) -> OpRunner:
        runner = cls._runners.get(workspace)
        if runner is None:
            runner = cls._runners[workspace] = OpRunner(workspace)
        return runner

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldsafe-ops")
        self._running = 0
        self._closed = False
        self._lock = threading.Lock()
        self._tables: set[str] = set()
        self._flush_timer = QTimer(self, singleShot=True, interval=0)
        self._flush_timer.timeout.connect(self._flush_if_idle)
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = workspace.on_commit(self._committed)
        workspace.on_close(self.shutdown)

    @property
    def idle(self) -> bool:
        return self._running == 0

    def submit(self, op: Op[Any]) -> None:
        flush_all()  # what was typed is saved before the op thread takes the connection
        self._running += 1
        if self._running == 1:
            self.workspace.trace_sql(self._guard)
            self.busy_changed.emit(True)
        self._pool.submit(self._run, op)

    def shutdown(self) -> None:
        """Finish the queued ops (the Workspace is closing)."""
        self._unsubscribe()
        self._pool.shutdown(wait=True)
        self._closed = True
        self.workspace.trace_sql(None)
        self._flush_timer.stop()
        self._runners.pop(self.workspace, None)

    # On the op thread

    def _run(self, op: Op[Any]) -> None:
        outcome = Outcome()
        try:
            outcome.result = op.fn(self.workspace, op.ticks.report, op.ticks.cancel.is_set)
        except UserError as exc:
            outcome.error = exc
        except OSError as exc:  # a full or read-only stick, a file that vanished …
            outcome.error = UserError(*op.io_words, error=exc.strerror or str(exc))
        except Exception as exc:  # noqa: BLE001 - a bug: handed to the crash handler on the GUI thread
            outcome.bug, outcome.details = exc, traceback.format_exc()
        self._finished.emit(op, outcome)

    def _guard(self, statement: str) -> None:
        if threading.current_thread() is threading.main_thread():
            self.gui_thread_sql.append(statement)
            log.warning("SQL on the GUI thread while an op runs: %s", statement)

    # On whichever thread commits

    def _committed(self, changes: Changes) -> None:
        with self._lock:
            self._tables |= changes.tables
        if threading.current_thread() is threading.main_thread():
            self._flush_timer.start()

    # On the GUI thread

    def _deliver(self, op: Op[Any], outcome: Outcome) -> None:
        if self._closed:  # finished while the Workspace closed: nothing left to show it in or to read
            op.finish(outcome, deliver=False)
            return
        self._running -= 1
        if self._running == 0:
            self.workspace.trace_sql(None)
        self._flush()
        op.finish(outcome)
        if self._running == 0:
            self.busy_changed.emit(False)

    def _flush_if_idle(self) -> None:
        if self.idle:  # else the pages would read while the op holds the connection: they hear it when it ends
            self._flush()

    def _flush(self) -> None:
        with self._lock:
            tables, self._tables = self._tables, set()
        if tables:
            self.changes.emit(Changes(frozenset(tables)))


class Op(Generic[T]):
    """One piece of work for the op thread, configured by chaining and started by run_in_background()."""

    def __init__(self, parent: QWidget, workspace: Workspace, fn: OpFn[T]) -> None:
        self.parent, self.workspace, self.fn = parent, workspace, fn
        self.ticks = _Ticks()
        self._success: list[Callable[[T], object]] = []
        self._failure: Callable[[UserError], object] | None = None
        self._finally: list[Callable[[], object]] = []
        self._on_progress: Callable[[int, int], object] | None = None
        self._label: str | None = None
        self._cancellable = False
        self.io_words = IO_FAILED
        self._dialog: QProgressDialog | None = None
        self._timer: QTimer | None = None
        self.done = False

    def success(self, callback: Callable[[T], object]) -> Op[T]:
        """Called with the result; callbacks added later (by whoever the op was handed to) run after the first."""
        self._success.append(callback)
        return self

    def failure(self, callback: Callable[[UserError], object]) -> Op[T]:
        """Handle a UserError here instead of the standard dialog."""
        self._failure = callback
        return self

    def finally_(self, callback: Callable[[], object]) -> Op[T]:
        """After success or failure (re-enable buttons); may be added more than once, like success."""
        self._finally.append(callback)
        return self

    def with_progress(self, label: str, *, cancellable: bool = False) -> Op[T]:
        """A window-modal progress dialog, shown when the op takes longer than PROGRESS_AFTER_MS."""
        self._label, self._cancellable = label, cancellable
        return self

    def on_progress(self, callback: Callable[[int, int], object]) -> Op[T]:
        """Report (done, total) to the page's own progress bar, polled every POLL_MS."""
        self._on_progress = callback
        return self

    def io_failure(self, code: str, chinese: str, english: str) -> Op[T]:
        """The message for an OSError of this op (with {error}), instead of the general one."""
        self.io_words = (code, chinese, english)
        return self

    def cancel(self) -> None:
        self.ticks.cancel.set()

    def run_in_background(self) -> Op[T]:
        self._timer = QTimer(interval=POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._timer.start()
        if self._label is not None:
            self._dialog = self._progress_dialog()
            QTimer.singleShot(PROGRESS_AFTER_MS, self._show_dialog)
        OpRunner.of(self.workspace).submit(self)
        return self

    def _progress_dialog(self) -> QProgressDialog:
        cancel = QApplication.translate("Ops", "Cancel") if self._cancellable else ""
        dialog = QProgressDialog(self._label or "", cancel, 0, 0, self.parent)
        dialog.setObjectName("opProgress")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(10**9)  # shown by _show_dialog, not by QProgressDialog's own guess
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        if not self._cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(self.cancel)
        dialog.reset()
        return dialog

    def _show_dialog(self) -> None:
        if not self.done and self._dialog is not None and shiboken6.isValid(self._dialog):
            self._dialog.show()

    def _poll(self) -> None:
        done, total = self.ticks.done, self.ticks.total
        if self._dialog is not None and shiboken6.isValid(self._dialog) and total:
            self._dialog.setMaximum(total)
            self._dialog.setValue(done)
        if self._on_progress is not None and self._alive():
            self._on_progress(done, total)

    def _alive(self) -> bool:
        return shiboken6.isValid(self.parent)

    def finish(self, outcome: Outcome, *, deliver: bool = True) -> None:
        self.done = True
        if self._timer is not None:
            self._timer.stop()
            self._timer.deleteLater()
        if self._dialog is not None and shiboken6.isValid(self._dialog):
            self._dialog.close()
            self._dialog.deleteLater()
        if outcome.bug is not None:
            crash.report(outcome.bug, outcome.details)
        elif not deliver or not self._alive():
            pass  # the page was closed meanwhile: nothing to show the result in
        elif outcome.error is not None:
            if self._failure is not None:
                self._failure(outcome.error)
            else:
                show_error(self.parent, outcome.error, details=error_details(outcome.error))
        else:
            for callback in self._success:
                callback(outcome.result)
        if deliver and self._alive():
            for after in self._finally:
                after()


class RunsOps:
    """For a widget that runs one Op at a time and shows it in its own `progress` bar (the sync page, the batch
    dialog). It supplies `workspace`, `_set_running(bool)`, `_succeeded(result)`, `_failed(error)` and `_stopped()`
    (called after either, and after a bug)."""

    workspace: Workspace
    worker: Op[Any] | None = None
    progress: QProgressBar

    def is_running(self) -> bool:
        return self.worker is not None

    def _launch(self, fn: OpFn[Any], io_failure: tuple[str, str, str] | None = None) -> Op[Any]:
        """Run `fn`; `io_failure` words its OSError (set before the op starts: it may fail at once)."""
        op = (Op(self, self.workspace, fn)  # type: ignore[arg-type]  # the mixin is on a QWidget
              .on_progress(self._progressed).success(self._succeeded).failure(self._failed).finally_(self._op_done))
        if io_failure is not None:
            op.io_failure(*io_failure)
        self.worker = op
        self.progress.setRange(0, 0)  # busy until a count arrives
        self._set_running(True)
        return op.run_in_background()

    def _progressed(self, done: int, total: int) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _op_done(self) -> None:
        self.worker = None
        self._set_running(False)
        self._stopped()

    def _set_running(self, running: bool) -> None:
        raise NotImplementedError

    def _succeeded(self, result: Any) -> None:
        raise NotImplementedError

    def _failed(self, error: UserError) -> None:
        raise NotImplementedError

    def _stopped(self) -> None:
        raise NotImplementedError


def error_details(error: UserError) -> str:
    """The row-by-row list some errors carry (a registry import refused for these rows)."""
    rows = getattr(error, "errors", None)
    return "\n".join(str(e) for e in rows) if rows else ""


def changes_of(workspace: Workspace) -> SignalInstance:
    """The `changes` signal of the Workspace's runner (connect a page to it)."""
    return OpRunner.of(workspace).changes


__all__ = ["Cancelled", "Op", "OpRunner", "Outcome", "Progress", "RunsOps", "changes_of", "error_details"]
