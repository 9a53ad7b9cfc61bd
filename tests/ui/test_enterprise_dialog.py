"""Creating and editing an enterprise on site through the real dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from app.errors import ValidationError
from app.models.uscc import validate_uscc
from app.ui.qtapp import create_application
from app.ui.registry.enterprise_dialog import EnterpriseDialog
from app.ui.registry.form_fields import phone_looks_valid
from tests.support import change_count

LANDLORD_USCC = "91350100M000100Y43"
NEW_USCC = "91110000802100433B"
BAD_USCC = "91110000802100433C"  # wrong check character


@pytest.fixture
def site(ws, qtbot):
    create_application(language="zh_CN")
    registry = ws.registry
    town = registry.ensure_org_unit("集士港镇", "township")
    registry.ensure_org_unit("古林镇", "township")
    park = registry.ensure_park("集士港小微园", town)
    landlord = registry.create_enterprise(name="集士港村股份经济合作社", township_id=town, park_id=park,
                                          uscc=LANDLORD_USCC, address="集士港镇菖蒲路 8 号", is_landlord=True)
    other_landlord = registry.create_enterprise(name="宁波丰茂实业有限公司", township_id=town, is_landlord=True,
                                                address="集士港镇山下庄村")
    tenant = registry.create_enterprise(name="宁波恒达五金制品厂", township_id=town, park_id=park,
                                        address="菖蒲路 8 号 3 幢", industry="五金", employees=12, risk_grade="YELLOW")
    registry.add_lease(landlord, tenant, unit="3 幢 2 层", agreement_signed=True, agreement_date="2026-03-01")
    registry.set_person(tenant, "principal", "王建国", "13805741234")
    registry.set_person(tenant, "safety_officer", "李安", "0574-87654321")
    return {"ws": ws, "town": town, "park": park, "landlord": landlord, "other_landlord": other_landlord,
            "tenant": tenant}


def open_dialog(qtbot, ws, enterprise_id=None, **kwargs) -> EnterpriseDialog:
    dialog = EnterpriseDialog(ws, enterprise_id, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def choose_landlord(qtbot, dialog: EnterpriseDialog, typed: str) -> None:
    """Type (ASCII) into the landlord search and pick the first suggestion with the keyboard."""
    picker = dialog.landlord_picker
    picker.edit.clear()
    qtbot.keyClicks(picker.edit, typed)
    popup = picker.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def wait_for_layout(qtbot, dialog: QDialog) -> None:
    """Until every wrapped message has the lines it needs (the dialog grows over an event round or two)."""
    labels = [label for label in dialog.findChildren(QLabel) if label.isVisible() and label.wordWrap()]
    qtbot.waitUntil(lambda: all(label.height() >= label.heightForWidth(label.width()) for label in labels))


def set_spin(qtbot, spin, text: str) -> None:
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), text)
    spin.interpretText()


def new_entries(ws, since: int) -> set[tuple[str, str]]:
    rows = ws.db.conn.execute("SELECT tbl, col FROM change ORDER BY hlc").fetchall()[since:]
    return {(t, c) for t, c in rows}


def test_create_a_tenant_of_an_existing_landlord_on_site(site, qtbot, screenshot):
    ws = site["ws"]
    dialog = open_dialog(qtbot, ws)
    dialog.name_edit.setText("宁波新锐模具厂")  # keyClicks cannot type Chinese offscreen
    qtbot.keyClicks(dialog.uscc_edit, NEW_USCC[:6])
    assert dialog.uscc_message.isVisible() and "6" in dialog.uscc_message.text()  # "6 of 18" while typing
    qtbot.keyClicks(dialog.uscc_edit, NEW_USCC[6:].lower())  # normalised on save
    assert dialog.uscc_message.isVisible() and dialog.uscc_message.styleSheet().startswith("color: #2e7d32")
    qtbot.mouseClick(dialog.role_checks["tenant"], Qt.MouseButton.LeftButton)
    assert dialog.landlord_box.isEnabled()
    dialog.township_combo.setCurrentIndex(dialog.township_combo.findText("集士港镇"))
    assert dialog.park_combo.findText("集士港小微园") >= 0  # that township's parks are offered
    dialog.park_combo.setEditText("集士港模具园")  # a park not registered yet
    dialog.address_edit.setText("菖蒲路 8 号 5 幢")
    dialog.industry_edit.setText("模具")
    set_spin(qtbot, dialog.employees_spin, "25")
    dialog.risk_combo.setCurrentIndex(dialog.risk_combo.findData("BLUE"))
    dialog.principal_name.setText("陈立")
    qtbot.keyClicks(dialog.principal_phone, "139 5741 2345")
    assert not dialog.principal_message.isVisible()
    dialog.officer_name.setText("周敏")
    qtbot.keyClicks(dialog.officer_phone, "62345")  # a company short number: warned about, still saved
    assert dialog.officer_message.isVisible()
    choose_landlord(qtbot, dialog, LANDLORD_USCC[:10])
    assert dialog.landlord_picker.landlord_id() == site["landlord"]
    assert dialog.landlord_picker.edit.text() == "集士港村股份经济合作社"
    dialog.unit_edit.setText("5 幢 1 层")
    qtbot.mouseClick(dialog.agreement_check, Qt.MouseButton.LeftButton)
    assert dialog.agreement_date.isEnabled()
    dialog.agreement_date.setDate(QDate(2026, 11, 20))
    wait_for_layout(qtbot, dialog)
    screenshot(dialog, "enterprise_dialog_new")

    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    new_id = saved.args[0]
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.enterprise_id == new_id

    registry = ws.registry
    row = registry.get_enterprise(new_id)
    assert row["name"] == "宁波新锐模具厂" and row["uscc"] == NEW_USCC
    assert row["township_id"] == site["town"] and row["industry"] == "模具" and row["employees"] == 25
    assert row["risk_grade"] == "BLUE" and row["is_tenant"] == 1 and row["is_landlord"] == 0
    park = ws.store.require("park", row["park_id"])
    assert park["name"] == "集士港模具园" and park["township_id"] == site["town"]
    assert registry.person(new_id, "principal")["phone"] == "139 5741 2345"
    assert registry.person(new_id, "safety_officer")["phone"] == "62345"
    (lease,) = registry.leases(new_id)
    assert lease["landlord_id"] == site["landlord"] and lease["unit"] == "5 幢 1 层"
    assert lease["agreement_signed"] == 1 and lease["agreement_date"] == "2026-11-20"
    assert new_id in registry.tenant_ids(site["landlord"])


def test_a_landlord_can_preset_its_new_tenant(site, qtbot):
    ws = site["ws"]
    dialog = open_dialog(qtbot, ws, landlord_id=site["other_landlord"])
    assert dialog.role_checks["tenant"].isChecked()
    assert dialog.landlord_picker.landlord_id() == site["other_landlord"]
    dialog.name_edit.setText("个体户陈某加工点")
    new_id = dialog.save()
    assert new_id and ws.registry.landlord_ids(new_id) == [site["other_landlord"]]
    assert ws.registry.get_enterprise(new_id)["uscc"] is None  # unregistered workshops have none


def test_bad_credit_code_is_shown_under_the_field_and_save_writes_nothing(site, qtbot, screenshot):
    ws = site["ws"]
    dialog = open_dialog(qtbot, ws)
    dialog.name_edit.setText("宁波新锐模具厂")
    dialog.township_combo.setEditText("横街镇")  # new: would be created, but must not be when Save is refused
    qtbot.keyClicks(dialog.uscc_edit, BAD_USCC)
    with pytest.raises(ValidationError) as expected:
        validate_uscc(BAD_USCC)
    assert dialog.uscc_message.isVisible()
    assert dialog.uscc_message.text() == expected.value.message  # the exact reason, in Chinese
    assert "校验位错误" in dialog.uscc_message.text() and "B" in dialog.uscc_message.text()
    assert dialog.uscc_message.styleSheet().startswith("color: #c62828")

    before = change_count(ws)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert change_count(ws) == before
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.enterprise_id is None
    assert ws.registry.find_township("横街镇") is None
    assert dialog.uscc_message.text() == expected.value.message
    wait_for_layout(qtbot, dialog)
    screenshot(dialog, "enterprise_dialog_error")


def test_letters_never_used_are_flagged_while_typing(site, qtbot):
    dialog = open_dialog(qtbot, site["ws"])
    qtbot.keyClicks(dialog.uscc_edit, "9133O2")
    assert dialog.uscc_message.isVisible() and "O" in dialog.uscc_message.text()
    assert dialog.uscc_message.styleSheet().startswith("color: #c62828")
    dialog.uscc_edit.clear()
    assert not dialog.uscc_message.isVisible()  # no code is fine: tenants may have none


def test_a_credit_code_of_another_enterprise_is_refused_in_one_transaction(site, qtbot):
    ws = site["ws"]
    dialog = open_dialog(qtbot, ws)
    dialog.name_edit.setText("宁波新锐模具厂")
    dialog.township_combo.setEditText("横街镇")
    dialog.park_combo.setEditText("横街工业园")
    qtbot.keyClicks(dialog.uscc_edit, LANDLORD_USCC)
    assert "集士港村股份经济合作社" in dialog.uscc_message.text()  # known before Save
    before = change_count(ws)
    assert dialog.save() is None
    # The township and park were written before the registry refused the code, and rolled back with it.
    assert change_count(ws) == before
    assert ws.registry.find_township("横街镇") is None
    assert "集士港村股份经济合作社" in dialog.uscc_message.text() and "已属于" in dialog.uscc_message.text()


def test_a_name_is_required(site, qtbot):
    ws = site["ws"]
    dialog = open_dialog(qtbot, ws)
    dialog.name_edit.setText("   ")
    before = change_count(ws)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert change_count(ws) == before
    assert dialog.name_error.isVisible() and dialog.name_error.text() == "企业名称不能为空"
    dialog.name_edit.setText("宁波新锐模具厂")
    assert not dialog.name_error.isVisible()


def test_a_phone_without_a_name_is_refused(site, qtbot):
    ws = site["ws"]
    dialog = open_dialog(qtbot, ws)
    dialog.name_edit.setText("宁波新锐模具厂")
    qtbot.keyClicks(dialog.officer_phone, "13957412345")
    before = change_count(ws)
    assert dialog.save() is None
    assert change_count(ws) == before and dialog.officer_message.isVisible()


def test_an_unknown_landlord_name_is_refused(site, qtbot):
    ws = site["ws"]
    dialog = open_dialog(qtbot, ws)
    dialog.name_edit.setText("宁波新锐模具厂")
    dialog.role_checks["tenant"].setChecked(True)
    dialog.landlord_picker.edit.setText("没有登记的房东")
    assert dialog.landlord_picker.landlord_id() is None
    before = change_count(ws)
    assert dialog.save() is None
    assert change_count(ws) == before
    assert "没有登记的房东" in dialog.landlord_picker.status.text()


def test_typing_a_landlords_exact_name_chooses_it(site, qtbot):
    dialog = open_dialog(qtbot, site["ws"])
    dialog.role_checks["tenant"].setChecked(True)
    dialog.landlord_picker.edit.setText("宁波丰茂实业有限公司")
    assert dialog.landlord_picker.landlord_id() == site["other_landlord"]
    dialog.landlord_picker.edit.setText("宁波丰茂")
    assert dialog.landlord_picker.landlord_id() is None
    assert dialog.landlord_picker.model.rowCount() == 1  # the suggestions follow the text


def test_editing_prefills_everything(site, qtbot):
    dialog = open_dialog(qtbot, site["ws"], site["tenant"])
    assert dialog.name_edit.text() == "宁波恒达五金制品厂"
    assert dialog.township_combo.currentText() == "集士港镇"
    assert dialog.park_combo.currentText() == "集士港小微园"
    assert dialog.address_edit.text() == "菖蒲路 8 号 3 幢" and dialog.industry_edit.text() == "五金"
    assert dialog.employees_spin.value() == 12 and dialog.risk_combo.currentData() == "YELLOW"
    assert dialog.role_checks["tenant"].isChecked() and not dialog.role_checks["landlord"].isChecked()
    assert (dialog.principal_name.text(), dialog.principal_phone.text()) == ("王建国", "13805741234")
    assert (dialog.officer_name.text(), dialog.officer_phone.text()) == ("李安", "0574-87654321")
    assert dialog.landlord_picker.landlord_id() == site["landlord"]
    assert dialog.unit_edit.text() == "3 幢 2 层" and dialog.agreement_check.isChecked()
    assert dialog.agreement_date.date() == QDate(2026, 3, 1)
    assert not dialog.lease_note.isVisible()


def test_saving_an_unchanged_enterprise_writes_nothing(site, qtbot):
    ws = site["ws"]
    dialog = open_dialog(qtbot, ws, site["tenant"])
    before = change_count(ws)
    assert dialog.save() == site["tenant"]
    assert change_count(ws) == before


def test_editing_writes_only_what_changed(site, qtbot):
    ws = site["ws"]
    dialog = open_dialog(qtbot, ws, site["tenant"])
    set_spin(qtbot, dialog.employees_spin, "30")
    dialog.principal_phone.clear()
    qtbot.keyClicks(dialog.principal_phone, "13905749999")
    before = change_count(ws)
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert new_entries(ws, before) == {("enterprise", "employees"), ("person", "phone")}
    assert ws.registry.get_enterprise(site["tenant"])["employees"] == 30
    assert ws.registry.person(site["tenant"], "principal")["phone"] == "13905749999"


def test_changing_the_landlord_moves_the_lease(site, qtbot):
    ws = site["ws"]
    dialog = open_dialog(qtbot, ws, site["tenant"])
    dialog.landlord_picker.edit.setText("宁波丰茂实业有限公司")
    assert dialog.lease_note.isVisible() and "集士港村股份经济合作社" in dialog.lease_note.text()
    qtbot.mouseClick(dialog.agreement_check, Qt.MouseButton.LeftButton)  # not signed with the new landlord yet
    assert dialog.save() == site["tenant"]
    assert ws.registry.landlord_ids(site["tenant"]) == [site["other_landlord"]]
    assert ws.registry.tenant_ids(site["landlord"]) == []
    (lease,) = ws.registry.leases(site["tenant"])
    assert lease["agreement_signed"] == 0


def test_the_lease_note_follows_the_landlord_field(site, qtbot):
    dialog = open_dialog(qtbot, site["ws"], site["tenant"])
    dialog.landlord_picker.edit.clear()
    assert dialog.lease_note.isVisibleTo(dialog)  # clearing the landlord ends the lease
    dialog.landlord_picker.edit.setText("集士港")
    assert not dialog.lease_note.isVisibleTo(dialog)  # still choosing: not yet
    dialog.landlord_picker.edit.setText("集士港村股份经济合作社")
    assert not dialog.lease_note.isVisibleTo(dialog)  # back to the same landlord


def test_no_longer_a_tenant_ends_the_lease(site, qtbot):
    ws = site["ws"]
    dialog = open_dialog(qtbot, ws, site["tenant"])
    qtbot.mouseClick(dialog.role_checks["tenant"], Qt.MouseButton.LeftButton)
    assert not dialog.landlord_box.isEnabled()
    assert "集士港村股份经济合作社" in dialog.lease_note.text()
    assert dialog.save() == site["tenant"]
    assert ws.registry.landlord_ids(site["tenant"]) == []
    assert ws.registry.get_enterprise(site["tenant"])["is_tenant"] == 0


def test_a_second_landlord_is_named_and_left_alone(site, qtbot):
    ws = site["ws"]
    ws.registry.add_lease(site["other_landlord"], site["tenant"])
    dialog = open_dialog(qtbot, ws, site["tenant"])
    assert dialog.landlord_picker.landlord_id() == site["landlord"]  # the first lease is the one edited
    assert dialog.other_leases.isVisibleTo(dialog) and "宁波丰茂实业有限公司" in dialog.other_leases.text()
    dialog.unit_edit.setText("3 幢 2 层、4 层")
    assert dialog.save() == site["tenant"]
    assert set(ws.registry.landlord_ids(site["tenant"])) == {site["landlord"], site["other_landlord"]}


def test_changing_only_the_agreement_updates_the_lease(site, qtbot):
    ws = site["ws"]
    dialog = open_dialog(qtbot, ws, site["tenant"])
    dialog.agreement_date.setDate(QDate(2026, 4, 15))
    before = change_count(ws)
    assert dialog.save() == site["tenant"]
    assert new_entries(ws, before) == {("lease", "agreement_date")}


def test_a_landlord_with_tenants_keeps_its_role(site, qtbot):
    dialog = open_dialog(qtbot, site["ws"], site["landlord"])
    check = dialog.role_checks["landlord"]
    assert check.isChecked() and not check.isEnabled()
    assert not dialog.landlord_box.isEnabled()  # it is no tenant


def test_other_refusals_are_shown_in_a_box(site, qtbot, monkeypatch):
    ws = site["ws"]
    dialog = open_dialog(qtbot, ws)
    dialog.name_edit.setText("宁波新锐模具厂")

    def refuse(**_fields):
        raise ValidationError("test.refused", "测试拒绝", "refused for the test")

    monkeypatch.setattr(ws.registry, "create_enterprise", refuse)
    assert dialog.save() is None
    box = dialog.findChild(QMessageBox, "errorDialog")
    assert box is not None and box.text() == "测试拒绝"
    box.close()


@pytest.mark.parametrize(
    ("number", "ok"),
    [
        ("", True),
        ("13805741234", True),
        ("138 0574 1234", True),
        ("+86 13805741234", True),
        ("0574-87654321", True),
        ("057487654321", True),
        ("(0574) 8765 4321", True),
        ("010-62345678", True),
        ("0516-83456789转8001", True),
        ("0574-87654321-801", True),
        ("12805741234", False),  # no mobile prefix 12
        ("1380574123", False),  # 10 digits
        ("87654321", False),  # landline without area code
        ("62345", False),  # company short number
        ("无", False),
    ],
)
def test_phone_check(number, ok):
    assert phone_looks_valid(number) is ok
