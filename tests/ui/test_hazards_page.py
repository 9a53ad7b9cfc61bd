"""The hazard board: filters over ids, counts, and the next step of a hazard run from the board (pytest-qt)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.ui.hazards.hazards_page import HazardsPage
from app.ui.qtapp import create_application
from tests.support import build_site

TODAY = date(2026, 11, 23)


@pytest.fixture
def page(ws, qtbot):
    create_application(language="zh_CN")
    site = build_site(ws, now=datetime(2026, 11, 23, 9, 30))
    codes = [i.code for i in ws.inspections.applicable_items(site.inspection, site.tenant)][:3]
    hazards = [ws.inspections.record_verdict(site.inspection, site.tenant, code, "NONCOMPLIANT", "问题").hazard_id
               for code in codes]
    for hazard, days in zip(hazards, (3, 20, 30), strict=True):
        ws.inspections.update_hazard(hazard, deadline=(TODAY + timedelta(days=days)).isoformat())
    ws.store.update("hazard", hazards[2], {"deadline": (TODAY - timedelta(days=2)).isoformat()})
    ws.act_as(site.inspectors[0])
    widget = HazardsPage(ws)
    widget.today = TODAY
    qtbot.addWidget(widget)
    widget.resize(1200, 500)
    widget.show()
    widget.reload()
    return widget, site, hazards


def errors(widget):
    return [b for b in widget.findChildren(QMessageBox, "errorDialog") if b.isVisible()]


def test_the_filters_narrow_the_board_and_the_counts_follow(page, qtbot, screenshot):
    widget, site, (soon, later, overdue) = page
    assert widget.model.rowCount() == 3 and "整改中 3" in widget.counts.text()
    qtbot.mouseClick(widget.overdue, Qt.MouseButton.LeftButton)
    assert [widget.model.row_id(r) for r in range(widget.model.rowCount())] == [overdue]
    assert widget.model.index(0, 5).data().endswith(widget.model.tr(" (overdue)"))
    qtbot.mouseClick(widget.overdue, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(widget.due_soon, Qt.MouseButton.LeftButton)
    assert [widget.model.row_id(r) for r in range(widget.model.rowCount())] == [soon]
    qtbot.mouseClick(widget.due_soon, Qt.MouseButton.LeftButton)
    screenshot(widget, "hazard_board")


def test_a_report_a_refused_closure_and_a_closure_from_the_board(page, qtbot, ws, screenshot, tmp_path):
    widget, site, (soon, later, overdue) = page
    assert widget.select(soon)
    assert widget.actions_button.isEnabled()
    widget._fill_actions()
    names = [a.objectName() for a in widget.actions_menu.actions()]
    assert "action_submit" in names and "action_recheck_pass" in names
    dialog = widget.start_action("submit")
    dialog.text.setPlainText("通道已清理")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert ws.inspections.hazard(soon)["status"] == "SUBMITTED"
    qtbot.waitUntil(lambda: "待复查 1" in widget.counts.text())

    dialog = widget.start_action("recheck_pass")
    screenshot(dialog, "hazard_recheck_dialog")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors(dialog)))
    assert "整改复查意见书" in errors(dialog)[0].text() and dialog.isVisible()
    assert ws.inspections.hazard(soon)["status"] == "SUBMITTED"
    errors(dialog)[0].close()
    dialog.reject()

    # with the signed re-check opinion and an after-photo added in the dialog, the hazard closes
    document = ws.store.insert("document", {"doc_type": "RECHECK", "doc_no": "（鄞）应急复查〔2026〕9号",
                                            "inspection_id": site.inspection, "enterprise_id": site.tenant,
                                            "status": "SIGNED", "created_at": "2026-11-30T10:00:00"})
    dialog = widget.start_action("recheck_pass")
    assert dialog.document.currentData() == document and " 0 " in dialog.after_photos.text()
    photo = tmp_path / "after.jpg"
    Image.new("RGB", (64, 48), "#2e7d32").save(photo, "JPEG")
    dialog.add_after_photo(photo)
    assert " 1 " in dialog.after_photos.text()
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    closed = ws.inspections.hazard(soon)
    assert (closed["status"], closed["closure_type"], closed["closure_doc_id"]) == ("CLOSED", "RECHECK", document)
    qtbot.waitUntil(lambda: widget.model.row_of(soon) == -1)  # the board shows what is not closed


def test_the_township_week_lists_overdue_due_reported_and_documents_to_serve(page, ws, qtbot, screenshot):
    from app.ui.hazards.township_day import TownshipDayPage

    _, site, (soon, later, overdue) = page
    ws.hazard_flow.submit(later, "已整改")
    ws.store.insert("document", {"doc_type": "ORDER", "doc_no": "（鄞）应急责改〔2026〕12号",
                                 "inspection_id": site.inspection, "enterprise_id": site.tenant, "status": "SIGNED",
                                 "created_at": "2026-11-23T10:00:00"})
    day = TownshipDayPage(ws)
    day.today = TODAY
    qtbot.addWidget(day)
    day.resize(1100, 800)
    day.show()
    day.reload()
    assert [day.overdue.row_id(r) for r in range(day.overdue.rowCount())] == [overdue]
    assert [day.submitted.row_id(r) for r in range(day.submitted.rowCount())] == [later]
    assert [day.due.row_id(r) for r in range(day.due.rowCount())] == [soon]
    assert day.to_serve.rowCount() == 1 and day.to_serve.item(0, 0).text() == "（鄞）应急责改〔2026〕12号"
    other = day.township.findText("集士港镇")
    day.township.setCurrentIndex(other)
    assert day.overdue.rowCount() == 1
    screenshot(day, "township_week")
    dialog = day.batch_print()
    assert dialog.isVisible()
    dialog.reject()


def test_an_extension_is_asked_and_approved_from_the_board(page, qtbot, ws):
    widget, site, (soon, later, overdue) = page
    assert widget.select(soon)
    widget._fill_actions()
    assert "action_extension" in [a.objectName() for a in widget.actions_menu.actions()]
    dialog = widget.extension(decide=False)
    dialog.until.setDate(dialog.until.date().addDays(5))
    dialog.reason.setText("设备未到货")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    pending = ws.hazard_flow.pending_extension(soon)
    assert pending is not None and pending["reason"] == "设备未到货"
    widget._fill_actions()
    assert "action_decide_extension" in [a.objectName() for a in widget.actions_menu.actions()]
    dialog = widget.extension(decide=True)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert ws.inspections.hazard(soon)["deadline"] == pending["new_deadline"]
