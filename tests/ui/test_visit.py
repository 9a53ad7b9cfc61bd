"""A whole on-site visit through the real widgets: start from the registry, judge every item of a landlord and its
tenant (one non-compliant with a photo and a hazard), interview, quiz, worker sampling, signatures, completion."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.models.workspace import Workspace
from app.ui.inspection.inspection_view import InspectionView
from app.ui.main_window import MainWindow
from app.ui.qtapp import create_application
from tests.ui.test_assessment_pages import keys_for
from tests.ui.test_signature_pad import sign_row

NOW = datetime(2026, 11, 23, 9, 30)


@pytest.fixture
def world(qtbot, tmp_path: Path) -> Iterator[tuple[Workspace, MainWindow, str, str]]:
    create_application(language="zh_CN")
    with Workspace(tmp_path / "data") as ws:
        ws.inspections.now = lambda: NOW
        town = ws.registry.ensure_org_unit("集士港镇", "township")
        landlord = ws.registry.create_enterprise(name="集士港村股份经济合作社", township_id=town)
        tenant = ws.registry.create_enterprise(name="宁波恒达五金制品厂", township_id=town, industry="五金")
        ws.registry.add_lease(landlord, tenant, agreement_signed=True)
        ws.registry.set_person(landlord, "principal", "陈海明", "13900001111")
        ws.registry.set_person(tenant, "principal", "王建国", "13805741234")
        ws.registry.set_person(tenant, "safety_officer", "李娜", "13705740000")
        ws.roster.add_inspector("张明", "浙应急执法〔2024〕0123号", "集士港镇应急管理办公室")
        ws.roster.add_inspector("李华", "浙应急执法〔2024〕0456号", "集士港镇应急管理办公室")
        window = MainWindow(ws)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        yield ws, window, landlord, tenant


def start_from_registry(qtbot, window: MainWindow, landlord: str, screenshot) -> InspectionView:
    page = window.registry_page
    assert page.select_enterprise(landlord)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    dialog = next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "StartInspectionDialog"
                  and w.isVisible())
    assert not dialog.ok_button.isEnabled() and "2" in dialog.reason.text()
    screenshot(dialog, "visit_1_start_dialog")
    for row in range(dialog.team.count()):
        dialog.team.item(row).setCheckState(Qt.CheckState.Checked)
    dialog.tenants.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.purpose.setText("“厂中厂”专项检查")
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    view = window.tabs.currentWidget()
    assert isinstance(view, InspectionView)
    return view


def test_a_complete_visit_through_the_widgets(qtbot, world, tmp_path, screenshot):
    ws, window, landlord, tenant = world
    view = start_from_registry(qtbot, window, landlord, screenshot)
    inspection = view.inspection_id
    assert ws.inspections.target_ids(inspection) == [landlord, tenant]
    screenshot(window, "visit_2_checklist")
    bodycam = view.edit_bodycam()
    bodycam.ref.setText("DSJ-0042")
    bodycam.save()
    assert ws.inspections.get(inspection)["bodycam_ref"] == "DSJ-0042"

    # the first item of the tenant is non-compliant: note, photo, hazard
    first_tenant_item = next(k for k in view.item_rows if k[0] == tenant)
    view.go_to(*first_tenant_item)
    panel = view.panel
    qtbot.mouseClick(panel.verdict_buttons["NONCOMPLIANT"], Qt.MouseButton.LeftButton)
    assert panel.note_hint.text()  # waits for its note
    panel.note.setPlainText("承租方未签订安全生产管理协议")
    qtbot.waitUntil(lambda: bool(ws.inspections.hazards(inspection)), timeout=3000)
    photo = tmp_path / "现场.jpg"
    Image.new("RGB", (1200, 900), (180, 60, 30)).save(photo)
    panel.photos.add_files([photo])
    result = ws.inspections.results(inspection)[first_tenant_item]
    assert result["verdict"] == "NONCOMPLIANT" and len(ws.inspections.photos(item_result_id=result["id"])) == 1
    assert panel.hazard.isVisible()
    screenshot(window, "visit_3_noncompliant_item")

    # every other item by keyboard: 1 = compliant, and the view moves on by itself
    view.tree.setFocus()
    while ws.inspections.missing_items(inspection):
        view.next_unanswered()
        qtbot.keyClick(view.tree, Qt.Key.Key_1)
    total = len(view.item_rows)
    assert view.progress.text() == f"已检查 {total}/{total} 项"

    # safety officer questioned, principal tested, workers asked (for the tenant)
    interview, quiz, awareness = view.assessment_pages[tenant]
    view.tabs.setCurrentIndex(2)
    for card in interview.cards:
        card.setFocus()
        qtbot.keyClick(card, Qt.Key.Key_2)
    assert ws.assessments.interview_score(inspection, tenant).passed
    screenshot(window, "visit_4_interview")
    quiz.parentWidget().parentWidget().setCurrentWidget(quiz)
    qtbot.mouseClick(quiz.start_button, Qt.MouseButton.LeftButton)
    for n, question in enumerate(quiz.questions):
        for key in keys_for(question, correct=n != 0):
            qtbot.keyClick(quiz.question_screen, key)
        qtbot.keyClick(quiz.question_screen, Qt.Key.Key_Return)
    assert ws.assessments.quizzes(inspection)[-1]["score"] == 90
    screenshot(window, "visit_5_quiz_result")
    awareness.parentWidget().parentWidget().setCurrentWidget(awareness)
    qtbot.mouseClick(awareness.add_button, Qt.MouseButton.LeftButton)
    assert ws.assessments.awareness(inspection, tenant).asked > 0

    # summary: completion is refused until everyone has signed, and says so
    view.tabs.setCurrentWidget(view.summary)
    summary = view.summary
    assert not summary.complete_button.isEnabled()
    assert "尚未签名" in summary.reasons.text()
    screenshot(window, "visit_6_summary_unsigned")
    for index, row in enumerate(list(summary.signatures.rows)):
        sign_row(qtbot, summary.signatures, index, row.signer.name if row.signer else "现场负责人")
    qtbot.waitUntil(summary.complete_button.isEnabled, timeout=3000)
    screenshot(window, "visit_7_summary_signed")
    qtbot.mouseClick(summary.complete_button, Qt.MouseButton.LeftButton)
    assert ws.inspections.get(inspection)["status"] == "COMPLETED"
    assert not view.panel.verdict_buttons["COMPLIANT"].isEnabled()
    assert window.findChild(QMessageBox, "errorDialog") is None
    screenshot(window, "visit_8_completed")


def test_completion_problems_are_shown_in_chinese(qtbot, world, screenshot):
    ws, window, landlord, _tenant = world
    view = start_from_registry(qtbot, window, landlord, screenshot)
    view.tabs.setCurrentWidget(view.summary)
    view.summary.refresh()
    text = view.summary.reasons.text()
    assert "未给出检查结论" in text and "尚未签名" in text
    assert not view.summary.complete_button.isEnabled()
    # a missing item is one double-click away
    missing = view.summary.missing.item(3)
    expected = missing.data(Qt.ItemDataRole.UserRole)
    rect = view.summary.missing.visualItemRect(missing)
    qtbot.mouseClick(view.summary.missing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.summary.missing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: view.tabs.currentIndex() == 0)
    assert view.current_position() == expected
