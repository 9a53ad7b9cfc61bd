"""GUI entry: create the application, open the data folder (with a demo when asked and empty), show the window."""

from __future__ import annotations

import sys
from pathlib import Path

from app.errors import UserError
from app.paths import DB_NAME


def run_gui(data_dir: Path, demo_if_new: bool = False) -> int:
    from PySide6.QtWidgets import QMessageBox

    from app.models.workspace import Workspace
    from app.ui.main_window import MainWindow
    from app.ui.qtapp import create_application

    app = create_application(sys.argv)
    is_new = not (data_dir / DB_NAME).exists()
    try:
        workspace = Workspace(data_dir)
        if demo_if_new and (is_new or workspace.registry.count() == 0):
            from app.models.demo import generate_demo

            generate_demo(workspace, inspections=8)
    except UserError as exc:
        QMessageBox.critical(None, "FieldSafe", exc.message)
        return 1
    window = MainWindow(workspace)
    window.show()
    try:
        return app.exec()
    finally:
        workspace.close()
