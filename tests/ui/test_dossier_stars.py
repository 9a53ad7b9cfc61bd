"""The dossier's 亮星评级 and 比对检查 tabs through the real page: the stars with their reasons, and a self-inspection
list imported from a file through the dialog, set against the officers' findings."""

from __future__ import annotations

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.ui.registry.comparison_tab import ComparisonImportDialog
from app.ui.widgets.dates import to_qdate
from tests.ui.test_dossier_page import TODAY, cell, page, site  # noqa: F401 - fixtures

__all__ = ["page", "site"]


def test_the_stars_tab_shows_each_star_with_why(site, page, qtbot, screenshot):
    ws = site["ws"]
    page.set_enterprise(site["tenant"])
    page.tabs.setCurrentWidget(page.stars)
    table = page.stars.table
    assert table.rowCount() == 10
    rows = {cell(table, r, 0): (cell(table, r, 1), cell(table, r, 2)) for r in range(10)}
    # the visit is not completed: the checklist stars cannot be rated; one hazard is overdue on TODAY
    assert rows["— 责任星"][0] == "未评定"
    assert rows["☆ 治理星"] == ("未亮", "1 项隐患逾期未整改")
    assert rows["★ 法治星"][0] == "亮"
    assert page.tabs.tabText(page.tabs.indexOf(page.stars)) == "亮星评级（1）"
    assert "共 10 颗中亮 1 颗" in page.stars.summary.text()
    screenshot(page, "dossier_stars")
    # completing the visit rates the checklist stars on the next refresh
    ws.store.update("inspection", site["inspection"], {"status": "COMPLETED"})
    page.refresh()
    reasons = {cell(table, r, 0)[2:]: cell(table, r, 2) for r in range(10)}
    for star in ("责任星", "应急星", "消防星", "作业星"):
        assert reasons[star].startswith("2026-10-20 "), reasons[star]  # judged from that visit now


def test_a_self_inspection_list_is_imported_through_the_dialog_and_compared(site, page, qtbot, tmp_path, screenshot):
    page.set_enterprise(site["tenant"])
    tab = page.comparison
    page.tabs.setCurrentWidget(tab)
    assert tab.table.rowCount() == 0 and "尚未导入" in tab.details.text()
    template = tmp_path / "模板.xlsx"
    op = tab.export_template(template)
    qtbot.waitUntil(lambda: op.done, timeout=10_000)
    assert template.exists()
    ledger = tmp_path / "自查台账.xlsx"
    book = Workbook()
    book.active.append(["事项编号", "自查结论", "隐患描述", "发现日期"])
    book.active.append([site["major"].code, "合格", None, None])  # the officers found it blocked
    book.active.append([site["general"].code, "不合格", "培训档案缺失", "2026-10-10"])
    book.save(ledger)
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, ComparisonImportDialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.file.setText(str(ledger))
    dialog.start.setDate(to_qdate(TODAY.replace(month=10, day=1)))
    dialog.end.setDate(to_qdate(TODAY))
    with qtbot.waitSignal(tab.imported, timeout=10_000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=10_000)
    assert [cell(tab.table, 0, c) for c in (0, 2, 3, 4, 5, 6)] == [
        "2026-10-01 — 2026-11-23", "1", "2", "1", "50%", site["major"].code]
    assert "可能不实" in tab.details.text() and "二楼安全出口被成品货架堵塞" in tab.details.text()
    assert page.tabs.tabText(page.tabs.indexOf(tab)) == "比对检查（1）"
    screenshot(page, "dossier_comparison")
    box = tab._delete()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 0, timeout=10_000)
    assert site["ws"].comparisons.checks([site["tenant"]]) == []


def test_a_bad_file_is_refused_with_the_rows_named_and_nothing_saved(site, page, qtbot, tmp_path):
    page.set_enterprise(site["tenant"])
    bad = tmp_path / "bad.xlsx"
    book = Workbook()
    book.active.append(["事项编号", "自查结论"])
    book.active.append(["XX-1", "合格"])
    book.save(bad)
    page.comparison.import_file(bad, TODAY, TODAY)
    qtbot.waitUntil(lambda: page.findChild(QMessageBox, "errorDialog") is not None, timeout=10_000)
    box = page.findChild(QMessageBox, "errorDialog")
    assert "第 2 行“事项编号”列" in box.text() and "XX-1" in box.detailedText()
    box.close()
    assert page.comparison.table.rowCount() == 0 and site["ws"].comparisons.checks([site["tenant"]]) == []
