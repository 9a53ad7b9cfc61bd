"""The hazard editor driven through its real widgets: every field saves at once, refusals show and revert."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from app.ui.inspection.hazard_editor import HazardEditor
from app.ui.qtapp import create_application
from tests.support import build_site, change_count

TODAY = datetime(2026, 11, 23, 9, 30)
MAJOR_ITEM = "KEY-01"  # 特种作业人员持证上岗: major YES, applies to tenants
CONDITIONAL_ITEM = "SITE-02"
GENERAL_ITEM = "RESP-04"


@pytest.fixture
def site(ws):
    create_application(language="zh_CN")
    return build_site(ws, now=TODAY, inspectors=1, landlord_principal=True)


def hazard_for(site, code: str, note: str) -> str:
    outcome = site.ws.inspections.record_verdict(site.inspection, site.tenant, code, "NONCOMPLIANT", note)
    assert outcome.hazard_id
    return outcome.hazard_id


def item(site, code: str):
    return site.ws.inspections.checklist(site.inspection).item(code)


@pytest.fixture
def editor(site, qtbot) -> Iterator[HazardEditor]:
    host = QWidget()  # as in a dialog: the editor itself has no margins
    qtbot.addWidget(host)
    widget = HazardEditor(site.ws, host)
    layout = QVBoxLayout(host)
    layout.setContentsMargins(10, 10, 10, 10)
    layout.addWidget(widget)
    layout.addStretch(1)
    host.resize(900, 600)
    host.show()
    qtbot.waitExposed(host)
    yield widget  # (a generator keeps `host` alive: qtbot only holds a weak reference)


@pytest.fixture
def major(site, editor) -> str:
    hazard_id = hazard_for(site, MAJOR_ITEM, "电焊作业人员无特种作业操作证")
    editor.set_hazard(hazard_id)
    return hazard_id


def shoot(screenshot, editor: HazardEditor, name: str) -> None:
    host = editor.window()
    host.resize(900, max(600, host.layout().totalHeightForWidth(900)))  # never squeezed below what it needs
    screenshot(host, name)


def stored(site, hazard_id: str) -> dict:
    return site.ws.store.require("hazard", hazard_id)


def test_a_major_yes_item_opens_as_major_with_hint_and_prefilled_fields(site, editor, major):
    key01 = item(site, MAJOR_ITEM)
    assert editor.form.grade_major.isChecked() and not editor.form.grade_general.isChecked()
    assert editor.form.major_hint.isVisible()
    assert editor.form.major_hint.text().startswith(editor.form.tr("A failure of this item is a major accident hazard"))
    assert key01.major_basis in editor.form.major_hint.text()
    assert editor.form.major_basis.isEnabled() and editor.form.major_basis.placeholderText() == key01.major_basis
    assert editor.form.description.toPlainText() == "电焊作业人员无特种作业操作证"
    assert editor.form.measure.toPlainText() == key01.default_measure_zh
    due = TODAY.date() + timedelta(days=key01.default_deadline_days.major)
    assert editor.form.deadline.date().toPython() == due and editor.form.deadline.isEnabled()
    assert str(key01.default_deadline_days.major) in editor.form.deadline_note.text()
    assert editor.form.interim_controls.isVisible() and editor.form.interim_warning.isVisible()  # required, still empty
    assert (editor.form.person.text(), editor.form.phone.text()) == ("王建国", "13805741234")
    assert editor.form.responsible.count() == 2 and editor.form.responsible.currentData() == site.tenant
    assert editor.form.photos.isEnabled() and editor.form.photos.hint.property("warn") is True  # a photo is expected
    assert editor.heading().startswith(MAJOR_ITEM)


def test_hints_follow_the_item(site, editor):
    editor.set_hazard(hazard_for(site, CONDITIONAL_ITEM, "二楼东侧安全出口被货物堵塞"))
    assert editor.form.grade_general.isChecked()
    assert (
        editor.form.major_hint.isVisible()
        and editor.form.major_hint.text() == item(site, CONDITIONAL_ITEM).major_hint_zh
    )
    assert not editor.form.major_basis.isEnabled() and not editor.form.interim_controls.isVisible()
    editor.set_hazard(hazard_for(site, GENERAL_ITEM, "未制定安全生产责任制"))
    assert not editor.form.major_hint.isVisible() and editor.form.major_hint.text() == ""


def test_text_fields_save_when_left_and_after_a_pause(site, editor, major, qtbot):
    ws = site.ws
    editor.form.description.setPlainText(
        "两名电焊工无特种作业操作证上岗作业"
    )  # keyClicks cannot type Chinese offscreen
    with qtbot.waitSignal(editor.changed, timeout=3000):
        pass  # the pause timer saves it
    assert stored(site, major)["description"] == "两名电焊工无特种作业操作证上岗作业"

    editor.form.location.setFocus()
    qtbot.keyClicks(editor.form.location, "2F east, welding bay")
    with qtbot.waitSignal(editor.changed):
        qtbot.keyClick(editor.form.location, Qt.Key.Key_Return)
    assert stored(site, major)["location"] == "2F east, welding bay"

    editor.form.interim_controls.setPlainText("已责令停止电焊作业，现场设置警戒")
    editor.form.interim_controls.editingFinished.emit()  # what leaving the box does
    row = stored(site, major)
    assert row["interim_controls"] == "已责令停止电焊作业，现场设置警戒"
    assert not editor.form.interim_warning.isVisible()

    editor.form.phone.setText("0574-88123456")
    editor.form.phone.editingFinished.emit()
    editor.form.person.setText("  ")
    editor.form.person.editingFinished.emit()
    row = stored(site, major)
    assert row["responsible_phone"] == "0574-88123456" and row["responsible_person"] is None

    before = change_count(ws)
    editor.form.location.editingFinished.emit()  # nothing changed: nothing written
    assert change_count(ws) == before


def test_an_empty_description_is_refused_inline_and_reverted(site, editor, major, qtbot):
    ws = site.ws
    before = change_count(ws)
    editor.form.description.setPlainText("   ")
    qtbot.wait(1000)  # the pause timer leaves an empty description alone
    editor.form.description.editingFinished.emit()
    error = editor.form.errors["description"]
    assert error.isVisible() and "隐患描述不能为空" in error.text()
    assert editor.form.description.toPlainText() == "电焊作业人员无特种作业操作证"
    assert change_count(ws) == before
    editor.form.description.setPlainText("电焊工无证")
    editor.form.description.editingFinished.emit()
    assert not error.isVisible() and stored(site, major)["description"] == "电焊工无证"


def test_grade_change_moves_the_default_deadline_and_fills_the_basis(site, editor, major, qtbot):
    key01 = item(site, MAJOR_ITEM)
    with qtbot.waitSignal(editor.changed):
        editor.form.grade_general.click()
    row = stored(site, major)
    assert row["grade"] == "GENERAL"
    general_due = TODAY.date() + timedelta(days=key01.default_deadline_days.general)
    assert row["deadline"] == general_due.isoformat() and editor.form.deadline.date().toPython() == general_due
    assert not editor.form.major_basis.isEnabled() and not editor.form.interim_controls.isVisible()
    assert editor.form.major_hint.isVisible()  # the item still says it is major

    editor.form.grade_major.click()
    row = stored(site, major)
    assert row["grade"] == "MAJOR" and row["major_basis"] == key01.major_basis
    assert editor.form.major_basis.text() == key01.major_basis and editor.form.interim_warning.isVisible()

    hand_picked = TODAY.date() + timedelta(days=5)
    editor.form.deadline.setDate(QDate(hand_picked))
    editor.form.grade_general.click()
    assert stored(site, major)["deadline"] == hand_picked.isoformat()  # a chosen deadline is kept


def test_rectified_on_site_clears_and_restores_the_deadline(site, editor, major, qtbot):
    with qtbot.waitSignal(editor.changed):
        editor.form.on_site.click()
    row = stored(site, major)
    assert row["rectified_on_site"] == 1 and row["deadline"] is None
    assert (
        not editor.form.deadline.isEnabled() and editor.form.deadline.text() == editor.form.deadline.specialValueText()
    )
    editor.form.on_site.click()
    row = stored(site, major)
    due = TODAY.date() + timedelta(days=item(site, MAJOR_ITEM).default_deadline_days.major)
    assert row["rectified_on_site"] == 0 and row["deadline"] == due.isoformat()
    assert editor.form.deadline.isEnabled() and editor.form.deadline.date().toPython() == due


def test_a_past_deadline_shows_the_error_and_stores_nothing(site, editor, major, qtbot, screenshot):
    ws = site.ws
    editor.form.description.setPlainText("两名电焊工无特种作业操作证上岗作业")
    editor.form.description.editingFinished.emit()
    editor.form.location.setText("2号厂房东侧电焊区")
    editor.form.location.editingFinished.emit()
    saved = stored(site, major)["deadline"]
    before = change_count(ws)
    editor.form.deadline.clearFocus()
    editor.form.deadline.setDate(QDate(date(2026, 11, 20)))
    error = editor.form.errors["deadline"]
    assert error.isVisible() and "2026-11-20" in error.text() and "早于今天" in error.text()
    assert editor.form.deadline.date().toString("yyyy-MM-dd") == saved
    assert change_count(ws) == before and stored(site, major)["deadline"] == saved
    shoot(screenshot, editor, "hazard_editor_error")

    tomorrow = TODAY.date() + timedelta(days=1)
    editor.form.deadline.setDate(QDate(tomorrow))
    assert not error.isVisible() and stored(site, major)["deadline"] == tomorrow.isoformat()
    assert editor.form.deadline_note.text() == editor.form.tr("%n day(s) left", "", 1)


def test_typing_a_date_waits_for_enter(site, editor, major, qtbot):
    saved = stored(site, major)["deadline"]
    editor.form.deadline.setFocus()
    qtbot.waitUntil(editor.form.deadline.hasFocus)
    editor.form.deadline.setDate(QDate(2026, 11, 30))  # as each typed digit would
    assert stored(site, major)["deadline"] == saved
    qtbot.keyClick(editor.form.deadline, Qt.Key.Key_Return)
    assert stored(site, major)["deadline"] == "2026-11-30"


def test_responsibility_moves_to_the_landlord_with_its_principal(site, editor, major, qtbot):
    combo = editor.form.responsible
    assert "宁波恒达五金制品厂" in combo.itemText(0) and "集士港村股份经济合作社" in combo.itemText(1)
    with qtbot.waitSignal(editor.changed):
        combo.setCurrentIndex(combo.findData(site.landlord))
    row = stored(site, major)
    assert row["enterprise_id"] == site.landlord
    assert (row["responsible_person"], row["responsible_phone"]) == ("陈志强", "13905748765")
    assert (editor.form.person.text(), editor.form.phone.text()) == ("陈志强", "13905748765")

    editor.form.person.setText("刘师傅")  # a person typed by hand stays when the party changes back
    editor.form.person.editingFinished.emit()
    combo.setCurrentIndex(combo.findData(site.tenant))
    row = stored(site, major)
    assert row["enterprise_id"] == site.tenant and row["responsible_person"] == "刘师傅"

    editor.set_hazard(major)  # reopening shows the stored party
    assert combo.currentData() == site.tenant and combo.count() == 2


def test_hazard_photos_are_attached_to_the_hazard(site, editor, major, qtbot, tmp_path):
    path = tmp_path / "weld.jpg"
    Image.new("RGB", (400, 300), "#8899aa").save(path, "JPEG")
    with qtbot.waitSignal(editor.changed):
        editor.form.photos.add_files([path])
    assert [p["original_name"] for p in site.ws.inspections.photos(hazard_id=major)] == ["weld.jpg"]
    assert editor.form.photos.hint.property("warn") is False


def test_switching_hazards_saves_what_was_typed(site, editor, major):
    other = hazard_for(site, CONDITIONAL_ITEM, "安全出口堵塞")
    editor.form.location.setText("typed, not yet left")
    editor.set_hazard(other)
    assert stored(site, major)["location"] == "typed, not yet left"
    assert editor.form.location.text() == "" and editor.form.description.toPlainText() == "安全出口堵塞"


def test_a_void_hazard_is_read_only_and_clear_empties(site, editor, major):
    site.ws.inspections.record_verdict(site.inspection, site.tenant, MAJOR_ITEM, "COMPLIANT")
    editor.set_hazard(major)
    assert editor.form.status_label.isVisible()
    assert editor.form.description.isReadOnly() and not editor.form.grade_general.isEnabled()
    assert not editor.form.on_site.isEnabled() and not editor.form.responsible.isEnabled()
    assert (
        editor.form.photos.has_owner
        and not editor.form.photos.editable
        and not editor.form.photos.add_button.isEnabled()
    )
    editor.clear()
    assert editor.hazard_id is None and editor.form.description.toPlainText() == ""
    assert not editor.form.photos.has_owner


def test_read_only_for_a_finished_inspection(site, editor, major):
    before = change_count(site.ws)
    editor.set_read_only(True)
    assert (
        editor.form.location.isReadOnly()
        and not editor.form.grade_general.isEnabled()
        and not editor.form.photos.editable
    )
    editor.form.location.setText("typed anyway")
    editor.form.location.editingFinished.emit()
    editor.flush()
    assert change_count(site.ws) == before
    editor.set_read_only(False)
    assert not editor.form.location.isReadOnly() and editor.form.photos.editable


def test_tab_order_follows_the_form(editor, major, qtbot):
    # Tab enters the grade group at its checked button (arrow keys move within it).
    chain = [
        editor.form.description,
        editor.form.location,
        editor.form.grade_major,
        editor.form.major_basis,
        editor.form.interim_controls,
        editor.form.measure,
        editor.form.deadline,
        editor.form.on_site,
        editor.form.responsible,
        editor.form.person,
        editor.form.phone,
        editor.form.photos.view,
    ]
    editor.activateWindow()
    editor.form.description.setFocus()
    qtbot.waitUntil(editor.form.description.hasFocus)
    for expected in chain[1:]:
        current = QApplication.focusWidget()
        # Inside the date, Tab first walks year, month and day (Qt's date edit), then leaves.
        for _ in range(3 if current is editor.form.deadline else 1):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            if QApplication.focusWidget() is not current:
                break
        assert QApplication.focusWidget() is expected


def test_screenshot_major(site, editor, major, qtbot, tmp_path, screenshot):
    editor.form.description.setPlainText("2号厂房东侧电焊区两名作业人员无特种作业操作证进行电焊作业")
    editor.form.description.editingFinished.emit()
    editor.form.location.setText("2号厂房一层东侧电焊区")
    editor.form.location.editingFinished.emit()
    path = tmp_path / "IMG_0412.jpg"
    picture = Image.new("RGB", (640, 480), "#7a8ba0")
    draw = ImageDraw.Draw(picture)
    draw.rectangle([0, 300, 640, 480], fill="#5b5b5b")
    draw.rectangle([180, 160, 300, 380], fill="#d9822b", outline="black", width=4)
    draw.ellipse([380, 220, 470, 310], fill="#ffdd55")
    picture.save(path, "JPEG")
    editor.form.photos.add_files([path])
    shoot(screenshot, editor, "hazard_editor_major")
