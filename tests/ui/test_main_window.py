"""The registry window driven through its real widgets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.models.demo import generate_demo
from app.models.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.ops import OpRunner
from app.ui.qtapp import create_application


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    create_application(language="zh_CN")
    with Workspace(tmp_path / "data") as ws:
        generate_demo(ws, landlords=12, tenants=60, seed=7)
        win = MainWindow(ws)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        yield win


def visible_names(page) -> list[str]:
    model = page.model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def test_the_model_obeys_qt_rules(window, qtmodeltester):
    qtmodeltester.check(window.registry_page.model)


def test_the_table_lists_the_whole_registry(window):
    page = window.registry_page
    assert page.model.rowCount() == window.workspace.registry.count() == 72
    assert "72" in page.count_label.text()


def test_search_as_you_type_filters_by_name_code_and_address(window, qtbot):
    page = window.registry_page
    registry = window.workspace.registry
    name = registry.rows(registry.search_ids("", role="tenant"))[0].name
    word = name[2:5]
    page.search_edit.setText(word)  # keyClicks cannot type Chinese offscreen
    qtbot.waitUntil(lambda: page.model.rowCount() == len(registry.search_ids(word)))
    assert name in visible_names(page)
    assert all(word in n for n in visible_names(page)) or page.model.rowCount() < 72

    code = next(r.uscc for r in registry.rows(registry.search_ids("")) if r.uscc)
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, code[:12])
    qtbot.waitUntil(lambda: page.model.rowCount() == len(registry.search_ids(code[:12])))
    assert page.model.rowCount() >= 1

    page.search_edit.setText("没有这样的企业")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert "0" in page.count_label.text()


def test_role_filter_and_landlord_to_tenants_view(window, qtbot):
    page = window.registry_page
    registry = window.workspace.registry
    page.role_combo.setCurrentIndex(page.role_combo.findData("landlord"))
    landlords = registry.search_ids("", role="landlord")
    assert page.model.rowCount() == len(landlords)
    # pick the landlord with the most tenants
    busiest = max(landlords, key=lambda i: len(registry.tenant_ids(i)))
    assert page.select_enterprise(busiest)
    tenants = registry.tenant_ids(busiest)
    assert page.tenants_box.isVisible()
    assert page.tenant_model.rowCount() == len(tenants)
    assert str(len(tenants)) in page.tenants_box.title()
    # double-clicking a tenant opens it in the main table
    index = page.tenant_model.index(0, 0)
    first_tenant = page.tenant_model.enterprise_id(0)
    viewport = page.tenant_table.viewport()
    qtbot.waitUntil(lambda: viewport.rect().contains(page.tenant_table.visualRect(index).center()))
    rect = page.tenant_table.visualRect(index)
    # Qt 6 item views emit doubleClicked only for the index a press landed on, as with a real mouse
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.current_enterprise_id() == first_tenant
    assert not page.tenants_box.isVisible()  # a tenant has no tenants


def test_importing_a_bad_register_shows_the_rows_in_a_dialog_and_changes_nothing(window, qtbot, tmp_path):
    bad = tmp_path / "名录.csv"
    bad.write_text("名称,统一社会信用代码\n好企业,\n,91350100M000100Y43\n", encoding="utf-8")
    before = window.workspace.registry.count()
    window.import_registry(bad)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorDialog") is not None)
    box = window.findChild(QMessageBox, "errorDialog")
    assert box.isVisible()
    assert "第3行" in box.detailedText() or "3" in box.detailedText()
    assert window.workspace.registry.count() == before
    box.close()


def test_importing_a_good_register_adds_rows_to_the_table(window, qtbot, tmp_path):
    good = tmp_path / "名录.csv"
    good.write_text("名称,地址\n宁波测试精密机械有限公司,测试路 1 号\n", encoding="utf-8")
    window.import_registry(good)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "importDialog") is not None)
    page = window.registry_page
    page.search_edit.setText("测试精密")
    page._run_search()
    assert visible_names(page) == ["宁波测试精密机械有限公司"]


def test_integrity_check_from_the_menu_reports_no_problems(window, qtbot):
    with qtbot.waitSignal(window.runner.busy_changed, check_params_cb=lambda busy: not busy):
        window.check_action.trigger()
    box = window.findChild(QMessageBox, "integrityDialog")
    assert box.isVisible() and box.text() == "未发现问题。", box.detailedText()
    assert OpRunner.gui_thread_sql == []


def test_the_inspections_tab_lists_inspections_with_progress(qtbot, tmp_path):
    create_application(language="zh_CN")
    with Workspace(tmp_path / "data") as ws:
        generate_demo(ws, landlords=4, tenants=8, inspections=2, seed=3)
        win = MainWindow(ws)
        qtbot.addWidget(win)
        win.tabs.setCurrentIndex(1)
        table = win.inspections_page.table
        assert table.rowCount() == 2
        statuses = {table.item(r, 3).text() for r in range(2)}
        assert statuses == {"进行中", "已完成"}
        hazards = sum(int(table.item(r, 5).text()) for r in range(2))
        assert hazards == len(ws.store.query("SELECT id FROM hazard WHERE status != 'VOID'"))


def test_dossier_and_settings_open_from_the_main_window(window, qtbot):
    from app.ui.registry.dossier_page import DossierPage
    from app.ui.settings_dialog import SettingsDialog, settings

    page = window.registry_page
    landlord = window.workspace.registry.search_ids("", role="landlord")[0]
    page.select_enterprise(landlord)
    qtbot.mouseClick(page.dossier_button, Qt.MouseButton.LeftButton)
    dossier = window.tabs.currentWidget()
    assert isinstance(dossier, DossierPage)
    window.open_dossier(landlord)  # a second request focuses the same tab
    assert sum(isinstance(window.tabs.widget(i), DossierPage) for i in range(window.tabs.count())) == 1
    window._close_tab(window.tabs.currentIndex())
    assert not any(isinstance(window.tabs.widget(i), DossierPage) for i in range(window.tabs.count()))

    window.settings_action.trigger()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    inspector = window.workspace.roster.inspectors()[0]
    dialog.inspector.setCurrentIndex(dialog.inspector.findData(inspector["id"]))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.save()
    assert settings().value("language") == "en"
    assert window.workspace.store.author == inspector["id"]
    row = window.workspace.store.insert("org_unit", {"level": "township", "name": "新镇"})
    assert window.workspace.store.history("org_unit", row)[0].author == inspector["id"]


def test_the_window_opens_on_the_registry_and_builds_a_page_when_its_tab_is_first_shown(window, qtbot):
    assert window.current_page() is window.registry_page
    lazy = [window.tabs.widget(i) for i in range(1, window.tabs.count())]
    assert lazy and not any(tab.built for tab in lazy)
    window.tabs.setCurrentIndex(window.tabs.indexOf(lazy[1]))  # 隐患
    assert lazy[1].built and not lazy[0].built
    assert window.current_page() is window.hazards_page
    window.tabs.tabCloseRequested.emit(window.tabs.currentIndex())  # a fixed page cannot be closed
    assert window.tab_index(window.hazards_page) == 2


def test_the_app_quits_by_itself_once_its_window_is_usable_when_asked(tmp_path):
    """What benchmarks/bench_start.py times from outside."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(tmp_path / "data"), "--demo",
                           "--exit-when-ready"], env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with Workspace(tmp_path / "data") as ws:
        assert ws.registry.count() > 0
