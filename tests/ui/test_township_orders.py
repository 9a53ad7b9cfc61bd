"""镇街工作台: the rectification orders not yet made, issued from the page as an op, then the batch print opens."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.documents.batch_issue import pending_orders
from app.ui.documents.batch_dialog import BatchDialog
from app.ui.hazards.township_day import TownshipDayPage
from app.ui.qtapp import create_application
from tests.support import build_site


def test_missing_orders_are_counted_confirmed_issued_and_offered_for_printing(ws, qtbot):
    create_application(language="zh_CN")
    site = build_site(ws, now=datetime(2026, 11, 23, 9, 30))
    codes = [i.code for i in ws.inspections.applicable_items(site.inspection, site.tenant)][:2]
    for code in codes:
        ws.inspections.record_verdict(site.inspection, site.tenant, code, "NONCOMPLIANT", "问题")
    assert len(pending_orders(ws)) == 1
    day = TownshipDayPage(ws)
    qtbot.addWidget(day)
    day.show()

    def confirm() -> QMessageBox:
        qtbot.mouseClick(day.issue_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: day.findChild(QMessageBox, "dayIssueConfirm") is not None
                        and day.findChild(QMessageBox, "dayIssueConfirm").isVisible(), timeout=10_000)
        box = day.findChild(QMessageBox, "dayIssueConfirm")
        box.setObjectName("answered")
        return box

    box = confirm()
    assert "共有 2 项" in box.text() and "1 家企业" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in day.findChildren(BatchDialog)), timeout=30_000)
    assert "1 份" in day.issued.text()
    assert pending_orders(ws) == []
    [order] = ws.store.query("SELECT * FROM document WHERE doc_type = 'ORDER'")
    assert (order["enterprise_id"], order["status"]) == (site.tenant, "DRAFT")
    assert "1 份" in day.batch.matching.text()
    day.batch.reject()

    box = confirm()
    assert box.standardButtons() == QMessageBox.StandardButton.Ok
    box.accept()
