"""Child process for the kill-and-resume test: answers part of an inspection through the GUI, reports READY and
waits in the event loop until the test kills it with SIGKILL.

    python tests/ui/visit_then_wait.py DATA_DIR INSPECTION_ID PHOTO
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.models.workspace import Workspace  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.qtapp import create_application  # noqa: E402

ANSWERED = 5  # items judged before the kill; the sixth gets a note only, and is where the inspector stands


def main() -> None:
    data_dir, inspection_id, photo = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    app = create_application(language="zh_CN")
    workspace = Workspace(data_dir)
    window = MainWindow(workspace)
    window.show()
    view = window.open_inspection(inspection_id)
    keys = list(view.item_rows)
    for n, key in enumerate(keys[:ANSWERED]):
        view.go_to(*key)
        if n == 1:
            view.panel.choose("NONCOMPLIANT")
            view.panel.note.setPlainText("配电箱电线私拉乱接")
            view.panel.flush()
            view.panel.photos.add_files([photo])
        else:
            view.panel.choose("COMPLIANT")
    view.go_to(*keys[ANSWERED])
    view.panel.note.setPlainText("正在核查消防通道")
    view.panel.flush()
    print("READY", flush=True)
    app.exec()


if __name__ == "__main__":
    main()
