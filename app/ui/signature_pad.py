"""Handwritten signatures: the pad, the signing dialog (with the refusal path) and the panel of who must sign.

The pad takes a mouse, a pen tablet (with pressure) or a finger on a touch screen, keeps the strokes as
(x, y, pressure) points in pad pixels and renders them as smoothed, pressure-weighted ink. ``to_png()`` crops to the
ink on white (for print); the service keeps both the PNG and the strokes (app/models/signatures.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

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
    QPixmap,
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
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.models.signatures import RequiredSigner, Signatures
from app.models.workspace import Workspace
from app.ui.dialogs import show_error

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
        image.save(buffer, "PNG")
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
        self.setWindowTitle(self.tr("Signature — %1").replace("%1", who))
        self.header.setText(
            f"<span style='font-size:13pt; font-weight:600;'>{_escape(who)}</span>"
            + (f"<br><span style='color:#5f6368;'>{_escape(self.context)}</span>" if self.context else "")
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
        self.accept()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _SignerRow(QFrame):
    """One line of the panel: role, name (and enterprise), the signature or refusal, and the action button.

    The signature slot has a fixed size in every row, so the columns line up."""

    THUMB = QSize(160, 44)

    def __init__(self, role: str, name: str, context: str, unnamed: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signerRow")
        self.role = role
        self.signer: RequiredSigner | None = None
        self.sign_button: QToolButton | None = None
        self.setStyleSheet(
            "#signerRow { background: #ffffff; border: 1px solid #e1e4e8; border-radius: 6px; }"
            "#signerRow QLabel { border: none; background: transparent; }"
            "#signerRow QLabel#roleChip { background: #eef2f8; color: #2c3e5c; border-radius: 4px; padding: 3px 6px; }"
        )
        chip = QLabel(role_text(role))
        chip.setObjectName("roleChip")
        chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        chip.setFixedWidth(96)
        lines = [f"<b>{_escape(name)}</b>" if name else f"<span style='color:#8a5a00;'>{_escape(unnamed)}</span>"]
        if context:
            lines.append(f"<span style='color:#5f6368;'>{_escape(context)}</span>")
        self.who = QLabel("<br>".join(lines))
        self.who.setTextFormat(Qt.TextFormat.RichText)
        self.who.setWordWrap(True)
        self.who.setMinimumWidth(200)
        self.thumbnail = QLabel()
        self.thumbnail.setObjectName("signatureThumbnail")
        self.thumbnail.setFixedSize(self.THUMB.width() + 8, self.THUMB.height() + 8)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel()
        self.status.setObjectName("signerStatus")
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setWordWrap(True)
        self.actions = QHBoxLayout()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(14)
        layout.addWidget(chip, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.who, 2)
        layout.addWidget(self.thumbnail)
        layout.addWidget(self.status, 3)
        layout.addLayout(self.actions)

    def show_slot(self, text: str, colour: str, background: str, border: str) -> None:
        self.thumbnail.setText(text)
        self.thumbnail.setStyleSheet(
            f"#signatureThumbnail {{ color: {colour}; background: {background}; border: 1px {border}; "
            "border-radius: 4px; }"
        )


class SignaturesPanel(QWidget):
    """Who must sign the inspection record (each inspector, each enterprise's principal), each with a button that
    opens the signing dialog; done signatures show as thumbnails, refusals as "Refused: reason".

    Signals:
        changed: a signature or refusal was saved.
    """

    changed = Signal()

    def __init__(
        self,
        workspace: Workspace,
        inspection_id: str,
        parent: QWidget | None = None,
        *,
        signatures: Signatures | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.inspection_id = inspection_id
        # The Workspace owns the service; tests and previews may pass their own.
        self.service: Signatures = signatures or workspace.signatures
        self.dialog: SignatureDialog | None = None
        self.rows: list[_SignerRow] = []
        self.list_layout = QVBoxLayout()
        self.list_layout.setSpacing(6)
        self.summary = QLabel()
        self.summary.setObjectName("signaturesSummary")
        self.summary.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Add witness or expert…"))
        self.add_button.setObjectName("addSignerButton")
        menu = QMenu(self.add_button)
        menu.addAction(self.tr("Witness signature…"), lambda: self.open_extra("witness"))
        menu.addAction(self.tr("Expert signature…"), lambda: self.open_extra("expert"))
        self.add_button.setMenu(menu)
        footer = QHBoxLayout()
        footer.addWidget(self.summary, 1)
        footer.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.list_layout)
        layout.addLayout(footer)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        for row in self.rows:
            self.list_layout.removeWidget(row)
            row.deleteLater()
        self.rows = []
        required = self.service.required(self.inspection_id)
        settled = {r.settled_by["id"] for r in required if r.settled_by}
        editable = self.workspace.inspections.get(self.inspection_id)["status"] == "IN_PROGRESS"
        for signer in required:
            self._add_required(signer, editable)
        for extra in self.service.for_inspection(self.inspection_id):
            if extra["id"] not in settled:
                row = _SignerRow(extra["role"], extra["signer_name"], self._enterprise_name(extra["enterprise_id"]))
                self._show(row, extra)
                self._add(row)
        done, total = sum(1 for r in required if r.done), len(required)
        self.add_button.setEnabled(editable)
        if not editable:
            self._say(self.tr("The inspection is completed; its signatures are locked."), "#5f6368")
        elif done == total:
            self._say(self.tr("Everyone required has signed (or refused)."), "#1e7d32")
        else:
            text = self.tr("%1 of %2 required signatures collected.")
            self._say(text.replace("%1", str(done)).replace("%2", str(total)), "#8a5a00")

    def _say(self, text: str, colour: str) -> None:
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {colour};")

    def _add(self, row: _SignerRow) -> None:
        self.rows.append(row)
        self.list_layout.addWidget(row)

    def _add_required(self, signer: RequiredSigner, editable: bool) -> None:
        row = _SignerRow(signer.role, signer.name, signer.enterprise_name or "", self.tr("Name not on file"))
        row.signer = signer
        self._show(row, signer.settled_by)
        button = QToolButton()
        button.setObjectName("signButton")
        button.setText(self.tr("Sign again") if signer.done else self.tr("Sign"))
        button.setMinimumWidth(96)
        button.setMinimumHeight(30)
        button.setEnabled(editable)
        button.clicked.connect(lambda _=False, s=signer: self.open_required(s))
        if signer.role == "principal":
            menu = QMenu(button)
            instead = self.tr("On-site lead signs instead…")
            menu.addAction(instead, lambda s=signer: self.open_required(s, "onsite_lead"))
            button.setMenu(menu)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        row.actions.addWidget(button)
        row.sign_button = button
        self._add(row)

    def _show(self, row: _SignerRow, signature: dict[str, Any] | None) -> None:
        if signature is None:
            row.show_slot(self.tr("Not signed yet"), "#8a5a00", "#fffaf0", "dashed #e0c48a")
            return
        when = signature["signed_at"][11:16]
        # Someone other than the row's signer settled it (an on-site lead for the principal): say who.
        by = [] if signature["role"] == row.role else [f"{role_text(signature['role'])} {signature['signer_name']}"]
        footnote = f"<br><span style='color:#5f6368;'>{_escape(' · '.join([*by, when]))}</span>"
        if signature["refused"]:
            row.show_slot(self.tr("Refused to sign"), "#b3261e", "#fdecea", "solid #f1c4bf")
            text = self.tr("Refused: %1").replace("%1", signature["refusal_reason"])
            if signature["witness_name"]:
                text += self.tr("(witness: %1)").replace("%1", signature["witness_name"])
            row.status.setText(f"<span style='color:#b3261e;'>{_escape(text)}</span>{footnote}")
            return
        pixmap = QPixmap()
        data = self.service.image(signature["id"])
        if data and pixmap.loadFromData(data, "PNG"):
            ratio = self.devicePixelRatioF()
            scaled = pixmap.scaled(row.THUMB * ratio, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
            scaled.setDevicePixelRatio(ratio)
            row.show_slot("", "#000000", "#ffffff", "solid #e1e4e8")
            row.thumbnail.setPixmap(scaled)
            row.thumbnail.setToolTip(signature["signed_at"].replace("T", " "))
        signed = "✓ " + self.tr("Signed %1").replace("%1", when)
        row.status.setText(f"<span style='color:#1e7d32;'>{_escape(signed)}</span>"
                           + (f"<br><span style='color:#5f6368;'>{_escape(by[0])}</span>" if by else ""))

    def _enterprise_name(self, enterprise_id: str | None) -> str:
        return self.workspace.registry.get_enterprise(enterprise_id)["name"] if enterprise_id else ""

    # Opening the dialog

    def open_required(self, signer: RequiredSigner, role: str | None = None) -> SignatureDialog:
        """Open the signing dialog for a required signer (for an enterprise, the principal or the on-site lead)."""
        role = role or signer.role
        name = signer.name if role == signer.role else ""
        if role == "onsite_lead" and signer.enterprise_id:
            lead = self.workspace.registry.person(signer.enterprise_id, "onsite_lead")
            name = lead["name"] if lead else ""

        def submit(outcome: SignatureOutcome) -> None:
            ids: dict[str, Any] = {}
            if role == "inspector":
                ids["inspector_id"] = signer.inspector_id
            elif signer.person_id and role == signer.role and outcome.signer_name == signer.name:
                ids["person_id"] = signer.person_id
            else:
                ids["enterprise_id"] = signer.enterprise_id
            self._save(role, outcome, ids)

        refusable = role in ("principal", "onsite_lead")
        return self._open(role, name, signer.enterprise_name or "", role != "inspector", refusable, submit)

    def open_extra(self, role: str) -> SignatureDialog:
        """Open the signing dialog for a co-signer nobody requires (a witness or an expert)."""
        return self._open(role, "", "", True, False, lambda outcome: self._save(role, outcome, {}))

    def _open(
        self, role: str, name: str, context: str, name_editable: bool, allow_refusal: bool,
        submit: Callable[[SignatureOutcome], None],
    ) -> SignatureDialog:
        dialog = SignatureDialog(
            role, name, self, context=context, name_editable=name_editable, allow_refusal=allow_refusal, submit=submit
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._saved)
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _save(self, role: str, outcome: SignatureOutcome, ids: dict[str, Any]) -> None:
        if outcome.refused:
            self.service.refuse(
                self.inspection_id, role, outcome.signer_name, outcome.reason or "", outcome.witness_name,
                ids.get("person_id"), enterprise_id=ids.get("enterprise_id"),
            )
        else:
            self.service.sign(
                self.inspection_id, role, outcome.signer_name, image_png=outcome.png or b"", strokes=outcome.strokes,
                canvas_size=outcome.canvas_size, **ids,
            )

    def _saved(self) -> None:
        try:
            self.refresh()
        except UserError as exc:
            show_error(self, exc)
        self.changed.emit()

    def _closed(self) -> None:
        self.dialog = None
