"""安全员必问、负责人必考、员工抽问 pages driven through their real widgets."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from app.models import content
from app.ui.inspection.awareness_page import AwarenessPage
from app.ui.inspection.interview_page import InterviewPage
from app.ui.inspection.quiz_page import QuizPage
from app.ui.qtapp import create_application

SIZE = (1000, 700)


@pytest.fixture
def visit(qtbot, ws):
    create_application(language="zh_CN")
    town = ws.registry.ensure_org_unit("姜山镇", "township")
    landlord = ws.registry.create_enterprise(name="姜山村股份经济合作社", township_id=town)
    tenant = ws.registry.create_enterprise(name="宁波鸿远塑料制品厂", township_id=town)
    ws.registry.add_lease(landlord, tenant)
    ws.registry.set_person(tenant, "principal", "王建国", "13805740001")
    ws.registry.set_person(tenant, "safety_officer", "李安全", "13905740002")
    inspectors = [ws.roster.add_inspector(n, c, "姜山镇应急管理办公室") for n, c in (("甲", "A1"), ("乙", "B2"))]
    inspection = ws.inspections.start(landlord, inspectors, tenant_ids=[tenant])
    return SimpleNamespace(ws=ws, inspection=inspection, landlord=landlord, tenant=tenant)


def shown(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(*SIZE)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def error_box(widget: QWidget) -> QMessageBox | None:
    box = widget.findChild(QMessageBox, "errorDialog")
    return box if box is not None and box.isVisible() else None


# ---------------------------------------------------------------------------------------------------- 安全员必问


def interview_page(qtbot, visit) -> InterviewPage:
    return shown(qtbot, InterviewPage(visit.ws, visit.inspection, visit.tenant))


def test_interview_shows_the_drawn_questions_with_their_guidance(qtbot, visit):
    page = interview_page(qtbot, visit)
    rules = visit.ws.assessments.interview_bank().rules
    types = [card.question.type for card in page.cards]
    assert types.count(content.ORAL) == rules.oral_count == 5
    assert types.count(content.TASK) == rules.task_count == 1
    critical = [card for card in page.cards if card.question.critical]
    assert len(critical) == 1 and critical[0].findChild(QWidget, "criticalChip").isVisible()
    for card in page.cards:
        assert card.question.text_zh == card.text_label.text()
        assert card.question.key_points_zh[0] in card.points_label.text()
        assert [o.guidance.text() for o in card.options] == list(card.question.scoring_zh)
        assert card.rating is None
    assert "李安全" in page.officer_label.text()
    assert "0/12" in page.total_label.text()
    # A restart (a new page) shows the same questions.
    again = InterviewPage(visit.ws, visit.inspection, visit.tenant)
    qtbot.addWidget(again)
    assert [c.question.id for c in again.cards] == [c.question.id for c in page.cards]


def test_rating_by_click_is_saved_and_totalled(qtbot, visit):
    page = interview_page(qtbot, visit)
    card = page.cards[0]
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(card.options[2], Qt.MouseButton.LeftButton)
    assert visit.ws.assessments.interview_ratings(visit.inspection, visit.tenant) == {card.question.id: 2}
    assert card.options[2].is_selected() and not card.options[0].is_selected()
    assert "2/12" in page.total_label.text()
    qtbot.mouseClick(card.options[1], Qt.MouseButton.LeftButton)  # re-rating replaces
    assert visit.ws.assessments.interview_ratings(visit.inspection, visit.tenant) == {card.question.id: 1}
    assert "1/12" in page.total_label.text()
    person = visit.ws.registry.person(visit.tenant, "safety_officer")
    rows = visit.ws.store.query("SELECT person_id FROM interview_answer")
    assert [r["person_id"] for r in rows] == [person["id"]]


def test_rating_by_keyboard_and_moving_with_up_down(qtbot, visit, screenshot):
    page = interview_page(qtbot, visit)
    first = page.cards[0]
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_2)
    qtbot.keyClick(first, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.cards[1])
    qtbot.keyClick(page.cards[1], Qt.Key.Key_1)
    qtbot.keyClick(page.cards[1], Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)
    qtbot.keyClick(first, Qt.Key.Key_7)  # not a rating: ignored
    ratings = visit.ws.assessments.interview_ratings(visit.inspection, visit.tenant)
    assert ratings == {first.question.id: 2, page.cards[1].question.id: 1}
    assert "3/12" in page.total_label.text()

    # Rate the rest by keyboard: everything 2 but one 1 is a pass.
    for card in page.cards[2:]:
        card.setFocus()
        qtbot.keyClick(card, Qt.Key.Key_2)
    score = visit.ws.assessments.interview_score(visit.inspection, visit.tenant)
    assert score is not None and score.passed and score.total == 11
    assert "11/12" in page.total_label.text() and page.tr("Passed") in page.total_label.text()
    page.cards[2].note_edit.setText("能说出动火审批、清理可燃物和监护")
    qtbot.keyClick(page.cards[2].note_edit, Qt.Key.Key_Return)
    screenshot(page, "interview_page")


def test_a_critical_zero_fails_the_interview(qtbot, visit):
    page = interview_page(qtbot, visit)
    critical = next(card for card in page.cards if card.question.critical)
    for card in page.cards:
        qtbot.mouseClick(card.options[0 if card is critical else 2], Qt.MouseButton.LeftButton)
        if card is critical and len(page.cards) > 1:
            assert page.warning_label.text()  # warned before the interview is complete
    score = visit.ws.assessments.interview_score(visit.inspection, visit.tenant)
    assert score is not None and score.total == 10 and not score.passed
    assert page.tr("Failed") in page.total_label.text()
    assert critical.question.id in page.warning_label.text()


def test_notes_are_saved_when_the_line_is_left(qtbot, visit):
    page = interview_page(qtbot, visit)
    card = page.cards[3]
    card.note_edit.setText("出示了上月自查台账")  # keyClicks cannot type Chinese offscreen
    with qtbot.waitSignal(page.changed):
        card.note_edit.editingFinished.emit()
    answers = visit.ws.assessments.interview_answers(visit.inspection, visit.tenant)
    assert answers[card.question.id] == {"rating": None, "answer": "出示了上月自查台账"}
    assert visit.ws.assessments.interview_ratings(visit.inspection, visit.tenant) == {}  # a note is not a rating
    with qtbot.assertNotEmitted(page.changed):
        card.note_edit.editingFinished.emit()  # unchanged: no second save
    qtbot.mouseClick(card.options[1], Qt.MouseButton.LeftButton)
    card.note_edit.clear()
    qtbot.keyClicks(card.note_edit, "ledger OK")
    qtbot.keyClick(card.note_edit, Qt.Key.Key_Return)
    answers = visit.ws.assessments.interview_answers(visit.inspection, visit.tenant)
    assert answers[card.question.id] == {"rating": 1, "answer": "ledger OK"}
    # After a restart the note and the rating are back, on the same question.
    again = InterviewPage(visit.ws, visit.inspection, visit.tenant)
    qtbot.addWidget(again)
    same = next(c for c in again.cards if c.question.id == card.question.id)
    assert same.note_edit.text() == "ledger OK" and same.rating == 1


def test_rating_a_closed_inspection_shows_an_error(qtbot, visit):
    page = interview_page(qtbot, visit)
    visit.ws.store.update("inspection", visit.inspection, {"status": "COMPLETED"})
    with qtbot.assertNotEmitted(page.changed):
        qtbot.mouseClick(page.cards[0].options[2], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: error_box(page) is not None)
    assert "已结束" in error_box(page).text()
    assert page.cards[0].rating is None and not page.cards[0].options[2].is_selected()


# ---------------------------------------------------------------------------------------------------- 负责人必考


def quiz_page(qtbot, visit) -> QuizPage:
    return shown(qtbot, QuizPage(visit.ws, visit.inspection, visit.tenant))


def keys_for(question: content.Question, correct: bool) -> list[Qt.Key]:
    """The letter keys that answer `question` right (or wrong)."""
    if question.type == content.JUDGE:
        right = "A" if question.answer else "B"
        chosen = right if correct else ("B" if right == "A" else "A")
        return [getattr(Qt.Key, f"Key_{chosen}")]
    keys = [question.answer] if isinstance(question.answer, str) else list(question.answer)
    if not correct:
        keys = [next(o.key for o in question.options if o.key not in keys)]
    return [getattr(Qt.Key, f"Key_{k}") for k in keys]


def test_quiz_start_screen_is_prefilled_with_the_principal(qtbot, visit, screenshot):
    page = quiz_page(qtbot, visit)
    assert page.stack.currentWidget() is page.start_screen
    assert page.name_edit.text() == "王建国"
    assert "宁波鸿远塑料制品厂" in page.start_enterprise.text()
    screenshot(page, "quiz_start")
    page.name_edit.clear()
    with qtbot.assertNotEmitted(page.changed):
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: error_box(page) is not None)
    assert page.stack.currentWidget() is page.start_screen
    assert visit.ws.assessments.quizzes(visit.inspection) == []


def test_quiz_full_run_by_keyboard_passes(qtbot, visit, screenshot):
    page = quiz_page(qtbot, visit)
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)  # Enter starts
    assert page.stack.currentWidget() is page.question_screen
    attempt = page.attempt_id
    stored = visit.ws.assessments.quiz(attempt)
    assert stored["examinee_name"] == "王建国"
    assert stored["person_id"] == visit.ws.registry.person(visit.tenant, "principal")["id"]
    assert page.index == 0 and "10" in page.progress_label.text()
    for n, question in enumerate(page.questions):
        assert page.questions[page.index] is question
        assert question.text_zh == page.question_label.text()
        for key in keys_for(question, correct=True):
            qtbot.keyClick(page.question_screen, key)
        if n == 2:
            screenshot(page, "quiz_question")
        if n < len(page.questions) - 1:
            qtbot.keyClick(page.question_screen, Qt.Key.Key_Return)
    assert page.unanswered_count() == 0
    with qtbot.waitSignal(page.changed):
        qtbot.keyClick(page.question_screen, Qt.Key.Key_Return)  # Enter on the last question hands in
    assert page.stack.currentWidget() is page.result_screen
    stored = visit.ws.assessments.quiz(attempt)
    assert (stored["score"], stored["passed"]) == (100, 1) and stored["finished_at"]
    assert "100" in page.score_label.text() and page.verdict_label.text() == page.tr("Passed")
    assert page.wrong_cards == []


def test_quiz_by_clicks_fails_and_lists_the_wrong_answers(qtbot, visit, screenshot):
    page = quiz_page(qtbot, visit)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    attempt = page.attempt_id
    questions = page.questions
    for n, question in enumerate(questions):
        if n == 9:
            break  # the last one stays unanswered
        wrong = n in (1, 4, 6)
        for key in keys_for(question, correct=not wrong):
            choice = page.choices[key - Qt.Key.Key_A]
            qtbot.mouseClick(choice, Qt.MouseButton.LeftButton)  # anywhere on the row
        if n < 8:
            qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.unanswered_count() == 1
    qtbot.mouseClick(page.hand_in_button, Qt.MouseButton.LeftButton)
    box = page.confirm_box
    assert box is not None and box.isVisible() and "1" in box.text()
    box.button(QMessageBox.StandardButton.No).click()  # keep answering
    assert page.stack.currentWidget() is page.question_screen and page.confirm_box is None
    assert visit.ws.assessments.quiz(attempt)["finished_at"] is None
    qtbot.mouseClick(page.hand_in_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.changed):
        page.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    assert page.stack.currentWidget() is page.result_screen
    stored = visit.ws.assessments.quiz(attempt)
    assert (stored["score"], stored["passed"]) == (60, 0)
    assert page.verdict_label.text() == page.tr("Failed")
    assert len(page.wrong_cards) == 4
    texts = [label.text() for label in page.wrong_cards[0].findChildren(QLabel)]
    assert texts[0].startswith("2. ") and questions[1].text_zh in texts[0]
    assert page._answer_text(questions[1], questions[1].answer) in texts  # the correct answer, to explain
    assert not questions[1].explanation_zh or questions[1].explanation_zh in texts
    screenshot(page, "quiz_result")

    # 重新考试: back to the name, then a fresh draw; the failed attempt stays on record.
    qtbot.mouseClick(page.retake_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.start_screen and page.name_edit.text() == "王建国"
    assert "60/100" in page.history_label.text()
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert page.attempt_id != attempt and page.index == 0 and page.unanswered_count() == 10
    assert len(visit.ws.assessments.quiz_attempts(visit.inspection, visit.tenant)) == 2


def test_multiple_choice_toggles_and_judge_takes_one(qtbot, visit):
    page = quiz_page(qtbot, visit)
    page.start()
    multi = next((i for i, q in enumerate(page.questions) if q.type == content.MULTI), None)
    if multi is not None:
        page.go_to(multi)
        qtbot.keyClick(page.question_screen, Qt.Key.Key_1)
        qtbot.keyClick(page.question_screen, Qt.Key.Key_C)
        assert page.answers[page.questions[multi].id] == ["A", "C"]
        qtbot.keyClick(page.question_screen, Qt.Key.Key_A)  # toggles off
        assert visit.ws.assessments.quiz(page.attempt_id)["answers"][page.questions[multi].id] == ["C"]
    single = next(i for i, q in enumerate(page.questions) if q.type == content.SINGLE)
    page.go_to(single)
    qtbot.keyClick(page.question_screen, Qt.Key.Key_B)
    qtbot.keyClick(page.question_screen, Qt.Key.Key_4)
    assert page.answers[page.questions[single].id] == "D"
    assert [c.button.isChecked() for c in page.choices] == [False, False, False, True]
    qtbot.keyClick(page.question_screen, Qt.Key.Key_H)  # no option H: ignored
    assert page.answers[page.questions[single].id] == "D"


def test_an_unfinished_quiz_resumes_in_a_new_page(qtbot, visit):
    page = quiz_page(qtbot, visit)
    page.name_edit.setText("赵副总")  # not the principal on record
    page.start()
    attempt = page.attempt_id
    assert visit.ws.assessments.quiz(attempt)["person_id"] is None
    answered = {}
    for question in page.questions[:3]:
        for key in keys_for(question, correct=True):
            qtbot.keyClick(page.question_screen, key)
        answered[question.id] = page.answers[question.id]
        qtbot.keyClick(page.question_screen, Qt.Key.Key_Return)
    page.close()

    # "Restart": a new page on the same data resumes the attempt at the first unanswered question.
    again = quiz_page(qtbot, visit)
    assert visit.ws.assessments.open_quiz(visit.inspection, visit.tenant) == attempt
    assert again.stack.currentWidget() is again.question_screen
    assert again.attempt_id == attempt and again.index == 3 and again.examinee == "赵副总"
    assert "4" in again.progress_label.text()
    assert {q.id: again.answers[q.id] for q in again.questions[:3]} == answered
    again.go_to(0)
    checked = [c.button.text() for c in again.choices if c.button.isChecked()]
    assert checked and all(c.button.isChecked() for c in again.choices if c.button.text() in checked)
    assert [b.property("answered") for b in again.nav_buttons[:4]] == ["true", "true", "true", "false"]
    for question in again.questions[3:]:
        again.go_to(again.questions.index(question))
        for key in keys_for(question, correct=True):
            qtbot.keyClick(again.question_screen, key)
    qtbot.mouseClick(again.hand_in_button, Qt.MouseButton.LeftButton)
    assert again.confirm_box is None  # nothing unanswered: no question asked
    assert visit.ws.assessments.quiz(attempt)["score"] == 100

    # A third page shows the finished result, and offers a new attempt.
    third = quiz_page(qtbot, visit)
    assert third.stack.currentWidget() is third.result_screen and "100" in third.score_label.text()


# ---------------------------------------------------------------------------------------------------- 员工抽问


def awareness_page(qtbot, visit) -> AwarenessPage:
    return shown(qtbot, AwarenessPage(visit.ws, visit.inspection, visit.tenant))


def test_awareness_samples_add_up_to_the_rate(qtbot, visit, screenshot):
    page = awareness_page(qtbot, visit)
    assert page.table.rowCount() == 0 and page.asked_spin.value() == 3
    page.worker_edit.setText("张师傅")
    page.asked_spin.setValue(3)
    page.correct_spin.setValue(3)
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.table.rowCount() == 1 and page.table.item(0, 0).text() == "张师傅"
    assert "100.0%" in page.rate_label.text() and page.verdict_label.text() == page.tr("Target met")
    assert page.worker_edit.text() == ""  # ready for the next worker

    page.worker_edit.setText("李阿姨")
    page.correct_spin.setValue(2)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.worker_edit, "Wang")
    qtbot.keyClick(page.worker_edit, Qt.Key.Key_Return)  # Enter adds too
    result = visit.ws.assessments.awareness(visit.inspection, visit.tenant)
    assert (result.asked, result.correct, result.passed) == (9, 8, False)
    assert page.table.rowCount() == 3 and page.table.item(2, 0).text() == "Wang"
    assert "8/9" in page.rate_label.text() and "88.9%" in page.rate_label.text()
    assert page.verdict_label.text() == page.tr("Below target")
    screenshot(page, "awareness_page")

    page.table.selectRow(1)
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    result = visit.ws.assessments.awareness(visit.inspection, visit.tenant)
    assert (result.asked, result.correct, result.passed) == (6, 6, True)
    assert [page.table.item(r, 0).text() for r in range(page.table.rowCount())] == ["张师傅", "Wang"]


def test_more_correct_than_asked_shows_an_error(qtbot, visit):
    page = awareness_page(qtbot, visit)
    page.asked_spin.setValue(3)
    page.correct_spin.setValue(5)
    with qtbot.assertNotEmitted(page.changed):
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: error_box(page) is not None)
    assert "答对" in error_box(page).text()
    assert page.table.rowCount() == 0
    assert visit.ws.assessments.awareness(visit.inspection, visit.tenant).asked == 0
    assert page.correct_spin.value() == 5  # the input stays for correction
