"""A read-only preview of PDF bytes: every page rendered with pypdfium2 as an image, stacked in a scroll area and
scaled to the width of the view; a "page x / y" label follows the scroll position.

Pages are rendered on a thread of their own (a pure function of the bytes: no database), so choosing another
document never stalls the window; a render that a newer choice overtook is dropped."""

from __future__ import annotations

import threading
import weakref
from concurrent.futures import ThreadPoolExecutor

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.ui.i18n import fill

PREVIEW_DPI = 110  # sharp enough on a laptop screen at fit-width, cheap to render
PAGE_GAP = 8


# PDFium is not thread-safe (pypdfium2's documentation): the preview thread and a print on the op thread may both
# render at once, which aborts the process. One lock serialises every use.
_PDFIUM = threading.Lock()


def render_pages(data: bytes, dpi: float = PREVIEW_DPI) -> list[QImage]:
    """Each page of the PDF as an RGB QImage at `dpi` (the PDF's own page size, 72 points per inch)."""
    with _PDFIUM:
        return _render_pages(data, dpi)


def _render_pages(data: bytes, dpi: float) -> list[QImage]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        images = []
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                pil = page.render(scale=dpi / 72).to_pil().convert("RGB")
            finally:
                page.close()
            raw = pil.tobytes()
            image = QImage(raw, pil.width, pil.height, 3 * pil.width, QImage.Format.Format_RGB888)
            images.append(image.copy())  # own the pixels: `raw` goes away
        return images
    finally:
        pdf.close()


class _Renderer(QObject):
    """The render thread, shared by every preview; results come back to the GUI thread through `_done`."""

    _done = Signal(object, int, object, str)  # weakref to the preview, ticket, images, error

    _instance: _Renderer | None = None

    @classmethod
    def shared(cls) -> _Renderer:
        if cls._instance is None:
            cls._instance = _Renderer()
        return cls._instance

    def __init__(self) -> None:
        super().__init__()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldsafe-preview")
        self._latest: dict[int, int] = {}  # id of a preview → its latest ticket
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def submit(self, preview: PdfPreview, ticket: int, data: bytes) -> None:
        self._latest[id(preview)] = ticket
        self._pool.submit(self._render, id(preview), weakref.ref(preview), ticket, data)

    def _render(self, key: int, preview: weakref.ref[PdfPreview], ticket: int, data: bytes) -> None:
        # No strong reference to the widget here: its last one must never be dropped off the GUI thread.
        if self._latest.get(key) != ticket:
            return  # overtaken by a newer choice before it started
        try:
            self._done.emit(preview, ticket, render_pages(data), "")
        except Exception as exc:  # noqa: BLE001 - pdfium's own errors: a broken file is shown as such
            self._done.emit(preview, ticket, [], str(exc) or type(exc).__name__)

    @staticmethod
    def _deliver(preview: weakref.ref[PdfPreview], ticket: int, images: list[QImage], error: str) -> None:
        target = preview()
        if target is not None and shiboken6.isValid(target) and ticket == target.ticket:
            target.show_pages(images, error)


class _Viewport(QScrollArea):
    """The scroll area; tells the preview when its width changes so the pages are re-fitted."""

    def __init__(self, preview: PdfPreview) -> None:
        super().__init__(preview)
        self._preview = preview

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._preview.fit_width()


class PdfPreview(QWidget):
    """Signals:
        rendered(): the pages of the latest set_pdf are shown (or why they cannot be).
    """

    rendered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ticket = 0  # the latest set_pdf; older renders are dropped
        self.rendering = False
        self.error = ""
        self._images: list[QImage] = []
        self._labels: list[QLabel] = []
        self._fitted_width = 0
        self.page_label = QLabel()
        self.page_label.setObjectName("pageLabel")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QWidget()
        self.pages.setObjectName("pdfPages")
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setSpacing(PAGE_GAP)
        self.pages_layout.setContentsMargins(PAGE_GAP, PAGE_GAP, PAGE_GAP, PAGE_GAP)
        self.pages_layout.addStretch(1)
        self.scroll_area = _Viewport(self)
        self.scroll_area.setWidget(self.pages)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.StyledPanel)
        self.scroll_area.setStyleSheet("QWidget#pdfPages { background: #808080; }")
        self.scroll_area.verticalScrollBar().valueChanged.connect(self._update_page_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.page_label)
        self.clear()

    # Content

    def clear(self) -> None:
        self.set_pdf(None)

    def set_pdf(self, data: bytes | None) -> None:
        """Show these PDF bytes (None: nothing) once rendered; `rendered` tells when."""
        self.ticket += 1
        self.show_pages([], "", rendering=bool(data))
        if data:
            _Renderer.shared().submit(self, self.ticket, data)

    def show_pages(self, images: list[QImage], error: str, *, rendering: bool = False) -> None:
        """Show rendered pages, or why there are none (`error`); `rendering`: the pages are on their way."""
        for label in self._labels:
            self.pages_layout.removeWidget(label)
            label.deleteLater()
        self._labels = []
        self._images, self.error, self.rendering = images, error, rendering
        for index, _image in enumerate(self._images):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setObjectName(f"page{index + 1}")
            self.pages_layout.insertWidget(index, label)
            self._labels.append(label)
        self._fitted_width = 0
        self.fit_width()
        self.scroll_area.verticalScrollBar().setValue(0)
        self._update_page_label()
        if not self.rendering:
            self.rendered.emit()

    def page_count(self) -> int:
        return len(self._images)

    def page_pixmap(self, index: int) -> QPixmap:
        """The pixmap shown for page `index` (0-based)."""
        return self._labels[index].pixmap()

    def current_page(self) -> int:
        """The 0-based page at the top of the view."""
        top = self.scroll_area.verticalScrollBar().value()
        for index, label in enumerate(self._labels):
            if label.geometry().bottom() >= top + PAGE_GAP:
                return index
        return max(0, len(self._labels) - 1)

    # Zoom: fit width

    def fit_width(self) -> None:
        width = max(50, self.scroll_area.viewport().width() - 2 * PAGE_GAP)
        if width == self._fitted_width or not self._images:
            return
        self._fitted_width = width
        for image, label in zip(self._images, self._labels, strict=True):
            label.setPixmap(QPixmap.fromImage(image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)))
        self._update_page_label()

    def _update_page_label(self) -> None:
        if not self._images:
            self.page_label.setText(
                self.tr("Rendering…") if self.rendering else
                fill(self.tr("The document cannot be shown: {error}"), error=self.error) if self.error else
                self.tr("No document"))
            return
        self.page_label.setText(fill(self.tr("Page {page} / {count}"),
                                     page=self.current_page() + 1, count=len(self._images)))
