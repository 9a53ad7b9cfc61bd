"""The signature pad, the signing dialog (with the refusal path) and the panel of who must sign, driven through
synthesised mouse, pen and touch events."""

from __future__ import annotations

import io
import math
import random
from collections.abc import Iterator, Sequence
from datetime import datetime

import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QInputDevice, QMouseEvent, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.errors import ValidationError
from app.models.signatures import _check_png as check_png
from app.ui.i18n import fill
from app.ui.inspection.signatures_panel import SignaturesPanel
from app.ui.qtapp import create_application
from app.ui.widgets.signature_pad import SignatureDialog, SignaturePad, role_text
from tests.support import build_site

TODAY = datetime(2026, 11, 23, 16, 5)


@pytest.fixture(autouse=True)
def app(qtbot):
    return create_application(language="zh_CN")


def tr(context: str, text: str) -> str:
    """The UI text as the installed catalog shows it (Chinese once the strings are translated, English before)."""
    return QCoreApplication.translate(context, text)


# Input helpers ---------------------------------------------------------------------------------------------------


def mouse_stroke(qtbot, widget: QWidget, points: Sequence[tuple[float, float]]) -> None:
    """Press, move with the left button held, release. QTest's mouseMove sends no buttons, so moves go by hand."""
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=QPoint(*map(round, points[0])))
    for x, y in points[1:]:
        local = QPointF(x, y)
        move = QMouseEvent(QEvent.Type.MouseMove, local, widget.mapToGlobal(local), Qt.MouseButton.NoButton,
                           Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, move)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=QPoint(*map(round, points[-1])))


_STYLUS: list[QPointingDevice] = []


def stylus() -> QPointingDevice:
    if not _STYLUS:
        _STYLUS.append(QPointingDevice(
            "test stylus", 4242, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen,
            QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 2,
        ))
    return _STYLUS[0]


def pen_stroke(widget: QWidget, points: Sequence[tuple[float, float, float]]) -> None:
    """A pen-down, moves and a pen-up as QTabletEvents carrying pressure."""
    last = len(points) - 1
    for i, (x, y, pressure) in enumerate(points):
        kind = QEvent.Type.TabletPress if i == 0 else QEvent.Type.TabletMove
        button = Qt.MouseButton.LeftButton if i == 0 else Qt.MouseButton.NoButton
        local = QPointF(x, y)
        event = QTabletEvent(kind, stylus(), local, widget.mapToGlobal(local), pressure, 0, 0, 0, 0, 0,
                             Qt.KeyboardModifier.NoModifier, button, Qt.MouseButton.LeftButton)
        QApplication.sendEvent(widget, event)
        if i == last:
            release = QTabletEvent(QEvent.Type.TabletRelease, stylus(), local, widget.mapToGlobal(local), 0, 0, 0,
                                   0, 0, 0, Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton,
                                   Qt.MouseButton.NoButton)
            QApplication.sendEvent(widget, release)


# Hand-written-looking names for the screenshots: each character is its strokes as key points in a 100×100 cell.
GLYPHS: dict[str, list[list[tuple[float, float]]]] = {
    "王": [[(15, 18), (85, 15)], [(50, 16), (50, 88)], [(22, 50), (78, 48)], [(8, 88), (92, 85)]],
    "建": [[(38, 12), (80, 10), (78, 30)], [(28, 30), (92, 28)], [(40, 45), (80, 44)], [(36, 60), (84, 58)],
           [(60, 0), (60, 75)], [(8, 30), (24, 30), (10, 62), (28, 62), (6, 92)], [(14, 78), (45, 90), (96, 94)]],
    "国": [[(12, 8), (12, 95)], [(12, 8), (88, 6), (88, 95)], [(28, 25), (72, 24)], [(30, 50), (70, 49)],
           [(50, 25), (50, 75)], [(25, 76), (75, 75)], [(62, 58), (68, 66)], [(12, 94), (88, 93)]],
    "李": [[(15, 18), (85, 16)], [(50, 2), (50, 48)], [(48, 20), (20, 45)], [(52, 20), (82, 42)],
           [(25, 55), (75, 54), (52, 68)], [(50, 66), (50, 96), (40, 90)], [(10, 76), (90, 74)]],
    "华": [[(30, 4), (10, 34)], [(22, 22), (22, 52)], [(70, 10), (40, 36)],
           [(46, 6), (46, 44), (54, 50), (86, 46), (88, 36)], [(8, 66), (92, 64)], [(50, 52), (50, 100)]],
    "张": [[(8, 10), (36, 10), (34, 32)], [(10, 32), (34, 32)], [(10, 34), (8, 58), (38, 58), (34, 92), (24, 86)],
           [(56, 4), (56, 62), (64, 56)], [(86, 8), (62, 32)], [(44, 50), (96, 48)], [(62, 54), (96, 94)]],
    "明": [[(8, 20), (8, 78)], [(8, 20), (34, 19), (34, 76)], [(10, 48), (32, 48)], [(10, 76), (32, 76)],
           [(52, 8), (50, 70), (40, 96)], [(52, 8), (90, 7), (90, 90), (80, 84)], [(54, 36), (88, 36)],
           [(54, 60), (88, 60)]],
    "陈": [[(10, 8), (30, 8), (20, 28), (32, 40), (12, 56)], [(10, 8), (10, 96)], [(42, 22), (94, 20)],
           [(62, 6), (48, 48), (88, 46)], [(68, 30), (68, 94), (60, 88)], [(56, 64), (44, 80)], [(80, 64), (92, 80)]],
    "海": [[(8, 14), (16, 22)], [(4, 40), (12, 48)], [(4, 90), (22, 66)], [(46, 2), (34, 24)], [(40, 14), (92, 14)],
           [(40, 30), (84, 30), (80, 92), (72, 86)], [(44, 30), (40, 78), (96, 76)], [(30, 54), (98, 52)],
           [(56, 40), (62, 48)], [(56, 62), (62, 70)]],
}


def glyph(char: str) -> list[list[tuple[float, float]]]:
    """The character's strokes; one without a drawing gets a plausible scribble of its own (same every time)."""
    if char in GLYPHS:
        return GLYPHS[char]
    rng = random.Random(ord(char))
    strokes = rng.randint(3, 6)
    return [[(rng.uniform(5, 95), rng.uniform(5, 95)) for _ in range(rng.randint(2, 3))] for _ in range(strokes)]


def handwriting(name: str, origin: tuple[float, float] = (72, 70), size: float = 88, seed: int = 1
                ) -> list[list[tuple[float, float, float]]]:
    """Strokes writing `name` quickly: slanted, a little uneven, dense points along Catmull-Rom curves, pressure
    rising at the start of a stroke and trailing off at its end."""
    rng = random.Random(seed)
    strokes = []
    for n, char in enumerate(name):
        scale = size / 100 * rng.uniform(0.92, 1.05)
        left = origin[0] + n * size * 0.98
        top = origin[1] + rng.uniform(-4, 4)
        for keys in glyph(char):
            pts = [(left + (x + (100 - y) * 0.16) * scale + rng.uniform(-1.5, 1.5),
                    top + y * scale + rng.uniform(-1.5, 1.5)) for x, y in keys]
            strokes.append(_spline(pts))
    return strokes


def _spline(keys: list[tuple[float, float]]) -> list[tuple[float, float, float]]:
    ext = [keys[0], *keys, keys[-1]]
    dense: list[tuple[float, float]] = []
    for i in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[i - 1], ext[i], ext[i + 1], ext[i + 2]
        steps = max(4, int(math.dist(p1, p2) / 2.5))
        for s in range(steps):
            t = s / steps
            dense.append(tuple(0.5 * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t * t
                                      + (-a + 3 * b - 3 * c + d) * t ** 3)
                               for a, b, c, d in zip(p0, p1, p2, p3, strict=True)))
    dense.append(keys[-1])
    last = len(dense) - 1
    return [
        (x, y, round(0.25 + 0.6 * min(1.0, 5 * i / last) * (1 - 0.75 * (i / last) ** 3), 3))
        for i, (x, y) in enumerate(dense)
    ]


def write(widget: QWidget, name: str, **kwargs) -> None:
    for stroke in handwriting(name, **kwargs):
        pen_stroke(widget, stroke)


def dark_pixels(png: bytes) -> int:
    with Image.open(io.BytesIO(png)) as image:
        return sum(image.convert("L").histogram()[:100])


# The pad ---------------------------------------------------------------------------------------------------------


@pytest.fixture
def pad(qtbot) -> SignaturePad:
    widget = SignaturePad()
    qtbot.addWidget(widget)
    widget.resize(620, 230)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_mouse_strokes_are_recorded_with_nominal_pressure(pad, qtbot):
    assert pad.is_empty() and pad.strokes() == []
    with qtbot.waitSignal(pad.changed, timeout=1000):
        mouse_stroke(qtbot, pad, [(40, 120), (80, 100), (120, 130), (160, 90)])
    strokes = pad.strokes()
    assert len(strokes) == 1 and len(strokes[0]) == 4
    assert strokes[0][0] == (40, 120, 0.5) and strokes[0][-1] == (160, 90, 0.5)
    assert not pad.is_empty()
    mouse_stroke(qtbot, pad, [(200, 100), (260, 100)])
    assert len(pad.strokes()) == 2


def test_a_click_is_a_dot_not_a_signature(pad, qtbot):
    qtbot.mouseClick(pad, Qt.MouseButton.LeftButton, pos=QPoint(50, 50))
    assert len(pad.strokes()) == 1 and len(pad.strokes()[0]) == 1
    assert pad.is_empty()
    with pytest.raises(ValueError):
        pad.to_png()


def test_pen_strokes_keep_their_pressure_and_make_no_mouse_stroke(pad):
    pen_stroke(pad, [(30, 60, 0.2), (60, 70, 0.55), (90, 80, 0.9), (120, 90, 1.0)])
    strokes = pad.strokes()
    assert len(strokes) == 1
    assert [p[2] for p in strokes[0]] == [0.2, 0.55, 0.9, 1.0]
    assert strokes[0][1][:2] == (60, 70)


def test_touch_strokes_are_recorded(pad, qtbot):
    device = QTest.createTouchDevice()
    QTest.touchEvent(pad, device).press(0, QPoint(50, 100)).commit()
    for x in (80, 110, 140):
        QTest.touchEvent(pad, device).move(0, QPoint(x, 100 + x // 10)).commit()
    QTest.touchEvent(pad, device).release(0, QPoint(170, 120)).commit()
    strokes = pad.strokes()
    assert len(strokes) == 1 and len(strokes[0]) >= 4
    # (offscreen QTest touch points land within a couple of pixels of the requested spot)
    assert math.dist(strokes[0][0][:2], (50, 100)) < 4 and math.dist(strokes[0][-1][:2], (170, 120)) < 4
    assert all(0 < p[2] <= 1 for p in strokes[0])


def test_points_stay_on_the_pad_and_tiny_moves_are_dropped(pad, qtbot):
    mouse_stroke(qtbot, pad, [(10, 10), (10.2, 10.3), (-50, 500)])
    (stroke,) = pad.strokes()
    assert stroke == [(10, 10, 0.5), (0, pad.height(), 0.5)]


def test_to_png_is_a_white_print_image_cropped_to_the_ink(pad, qtbot, screenshot):
    write(pad, "李华")
    screenshot(pad, "signature_pad_signed")
    png = pad.to_png()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        width, height = image.size
        dpi = image.info.get("dpi")
        corner = image.convert("RGB").getpixel((0, 0))
    ink = pad.ink_rect()
    assert corner == (255, 255, 255)
    assert abs(width - (ink.width() + 24) * 2) <= 2 and abs(height - (ink.height() + 24) * 2) <= 2
    assert dpi is not None and round(dpi[0]) == 300
    assert dark_pixels(png) > 500
    check_png(png)  # the service accepts what the pad produces


def test_clear_by_method_and_by_delete_key(pad, qtbot, screenshot):
    screenshot(pad, "signature_pad_empty")
    mouse_stroke(qtbot, pad, [(40, 120), (120, 100)])
    pad.setFocus()
    with qtbot.waitSignal(pad.changed, timeout=1000):
        qtbot.keyClick(pad, Qt.Key.Key_Delete)
    assert pad.is_empty() and pad.strokes() == []
    mouse_stroke(qtbot, pad, [(40, 120), (120, 100)])
    qtbot.keyClick(pad, Qt.Key.Key_Backspace)
    assert pad.strokes() == []
    mouse_stroke(qtbot, pad, [(40, 120), (120, 100)])
    with qtbot.waitSignal(pad.changed, timeout=1000):
        pad.clear()
    assert pad.is_empty()
    with qtbot.assertNotEmitted(pad.changed):
        pad.clear()  # nothing to clear: no signal


# The dialog ------------------------------------------------------------------------------------------------------


@pytest.fixture
def dialog(qtbot) -> Iterator[SignatureDialog]:
    widget = SignatureDialog("principal", "王建国", context="宁波恒达五金制品厂")
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def test_ok_is_disabled_while_the_pad_is_empty_and_says_why(dialog, qtbot, screenshot):
    assert "王建国" in dialog.windowTitle() and role_text("principal") in dialog.windowTitle()
    assert dialog.ok_button.text() == tr("SignatureDialog", "OK")
    assert dialog.clear_button.text() == tr("SignatureDialog", "Clear")
    assert dialog.refuse_button.text() == tr("SignatureDialog", "Refuse to sign…")
    assert not dialog.ok_button.isEnabled()
    assert dialog.ok_button.toolTip() == tr("SignatureDialog", "The signature area is empty: sign above to enable OK.")
    assert dialog.status.text() == dialog.ok_button.toolTip()
    screenshot(dialog, "signature_dialog_empty")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.outcome is None

    write(dialog.pad, "王建国")
    assert dialog.ok_button.isEnabled() and dialog.ok_button.toolTip() == ""
    screenshot(dialog, "signature_dialog_signed")

    qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    assert dialog.pad.is_empty() and not dialog.ok_button.isEnabled()

    write(dialog.pad, "王建国")
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    outcome = dialog.outcome
    assert outcome is not None and not outcome.refused and outcome.signer_name == "王建国"
    assert outcome.png is not None and dark_pixels(outcome.png) > 500
    assert len(outcome.strokes) == 19 and outcome.canvas_size == dialog.pad.canvas_size()


def test_refusal_needs_a_reason_and_takes_an_optional_witness(dialog, qtbot, screenshot):
    qtbot.mouseClick(dialog.refuse_button, Qt.MouseButton.LeftButton)
    assert dialog.refusing and dialog.pages.currentIndex() == 1
    assert dialog.ok_button.text() == tr("SignatureDialog", "Record refusal")
    assert dialog.refuse_button.text() == tr("SignatureDialog", "Back to signing")
    assert not dialog.clear_button.isVisible()
    assert not dialog.ok_button.isEnabled()
    assert dialog.ok_button.toolTip() == tr("SignatureDialog", "Describe the refusal to record it.")
    dialog.reason_edit.setPlainText("   ")
    assert not dialog.ok_button.isEnabled()
    dialog.reason_edit.setPlainText("负责人在场，经告知后拒绝签字，已全程执法记录仪录像")
    dialog.witness_edit.setText("集士港村村委 李四")
    assert dialog.ok_button.isEnabled()
    screenshot(dialog, "signature_dialog_refuse")

    # back to signing and forth again keeps what was typed
    qtbot.mouseClick(dialog.refuse_button, Qt.MouseButton.LeftButton)
    assert not dialog.refusing and not dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.refuse_button, Qt.MouseButton.LeftButton)
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    outcome = dialog.outcome
    assert outcome.refused and outcome.png is None
    assert outcome.reason == "负责人在场，经告知后拒绝签字，已全程执法记录仪录像"
    assert outcome.witness_name == "集士港村村委 李四"


def test_an_editable_name_is_required(qtbot):
    dialog = SignatureDialog("witness", "", name_editable=True, allow_refusal=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.refuse_button.isVisible()
    mouse_stroke(qtbot, dialog.pad, [(40, 120), (140, 100), (200, 130)])
    assert not dialog.ok_button.isEnabled()
    assert dialog.ok_button.toolTip() == tr("SignatureDialog", "Enter the signer's name.")
    dialog.name_edit.setText("  李四 ")
    assert dialog.ok_button.isEnabled()
    dialog.confirm()
    assert dialog.outcome.signer_name == "李四"


def test_a_refused_submit_keeps_the_dialog_open_with_the_error(qtbot):
    def submit(outcome):
        raise ValidationError("x", "该检查已结束，不能再修改签名", "closed")

    dialog = SignatureDialog("inspector", "张明", submit=submit)
    qtbot.addWidget(dialog)
    dialog.show()
    mouse_stroke(qtbot, dialog.pad, [(40, 120), (140, 100)])
    dialog.confirm()
    box = dialog.findChild(QMessageBox, "errorDialog")
    assert box is not None and "已结束" in box.text()
    assert dialog.isVisible() and dialog.outcome is None and not dialog.pad.is_empty()
    box.close()


# The panel, end to end -------------------------------------------------------------------------------------------


@pytest.fixture
def site(ws):
    return build_site(ws, now=TODAY)


def panel_for(qtbot, ws, inspection) -> SignaturesPanel:
    panel = SignaturesPanel(ws, inspection)
    qtbot.addWidget(panel)
    panel.resize(860, 420)
    panel.setStyleSheet("SignaturesPanel { background: #f6f7f9; }")
    panel.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def sign_row(qtbot, panel: SignaturesPanel, index: int, name: str, *, screenshot=None) -> None:
    button = panel.rows[index].sign_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(12, button.height() // 2))
    dialog = panel.dialog
    assert dialog is not None and dialog.isVisible()
    write(dialog.pad, name, seed=index)
    if screenshot:
        screenshot(dialog, "signatures_panel_dialog")
    with qtbot.waitSignal(panel.changed, timeout=2000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_the_panel_collects_every_required_signature(site, qtbot, screenshot):
    ws, inspection = site.ws, site.inspection
    panel = panel_for(qtbot, ws, inspection)
    texts = [(r.role, r.signer.name if r.signer else None) for r in panel.rows]
    assert texts == [("inspector", "张明"), ("inspector", "李华"), ("principal", ""), ("principal", "王建国")]
    assert all(r.sign_button.text() == tr("SignaturesPanel", "Sign") for r in panel.rows)
    assert panel.summary.text() == fill(
        tr("SignaturesPanel", "{done} of {total} required signatures collected."), done=0, total=4
    )
    screenshot(panel, "signatures_panel_pending")

    sign_row(qtbot, panel, 0, "张明")
    sign_row(qtbot, panel, 1, "李华")
    sign_row(qtbot, panel, 3, "王建国", screenshot=screenshot)
    assert ws.signatures.missing(inspection) == ["负责人（集士港村股份经济合作社）"]
    assert panel.rows[0].thumbnail.isVisibleTo(panel.rows[0]) and not panel.rows[0].thumbnail.pixmap().isNull()
    assert panel.rows[0].sign_button.text() == tr("SignaturesPanel", "Sign again")

    # the landlord's principal is not on file: its on-site lead is asked, and refuses
    menu = panel.rows[2].sign_button.menu()
    (instead,) = menu.actions()
    assert instead.text() == tr("SignaturesPanel", "On-site lead signs instead…")
    instead.trigger()
    dialog = panel.dialog
    assert role_text("onsite_lead") in dialog.windowTitle() and dialog.name_edit.isVisibleTo(dialog)
    dialog.name_edit.setText("陈伟")
    qtbot.mouseClick(dialog.refuse_button, Qt.MouseButton.LeftButton)
    dialog.reason_edit.setPlainText("在场但拒绝签字，称须请示老板；已执法记录仪录像")
    dialog.witness_edit.setText("李四")
    with qtbot.waitSignal(panel.changed, timeout=2000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert ws.signatures.missing(inspection) == []
    rows = ws.signatures.for_inspection(inspection)
    assert sorted((r["role"], r["signer_name"], r["refused"]) for r in rows) == [
        ("inspector", "张明", 0),
        ("inspector", "李华", 0),
        ("onsite_lead", "陈伟", 1),
        ("principal", "王建国", 0),
    ]
    status = panel.rows[2].status.text()
    assert "陈伟" in status and "称须请示老板" in status and "李四" in status
    assert panel.summary.text() == tr("SignaturesPanel", "Everyone required has signed (or refused).")
    screenshot(panel, "signatures_panel")


def test_the_panel_adds_witnesses_and_locks_after_completion(site, qtbot):
    ws, inspection = site.ws, site.inspection
    panel = panel_for(qtbot, ws, inspection)
    panel.open_extra("witness")
    dialog = panel.dialog
    assert not dialog.refuse_button.isVisibleTo(dialog)
    dialog.name_edit.setText("李四")
    mouse_stroke(qtbot, dialog.pad, [(60, 120), (160, 100), (220, 130)])
    with qtbot.waitSignal(panel.changed, timeout=2000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert [r.role for r in panel.rows][-1] == "witness" and len(panel.rows) == 5

    for enterprise_id, code in ws.inspections.missing_items(inspection):
        ws.inspections.record_verdict(inspection, enterprise_id, code, "COMPLIANT")
    ws.inspections.complete(inspection)
    panel.refresh()
    assert not any(r.sign_button.isEnabled() for r in panel.rows if r.sign_button)
    assert not panel.add_button.isEnabled()
    assert panel.summary.text() == tr("SignaturesPanel", "The inspection is completed; its signatures are locked.")


def test_a_service_error_is_shown_and_the_dialog_stays(site, qtbot):
    ws, inspection = site.ws, site.inspection
    panel = panel_for(qtbot, ws, inspection)
    button = panel.rows[0].sign_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(12, button.height() // 2))
    dialog = panel.dialog
    mouse_stroke(qtbot, dialog.pad, [(60, 120), (160, 100)])
    ws.store.update("inspection", inspection, {"status": "VOID"})  # closed behind the panel's back
    with qtbot.assertNotEmitted(panel.changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    box = dialog.findChild(QMessageBox, "errorDialog")
    assert box is not None and dialog.isVisible()
    box.close()
    dialog.reject()
