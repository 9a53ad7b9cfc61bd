"""Kill the GUI with SIGKILL in the middle of an inspection, start again: everything is there and the inspector is
offered to resume at the same item."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt

from app.models.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.qtapp import create_application

CHILD = Path(__file__).with_name("visit_then_wait.py")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_mid_inspection_loses_nothing_and_resumes_at_the_same_item(qtbot, tmp_path, screenshot):
    data = tmp_path / "data"
    with Workspace(data) as ws:
        town = ws.registry.ensure_org_unit("姜山镇", "township")
        tenant = ws.registry.create_enterprise(name="宁波鸿远塑料制品厂", township_id=town, is_tenant=True)
        team = [ws.roster.add_inspector(n, c, "姜山镇应急管理办公室") for n, c in (("甲", "A-1"), ("乙", "B-2"))]
        inspection = ws.inspections.start(tenant, team)
    photo = tmp_path / "电箱.jpg"
    Image.new("RGB", (800, 600), (20, 90, 160)).save(photo)

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FIELDSAFE_LANG": "zh"}
    with subprocess.Popen([sys.executable, str(CHILD), str(data), inspection, str(photo)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) as child:
        assert child.stdout and child.stderr
        line = child.stdout.readline()
        if line.strip() != "READY":
            child.kill()
            pytest.fail(f"child did not get ready: {line!r} {child.stderr.read()}")
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL

    create_application(language="zh_CN")
    with Workspace(data) as ws:
        results = ws.inspections.results(inspection)
        judged = {k: r for k, r in results.items() if r["verdict"]}
        assert len(judged) == 5
        bad = [r for r in judged.values() if r["verdict"] == "NONCOMPLIANT"]
        assert len(bad) == 1 and bad[0]["note"] == "配电箱电线私拉乱接"
        assert len(ws.inspections.photos(item_result_id=bad[0]["id"])) == 1
        assert len(ws.inspections.hazards(inspection)) == 1
        noted = [r for r in results.values() if not r["verdict"]]
        assert [r["note"] for r in noted] == ["正在核查消防通道"]

        window = MainWindow(ws)
        qtbot.addWidget(window)
        window.show()
        assert window.resume_bar.isVisible()
        screenshot(window, "resume_offer")
        qtbot.mouseClick(window.resume_bar.button, Qt.MouseButton.LeftButton)
        view = window.tabs.currentWidget()
        position = view.current_position()
        assert position == (tenant, noted[0]["item_code"])
        assert view.panel.note.toPlainText() == "正在核查消防通道"
        assert not window.resume_bar.isVisible()
        screenshot(window, "resume_at_item")
