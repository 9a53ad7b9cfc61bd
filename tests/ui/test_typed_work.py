"""Typed work survives a crash: every text field of a visit saves as it is typed, without Enter or leaving the field.

The walk finds the fields itself (every QLineEdit and QPlainTextEdit of the visit's pages and of the signing
dialog), so a field added later that does not save fails here. A field that is deliberately not saved carries the
property `autosave=False`."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.documents.issuing import Documents
from app.models.workspace import Workspace
from app.sync.exchange import Sync
from app.ui.documents.document_args import ArgsDialog
from app.ui.inspection.bodycam_dialog import BodycamDialog
from app.ui.inspection.inspection_start import StartInspectionDialog
from app.ui.inspection.inspection_view import InspectionView
from app.ui.qtapp import create_application
from app.ui.widgets.autosave import SAVE_DELAY_MS
from tests.ui.typing_child import field_name, prepare, run_round, text_fields


@pytest.fixture
def visit(tmp_path: Path) -> Iterator[tuple[Workspace, str, str, str]]:
    inspection, firm, item = prepare(tmp_path / "ws")
    with Workspace(tmp_path / "ws", author="检查员甲") as ws:
        yield ws, inspection, firm, item


def held(ws: Workspace, token: str) -> bool:
    pattern = f"%{token}%"
    return bool(ws.db.execute("SELECT 1 FROM change WHERE value LIKE ? UNION ALL SELECT 1 FROM draft WHERE value "
                              "LIKE ?", (pattern, pattern)).fetchone())


def test_every_text_field_of_a_visit_saves_as_it_is_typed(qtbot, visit):
    ws, inspection, firm, item = visit
    create_application(language="zh_CN")
    view = InspectionView(ws, inspection)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.go_to(firm, item)
    dialog = view.summary.signatures.open_extra("witness")
    qtbot.addWidget(dialog)
    # the measures of a decision and the reason of a correction, typed before the document is issued
    document = ArgsDialog(
        view,
        Documents(ws),
        title="现场处理措施决定书",
        doc_type="DECISION",
        inspection_id=inspection,
        enterprise_id=firm,
        submit=lambda _args: False,
        ask_reason=True,
    )
    qtbot.addWidget(document)
    # the purpose of the next visit and the body camera file, typed in the dialogs around a visit
    starting, camera = StartInspectionDialog(ws, firm), BodycamDialog(ws, inspection)
    qtbot.addWidget(starting)
    qtbot.addWidget(camera)

    widgets = (view, dialog, document, starting, camera)
    fields = list({id(f): f for w in widgets for f in text_fields(w)}.values())
    names = {field_name(f) for f in fields}
    assert {
        "InspectionView/hazardLocation",
        "InspectionView/majorBasis",
        "SignatureDialog/refusalWitness",
        "ArgsDialog/measures",
        "ArgsDialog/reason",
        "StartInspectionDialog/purpose",
        "BodycamDialog/ref",
    } <= names, names
    tokens = {}
    for n, field in enumerate(fields):
        phone = "phone" in field_name(field).lower()
        tokens[field_name(field) + f"#{n}"] = token = f"1390000{n:04d}" if phone else f"typed{n}x"
        qtbot.keyClicks(field, token)  # no Enter, no focus change
    qtbot.wait(SAVE_DELAY_MS + 600)
    assert [name for name, token in tokens.items() if not held(ws, token)] == []


def test_the_unsynced_count_follows_every_change(qtbot, visit):
    from app.ui.main_window import MainWindow

    ws, inspection, firm, item = visit
    create_application(language="zh_CN")
    window = MainWindow(ws)
    qtbot.addWidget(window)
    before = window.unsynced_label.text()
    items = ws.inspections.templates.checklist(ws.inspections.get(inspection)["template_id"]).items
    ws.inspections.record_verdict(inspection, firm, items[1].code, "COMPLIANT")
    # well before the periodic refresh (5 s): the commit itself moves the count
    qtbot.waitUntil(lambda: window.unsynced_label.text() != before, timeout=1000)
    count = int("".join(ch for ch in window.unsynced_label.text() if ch.isdigit()))
    assert count == Sync(ws).unacknowledged()


def test_the_status_bar_stops_counting_past_its_limit(qtbot, visit, monkeypatch):
    import app.ui.main_window as main_window

    ws, inspection, firm, item = visit
    create_application(language="zh_CN")
    total = Sync(ws).unacknowledged()
    monkeypatch.setattr(main_window, "UNSYNCED_SHOWN", total - 1)
    window = main_window.MainWindow(ws)
    qtbot.addWidget(window)
    assert window.unsynced_label.text().endswith(f"{total - 1:,}+")
    monkeypatch.setattr(main_window, "UNSYNCED_SHOWN", total)
    window.refresh_status()
    assert window.unsynced_label.text().endswith(f"{total:,}")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_text_typed_before_a_sigkill_is_there_after_it(tmp_path):
    """A few rounds here; benchmarks/bench_typed_kill.py runs 100 (FIELDSAFE_KILL_ROUNDS sets the count)."""
    data = tmp_path / "data"
    visit = prepare(data)
    rounds = [run_round(data, visit, seed) for seed in range(int(os.environ.get("FIELDSAFE_KILL_ROUNDS", "3")))]
    assert sum(r.acknowledged for r in rounds) > 0
    assert [lost for r in rounds for lost in r.lost] == []


def test_a_dialog_shows_again_what_a_crash_left_and_cancel_throws_it_away(qtbot, visit):
    ws, inspection, firm, _item = visit
    create_application(language="zh_CN")
    first = StartInspectionDialog(ws, firm)
    qtbot.addWidget(first)
    qtbot.keyClicks(first.purpose, "night check")
    qtbot.wait(SAVE_DELAY_MS + 300)
    # the window dies here: neither accept nor reject
    again = StartInspectionDialog(ws, firm)
    qtbot.addWidget(again)
    assert again.purpose.text() == "night check"
    again.reject()
    emptied = StartInspectionDialog(ws, firm)
    qtbot.addWidget(emptied)
    assert emptied.purpose.text() == ""
    camera = BodycamDialog(ws, inspection)
    qtbot.addWidget(camera)
    qtbot.keyClicks(camera.ref, "DSJ-7")
    qtbot.wait(SAVE_DELAY_MS + 300)
    reopened = BodycamDialog(ws, inspection)
    qtbot.addWidget(reopened)
    assert reopened.ref.text() == "DSJ-7"
