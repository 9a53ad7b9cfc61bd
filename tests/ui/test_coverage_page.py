"""覆盖 through the real page: a campaign made in its dialog, the coverage per township and park, and the enterprise
not yet visited opened as the next visit."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.ui.coverage.coverage_page import CoveragePage
from app.ui.qtapp import create_application
from tests.support import build_site

TODAY = date(2026, 11, 23)


@pytest.fixture
def page(ws, qtbot):
    create_application(language="zh_CN")
    site = build_site(ws, now=datetime(2026, 11, 23, 9, 30))
    far_town = ws.registry.ensure_org_unit("高桥镇", "township")
    ws.registry.create_enterprise(name="宁波高桥塑料厂", township_id=far_town)
    for enterprise in (site.landlord, site.tenant):
        for item in ws.inspections.applicable_items(site.inspection, enterprise):
            ws.inspections.record_verdict(site.inspection, enterprise, item.code, "COMPLIANT")
        question = ws.assessments.interview_questions(site.inspection, enterprise)[0]
        ws.assessments.record_interview(site.inspection, enterprise, question.id, 2)
        ws.assessments.finish_quiz(ws.assessments.start_quiz(site.inspection, enterprise, "王建国", seed=1))
    ws.inspections.complete(site.inspection)
    page = CoveragePage(ws, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.pending_op is not None and page.pending_op.done, timeout=10_000)
    return page


def test_a_campaign_made_in_the_dialog_shows_its_coverage_and_opens_the_next_visit(page, qtbot, screenshot):
    assert "尚无专项行动" in page.summary.text() and not page.edit_button.isEnabled()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    dialog.name.setText("2026年11月厂中厂专项")
    dialog.set_period(date(2026, 11, 1), date(2026, 11, 30))
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.result is not None, timeout=10_000)
    assert page.summary.text().startswith("3 家企业中已到 2 家")
    towns = [[page.townships.item(r, c).text() for c in range(4)] for r in range(page.townships.rowCount())]
    assert towns == [["集士港镇", "2", "2", "100%"], ["高桥镇", "1", "0", "0%"]]
    assert page.pending_model.rowCount() == 1 and page.pending_model.text(0, 0) == "宁波高桥塑料厂"
    assert page.pending_model.text(0, 4) == "现在"  # never visited: due now
    assert page.lists.tabText(0) == "尚未到访，按紧迫程度（1）" and page.lists.tabText(1) == "到访记录（2）"
    assert page.visits_model.rowCount() == 0  # read when its tab is shown
    page.lists.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.visits_model.rowCount() == 2, timeout=10_000)
    first = [page.visits_model.text(0, c) for c in range(4)]
    assert first == ["2026-11-23", "集士港村股份经济合作社", "张明、李华", "计入"]
    screenshot(page, "coverage")
    with qtbot.waitSignal(page.start_inspection) as started:
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert started.args == [page.result.pending[0].enterprise_id]
    with qtbot.waitSignal(page.open_dossier) as opened:
        qtbot.mouseClick(page.dossier_button, Qt.MouseButton.LeftButton)
    assert opened.args == [page.result.pending[0].enterprise_id]


def test_narrowing_the_scope_to_one_township_in_the_dialog(page, qtbot):
    campaign = page.workspace.campaigns.create("全区", date(2026, 11, 1), date(2026, 11, 30))
    page.select_campaign(campaign)
    qtbot.waitUntil(lambda: page.result is not None, timeout=10_000)
    dialog = page.edit_campaign(new=False)
    assert dialog.name.text() == "全区" and not dialog.choices.isVisible()
    dialog.kind.setCurrentIndex(dialog.kind.findData("TOWNSHIPS"))
    dialog.check("高桥镇")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save()
    qtbot.waitUntil(lambda: page.result is not None and page.result.total == 1, timeout=10_000)
    assert page.summary.text().startswith("1 家企业中已到 0 家")
    dialog = page.edit_campaign(new=False)
    dialog.name.setText("")
    dialog.save()
    qtbot.waitUntil(lambda: bool([b for b in dialog.findChildren(QMessageBox) if b.isVisible()]), timeout=10_000)
    assert page.workspace.campaigns.get(campaign).name == "全区"
