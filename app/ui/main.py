"""GUI entry: create the application, open the data folder (with a demo when asked and empty), show the window."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UserError
from app.paths import DB_NAME, ENV_VAR, data_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from app.models.backup import Backup
    from app.models.workspace import Workspace
    from app.ui.main_window import MainWindow


def run_gui(override: Path | None = None, demo_if_new: bool = False, language: str | None = None,
            exit_when_ready: bool = False) -> int:
    """`override` is --data-dir; without it FIELDSAFE_DATA_DIR, then the folder chosen in Settings, then the
    per-user default. `language` is --lang; without it FIELDSAFE_LANG, then Settings, then Chinese.
    `exit_when_ready` quits as soon as the window is painted with the registry listed and no op is running, so the
    start can be timed from outside (benchmarks/bench_start.py)."""
    from app.ui.display_check import problem

    missing = problem()
    if missing:  # Qt would abort without saying which library it lacks
        print(missing, file=sys.stderr)
        return 1
    from app.ui import crash
    from app.ui.main_window import MainWindow
    from app.ui.qtapp import create_application
    from app.ui.settings_dialog import apply_inspector, settings

    stored = settings()
    if language is None and not os.environ.get("FIELDSAFE_LANG"):
        language = str(stored.value("language", "", str)) or None
    app = create_application(sys.argv, language=language)
    if override is None and not os.environ.get(ENV_VAR) and stored.value("data_dir", "", str):
        override = Path(str(stored.value("data_dir", "", str)))
    folder = data_dir(override)
    is_new = not (folder / DB_NAME).exists()
    try:
        crash.install(folder)
    except OSError as exc:  # a read-only folder: the window can still work, the open below says what is wrong
        print(f"FieldSafe: no log file in {folder}: {exc}", file=sys.stderr)
    while True:
        workspace = _open(folder, demo_if_new, is_new)
        if workspace is None:
            return 1
        apply_inspector(workspace)
        window = MainWindow(workspace)
        window.show()
        if exit_when_ready:
            _quit_when_idle(app, window)
        try:
            code = app.exec()
        finally:
            workspace.close()
        if window.restore_request is None:
            return code
        if not _restore(window.restore_request, folder):
            return 1
        is_new = False


def _open(folder: Path, demo_if_new: bool, is_new: bool) -> Workspace | None:
    """The workspace of `folder`; when its database cannot be opened because it is damaged, the newest sound
    backup is offered and, if accepted, restored first. None when it cannot be opened."""
    from PySide6.QtWidgets import QMessageBox

    from app.models.workspace import Workspace
    from app.ui.backups import newest_sound, offer_restore

    try:
        workspace = Workspace(folder)
        if demo_if_new and (is_new or workspace.registry.count() == 0):
            from app.models.demo import generate_demo

            generate_demo(workspace, inspections=8, documents=True)
        return workspace
    except UserError as exc:
        if exc.code not in ("db.not_sqlite", "db.damaged") or not (folder / DB_NAME).exists():
            QMessageBox.critical(None, "FieldSafe", exc.message)
            return None
        box = offer_restore(None, exc.message, newest_sound(folder))  # no window yet: nothing waits on this read
        chosen = box.property("chosen")
        if chosen is None or not _restore(chosen, folder):
            return None
        return _open(folder, demo_if_new=False, is_new=False)


def _restore(chosen: Backup, folder: Path) -> bool:
    from PySide6.QtWidgets import QMessageBox

    from app.models.backup import restore

    try:
        restore(chosen, folder)
    except (UserError, OSError) as exc:
        QMessageBox.critical(None, "FieldSafe", exc.message if isinstance(exc, UserError) else str(exc))
        return False
    return True


def _quit_when_idle(app: QApplication, window: MainWindow) -> None:
    from PySide6.QtCore import QTimer

    def check() -> None:
        if window.runner.idle:
            app.quit()
        else:
            QTimer.singleShot(5, check)

    QTimer.singleShot(0, check)  # a zero timer fires once the queued show and paint events are done
