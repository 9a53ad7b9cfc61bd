"""统计 through the real page: the figures of a fixed set as cards, chart and table, the township filter and the
chart's grouping, and both exports read back."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from app.ui.qtapp import create_application
from app.ui.statistics.statistics_page import StatisticsPage
from tests.support import build_site

TODAY = date(2026, 12, 20)


@pytest.fixture
def page(ws, qtbot):
    create_application(language="zh_CN")
    site = build_site(ws, now=datetime(2026, 11, 23, 9, 30))
    codes = [i.code for i in ws.inspections.applicable_items(site.inspection, site.tenant)][:3]
    hazards = [ws.inspections.record_verdict(site.inspection, site.tenant, code, "NONCOMPLIANT", "问题").hazard_id
               for code in codes]
    ws.inspections.update_hazard(hazards[0], grade="MAJOR")
    ws.store.update("hazard", hazards[1], {"status": "CLOSED", "closed_on": "2026-12-02"})
    other = ws.registry.create_enterprise(name="宁波高桥塑料厂", township_id=ws.registry.ensure_org_unit("高桥镇",
                                                                                                   "township"))
    far = ws.inspections.start(other, list(site.inspectors), purpose="抽查")
    item = ws.inspections.applicable_items(far, other)[0].code
    ws.inspections.record_verdict(far, other, item, "NONCOMPLIANT", "问题")
    page = StatisticsPage(ws, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.pending is not None and page.pending.done, timeout=10_000)
    return page


def test_the_figures_show_as_cards_chart_and_table_and_follow_the_filters(page, qtbot, screenshot):
    assert page.card_labels["hazards_found"].text() == "4"
    assert page.card_labels["major_found"].text() == "1"
    assert page.card_labels["hazards_closed"].text() == "1"
    assert page.card_labels["enterprises_inspected"].text() == "3"
    table = page.table
    rows = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert rows == [["集士港镇", "2026-11", "2", "3"], ["集士港镇", "2026-12", "0", "0"],
                    ["高桥镇", "2026-11", "1", "1"], ["合计", "", "3", "4"]]
    # by month: November found 4, December 0; then closed 0 and 1
    assert page.chart.bar_heights() == [4, 0, 0, 1]
    screenshot(page, "statistics")
    page.group.setCurrentIndex(page.group.findData("township"))
    assert page.chart.bar_heights() == [3, 1, 1, 0]  # 集士港镇, 高桥镇 found; then closed
    page.township.setCurrentIndex(page.township.findText("高桥镇"))
    assert page.card_labels["hazards_found"].text() == "1" and table.rowCount() == 2
    page.start.setDate(page.start.date().addYears(1))
    qtbot.waitUntil(lambda: page.pending.done, timeout=10_000)
    assert page.empty.isVisible() and "没有记录" in page.empty.text() and page.chart.bar_heights() == []


def test_the_exports_write_the_shown_figures(page, qtbot, tmp_path):
    page.township.setCurrentIndex(page.township.findText("集士港镇"))
    op = page.export_excel(tmp_path / "统计.xlsx")
    qtbot.waitUntil(lambda: op.done, timeout=10_000)
    sheet = load_workbook(tmp_path / "统计.xlsx")["统计"]
    assert sheet["A1"].value.endswith("（集士港镇）")
    assert [c.value for c in sheet[3]][:4] == ["集士港镇", "2026-11", 2, 3]
    op = page.export_pdf(tmp_path / "统计.pdf")
    qtbot.waitUntil(lambda: op.done, timeout=20_000)
    assert (tmp_path / "统计.pdf").read_bytes().startswith(b"%PDF") and "统计.pdf" in page.saved_label.text()
