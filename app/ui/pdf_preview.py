"""A read-only preview of PDF bytes: every page rendered with pypdfium2 as an image, stacked in a scroll area and
scaled to the width of the view; a "page x / y" label follows the scroll position."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

PREVIEW_DPI = 110  # sharp enough on a laptop screen at fit-width, cheap to render
PAGE_GAP = 8


def render_pages(data: bytes, dpi: float = PREVIEW_DPI) -> list[QImage]:
    """Each page of the PDF as an RGB QImage at `dpi` (the PDF's own page size, 72 points per inch)."""
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


class _Viewport(QScrollArea):
    """The scroll area; tells the preview when its width changes so the pages are re-fitted."""

    def __init__(self, preview: PdfPreview) -> None:
        super().__init__(preview)
        self._preview = preview

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._preview.fit_width()


class PdfPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self.scroll = _Viewport(self)
        self.scroll.setWidget(self.pages)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.scroll.setStyleSheet("QWidget#pdfPages { background: #808080; }")
        self.scroll.verticalScrollBar().valueChanged.connect(self._update_page_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.page_label)
        self.clear()

    # Content

    def clear(self) -> None:
        self.set_pdf(None)

    def set_pdf(self, data: bytes | None) -> None:
        """Show these PDF bytes (None: nothing). Raises whatever pypdfium2 raises for a broken file."""
        for label in self._labels:
            self.pages_layout.removeWidget(label)
            label.deleteLater()
        self._labels = []
        self._images = render_pages(data) if data else []
        for index, _image in enumerate(self._images):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setObjectName(f"page{index + 1}")
            self.pages_layout.insertWidget(index, label)
            self._labels.append(label)
        self._fitted_width = 0
        self.fit_width()
        self.scroll.verticalScrollBar().setValue(0)
        self._update_page_label()

    def page_count(self) -> int:
        return len(self._images)

    def page_pixmap(self, index: int) -> QPixmap:
        """The pixmap shown for page `index` (0-based)."""
        return self._labels[index].pixmap()

    def current_page(self) -> int:
        """The 0-based page at the top of the view."""
        top = self.scroll.verticalScrollBar().value()
        for index, label in enumerate(self._labels):
            if label.geometry().bottom() >= top + PAGE_GAP:
                return index
        return max(0, len(self._labels) - 1)

    # Zoom: fit width

    def fit_width(self) -> None:
        width = max(50, self.scroll.viewport().width() - 2 * PAGE_GAP)
        if width == self._fitted_width or not self._images:
            return
        self._fitted_width = width
        for image, label in zip(self._images, self._labels, strict=True):
            label.setPixmap(QPixmap.fromImage(image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)))
        self._update_page_label()

    def _update_page_label(self) -> None:
        if not self._images:
            self.page_label.setText(self.tr("No document"))
            return
        self.page_label.setText(self.tr("Page %1 / %2").replace("%1", str(self.current_page() + 1))
                                .replace("%2", str(len(self._images))))
