"""A row of photo thumbnails for one item result or hazard: add (dialog, drag and drop, paste), preview, remove.

Photos are evidence, so the strip never changes a photo: adding stores the original plus the derived images
(`Inspections.attach_photo`), removing is the service's tombstone. Removing asks first, in a non-blocking box: the
tombstone keeps the photo in the change log and the blob store, but nothing in the UI brings it back, so a slip
of the mouse would otherwise cost the record a piece of evidence.

Thumbnails come from the blob store only when the view paints them (the model loads decorations on request), so
an item with many photos opens at once and a photo whose blob has not been synced yet shows a placeholder.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import PhotoError, UserError
from app.models.workspace import Workspace
from app.ui.i18n import fill
from app.ui.widgets.dialogs import show_error

THUMB_SIZE = QSize(120, 90)
CELL_SIZE = QSize(168, 114)  # thumbnail + one line of text in the view's smaller font
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff")  # what app.models.images reads
CLIPBOARD_NAME = "剪贴板图片.png"  # stored as the photo's original name, which is shown in the record

PhotoRole = Qt.ItemDataRole.UserRole + 1

_last_dir = ""  # the folder of the last file dialog, for this session


def _short_time(iso: str | None) -> str:
    """'2026-11-23T09:41:07' -> '2026-11-23 09:41'."""
    if not iso:
        return ""
    return iso.replace("T", " ")[:16]


def _placeholder(text: str) -> QPixmap:
    pixmap = QPixmap(THUMB_SIZE)
    pixmap.fill(QColor("#e8e8e8"))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#777"))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
    painter.end()
    return pixmap


def _centred(image: QPixmap) -> QPixmap:
    """The image fitted into a transparent THUMB_SIZE canvas, so every caption sits on the same line."""
    scaled = image.scaled(THUMB_SIZE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    canvas = QPixmap(THUMB_SIZE)
    canvas.fill(Qt.GlobalColor.transparent)
    painter = QPainter(canvas)
    painter.drawPixmap((THUMB_SIZE.width() - scaled.width()) // 2, (THUMB_SIZE.height() - scaled.height()) // 2,
                       scaled)
    painter.end()
    return canvas


def image_png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub says bytes; PySide6 takes str
    buffer.close()
    return bytes(data.data())


class PhotoModel(QAbstractListModel):
    """The owner's photos; thumbnails are read from the blob store the first time the view asks for one."""

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.photos: list[dict[str, Any]] = []
        self._pixmaps: dict[str, QPixmap] = {}  # by thumbnail sha256, kept across reloads of the same owner
        self.loaded: set[str] = set()  # thumbnail hashes read so far (tests check the laziness)

    def set_photos(self, photos: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.photos = photos
        keep = {p["thumb_sha256"] for p in photos}
        self._pixmaps = {sha: pm for sha, pm in self._pixmaps.items() if sha in keep}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.photos)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.photos):
            return None
        photo = self.photos[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.time_label(photo)
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbnail(photo)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(photo)
        if role == PhotoRole:
            return photo
        return None

    def time_label(self, photo: dict[str, Any]) -> str:
        if photo["taken_at"]:
            return fill(self.tr("Taken {taken_at}"), taken_at=_short_time(photo["taken_at"]))
        return fill(self.tr("Added {added_at}"), added_at=_short_time(photo["added_at"]))

    def tooltip(self, photo: dict[str, Any]) -> str:
        lines = [photo["original_name"] or ""]
        if photo["caption"]:
            lines.append(photo["caption"])
        if photo["taken_at"]:
            lines.append(fill(self.tr("Taken {taken_at}"), taken_at=_short_time(photo["taken_at"])))
        lines.append(fill(self.tr("Added {added_at}"), added_at=_short_time(photo["added_at"])))
        lines.append(f"{photo['width']} × {photo['height']}")
        return "\n".join(line for line in lines if line)

    def thumbnail(self, photo: dict[str, Any]) -> QPixmap:
        sha = photo["thumb_sha256"]
        pixmap = self._pixmaps.get(sha)
        if pixmap is None:
            self.loaded.add(sha)
            pixmap = QPixmap()
            try:
                data = self.workspace.blobs.read(sha)
            except UserError:
                data = b""  # not synced to this laptop yet, or damaged: the integrity check reports that
            if not (data and pixmap.loadFromData(data)):
                pixmap = _placeholder(self.tr("Photo not available"))
            else:
                pixmap = _centred(pixmap)
            self._pixmaps[sha] = pixmap
        return pixmap


class _ThumbnailView(QListView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setIconSize(THUMB_SIZE)
        self.setGridSize(CELL_SIZE)
        self.setUniformItemSizes(True)  # the view then asks only visible rows for their thumbnails
        self.setWordWrap(False)
        font = self.font()
        font.setPointSizeF(9)
        self.setFont(font)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        self.setAcceptDrops(False)  # drops go to the strip
        self.viewport().setAcceptDrops(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFixedHeight(CELL_SIZE.height() + self.horizontalScrollBar().sizeHint().height() + 4)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)


class PhotoStrip(QWidget):
    """Photos of one item result or hazard. `changed` is emitted after a photo was added or removed."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoStrip")
        self.workspace = workspace
        self.item_result_id: str | None = None
        self.hazard_id: str | None = None
        self.stage: str | None = None
        self._confirm: QMessageBox | None = None
        self._empty_text: str | None = None
        self._empty_warns = False
        self._read_only = False

        self.model = PhotoModel(workspace, self)
        self.view = _ThumbnailView(self)
        self.view.setObjectName("photoThumbnails")
        self.view.setModel(self.model)
        self.view.doubleClicked.connect(self._preview_index)
        self.view.installEventFilter(self)

        self.add_button = QPushButton(self.tr("Add photos…"))
        self.add_button.setObjectName("addPhotos")
        self.add_button.clicked.connect(self.choose_files)
        self.paste_button = QPushButton(self.tr("Paste"))
        self.paste_button.setObjectName("pastePhoto")
        self.paste_button.setToolTip(self.tr("Paste an image from the clipboard (Ctrl+V)"))
        self.paste_button.clicked.connect(self.paste)
        self.hint = QLabel()
        self.hint.setObjectName("photoHint")
        self.hint.setWordWrap(True)

        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.paste_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.view, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        self.setAcceptDrops(True)
        self.setFocusProxy(self.view)
        self._set_drag_highlight(False)
        self.set_owner()

    # Owner

    def set_owner(self, item_result_id: str | None = None, hazard_id: str | None = None,
                  stage: str | None = None) -> None:
        """Show the photos of an item result or of a hazard; with neither, the strip waits for a verdict. `stage`
        AFTER shows (and adds) only a hazard's photos taken after rectification."""
        if item_result_id and hazard_id:
            raise ValueError("a photo strip shows the photos of one owner")
        self.item_result_id, self.hazard_id, self.stage = item_result_id, hazard_id, stage
        self.reload()

    def set_empty_text(self, text: str | None, warn: bool = False) -> None:
        """What the hint says while the owner has no photo (None: the default); `warn` shows it in orange."""
        self._empty_text, self._empty_warns = text, warn
        self.reload()

    def set_read_only(self, read_only: bool) -> None:
        """Photos can still be opened, but not added or removed (a finished inspection, a closed hazard)."""
        if read_only != self._read_only:
            self._read_only = read_only
            self.reload()

    @property
    def has_owner(self) -> bool:
        return bool(self.item_result_id or self.hazard_id)

    @property
    def editable(self) -> bool:
        return self.has_owner and not self._read_only

    def photo_ids(self) -> list[str]:
        return [p["id"] for p in self.model.photos]

    def reload(self) -> None:
        owner = self.has_owner
        photos = (
            self.workspace.inspections.photos(item_result_id=self.item_result_id, hazard_id=self.hazard_id,
                                              stage=self.stage)
            if owner
            else []
        )
        self.model.set_photos(photos)
        self.view.setEnabled(owner)
        self.add_button.setEnabled(self.editable)
        self.paste_button.setEnabled(self.editable)
        warn = False
        if not owner:
            self.hint.setText(self.tr("Give the verdict first, then photos can be added"))
        elif self._read_only:
            self.hint.setText(self.tr("%n photo(s).", "", len(photos)))
        elif photos:
            self.hint.setText(
                self.tr("%n photo(s). Drop image files here or paste with Ctrl+V; right-click a photo to remove it.",
                        "", len(photos))
            )
        else:
            warn = self._empty_warns
            self.hint.setText(self._empty_text or self.tr(
                "No photos yet. Add them with the button, drop image files here, or paste with Ctrl+V."))
        self.hint.setProperty("warn", warn)
        self.hint.setStyleSheet("color: #a15c00;" if warn else "color: #666;")

    # Adding

    def choose_files(self) -> None:
        global _last_dir
        filters = ";;".join(
            [fill(self.tr("Images ({patterns})"),
                  patterns=" ".join("*" + s for s in IMAGE_SUFFIXES)), self.tr("All files (*)")]
        )
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add photos"), _last_dir, filters)
        if paths:
            _last_dir = str(Path(paths[0]).parent)
            self.add_files([Path(p) for p in paths])

    def add_files(self, paths: Iterable[Path | str]) -> list[str]:
        """Attach each file; the ones that fail are reported together after the others were stored.

        Returns the ids of the photos added."""
        return self._add([(Path(p), None) for p in paths])

    def add_image(self, image: QImage, name: str = CLIPBOARD_NAME) -> str | None:
        """Attach an in-memory image (clipboard, or an image dragged from a browser) as PNG."""
        added = self._add([(image_png_bytes(image), name)])
        return added[0] if added else None

    def paste(self) -> None:
        """Files copied in a file manager keep their original bytes (and EXIF); otherwise the copied image."""
        if not self.editable:
            return
        mime = QGuiApplication.clipboard().mimeData()
        paths = self._local_files(mime.urls()) if mime is not None and mime.hasUrls() else []
        if paths:
            self.add_files(paths)
            return
        if mime is not None and mime.hasImage():
            image = QGuiApplication.clipboard().image()
            if not image.isNull():
                self.add_image(image)
                return
        show_error(self, PhotoError("photo.clipboard_empty", "剪贴板中没有图片。", "The clipboard holds no image."))

    def _add(self, sources: Sequence[tuple[Path | bytes, str | None]]) -> list[str]:
        if not self.editable or not sources:
            return []
        added: list[str] = []
        failures: list[str] = []
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            for source, name in sources:
                label = name or (source.name if isinstance(source, Path) else CLIPBOARD_NAME)
                try:
                    if isinstance(source, Path) and not source.is_file():
                        raise PhotoError(
                            "photo.not_a_file",
                            "{file} 不是文件（文件夹或已被移走）。",
                            "{file} is not a file (a folder, or it was moved).",
                            file=label,
                        )
                    added.append(
                        self.workspace.inspections.attach_photo(
                            source, item_result_id=self.item_result_id, hazard_id=self.hazard_id, name=name,
                            stage=self.stage or "BEFORE",
                        )
                    )
                except UserError as exc:
                    failures.append(exc.message)
                except OSError as exc:  # e.g. the disk is full while storing the blob
                    failures.append(f"{label}：{exc.strerror or exc}")
        finally:
            QApplication.restoreOverrideCursor()
        if added:
            self.reload()
            self.view.scrollTo(self.model.index(len(self.model.photos) - 1))
            self.changed.emit()
        if failures:
            self._report(failures, len(added))
        return added

    def _report(self, failures: list[str], added: int) -> None:
        reasons = "\n".join(failures)
        if added:
            error = PhotoError(
                "photo.some_failed",
                "已添加 {added} 张照片，{n} 个文件未能添加：\n{reasons}",
                "{added} photo(s) added; {n} file(s) could not be added:\n{reasons}",
                added=added, n=len(failures), reasons=reasons,
            )
        else:
            error = PhotoError(
                "photo.none_added",
                "{n} 个文件未能添加为照片：\n{reasons}",
                "{n} file(s) could not be added as photos:\n{reasons}",
                n=len(failures), reasons=reasons,
            )
        show_error(self, error)

    @staticmethod
    def _local_files(urls: Iterable[Any]) -> list[Path]:
        return [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]

    # Drag and drop

    def _set_drag_highlight(self, on: bool) -> None:
        border = "2px dashed #1a73e8" if on else "2px solid transparent"
        self.view.setStyleSheet(f"QListView#photoThumbnails {{ border: {border}; background: palette(base); }}")

    def _acceptable(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        mime = event.mimeData()
        return self.editable and mime is not None and (
            bool(self._local_files(mime.urls())) or mime.hasImage()
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._acceptable(event):
            event.acceptProposedAction()
            self._set_drag_highlight(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._acceptable(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QEvent) -> None:
        self._set_drag_highlight(False)
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_drag_highlight(False)
        if not self._acceptable(event):
            event.ignore()
            return
        event.acceptProposedAction()
        mime = event.mimeData()
        paths = self._local_files(mime.urls())
        if paths:
            self.add_files(paths)
        elif mime.hasImage():
            image = QImage(mime.imageData())
            if not image.isNull():
                self.add_image(image, name=self.tr("dropped image") + ".png")

    # Keyboard and context menu

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
                if self.view.currentIndex().isValid():
                    self._preview_index(self.view.currentIndex())
                    return True
            if (key_event.matches(QKeySequence.StandardKey.Delete) and self.view.currentIndex().isValid()
                    and self.editable):
                self.confirm_remove(self.view.currentIndex().data(PhotoRole)["id"])
                return True
        return super().eventFilter(watched, event)

    def event(self, event: QEvent) -> bool:
        # Claim Ctrl+V while the strip has focus, before a window-wide Paste shortcut could take it.
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and event.matches(QKeySequence.StandardKey.Paste) and self.editable):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            event.accept()
            self.paste()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        current = self.view.currentIndex()
        if event.reason() == QContextMenuEvent.Reason.Keyboard and current.isValid():
            point = self.view.visualRect(current).center()  # the Menu key: the photo with the focus
            global_pos = self.view.viewport().mapToGlobal(point)
        else:
            point, global_pos = self.view.viewport().mapFrom(self, event.pos()), event.globalPos()
        menu = self.context_menu(point)
        menu.exec(global_pos)
        menu.deleteLater()

    def context_menu(self, viewport_pos: QPoint) -> QMenu:
        """The menu for a point in the thumbnail view: per-photo actions when it is on a photo."""
        menu = QMenu(self)
        menu.setObjectName("photoMenu")
        index = self.view.indexAt(viewport_pos)
        if index.isValid():
            photo_id = index.data(PhotoRole)["id"]
            menu.addAction(self.tr("Open"), lambda: self._preview_index(index))
            remove = menu.addAction(self.tr("Remove photo…"), lambda: self.confirm_remove(photo_id))
            remove.setObjectName("removePhoto")
            remove.setEnabled(self.editable)
            menu.addSeparator()
        add = menu.addAction(self.tr("Add photos…"), self.choose_files)
        paste = menu.addAction(self.tr("Paste image") + "\t" + QKeySequence(QKeySequence.StandardKey.Paste)
                               .toString(QKeySequence.SequenceFormat.NativeText), self.paste)
        paste.setObjectName("pastePhotoAction")
        add.setEnabled(self.editable)
        paste.setEnabled(self.editable)
        return menu

    # Removing

    def confirm_remove(self, photo_id: str) -> QMessageBox:
        """Ask (without blocking) before the photo leaves the record; Yes removes it."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove photo"),
            self.tr("Remove this photo from the record?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(
            self.tr("The removal is logged and the original file stays in the evidence store.")
        )
        box.setObjectName("removePhotoDialog")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Remove"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        box.finished.connect(lambda result: self._confirmed(box, photo_id, result))
        self._confirm = box
        box.open()
        return box

    def _confirmed(self, box: QMessageBox, photo_id: str, result: int) -> None:
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
            self.remove(photo_id)
        box.deleteLater()
        if self._confirm is box:
            self._confirm = None

    def remove(self, photo_id: str) -> bool:
        try:
            self.workspace.inspections.remove_photo(photo_id)
        except UserError as exc:
            show_error(self, exc)
            return False
        self.reload()
        self.changed.emit()
        return True

    # Preview

    def _preview_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.preview(index.data(PhotoRole)["id"])

    def preview(self, photo_id: str) -> PhotoPreview:
        rows = [p for p in self.model.photos if p["id"] == photo_id]
        dialog = PhotoPreview(self.workspace, rows[0], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


class PhotoPreview(QDialog):
    """The print-size image of one photo, with its name and times."""

    def __init__(self, workspace: Workspace, photo: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoPreview")
        self.setWindowTitle(photo["original_name"] or self.tr("Photo"))
        self.image = QLabel()
        self.image.setObjectName("previewImage")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pixmap = QPixmap()
        try:
            loaded = pixmap.loadFromData(workspace.blobs.read(photo["sha256"]))
        except UserError as exc:
            loaded = False
            self.image.setText(exc.message)
        if loaded:
            screen = (parent.screen() if parent else QGuiApplication.primaryScreen()).availableSize()
            limit = QSize(int(screen.width() * 0.8), int(screen.height() * 0.75))
            if pixmap.width() > limit.width() or pixmap.height() > limit.height():
                pixmap = pixmap.scaled(limit, Qt.AspectRatioMode.KeepAspectRatio,
                                       Qt.TransformationMode.SmoothTransformation)
            self.image.setPixmap(pixmap)
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        times = []
        if photo["taken_at"]:
            times.append(fill(self.tr("Taken {taken_at}"), taken_at=_short_time(photo["taken_at"])))
        times.append(fill(self.tr("Added {added_at}"), added_at=_short_time(photo["added_at"])))
        self.info = QLabel("　".join([photo["original_name"] or "", *times, f"{photo['width']} × {photo['height']}"]))
        self.info.setObjectName("previewInfo")
        self.info.setStyleSheet("color: #555;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.info)
        layout.addWidget(buttons)
        if loaded:
            self.resize(pixmap.width() + 40, pixmap.height() + 100)
