"""一企一档 through the real page: header, people, leases, history, open hazards, documents and the signals."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget

from app.ui.ops import changes_of
from app.ui.qtapp import create_application
from app.ui.registry.dossier_page import RED, DossierPage
from app.ui.registry.enterprise_dialog import EnterpriseDialog

STARTED = datetime(2026, 10, 20, 9, 30)
TODAY = date(2026, 11, 23)


@pytest.fixture
def site(ws):
    """A landlord with three tenants; an inspection of the landlord and two tenants, four weeks ago, with hazards."""
    create_application(language="zh_CN")
    registry = ws.registry
    ws.inspections.now = lambda: STARTED
    town = registry.ensure_org_unit("集士港镇", "township")
    park = registry.ensure_park("集士港小微园", town)
    landlord = registry.create_enterprise(
        name="集士港村股份经济合作社", uscc="91350100M000100Y43", township_id=town, park_id=park,
        address="集士港镇菖蒲路 8 号", risk_grade="ORANGE", employees=6, industry="物业出租",
    )
    tenant = registry.create_enterprise(
        name="宁波恒达五金制品厂", uscc="91110000802100433B", township_id=town, park_id=park,
        address="菖蒲路 8 号 3 幢", industry="五金", employees=12, risk_grade="RED",
    )
    plastics = registry.create_enterprise(name="宁波明光塑料厂", township_id=town, industry="塑料")
    workshop = registry.create_enterprise(name="个体户陈某加工点", township_id=town)
    registry.add_lease(landlord, tenant, unit="3 幢 2 层", area_m2=800, agreement_signed=True,
                       agreement_date="2026-03-01")
    registry.add_lease(landlord, plastics, unit="1 幢", area_m2=1200.5, agreement_signed=True,
                       agreement_date="2025-12-18")
    registry.add_lease(landlord, workshop, unit="2 幢 1 层东")
    registry.set_person(landlord, "principal", "钱国华", "13906741122")
    registry.set_person(tenant, "principal", "王建国", "13805741234")
    registry.set_person(tenant, "safety_officer", "李安", "0574-87654321")
    a = ws.roster.add_inspector("张明", "浙应执 0123", "集士港镇应急管理办公室")
    b = ws.roster.add_inspector("李华", "浙应执 0456", "集士港镇应急管理办公室")
    inspection = ws.inspections.start(landlord, [a, b], mode="UNANNOUNCED", purpose="厂中厂专项检查",
                                      tenant_ids=[tenant, plastics])
    items = ws.inspections.applicable_items(inspection, tenant)
    major = next(i for i in items if i.major == "YES")
    general = next(i for i in items if i.major == "NO")
    h_major = ws.inspections.record_verdict(inspection, tenant, major.code, "NONCOMPLIANT",
                                            "二楼安全出口被成品货架堵塞").hazard_id
    h_general = ws.inspections.record_verdict(inspection, tenant, general.code, "NONCOMPLIANT",
                                              "未建立员工安全培训档案").hazard_id
    ws.inspections.update_hazard(h_major, deadline="2026-11-19")  # 4 days overdue on TODAY
    ws.inspections.update_hazard(h_general, deadline="2026-11-30")  # 7 days left
    landlord_item = ws.inspections.applicable_items(inspection, landlord)[0]
    ws.inspections.record_verdict(inspection, landlord, landlord_item.code, "NONCOMPLIANT",
                                  "未对承租单位开展定期安全检查")
    return {
        "ws": ws, "landlord": landlord, "tenant": tenant, "plastics": plastics, "workshop": workshop,
        "inspection": inspection, "h_major": h_major, "h_general": h_general, "major": major, "general": general,
        "inspectors": (a, b),
    }


@pytest.fixture
def page(site, qtbot) -> DossierPage:
    page = DossierPage(site["ws"], today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1100, 750)
    page.show()
    qtbot.waitExposed(page)
    return page


def cell(table: QTableWidget, row: int, column: int) -> str:
    return table.item(row, column).text()


def click_cell(qtbot, table: QTableWidget, row: int, column: int, double: bool = False) -> None:
    rect = table.visualItemRect(table.item(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    if double:  # a double click needs the press before it, as a real one has
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_tenant_dossier(site, page, qtbot, screenshot):
    page.set_enterprise(site["tenant"])
    assert page.name_label.text() == "宁波恒达五金制品厂"
    assert page.risk_chip.text() == "重大风险（红）" and page.risk_chip.isVisible()
    assert "91110000802100433B" in page.meta_label.text() and "集士港小微园" in page.meta_label.text()
    assert page.rule_grade_label.text() == "按规则评定：重大风险（红）——有未销号的重大隐患；尚无已完成的检查"

    people = page.people.table
    assert [(cell(people, r, 0), cell(people, r, 1), cell(people, r, 2)) for r in range(people.rowCount())] == [
        ("主要负责人", "王建国", "13805741234"), ("安全员", "李安", "0574-87654321"),
    ]
    leases = page.leases.table
    assert leases.rowCount() == 1
    assert (cell(leases, 0, 0), cell(leases, 0, 1), cell(leases, 0, 2)) == (
        "出租方",
        "集士港村股份经济合作社",
        "3 幢 2 层",
    )
    assert cell(leases, 0, 5) == "2026-03-01" and cell(leases, 0, 6) == "1"  # the landlord's own open hazard

    history = page.history.table
    assert history.rowCount() == 1
    assert cell(history, 0, 0) == "2026-10-20 09:30" and cell(history, 0, 1) == "四不两直"
    assert cell(history, 0, 2) == "集士港村股份经济合作社" and cell(history, 0, 3) == "张明、李华"
    assert cell(history, 0, 6) == "2"  # this tenant's two hazards, not the landlord's

    hazards = page.hazards.table
    assert hazards.rowCount() == 2
    rows = {cell(hazards, r, 1): r for r in range(2)}
    major_row, general_row = rows["二楼安全出口被成品货架堵塞"], rows["未建立员工安全培训档案"]
    assert cell(hazards, major_row, 0).startswith(site["major"].code)
    assert cell(hazards, major_row, 2) == "重大隐患"
    # Overdue (deadline before TODAY) is red on every cell; in time is not.
    dossier = page.dossier.open_hazards(site["tenant"], TODAY)
    overdue = {h.description: h.overdue for h in dossier}
    assert overdue == {"二楼安全出口被成品货架堵塞": True, "未建立员工安全培训档案": False}
    assert all(hazards.item(major_row, c).foreground().color() == RED for c in range(hazards.columnCount()))
    assert hazards.item(general_row, 1).foreground().color() != RED
    assert page.tabs.tabBar().tabTextColor(page.tabs.indexOf(page.hazards)) == RED

    assert page.documents.is_empty() and page.documents.empty.isVisibleTo(page.documents)
    assert "2" in page.tabs.tabText(page.tabs.indexOf(page.hazards))
    page.tabs.setCurrentWidget(page.hazards)
    screenshot(page, "dossier_tenant")


def test_landlord_dossier_lists_tenants_and_clicking_one_opens_it(site, page, qtbot, screenshot):
    page.set_enterprise(site["landlord"])
    leases = page.leases.table
    names = [cell(leases, r, 1) for r in range(leases.rowCount())]
    assert names == ["个体户陈某加工点", "宁波恒达五金制品厂", "宁波明光塑料厂"]
    assert all(cell(leases, r, 0) == "承租方" for r in range(3))
    unsigned = names.index("个体户陈某加工点")
    assert leases.item(unsigned, 4).foreground().color() == RED  # no safety agreement
    assert cell(leases, names.index("宁波恒达五金制品厂"), 6) == "2"
    assert cell(leases, names.index("宁波明光塑料厂"), 3) == "1200.5"
    assert page.risk_chip.text() == "较大风险（橙）"
    history = page.history.table
    assert cell(history, 0, 6) == "1"  # only the landlord's own hazard

    page.tabs.setCurrentWidget(page.leases)
    screenshot(page, "dossier_landlord")
    row = names.index("宁波恒达五金制品厂")
    with qtbot.waitSignal(page.open_enterprise) as opened:
        click_cell(qtbot, leases, row, page.LEASE_NAME_COLUMN)
    assert opened.args == [site["tenant"]]
    with qtbot.waitSignal(page.open_enterprise) as opened:
        click_cell(qtbot, leases, unsigned, 3, double=True)  # a double click anywhere on the row
    assert opened.args == [site["workshop"]]
    with qtbot.assertNotEmitted(page.open_enterprise):
        click_cell(qtbot, leases, row, 3)  # a single click elsewhere only selects


def test_double_clicking_an_inspection_or_a_hazard_opens_the_inspection(site, page, qtbot):
    page.set_enterprise(site["tenant"])
    page.tabs.setCurrentWidget(page.history)
    with qtbot.waitSignal(page.open_inspection) as opened:
        click_cell(qtbot, page.history.table, 0, 1, double=True)
    assert opened.args == [site["inspection"]]
    page.tabs.setCurrentWidget(page.hazards)
    with qtbot.waitSignal(page.open_inspection) as opened:
        click_cell(qtbot, page.hazards.table, 0, 1, double=True)
    assert opened.args == [site["inspection"]]


def test_start_inspection_emits_the_enterprise(site, page, qtbot):
    page.set_enterprise(site["plastics"])
    with qtbot.waitSignal(page.start_inspection) as started:
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert started.args == [site["plastics"]]


def test_edit_opens_the_dialog_and_the_page_refreshes_after_saving(site, page, qtbot):
    page.set_enterprise(site["plastics"])
    assert page.risk_chip.text() != "低风险（蓝）"
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.edit_dialog
    assert isinstance(dialog, EnterpriseDialog) and dialog.isVisible()
    assert dialog.name_edit.text() == "宁波明光塑料厂"
    dialog.risk_combo.setCurrentIndex(dialog.risk_combo.findData("BLUE"))
    dialog.principal_name.setText("孙明光")
    qtbot.keyClicks(dialog.principal_phone, "13705745566")
    with qtbot.waitSignal(changes_of(page.workspace)):  # the page reloads from the change
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert page.risk_chip.text() == "低风险（蓝）"
    assert cell(page.people.table, 0, 1) == "孙明光"
    qtbot.waitUntil(lambda: page.edit_dialog is None)


def test_switching_enterprises_and_the_empty_page(site, page, qtbot):
    page.set_enterprise(site["workshop"])
    assert page.people.is_empty() and page.history.is_empty() and page.hazards.is_empty()
    assert page.risk_chip.text() not in ("", "重大风险（红）")  # "not graded"
    assert cell(page.leases.table, 0, 1) == "集士港村股份经济合作社"
    page.set_enterprise(None)
    assert not page.edit_button.isEnabled() and not page.start_button.isEnabled()
    assert page.edit() is None
    with qtbot.assertNotEmitted(page.start_inspection):
        page.start_button.click()
    page.set_enterprise(site["tenant"])
    assert page.start_button.isEnabled() and page.hazards.table.rowCount() == 2


def test_refresh_shows_new_hazards_and_documents(site, page, qtbot):
    ws = site["ws"]
    page.set_enterprise(site["plastics"])
    assert page.hazards.is_empty() and page.documents.is_empty()
    item = ws.inspections.applicable_items(site["inspection"], site["plastics"])[0]
    ws.inspections.record_verdict(site["inspection"], site["plastics"], item.code, "NONCOMPLIANT", "配电箱未上锁")
    ws.store.insert(
        "document",
        {
            "doc_type": "ORDER",
            "doc_no": "（鄞）应急责改〔2026〕3号",
            "status": "DRAFT",
            "inspection_id": site["inspection"],
            "enterprise_id": site["plastics"],
            "created_at": "2026-10-20T11:00:00",
        },
    )
    page.refresh()
    assert page.hazards.table.rowCount() == 1 and cell(page.hazards.table, 0, 1) == "配电箱未上锁"
    assert page.documents.table.rowCount() == 1
    assert cell(page.documents.table, 0, 1) == "（鄞）应急责改〔2026〕3号"


def test_a_deleted_enterprise_empties_the_page(site, page):
    ws = site["ws"]
    page.set_enterprise(site["workshop"])
    ws.store.delete("enterprise", site["workshop"])
    page.refresh()
    assert page.enterprise_id is None and not page.start_button.isEnabled()
