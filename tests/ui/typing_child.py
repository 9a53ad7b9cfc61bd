"""Typing into a visit, then SIGKILL: the child types into text fields chosen at random and reports every keystroke;
the parent kills it at a random moment and checks that everything typed more than the save delay before the kill is
in the database. Used by tests/ui/test_typed_work.py (a few rounds) and benchmarks/bench_typed_kill.py (100).

    python tests/ui/typing_child.py DATA_DIR INSPECTION ENTERPRISE ITEM SEED
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget  # noqa: E402

from app.models.demo import generate_demo  # noqa: E402
from app.models.workspace import Workspace  # noqa: E402
from app.ui.widgets.autosave import SAVE_DELAY_MS, text_of  # noqa: E402

MARGIN_MS = 400  # the save timer fires SAVE_DELAY_MS after the last key; its commit takes a few ms more


def text_fields(root: QWidget) -> list[QLineEdit | QPlainTextEdit]:
    """Every editable text field under `root` that is not deliberately left unsaved (property autosave=False)."""
    found = list({id(f): f for f in [*root.findChildren(QLineEdit), *root.findChildren(QPlainTextEdit)]}.values())
    return [f for f in found if f.isEnabled() and not f.isReadOnly() and f.property("autosave") is not False
            and not (isinstance(f.parent(), QWidget) and f.parent().inherits("QAbstractSpinBox"))]


def field_name(field: QWidget) -> str:
    return f"{type(field.window()).__name__}/{field.objectName() or field.placeholderText() or type(field).__name__}"


def prepare(data: Path) -> tuple[str, str, str]:
    """A visit with a major hazard on its first item (so every hazard field is open)."""
    with Workspace(data, author="检查员甲") as ws:
        generate_demo(ws, landlords=1, tenants=1)
        firm = ws.db.execute("SELECT id FROM enterprise WHERE is_landlord = 1 LIMIT 1").fetchone()[0]
        inspectors = [r[0] for r in ws.db.execute("SELECT id FROM inspector ORDER BY id LIMIT 2")]
        inspection = ws.inspections.start(firm, inspectors, purpose="日常检查")
        item = ws.inspections.templates.checklist(ws.inspections.get(inspection)["template_id"]).items[0].code
        outcome = ws.inspections.record_verdict(inspection, firm, item, "NONCOMPLIANT", "灭火器过期")
        ws.inspections.update_hazard(outcome.hazard_id, grade="MAJOR", major_basis="依据")
        return inspection, firm, item


def child(data: Path, inspection: str, firm: str, item: str, seed: int) -> None:
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    from app.ui.inspection.inspection_view import InspectionView
    from app.ui.qtapp import create_application

    create_application(language="zh_CN")
    workspace = Workspace(data, author="检查员甲")
    view = InspectionView(workspace, inspection)
    view.show()
    view.go_to(firm, item)
    # Phone numbers are checked as they are typed; random digits past eleven are refused, so they are left out.
    fields = [f for f in text_fields(view) if "phone" not in field_name(f).lower()]
    rng = random.Random(seed)
    print("READY", flush=True)
    while True:
        index = rng.randrange(len(fields))
        field = fields[index]
        # Typing goes on at the end of what is there, so each reported text is a prefix of the later ones.
        if isinstance(field, QPlainTextEdit):
            field.moveCursor(QTextCursor.MoveOperation.End)
        else:
            field.end(False)
        for ch in f"r{rng.randrange(10**6)}z":
            QTest.keyClick(field, ch)
            print(f"{time.time():.3f}\t{index}\t{text_of(field)}", flush=True)
            QTest.qWait(rng.randint(15, 90))
        if rng.random() < 0.3:
            QTest.qWait(rng.randint(200, 1200))  # a pause: the timer saves


@dataclass
class Round:
    acknowledged: int  # characters typed more than the save delay before the kill
    found: int  # of those, the characters the database holds
    lost: list[str]


def run_round(data: Path, visit: tuple[str, str, str], seed: int) -> Round:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FIELDSAFE_LANG": "zh"}
    rng = random.Random(seed)
    lines: list[str] = []
    with subprocess.Popen([sys.executable, str(Path(__file__)), str(data), *visit, str(seed)],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env) as proc:
        assert proc.stdout
        ready = proc.stdout.readline().strip()
        if ready != "READY":
            proc.kill()
            raise RuntimeError(f"child did not start: {ready!r}")
        reader = threading.Thread(target=lambda: lines.extend(iter(proc.stdout.readline, "")), daemon=True)
        reader.start()
        time.sleep(rng.uniform(0.8, 3.5))
        killed_at = time.time()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        reader.join(timeout=5)
    deadline = killed_at - (SAVE_DELAY_MS + MARGIN_MS) / 1000
    expected: dict[str, str] = {}
    for text in lines:
        stamp, index, value = text.rstrip("\n").split("\t", 2)
        if float(stamp) <= deadline:
            expected[index] = value
    with Workspace(data) as ws:
        held = [r[0] for r in ws.db.execute("SELECT value FROM change UNION ALL SELECT value FROM draft")]
    acknowledged = sum(len(v) for v in expected.values())
    lost = [v for v in expected.values() if not any(v in h for h in held)]
    return Round(acknowledged, acknowledged - sum(len(v) for v in lost), lost)


if __name__ == "__main__":
    child(Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
