"""Issuing the record, the orders and the decisions from an inspection's summary; the 文书 tab then shows them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.models.demo import generate_demo
from app.models.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.qtapp import create_application

TODAY = date(2026, 11, 20)


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    create_application(language="zh_CN")
    with Workspace(tmp_path / "data", author="tester") as ws:
        generate_demo(ws, landlords=3, tenants=9, inspections=3, seed=1, today=TODAY)
        win = MainWindow(ws)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        yield win


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def summary_of(window, status):
    ws = window.workspace
    inspection = next(r for r in ws.inspections.list() if r["status"] == status
                      and any(not h["rectified_on_site"] for h in ws.inspections.hazards(r["id"])))
    view = window.open_inspection(inspection["id"])
    view.tabs.setCurrentWidget(view.summary)
    return inspection["id"], view.summary.documents


def open_hazard_owners(ws, inspection_id):
    return {h["enterprise_id"] for h in ws.inspections.hazards(inspection_id) if not h["rectified_on_site"]}


def test_issue_record_order_and_decision_from_the_summary(qtbot, window, screenshot):
    ws, page = window.workspace, window.documents_page
    inspection_id, buttons = summary_of(window, "COMPLETED")
    assert set(buttons.order_buttons) == open_hazard_owners(ws, inspection_id)
    assert set(buttons.decision_buttons) == {h["enterprise_id"] for h in ws.inspections.hazards(inspection_id)}
    assert buttons.record_button.isEnabled()
    screenshot(buttons.window(), "summary_documents")

    click(qtbot, buttons.record_button)
    qtbot.waitUntil(lambda: window.current_page() is page, timeout=10000)
    record = page.documents.get(page.selected_id())
    assert (record["doc_type"], record["inspection_id"], record["status"]) == ("RECORD", inspection_id, "DRAFT")
    assert record["enterprise_id"] == ws.inspections.get(inspection_id)["enterprise_id"]
    qtbot.waitUntil(lambda: not page.preview.rendering, timeout=10000)
    assert page.document_ids()[0] == record["id"] and page.preview.page_count() >= 1

    enterprise_id = min(buttons.order_buttons)
    window.open_inspection(inspection_id)
    click(qtbot, buttons.order_buttons[enterprise_id])
    qtbot.waitUntil(lambda: window.current_page() is page, timeout=10000)
    order = page.documents.get(page.selected_id())
    assert (order["doc_type"], order["enterprise_id"], order["inspection_id"]) == ("ORDER", enterprise_id,
                                                                                  inspection_id)
    assert order["doc_no"] in buttons.existing.text() and record["doc_no"] in buttons.existing.text()

    window.open_inspection(inspection_id)
    click(qtbot, buttons.decision_buttons[enterprise_id])
    dialog = buttons.dialog
    assert dialog.isVisible() and dialog.objectName() == "decisionDialog"
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    click(qtbot, ok)  # no measures yet: refused by the op
    qtbot.waitUntil(lambda: bool([b for b in dialog.findChildren(QMessageBox, "errorDialog") if b.isVisible()]),
                    timeout=10000)
    assert dialog.isVisible()
    assert window.current_page() is not page
    dialog.form.measures.setPlainText("暂时停止使用二楼喷漆房，至整改复查合格")
    click(qtbot, ok)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    assert window.current_page() is page
    decision = page.documents.get(page.selected_id())
    assert (decision["doc_type"], decision["enterprise_id"]) == ("DECISION", enterprise_id)
    assert [r["doc_type"] for r in page.documents.list(inspection_id=inspection_id)] == ["RECORD", "ORDER",
                                                                                         "DECISION"]


def test_an_unfinished_inspection_issues_orders_but_not_yet_its_record(qtbot, window):
    _inspection_id, buttons = summary_of(window, "IN_PROGRESS")
    assert not buttons.record_button.isEnabled() and buttons.record_button.toolTip()
    enterprise_id = min(buttons.order_buttons)
    assert buttons.order_buttons[enterprise_id].isEnabled()
    page = window.documents_page  # built now: once the op runs the GUI thread leaves the database alone
    click(qtbot, buttons.order_buttons[enterprise_id])
    qtbot.waitUntil(lambda: window.current_page() is page, timeout=10000)
    assert page.documents.get(page.selected_id())["enterprise_id"] == enterprise_id
