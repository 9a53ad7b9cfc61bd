"""冲突 tab and enterprise merging driven through real widgets. The conflicts come from two Workspaces (two laptops)
that changed the same records offline and exchanged bundles with Sync."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from app.models import vocab
from app.models.workspace import Workspace
from app.sync.conflicts import Conflicts
from app.sync.exchange import IMPORTED, Sync
from app.ui.main_window import MainWindow
from app.ui.ops import changes_of
from app.ui.qtapp import create_application
from app.ui.registry.merge_dialog import MergeEnterprisesDialog
from app.ui.sync.conflicts_page import ConflictsPage

USCC = "91350100M000100Y43"


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Workspace, Workspace]]:
    with Workspace(tmp_path / "a", author="甲") as a, Workspace(tmp_path / "b", author="乙") as b:
        yield a, b


def send(source: Workspace, target: Workspace, folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    bundle = Sync(source).export(folder).path
    [report] = Sync(target).import_files([bundle], enrol=lambda _manifest: True)
    assert report.status == IMPORTED, report.message


@pytest.fixture
def renamed_twice(pair, tmp_path):
    """The same enterprise renamed on both laptops without seeing each other; B's bundle reaches A."""
    a, b = pair
    firm = a.registry.create_enterprise(name="宁波甲厂")
    send(a, b, tmp_path / "usb")
    a.registry.update_enterprise(firm, name="宁波甲厂（新名）")
    b.registry.update_enterprise(firm, name="宁波甲机械厂")
    send(b, a, tmp_path / "usb")
    assert Conflicts(a.store).count() == 1
    return a, b, firm


def window_for(qtbot, ws: Workspace) -> MainWindow:
    create_application(language="zh_CN")
    win = MainWindow(ws)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def child_items(page: ConflictsPage) -> list:
    tree = page.tree
    return [tree.topLevelItem(t).child(c) for t in range(tree.topLevelItemCount())
            for c in range(tree.topLevelItem(t).childCount())]


def test_a_concurrent_rename_is_settled_by_choosing_a_value_and_the_choice_travels(
        qtbot, renamed_twice, tmp_path, screenshot):
    a, b, firm = renamed_twice
    win = window_for(qtbot, a)
    page = win.conflicts_page
    index = win.tab_index(page)
    assert "1" in win.tabs.tabText(index) and win.conflict_label.isVisible()
    win.conflicts_action.trigger()
    assert win.current_page() is page

    [group] = [page.tree.topLevelItem(i) for i in range(page.tree.topLevelItemCount())]
    assert group.text(0).startswith(vocab.label("conflict_kinds", "CONCURRENT")) and group.childCount() == 1
    [item] = child_items(page)
    assert page.tree.currentItem() is item and "宁波甲" in item.text(0)
    values = page.values
    assert values.rowCount() == 2
    rows = {values.item(r, 1).text(): values.item(r, 0).text() for r in range(2)}
    assert set(rows) == {"甲", "乙"} and rows["乙"].startswith("宁波甲机械厂")
    assert all(values.item(r, 3).text()[:2] == "20" for r in range(2))  # a date, from the stamp
    assert page.keep_button.isVisible() and not page.keep_button.isEnabled()
    assert not page.merge_button.isVisible() and not page.void_button.isVisible()
    screenshot(win, "conflicts_page_concurrent")

    [b_row] = [r for r in range(2) if values.item(r, 1).text() == "乙"]
    values.selectRow(b_row)
    assert page.keep_button.isEnabled()
    with qtbot.waitSignal(changes_of(a)):  # the page reloads from the change
        qtbot.mouseClick(page.keep_button, Qt.MouseButton.LeftButton)
    assert a.registry.get_enterprise(firm)["name"] == "宁波甲机械厂"
    assert Conflicts(a.store).count() == 0 and page.count() == 0
    assert win.tabs.tabText(index) == win.tr("Conflicts") and not win.conflict_label.isVisible()
    assert page.empty.isVisible() and not page.detail.isVisible()
    screenshot(win, "conflicts_page_empty")

    # The settlement travels: B ends with the same name and no conflict.
    send(a, b, tmp_path / "usb2")
    assert b.registry.get_enterprise(firm)["name"] == "宁波甲机械厂" and Conflicts(b.store).count() == 0


def test_duplicate_credit_codes_are_merged_from_the_conflicts_page(qtbot, pair, tmp_path, screenshot):
    a, b = pair
    first = a.registry.create_enterprise(name="宁波丙塑料厂", uscc=USCC, address="镇海区骆驼街道 8 号")
    second = b.registry.create_enterprise(name="宁波丙塑料制品有限公司", uscc=USCC)
    send(b, a, tmp_path / "usb")
    [conflict] = Conflicts(a.store).list()
    assert conflict.kind == "DUPLICATE_USCC" and sorted(conflict.ids) == sorted([first, second])

    create_application(language="zh_CN")
    page = ConflictsPage(a)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    qtbot.waitExposed(page)
    assert page.count() == 1 and page.merge_button.isVisible() and page.merge_button.isEnabled()
    assert page.values.rowCount() == 2 and page.values.item(0, 1).text() == USCC
    screenshot(page, "conflicts_page_duplicate_uscc")
    [row] = [r for r in range(2) if page.values.item(r, 0).text() == "宁波丙塑料制品有限公司"]
    page.values.selectRow(row)
    with qtbot.waitSignal(changes_of(a)):
        qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
        [dialog] = [d for d in page.findChildren(MergeEnterprisesDialog) if d.isVisible()]
        assert dialog.keep_id() == second  # the row selected on the page is offered as the one to keep
        assert "宁波丙塑料厂" in dialog.heading.text() and "宁波丙塑料制品有限公司" in dialog.heading.text()
        screenshot(dialog, "merge_enterprises_dialog_from_conflict")
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert a.store.get("enterprise", first)["merged_into"] == second
    assert first not in a.registry.search_ids() and second in a.registry.search_ids()
    assert page.count() == 0 and page.empty.isVisible()


def test_two_records_of_one_firm_are_merged_from_the_registry_page(qtbot, ws, screenshot):
    keep = ws.registry.create_enterprise(name="宁波丁五金厂", address="北仑区大碶街道 3 号")
    other = ws.registry.create_enterprise(name="宁波丁五金加工厂")
    ws.registry.create_enterprise(name="宁波戊模具厂")
    win = window_for(qtbot, ws)
    page = win.registry_page
    assert not page.merge_button.isEnabled()
    selection = page.table.selectionModel()
    selection.clearSelection()
    for enterprise_id in (keep, other):
        row = page.model.row_of(enterprise_id)
        selection.select(page.model.index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    assert sorted(page.selected_enterprise_ids()) == sorted([keep, other]) and page.merge_button.isEnabled()
    screenshot(win, "registry_page_two_selected")
    count = ws.registry.count()
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    [dialog] = [d for d in page.findChildren(MergeEnterprisesDialog) if d.isVisible()]
    text = dialog.heading.text()
    assert "宁波丁五金厂" in text and "宁波丁五金加工厂" in text
    dialog.choose_keep(keep)
    screenshot(dialog, "merge_enterprises_dialog")
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert ws.registry.count() == count - 1
    assert ws.store.get("enterprise", other)["merged_into"] == keep
    assert page.current_enterprise_id() == keep and not page.merge_button.isEnabled()


def test_cancelling_the_merge_changes_nothing(qtbot, ws):
    first = ws.registry.create_enterprise(name="宁波己厂")
    second = ws.registry.create_enterprise(name="宁波己工厂")
    win = window_for(qtbot, ws)
    page = win.registry_page
    page.table.selectAll()
    assert sorted(page.selected_enterprise_ids()) == sorted([first, second])
    dialog = page.merge_selected()
    dialog.reject()
    assert ws.registry.count() == 2 and ws.store.get("enterprise", second)["merged_into"] is None


def new_document(ws: Workspace, serial: int, sha: str) -> str:
    """A document row as two laptops would number it from the same block (the sync tests' shape)."""
    return ws.store.insert("document", {
        "doc_type": "ORDER", "doc_no": f"（鄞）应急责改〔2026〕{serial}号", "issuer": "鄞", "year": 2026,
        "serial": serial, "status": "DRAFT", "file_sha256": sha, "created_at": "2026-11-01T09:00:00",
    })


def conflicts_page(qtbot, ws: Workspace) -> ConflictsPage:
    create_application(language="zh_CN")
    page = ConflictsPage(ws)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_a_duplicate_document_number_is_settled_by_voiding_one_document(qtbot, pair, tmp_path, screenshot):
    from app.ui.documents.document_dialogs import VoidDialog

    a, b = pair
    mine = new_document(a, 7, "a" * 64)
    theirs = new_document(b, 7, "b" * 64)
    send(b, a, tmp_path / "usb")
    [conflict] = Conflicts(a.store).list()
    assert conflict.kind == "DUPLICATE_NUMBER"
    page = conflicts_page(qtbot, a)
    assert page.void_button.isVisible() and not page.void_button.isEnabled()
    assert page.values.rowCount() == 2 and page.values.item(0, 0).text() == "（鄞）应急责改〔2026〕7号"
    assert {page.values.item(r, 5).text() for r in range(2)} == {"甲", "乙"}
    screenshot(page, "conflicts_page_duplicate_number")
    [row] = [r for r in range(2) if page._row_ids[r] == theirs]
    page.values.selectRow(row)
    assert page.void_button.isEnabled()
    qtbot.mouseClick(page.void_button, Qt.MouseButton.LeftButton)
    [dialog] = [d for d in page.findChildren(VoidDialog) if d.isVisible()]
    with qtbot.waitSignal(changes_of(a)):
        dialog.reason.setText("两台电脑使用了同一编号，保留甲的文书")
        dialog.accept()
    assert a.store.get("document", theirs)["status"] == "VOID" and a.store.get("document", mine)["status"] == "DRAFT"
    assert page.count() == 0 and page.empty.isVisible()


def test_an_edit_the_signer_never_saw_is_shown_for_information_only(qtbot, pair, tmp_path, screenshot):
    a, b = pair
    doc = new_document(a, 9, "d" * 64)
    send(a, b, tmp_path / "usb")
    b.store.update("document", doc, {"file_sha256": "e" * 64})  # B re-renders the draft
    a.store.update("document", doc, {"file_sha256": "5" * 64, "status": "SIGNED"})  # A signs, not seeing it
    send(b, a, tmp_path / "usb2")
    assert [c.kind for c in Conflicts(a.store).list()] == ["NOT_IN_SIGNED"]
    page = conflicts_page(qtbot, a)
    assert page.select("NOT_IN_SIGNED", doc)
    assert page.current.kind == "NOT_IN_SIGNED"
    assert not any(button.isVisible() for button in (page.keep_button, page.merge_button, page.void_button))
    assert page.values.rowCount() == 2  # the signed version, then the edit kept aside
    assert a.store.get("document", doc)["file_sha256"] == "5" * 64
    screenshot(page, "conflicts_page_not_in_signed")
