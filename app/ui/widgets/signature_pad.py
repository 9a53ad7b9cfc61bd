"""Handwritten signatures: the pad and the signing dialog (with the refusal path).

The pad takes a mouse, a pen tablet (with pressure) or a finger on a touch screen, keeps the strokes as
(x, y, pressure) points in pad pixels and renders them as smoothed, pressure-weighted ink. ``to_png()`` crops to the
ink on white (for print); the service keeps both the PNG and the strokes (app/models/signatures.py). The panel
of who must sign is in app/ui/inspection/signatures_panel.py.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEvent,
    QIODevice,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QEventPoint,
    QFont,
    QImage,
    QInputDevice,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.models.drafts import Drafts
from app.ui.i18n import fill
from app.ui.widgets.autosave import DraftField
from app.ui.widgets.dialogs import show_error

Point = tuple[float, float, float]

INK = QColor("#15203a")  # blue-black, prints as black
PAPER = QColor("#ffffff")
BASE_PEN_WIDTH = 2.6  # pad pixels at medium pressure
MOUSE_PRESSURE = 0.5  # a mouse has none; the middle of the range gives the nominal width
MIN_STEP = 0.8  # pad pixels: closer points add nothing but size
PNG_SCALE = 2.0  # output pixels per pad pixel
PNG_MARGIN = 12  # pad pixels of white around the ink
PNG_MAX_SIDE = 1600
PNG_DPI = 300
_INCH_PER_METRE = 39.3701
_POINTER_DEVICES = (QInputDevice.DeviceType.TouchScreen, QInputDevice.DeviceType.Stylus,
                    QInputDevice.DeviceType.Airbrush, QInputDevice.DeviceType.Puck)


def role_text(role: str) -> str:
    labels = {
        "inspector": QCoreApplication.translate("Signatures", "Inspector"),
        "principal": QCoreApplication.translate("Signatures", "Principal"),
        "onsite_lead": QCoreApplication.translate("Signatures", "On-site lead"),
        "witness": QCoreApplication.translate("Signatures", "Witness"),
        "expert": QCoreApplication.translate("Signatures", "Expert"),
        "examinee": QCoreApplication.translate("Signatures", "Examinee"),
    }
    return labels.get(role, role)


def _pen_width(pressure: float) -> float:
    return BASE_PEN_WIDTH * (0.45 + 0.9 * pressure)


def paint_strokes(painter: QPainter, strokes: Sequence[Sequence[Point]]) -> None:
    """Draw strokes as quadratic curves through the midpoints of successive points, each piece as wide as the
    pressure there, with round caps so the pieces join without seams. The painter's transform maps pad pixels to
    the target (pen widths scale with it)."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for stroke in strokes:
        if len(stroke) == 1:
            x, y, p = stroke[0]
            radius = _pen_width(p) / 2
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(INK)
            painter.drawEllipse(QPointF(x, y), radius, radius)
            continue
        painter.setBrush(Qt.BrushStyle.NoBrush)
        points = [QPointF(x, y) for x, y, _ in stroke]
        pressures = [p for _, _, p in stroke]
        mids = [(points[i] + points[i + 1]) / 2 for i in range(len(points) - 1)]
        # pieces: first point -> first midpoint, midpoint -> (curve through point i) -> next midpoint, -> last point
        pieces: list[tuple[QPainterPath, float]] = []
        path = QPainterPath(points[0])
        path.lineTo(mids[0])
        pieces.append((path, (pressures[0] + pressures[1]) / 2))
        for i in range(1, len(points) - 1):
            path = QPainterPath(mids[i - 1])
            path.quadTo(points[i], mids[i])
            pieces.append((path, (pressures[i - 1] + 2 * pressures[i] + pressures[i + 1]) / 4))
        path = QPainterPath(mids[-1])
        path.lineTo(points[-1])
        pieces.append((path, (pressures[-2] + pressures[-1]) / 2))
        for path, pressure in pieces:
            pen = QPen(INK, _pen_width(pressure))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.drawPath(path)


class SignaturePad(QWidget):
    """A white signing area with a baseline; draws with mouse, pen (pressure) or finger.

    Signals:
        changed: a stroke was finished, or the pad was cleared.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setMinimumSize(420, 170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Signature pad"))
        self.setAccessibleDescription(self.tr("Sign with the mouse, a pen or a finger. Delete clears."))
        self._strokes: list[list[Point]] = []
        self._current: list[Point] | None = None
        self._source: str | None = None  # "mouse", "tablet" or "touch" while a stroke is being drawn
        self._touch_id: int | None = None
        self._ink: QImage | None = None  # finished strokes, rendered once
        self._hint = self.tr("Sign here")
        self._help = self.tr("Mouse, pen or finger · Delete clears")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(620, 230)

    # Public API

    def clear(self) -> None:
        had_ink = bool(self._strokes)
        self._strokes = []
        self._current = None
        self._source = None
        self._touch_id = None
        self._ink = None
        self.update()
        if had_ink:
            self.changed.emit()

    def is_empty(self) -> bool:
        """True while there is nothing that counts as a signature: no stroke of at least two points (a lone dot,
        e.g. a stray click, is ink but not a signature; the service refuses the same)."""
        return not any(len(s) >= 2 for s in self._strokes if s is not self._current)

    def strokes(self) -> list[list[Point]]:
        """Finished strokes, one list of (x, y, pressure) per pen-down, in pad pixels, pressure 0..1."""
        return [list(s) for s in self._strokes if s is not self._current]

    def canvas_size(self) -> tuple[int, int]:
        return self.width(), self.height()

    def ink_rect(self) -> QRectF:
        """The bounding box of the ink, pen width included (empty when there is none)."""
        points = [pt for s in self.strokes() for pt in s]
        if not points:
            return QRectF()
        pad = _pen_width(1.0) / 2 + 1
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return QRectF(min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad, max(ys) - min(ys) + 2 * pad)

    def to_png(self) -> bytes:
        """The ink on white, cropped with a margin, at PNG_SCALE (capped at PNG_MAX_SIDE), tagged 300 dpi.

        Raises ValueError on an empty pad."""
        if self.is_empty():
            raise ValueError("the signature pad is empty")
        rect = self.ink_rect().adjusted(-PNG_MARGIN, -PNG_MARGIN, PNG_MARGIN, PNG_MARGIN)
        scale = min(PNG_SCALE, PNG_MAX_SIDE / max(rect.width(), rect.height()))
        image = QImage(max(1, math.ceil(rect.width() * scale)), max(1, math.ceil(rect.height() * scale)),
                       QImage.Format.Format_RGB32)
        image.fill(PAPER)
        dots_per_metre = round(PNG_DPI * _INCH_PER_METRE)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        painter = QPainter(image)
        painter.scale(scale, scale)
        painter.translate(-rect.left(), -rect.top())
        paint_strokes(painter, self.strokes())
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub says bytes; PySide6 takes str
        buffer.close()
        return bytes(data.data())

    # Capturing strokes

    def _begin(self, source: str, position: QPointF, pressure: float) -> None:
        self._source = source
        self._current = [self._point(position, pressure)]
        self._strokes.append(self._current)
        self.update()

    def _extend(self, position: QPointF, pressure: float) -> None:
        if self._current is None:
            return
        point = self._point(position, pressure)
        last = self._current[-1]
        if math.hypot(point[0] - last[0], point[1] - last[1]) < MIN_STEP:
            return
        self._current.append(point)
        margin = math.ceil(_pen_width(1.0)) + 2
        self.update(QRect(round(min(last[0], point[0])) - margin, round(min(last[1], point[1])) - margin,
                          round(abs(point[0] - last[0])) + 2 * margin, round(abs(point[1] - last[1])) + 2 * margin))

    def _end(self) -> None:
        stroke, self._current = self._current, None
        self._source = None
        self._touch_id = None
        if stroke is not None and self._ink is not None:
            painter = QPainter(self._ink)  # the image's device pixel ratio scales the painter
            paint_strokes(painter, [stroke])
            painter.end()
        self.update()
        self.changed.emit()

    def _cancel(self) -> None:
        if self._current is not None:
            self._strokes.remove(self._current)
        self._current = None
        self._source = None
        self._touch_id = None
        self.update()

    def _point(self, position: QPointF, pressure: float) -> Point:
        x = min(max(position.x(), 0.0), float(self.width()))
        y = min(max(position.y(), 0.0), float(self.height()))
        return (round(x, 2), round(y, 2), round(min(max(pressure, 0.0), 1.0), 3))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        # Mouse events Qt synthesises from pen or touch input are skipped: those strokes come from their own events.
        if event.pointingDevice().type() in _POINTER_DEVICES:
            event.ignore()
            return
        if event.button() == Qt.MouseButton.LeftButton and self._source is None:
            self._begin("mouse", event.position(), MOUSE_PRESSURE)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._source != "mouse":
            return
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position(), MOUSE_PRESSURE)
        else:  # the release went elsewhere
            self._end()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._source == "mouse" and event.button() == Qt.MouseButton.LeftButton:
            self._extend(event.position(), MOUSE_PRESSURE)
            self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.TabletPress and self._source is None:
            self._begin("tablet", event.position(), event.pressure())
        elif kind == QEvent.Type.TabletMove and self._source == "tablet":
            self._extend(event.position(), event.pressure())
        elif kind == QEvent.Type.TabletRelease and self._source == "tablet":
            self._end()
        event.accept()  # accepted: Qt then synthesises no mouse events from the pen

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            self._touch(event)  # type: ignore[arg-type]
            return True
        return super().event(event)

    def _touch(self, event: QTouchEvent) -> None:
        """One finger draws; further fingers (a palm, a second hand) are ignored."""
        event.accept()
        kind = event.type()
        if kind == QEvent.Type.TouchCancel:
            self._cancel()
            return
        points = event.points()
        if kind == QEvent.Type.TouchBegin and self._source is None and points:
            self._touch_id = points[0].id()
            self._begin("touch", points[0].position(), self._touch_pressure(event, points[0].pressure()))
            return
        if self._source != "touch":
            return
        point = next((p for p in points if p.id() == self._touch_id), None)
        if point is None:
            return
        self._extend(point.position(), self._touch_pressure(event, point.pressure()))
        if kind == QEvent.Type.TouchEnd or point.state() == QEventPoint.State.Released:
            self._end()

    @staticmethod
    def _touch_pressure(event: QTouchEvent, pressure: float) -> float:
        capable = event.pointingDevice().capabilities() & QInputDevice.Capability.Pressure
        return pressure if capable and 0 < pressure <= 1 else MOUSE_PRESSURE

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)

    # Painting

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._ink = None
        super().resizeEvent(event)

    def _ink_layer(self) -> QImage:
        if self._ink is None:
            ratio = self.devicePixelRatioF()
            self._ink = QImage(math.ceil(self.width() * ratio), math.ceil(self.height() * ratio),
                               QImage.Format.Format_ARGB32_Premultiplied)
            self._ink.setDevicePixelRatio(ratio)
            self._ink.fill(Qt.GlobalColor.transparent)
            painter = QPainter(self._ink)
            paint_strokes(painter, [s for s in self._strokes if s is not self._current])
            painter.end()
        return self._ink

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setClipRect(event.rect())
        rect = QRectF(self.rect())
        painter.fillRect(rect, self.palette().window())
        frame = rect.adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(QColor("#2f6fde") if self.hasFocus() else QColor("#c3c8d0"), 1.5 if self.hasFocus() else 1))
        painter.setBrush(PAPER if self.isEnabled() else QColor("#f3f4f6"))
        painter.drawRoundedRect(frame, 6, 6)

        baseline = round(rect.height() * 0.70) + 0.5
        left, right = 40.0, rect.width() - 28.0
        painter.setPen(QPen(QColor("#a9b0bb"), 1))
        painter.drawLine(QPointF(left, baseline), QPointF(right, baseline))
        cross = QPen(QColor("#8a929e"), 1.6)
        cross.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(cross)
        painter.drawLine(QPointF(20, baseline - 12), QPointF(30, baseline - 2))
        painter.drawLine(QPointF(20, baseline - 2), QPointF(30, baseline - 12))

        if not self._strokes:
            hint = QFont(self.font())
            hint.setPointSizeF(self.font().pointSizeF() * 2.0)
            hint.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 115)
            painter.setFont(hint)
            painter.setPen(QColor("#c9ced6"))
            painter.drawText(QRectF(left, 0, right - left, baseline - 8),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, self._hint)
            small = QFont(self.font())
            small.setPointSizeF(self.font().pointSizeF() * 0.85)
            painter.setFont(small)
            painter.setPen(QColor("#9aa1ac"))
            painter.drawText(QRectF(left, baseline + 6, right - left, rect.height() - baseline - 12),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self._help)

        painter.drawImage(QPointF(0, 0), self._ink_layer())
        if self._current is not None:
            paint_strokes(painter, [self._current])
        painter.end()


@dataclass(frozen=True)
class SignatureOutcome:
    """What the dialog collected: a signature (PNG and strokes) or a refusal (reason, optional witness)."""

    signer_name: str
    refused: bool = False
    png: bytes | None = None
    strokes: list[list[Point]] = field(default_factory=list)
    canvas_size: tuple[int, int] | None = None
    reason: str | None = None
    witness_name: str | None = None


class SignatureDialog(QDialog):
    """Sign, or record a refusal to sign, for one signer.

    ``submit`` (optional) is called with the outcome before the dialog closes; a UserError it raises is shown and
    the dialog stays open, so nothing drawn or typed is lost. After ``accept`` the outcome is in ``self.outcome``.
    """

    def __init__(
        self,
        role: str,
        signer_name: str = "",
        parent: QWidget | None = None,
        *,
        context: str = "",
        name_editable: bool = False,
        allow_refusal: bool = True,
        submit: Callable[[SignatureOutcome], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signatureDialog")
        self.role = role
        self.submit = submit
        self.drafts: list[DraftField] = []
        self.outcome: SignatureOutcome | None = None
        self.refusing = False
        self.context = context
        self.setMinimumWidth(660)

        self.header = QLabel()
        self.header.setObjectName("signatureHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.name_edit = QLineEdit(signer_name)
        self.name_edit.setObjectName("signerName")
        self.name_edit.setPlaceholderText(self.tr("Full name of the person signing"))
        self.name_edit.setMaxLength(50)
        self.name_edit.textChanged.connect(self._update_title)
        self.name_edit.textChanged.connect(self._update)
        name_row = QWidget()
        name_form = QFormLayout(name_row)
        name_form.setContentsMargins(0, 0, 0, 0)
        name_form.addRow(self.tr("Signer's name"), self.name_edit)
        name_row.setVisible(name_editable)

        self.pad = SignaturePad()
        self.pad.changed.connect(self._update)
        self.status = QLabel()
        self.status.setObjectName("signatureStatus")
        self.status.setWordWrap(True)
        sign_page = QWidget()
        sign_layout = QVBoxLayout(sign_page)
        sign_layout.setContentsMargins(0, 0, 0, 0)
        sign_layout.addWidget(self.pad, 1)
        sign_layout.addWidget(self.status)

        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("refusalReason")
        self.reason_edit.setPlaceholderText(
            self.tr("What happened, e.g. the principal was present and refused to sign; recorded by body camera")
        )
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.textChanged.connect(self._update)
        self.witness_edit = QLineEdit()
        self.witness_edit.setObjectName("refusalWitness")
        self.witness_edit.setPlaceholderText(self.tr("Optional: name (and unit) of a witness who saw the refusal"))
        self.witness_edit.setMaxLength(50)
        explanation = QLabel(
            self.tr("The refusal is recorded with the time, your statement and the witness, and noted on the record.")
        )
        explanation.setWordWrap(True)
        explanation.setStyleSheet("color: #5f6368;")
        refuse_page = QFrame()
        refuse_page.setObjectName("refusalForm")
        refuse_page.setFrameShape(QFrame.Shape.StyledPanel)
        refuse_form = QFormLayout(refuse_page)
        refuse_form.addRow(explanation)
        refuse_form.addRow(self.tr("Refusal (required)"), self.reason_edit)
        refuse_form.addRow(self.tr("Witness"), self.witness_edit)

        self.pages = QStackedWidget()
        self.pages.addWidget(sign_page)
        self.pages.addWidget(refuse_page)

        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setObjectName("clearButton")
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self._clear)
        self.refuse_button = QPushButton(self.tr("Refuse to sign…"))
        self.refuse_button.setObjectName("refuseButton")
        self.refuse_button.setAutoDefault(False)
        self.refuse_button.clicked.connect(self.toggle_refusal)
        self.refuse_button.setVisible(allow_refusal)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = QPushButton(self.tr("OK"))
        self.ok_button.setObjectName("okButton")
        self.ok_button.setDefault(True)
        self.ok_button.setMinimumWidth(96)
        self.ok_button.clicked.connect(self.confirm)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.refuse_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.header)
        layout.addWidget(name_row)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.pad.setFocus()
        self._update_title()
        self._update()

    def signer_name(self) -> str:
        return " ".join(self.name_edit.text().split())

    def _update_title(self) -> None:
        who = " ".join(p for p in (role_text(self.role), self.signer_name()) if p)
        self.setWindowTitle(fill(self.tr("Signature — {who}"), who=who))
        self.header.setText(
            f"<span style='font-size:13pt; font-weight:600;'>{html.escape(who)}</span>"
            + (f"<br><span style='color:#5f6368;'>{html.escape(self.context)}</span>" if self.context else "")
        )

    def toggle_refusal(self) -> None:
        """Switch between signing and recording a refusal; what was drawn or typed in the other mode is kept."""
        self.refusing = not self.refusing
        self.pages.setCurrentIndex(1 if self.refusing else 0)
        self.refuse_button.setText(self.tr("Back to signing") if self.refusing else self.tr("Refuse to sign…"))
        self.ok_button.setText(self.tr("Record refusal") if self.refusing else self.tr("OK"))
        self.clear_button.setVisible(not self.refusing)
        (self.reason_edit if self.refusing else self.pad).setFocus()
        self._update()

    def missing(self) -> str:
        """Why OK is disabled ("" when it is not)."""
        if not self.signer_name():
            return self.tr("Enter the signer's name.")
        if self.refusing:
            return "" if self.reason_edit.toPlainText().strip() else self.tr("Describe the refusal to record it.")
        return self.tr("The signature area is empty: sign above to enable OK.") if self.pad.is_empty() else ""

    def _update(self) -> None:
        missing = self.missing()
        self.ok_button.setEnabled(not missing)
        self.ok_button.setToolTip(missing)
        if self.refusing:
            return
        if missing:
            self.status.setText(missing)
            self.status.setStyleSheet("color: #8a5a00;")
        else:
            self.status.setText(self.tr("Signed. Check the signature, then press OK (Clear to sign again)."))
            self.status.setStyleSheet("color: #1e7d32;")

    def _clear(self) -> None:
        self.pad.clear()
        self.pad.setFocus()

    def current_outcome(self) -> SignatureOutcome:
        name = self.signer_name()
        if self.refusing:
            return SignatureOutcome(
                name,
                refused=True,
                reason=self.reason_edit.toPlainText().strip(),
                witness_name=" ".join(self.witness_edit.text().split()) or None,
            )
        return SignatureOutcome(
            name, png=self.pad.to_png(), strokes=self.pad.strokes(), canvas_size=self.pad.canvas_size()
        )

    def confirm(self) -> None:
        if self.missing():
            return
        outcome = self.current_outcome()
        if self.submit is not None:
            try:
                self.submit(outcome)
            except UserError as exc:
                show_error(self, exc)
                return
        self.outcome = outcome
        for draft in self.drafts:
            draft.done()
        self.accept()

    def keep_drafts(self, drafts: Drafts, key: str) -> None:
        """Save the name, refusal statement and witness as they are typed, under `key`, until confirmed."""
        self.drafts = [DraftField(edit, drafts, f"{key}/{part}") for part, edit in
                       (("name", self.name_edit), ("reason", self.reason_edit), ("witness", self.witness_edit))]


