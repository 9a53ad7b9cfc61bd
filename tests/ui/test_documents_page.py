"""文书 page: list, preview, sign through the dialog (creating a personal certificate), print, save as, void."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from app.documents.issuing import Documents
from app.ui.documents.documents_page import DocumentsPage
from app.ui.ops import OpRunner
from app.ui.qtapp import create_application
from tests.documents.test_render import visit  # noqa: F401 - the fixture

ISSUED = date(2026, 11, 23)
PASS = "正确的口令123"


@pytest.fixture
def page(qtbot, visit):  # noqa: F811
    create_application(language="zh_CN")
    docs = Documents(visit["ws"])
    visit["record"] = docs.issue("RECORD", visit["inspection"], visit["tenant"], issued_on=ISSUED)
    visit["order"] = docs.issue("ORDER", visit["inspection"], visit["tenant"], issued_on=ISSUED)
    widget = DocumentsPage(visit["ws"])
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def cell(page, document_id, column):
    return page.model.index(page.model.row_of(document_id), column).data() or ""


def error_boxes(widget):
    return [b for b in widget.findChildren(QMessageBox, "errorDialog") if b.isVisible()]


def rendered(qtbot, page):
    qtbot.waitUntil(lambda: not page.preview.rendering, timeout=10000)


def test_lists_issued_documents_and_previews_the_selected_one(qtbot, page, visit, screenshot):  # noqa: F811
    assert page.document_ids() == [visit["order"], visit["record"]]  # newest first
    row = page.documents.get(visit["order"])
    assert cell(page, visit["order"], 0) == row["doc_no"]
    assert (
        cell(page, visit["order"], 1) == "Rectification order" or cell(page, visit["order"], 1) == "责令限期整改指令书"
    )
    assert cell(page, visit["order"], 2) == "宁波恒达五金制品厂"
    assert cell(page, visit["order"], 3) in ("Draft", "草稿")
    assert page.select(visit["record"])
    assert page.preview.page_count() == 0 and page.preview.rendering  # rendered off the GUI thread
    rendered(qtbot, page)
    assert page.preview.page_count() >= 2
    assert not page.preview.page_pixmap(0).isNull()
    assert "/" in page.preview.page_label.text()
    assert page.sign_button.isEnabled() and page.void_button.isEnabled()
    screenshot(page, "documents_page")


def test_sign_via_the_dialog_creates_a_personal_certificate(page, visit, qtbot, screenshot):  # noqa: F811
    page.select(visit["order"])
    dialog = page.sign_selected()
    assert dialog.isVisible() and dialog.inspector.count() == 2
    dialog.passphrase.setText(PASS)
    screenshot(dialog, "documents_sign_dialog")
    dialog.buttons.accepted.emit()
    # no certificate yet: offered to create one with the same passphrase
    qtbot.waitUntil(lambda: dialog.offer is not None and dialog.offer.isVisible())
    dialog.create_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert page.documents.get(visit["order"])["status"] == "SIGNED"
    assert cell(page, visit["order"], 3) in ("Signed", "已签名")
    assert page.selected_id() == visit["order"] and not page.sign_button.isEnabled()


def test_wrong_passphrase_keeps_the_dialog_open(page, visit, qtbot):  # noqa: F811
    inspector = visit["ws"].roster.inspectors()[0]["id"]
    page.documents.setup_standalone(inspector, PASS)
    page.select(visit["order"])
    dialog = page.sign_selected()
    dialog.inspector.setCurrentIndex(dialog.inspector.findData(inspector))
    dialog.passphrase.setText("错误口令000")
    dialog.buttons.accepted.emit()
    assert not dialog.buttons.isEnabled()  # while the op thread tries the passphrase
    qtbot.waitUntil(lambda: bool(error_boxes(dialog)))
    assert dialog.isVisible() and dialog.buttons.isEnabled() and OpRunner.gui_thread_sql == []
    assert page.documents.get(visit["order"])["status"] == "DRAFT"


def test_print_to_a_pdf_printer(qtbot, page, visit, tmp_path):  # noqa: F811
    target = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    page.select(visit["record"])
    rendered(qtbot, page)
    with qtbot.waitSignal(page.printed, timeout=20000) as printed:
        page.print_to(printer)
    assert printed.args[0] == page.preview.page_count() >= 2
    assert target.stat().st_size > 10_000 and target.read_bytes().startswith(b"%PDF")


def test_save_to_writes_the_stored_bytes(page, visit, tmp_path):  # noqa: F811
    page.select(visit["order"])
    target = tmp_path / "saved.pdf"
    assert page.save_to(target)
    assert target.read_bytes() == page.documents.pdf(visit["order"])


def test_void_needs_a_reason(page, visit):  # noqa: F811
    page.select(visit["order"])
    dialog = page.void_selected()
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and error_boxes(dialog)
    assert page.documents.get(visit["order"])["status"] == "DRAFT"
    dialog.reason.setText("整改期限写错")
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    assert page.documents.get(visit["order"])["status"] == "VOID"
    assert cell(page, visit["order"], 3) in ("Void", "已作废") and not page.void_button.isEnabled()


def test_issue_for_lists_and_selects_the_new_document(qtbot, page, visit):  # noqa: F811
    op = page.issue_for(visit["inspection"], visit["tenant"], "ORDER")
    qtbot.waitUntil(lambda: op.done, timeout=10000)
    document_id = page.selected_id()
    assert page.document_ids()[0] == document_id not in (visit["order"], visit["record"])
    assert page.documents.get(document_id)["doc_type"] == "ORDER"
    dialog = page.issue_dialog()
    assert dialog.inspection.count() == 1 and dialog.enterprise.findData(visit["tenant"]) >= 0
    dialog.reject()


def test_a_newer_choice_overtakes_a_render_and_a_broken_file_says_so(qtbot, page, visit):  # noqa: F811
    page.select(visit["record"])
    page.select(visit["order"])
    rendered(qtbot, page)
    qtbot.wait(200)  # the record's render, if it was not dropped, would arrive now
    assert page.preview.page_count() == 1  # the order has one page, the record two or more
    page.preview.set_pdf(b"%PDF-1.7 not really")
    rendered(qtbot, page)
    assert page.preview.page_count() == 0 and page.preview.error
    assert page.preview.page_label.text().startswith(("文书无法显示", "The document cannot be shown"))
