"""The re-inspection in the window: started from the hazard board, judged per hazard with after-photos, the opinion
issued from the lines, and 完成复查 closing or re-opening each hazard (pytest-qt, real widgets)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt

from app.documents.issuing import Documents
from app.models.workspace import Workspace
from app.ui.inspection.recheck_view import RecheckView
from app.ui.main_window import MainWindow
from app.ui.qtapp import create_application
from tests.support import build_site

NOW = datetime(2026, 11, 23, 9, 30)
PASS = "正确的口令123"


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[tuple[MainWindow, object, list[str]]]:
    """Two hazards of the tenant under a signed 责令限期整改指令书."""
    create_application(language="zh_CN")
    with Workspace(tmp_path / "data") as ws:
        site = build_site(ws, now=NOW)
        codes = [i.code for i in ws.inspections.applicable_items(site.inspection, site.tenant)][:2]
        hazards = [ws.inspections.record_verdict(site.inspection, site.tenant, c, "NONCOMPLIANT", "问题").hazard_id
                   for c in codes]
        ws.inspections.update_hazard(hazards[0], description="安全出口被货物堵塞")
        ws.inspections.update_hazard(hazards[1], description="配电箱前堆放杂物")
        for hazard in hazards:
            ws.inspections.update_hazard(hazard, deadline=(NOW.date() + timedelta(days=10)).isoformat())
        docs = Documents(ws)
        docs.setup_standalone(site.inspectors[0], PASS)
        order = docs.issue("ORDER", site.inspection, site.tenant)
        docs.sign(order, site.inspectors[0], PASS)
        ws.inspections.now = lambda: NOW + timedelta(days=8)
        ws.act_as(site.inspectors[0])
        win = MainWindow(ws)
        qtbot.addWidget(win)
        win.resize(1280, 900)
        win.show()
        qtbot.waitExposed(win)
        yield win, site, hazards


def jpeg(tmp_path: Path) -> Path:
    path = tmp_path / "after.jpg"
    Image.new("RGB", (64, 48), "#2e7d32").save(path, "JPEG")
    return path


def test_a_reinspection_from_the_board_to_the_closed_hazard(window, qtbot, tmp_path, screenshot):
    win, site, (fixed, not_fixed) = window
    ws = win.workspace
    board = win.hazards_page
    win.show_page(board)
    board.reload()
    assert board.select(fixed) and board.recheck_button.isEnabled()
    qtbot.mouseClick(board.recheck_button, Qt.MouseButton.LeftButton)
    dialog = win.findChild(type(win.start_recheck(site.tenant)), "startRecheckDialog")
    assert dialog.hazards.count() == 2 and not dialog.ok_button.isEnabled()  # no team chosen yet
    for row in range(2):
        dialog.team.item(row).setCheckState(Qt.CheckState.Checked)
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    view = win.tabs.currentWidget()
    assert isinstance(view, RecheckView)
    first, second = view.line_widgets
    assert "安全出口被货物堵塞" in first.title() and "配电箱前堆放杂物" in second.title()
    assert not view.issue_button.isEnabled() and len(view.problems.text().splitlines()) == 2

    qtbot.mouseClick(first.findChild(type(first.results.buttons()[0]), "result_FIXED"), Qt.MouseButton.LeftButton)
    first.note.setText("货物已清走，出口畅通")
    first.note_saver.flush()
    first.photos.add_files([jpeg(tmp_path)])
    qtbot.mouseClick(second.findChild(type(second.results.buttons()[0]), "result_NOT_FIXED"),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: second.follow_widget.isVisible())
    second.followup.setCurrentIndex(second.followup.findData("NEW_DEADLINE"))
    second.followup.activated.emit(second.followup.currentIndex())
    qtbot.waitUntil(lambda: view.issue_button.isEnabled())
    assert not view.problems.isVisible() and not view.finish_button.isEnabled()
    lines = ws.reinspections.lines(view.inspection_id)
    assert [(line["result"], line["followup"]) for line in lines] == [("FIXED", None), ("NOT_FIXED", "NEW_DEADLINE")]
    assert lines[0]["note"] == "货物已清走，出口畅通" and lines[0]["after_photos"] == 1
    screenshot(view, "recheck_view")

    qtbot.mouseClick(view.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.runner.idle and win.current_page() is win.documents_page, timeout=20000)
    opinion = ws.reinspections.opinion(view.inspection_id)
    assert opinion is not None and opinion["status"] == "DRAFT"
    Documents(ws).sign(opinion["id"], site.inspectors[0], PASS)  # as the 文书 tab does
    win.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.finish_button.isEnabled())
    assert not first.note.isEnabled()  # the signed opinion froze the results
    qtbot.mouseClick(view.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.runner.idle)  # (the op shares the connection: no SQL from here while it runs)
    assert ws.inspections.get(view.inspection_id)["status"] == "COMPLETED"
    assert ws.inspections.hazard(fixed)["status"] == "CLOSED"
    reopened = ws.inspections.hazard(not_fixed)
    assert (reopened["status"], reopened["recheck_count"]) == ("OPEN", 1)
    assert reopened["deadline"] > (NOW.date() + timedelta(days=10)).isoformat()
    qtbot.waitUntil(lambda: not view.finish_button.isEnabled())
