"""文书 tab: 送达 (serve) and 更正 (supersede) through the real buttons and dialogs; issuing a DECISION / RECHECK
with the extra data they need."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateTimeEdit, QDialog, QDialogButtonBox, QLabel

from tests.ui.test_documents_page import ISSUED, PASS, cell, error_boxes, page, visit  # noqa: F401 - fixtures

NOTE = 5


def sign(page, document_id):  # noqa: F811
    docs = page.documents
    inspector = page.workspace.roster.inspectors()[0]["id"]
    docs.setup_standalone(inspector, PASS)
    docs.sign(document_id, inspector, PASS)
    page.reload()


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def visible(page, kind, name):  # noqa: F811
    return [w for w in page.findChildren(kind, name) if w.isVisible()]


def ok(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def submit(qtbot, dialog):
    """OK, then wait for the op (the document is rendered on the op thread) to close the dialog."""
    click(qtbot, ok(dialog))
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)


def serve_dialog(qtbot, page):  # noqa: F811
    click(qtbot, page.serve_button)
    [dialog] = visible(page, QDialog, "serveDialog")
    return dialog


def test_serve_a_signed_document(qtbot, page, visit, screenshot):  # noqa: F811
    order = visit["order"]
    page.select(order)
    assert not page.serve_button.isEnabled()  # a draft cannot be served
    sign(page, order)
    page.documents.ws.inspections.now = lambda: datetime(2026, 11, 26, 10, 0)  # recorded three days later
    page.select(order)
    assert page.serve_button.isEnabled() and page.supersede_button.isEnabled()
    dialog = serve_dialog(qtbot, page)
    assert page.documents.get(order)["doc_no"] in [label.text() for label in dialog.findChildren(QLabel)]
    assert dialog.served_on.date() == QDate(2026, 11, 26) and dialog.served_on.maximumDate() == QDate(2026, 11, 26)
    assert dialog.served_on.minimumDate() == QDate(2026, 11, 23)  # the day it was issued
    assert [dialog.method.itemData(i) for i in range(dialog.method.count())] == [
        "DIRECT", "LEFT", "POST", "ELECTRONIC", "ANNOUNCEMENT"]
    assert dialog.method.currentData() == "DIRECT"
    assert dialog.method.itemText(0) in ("直接送达", "Handed over in person")
    dialog.served_on.setFocus()
    dialog.served_on.setCurrentSection(QDateTimeEdit.Section.DaySection)
    qtbot.keyClick(dialog.served_on, Qt.Key.Key_Down)  # one day back
    assert dialog.served_on.date() == QDate(2026, 11, 25)
    dialog.served_to.setText("王建国")
    screenshot(dialog, "documents_serve_dialog")
    click(qtbot, ok(dialog))
    assert not dialog.isVisible() and not error_boxes(dialog)
    row = page.documents.get(order)
    assert (row["status"], row["served_on"], row["served_to"], row["service_method"]) == (
        "SERVED", "2026-11-25", "王建国", "DIRECT")
    assert cell(page, order, 3) in ("Served", "已送达")
    note = cell(page, order, NOTE)
    assert "2026-11-25 直接送达 王建国" in note or "2026-11-25 Handed over in person 王建国" in note
    assert page.selected_id() == order and not page.serve_button.isEnabled() and page.supersede_button.isEnabled()


def test_left_service_needs_the_witness_and_keeps_the_dialog_open(qtbot, page, visit):  # noqa: F811
    sign(page, visit["order"])
    page.select(visit["order"])
    dialog = serve_dialog(qtbot, page)
    dialog.method.setCurrentIndex(dialog.method.findData("LEFT"))
    assert "witness" in dialog.served_to.placeholderText() or "见证人" in dialog.served_to.placeholderText()
    click(qtbot, ok(dialog))
    [error] = error_boxes(dialog)
    assert "见证人" in error.text() and dialog.isVisible()
    assert page.documents.get(visit["order"])["status"] == "SIGNED"
    error.close()
    dialog.served_to.setText("王建国（拒收），见证人：周立新")
    click(qtbot, ok(dialog))
    assert not dialog.isVisible()
    assert page.documents.service(visit["order"]).method == "LEFT"
    assert "王建国（拒收），见证人：周立新" in cell(page, visit["order"], NOTE)


def test_missing_recipient_is_refused(qtbot, page, visit):  # noqa: F811
    sign(page, visit["order"])
    page.select(visit["order"])
    dialog = serve_dialog(qtbot, page)
    dialog.served_to.setText("   ")
    click(qtbot, ok(dialog))
    [error] = error_boxes(dialog)
    assert "受送达人" in error.text() and dialog.isVisible()
    assert page.documents.get(visit["order"])["status"] == "SIGNED"
    assert page.documents.get(visit["order"])["served_on"] is None


def test_the_date_cannot_be_set_after_today(qtbot, page, visit):  # noqa: F811
    sign(page, visit["order"])
    page.select(visit["order"])
    dialog = serve_dialog(qtbot, page)
    assert dialog.served_on.date() == QDate(2026, 11, 23)  # the fixture's today
    dialog.served_on.setFocus()
    dialog.served_on.setCurrentSection(QDateTimeEdit.Section.DaySection)
    qtbot.keyClick(dialog.served_on, Qt.Key.Key_Up)  # tomorrow: not offered
    assert dialog.served_on.date() == QDate(2026, 11, 23)
    dialog.served_on.setDate(QDate(2026, 12, 1))
    assert dialog.served_on.date() == QDate(2026, 11, 23)  # clamped to today
    dialog.served_to.setText("王建国")
    click(qtbot, ok(dialog))
    assert page.documents.get(visit["order"])["served_on"] == "2026-11-23"


def test_a_refusal_from_the_core_is_shown_over_the_dialog(qtbot, page, visit):  # noqa: F811
    """A document that stopped being servable while the dialog was open (voided meanwhile)."""
    sign(page, visit["order"])
    page.select(visit["order"])
    dialog = serve_dialog(qtbot, page)
    page.documents.void(visit["order"], "文书内容有误")
    dialog.served_to.setText("王建国")
    click(qtbot, ok(dialog))
    [error] = error_boxes(dialog)
    assert "只有已签名的文书才能登记送达" in error.text() and dialog.isVisible()
    assert page.documents.get(visit["order"])["status"] == "VOID"


def test_cancelling_the_serve_dialog_changes_nothing(qtbot, page, visit):  # noqa: F811
    sign(page, visit["order"])
    page.select(visit["order"])
    dialog = serve_dialog(qtbot, page)
    dialog.served_to.setText("王建国")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel))
    assert not dialog.isVisible()
    assert page.documents.get(visit["order"])["status"] == "SIGNED"


def test_correct_a_signed_document(qtbot, page, visit, screenshot):  # noqa: F811
    order = visit["order"]
    page.select(order)
    assert not page.supersede_button.isEnabled()  # a draft is re-rendered or voided, not corrected
    sign(page, order)
    old_no = page.documents.get(order)["doc_no"]
    page.select(order)
    click(qtbot, page.supersede_button)
    [dialog] = visible(page, QDialog, "supersedeDialog")
    assert not dialog.form.isVisible()  # an order needs nothing but the reason
    click(qtbot, ok(dialog))
    assert dialog.isVisible() and "原因" in error_boxes(dialog)[0].text()
    assert page.documents.get(order)["status"] == "SIGNED"
    dialog.reason.setText("整改期限写错")
    screenshot(dialog, "documents_supersede_dialog")
    submit(qtbot, dialog)
    new = page.selected_id()
    assert new != order and page.document_ids()[0] == new
    assert page.documents.get(new)["supersedes_id"] == order
    assert cell(page, new, 3) in ("Draft", "草稿") and old_no in cell(page, new, NOTE)
    assert cell(page, order, 3) in ("Void", "已作废") and "整改期限写错" in cell(page, order, NOTE)
    assert cell(page, order, 0) == old_no  # the old number stays with the void document


def test_correcting_a_decision_asks_for_the_measures_again(qtbot, page, visit):  # noqa: F811
    page.select(page.document_ids()[0])
    click(qtbot, page.issue_button)
    [issue] = visible(page, QDialog, "issueDialog")
    issue.doc_type.setCurrentIndex(issue.doc_type.findData("DECISION"))
    assert issue.args.isVisible() and issue.args.measures.isVisible()
    click(qtbot, ok(issue))
    qtbot.waitUntil(lambda: bool(error_boxes(page)), timeout=10000)  # refused by the op
    assert issue.isVisible() and "现场处理措施" in error_boxes(page)[0].text()
    issue.args.measures.setPlainText("暂时停止使用东侧仓库，至安全出口清理完毕\n\n当场清理出口通道")
    assert issue.args.stop.isVisible()
    issue.args.stop.setChecked(True)
    submit(qtbot, issue)
    decision = page.selected_id()
    assert (page.documents.get(decision)["doc_type"], page.documents.get(decision)["stop_ordered"]) == ("DECISION", 1)
    sign(page, decision)
    page.select(decision)
    click(qtbot, page.supersede_button)
    [dialog] = visible(page, QDialog, "supersedeDialog")
    assert dialog.form.measures.isVisible()
    dialog.reason.setText("措施范围写错")
    click(qtbot, ok(dialog))
    qtbot.waitUntil(lambda: bool(error_boxes(dialog)), timeout=10000)  # refused by the op
    assert dialog.isVisible() and page.documents.get(decision)["status"] == "SIGNED"
    assert "现场处理措施" in error_boxes(dialog)[0].text()  # over the dialog, and nothing voided
    dialog.form.measures.setPlainText("暂时停止使用东侧仓库及二楼车间")
    submit(qtbot, dialog)
    assert page.documents.get(decision)["status"] == "VOID"
    assert page.documents.get(page.selected_id())["doc_type"] == "DECISION"
    assert page.documents.get(page.selected_id())["stop_ordered"] == 1  # the correction kept it


def test_issue_a_recheck_prefilled_with_the_order(qtbot, page, visit):  # noqa: F811
    click(qtbot, page.issue_button)
    [issue] = visible(page, QDialog, "issueDialog")
    issue.enterprise.setCurrentIndex(issue.enterprise.findData(visit["tenant"]))
    issue.doc_type.setCurrentIndex(issue.doc_type.findData("RECHECK"))
    order_no = page.documents.get(visit["order"])["doc_no"]
    assert issue.args.reference_no.isVisible() and issue.args.reference_no.text() == order_no
    assert issue.args.reference_date.date().toString("yyyy-MM-dd") == ISSUED.isoformat()
    submit(qtbot, issue)
    assert page.documents.get(page.selected_id())["doc_type"] == "RECHECK"
