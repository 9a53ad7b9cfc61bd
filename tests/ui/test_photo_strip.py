"""The photo strip driven through its real widgets: files, drops, the clipboard, thumbnails, preview, removal."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PIL import ExifTags, Image, ImageDraw
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
    QKeySequence,
    QPixmap,
)
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QVBoxLayout, QWidget

from app.ui.i18n import fill
from app.ui.qtapp import create_application
from app.ui.widgets.photo_strip import CLIPBOARD_NAME, THUMB_SIZE, PhotoPreview, PhotoRole, PhotoStrip
from tests.support import change_count

TODAY = datetime(2026, 11, 23, 9, 30)


def make_jpeg(path: Path, *, taken: str | None = None, size: tuple[int, int] = (640, 480),
              colours: tuple[str, str] = ("#7a8ba0", "#d9822b")) -> Path:
    """A small photo-like JPEG (sky, floor, a box), with EXIF DateTimeOriginal when `taken` is given."""
    width, height = size
    image = Image.new("RGB", size, colours[0])
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, height * 3 // 5, width, height], fill="#5b5b5b")
    draw.rectangle([width // 4, height // 3, width // 2, height * 4 // 5], fill=colours[1], outline="black", width=4)
    draw.polygon([(width * 3 // 5, height * 4 // 5), (width * 4 // 5, height // 4), (width - 10, height * 4 // 5)],
                 fill="#f2c14e")
    exif = Image.Exif()
    if taken:
        exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = taken
    image.save(path, "JPEG", quality=85, exif=exif)
    return path


@pytest.fixture(autouse=True)
def clean_clipboard() -> Iterator[None]:
    # Mime data handed to the clipboard must be gone before Qt shuts down, or the process crashes on exit.
    yield
    clipboard = QGuiApplication.clipboard() if QGuiApplication.instance() else None
    if clipboard is not None:
        clipboard.clear()


@pytest.fixture
def site(ws, qtbot):
    create_application(language="zh_CN")
    ws.inspections.now = lambda: TODAY
    landlord = ws.registry.create_enterprise(name="集士港村股份经济合作社")
    tenant = ws.registry.create_enterprise(name="宁波恒达五金制品厂")
    ws.registry.add_lease(landlord, tenant)
    a = ws.roster.add_inspector("张明", "浙应执 0123", "集士港镇应急管理办公室")
    inspection = ws.inspections.start(landlord, [a], tenant_ids=[tenant])
    outcome = ws.inspections.record_verdict(inspection, tenant, "SITE-02", "NONCOMPLIANT", "安全出口被货物堵塞")
    return {"ws": ws, "inspection": inspection, "tenant": tenant, "result": outcome.item_result_id,
            "hazard": outcome.hazard_id}


@pytest.fixture
def strip(site, qtbot) -> PhotoStrip:
    widget = PhotoStrip(site["ws"])
    qtbot.addWidget(widget)
    widget.resize(900, 200)
    widget.set_owner(item_result_id=site["result"])
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def labels(strip: PhotoStrip) -> list[str]:
    model = strip.model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def drag_enter(pos: QPoint, mime: QMimeData) -> QDragEnterEvent:
    # PySide6 offers a QPoint constructor (flagged deprecated in some builds) and sometimes a QPointF one.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                               Qt.KeyboardModifier.NoModifier)


def error_box(widget: QWidget) -> QMessageBox | None:
    return widget.findChild(QMessageBox, "errorDialog")


def test_without_an_owner_the_strip_waits_for_the_verdict(site, qtbot, tmp_path):
    widget = PhotoStrip(site["ws"])
    qtbot.addWidget(widget)
    assert widget.hint.text() == widget.tr("Give the verdict first, then photos can be added")
    assert not widget.add_button.isEnabled() and not widget.paste_button.isEnabled()
    assert widget.add_files([make_jpeg(tmp_path / "a.jpg")]) == []
    assert site["ws"].store.query("SELECT count(*) AS n FROM photo")[0]["n"] == 0
    with pytest.raises(ValueError):
        widget.set_owner(item_result_id=site["result"], hazard_id=site["hazard"])


def test_added_files_show_thumbnails_with_capture_or_added_time(strip, site, qtbot, tmp_path):
    with_exif = make_jpeg(tmp_path / "exit.jpg", taken="2026:11:20 09:41:07")
    without = make_jpeg(tmp_path / "screenshot.jpg", size=(480, 640), colours=("#b0c4de", "#2e7d32"))
    with qtbot.waitSignal(strip.changed):
        added = strip.add_files([with_exif, str(without)])
    assert len(added) == 2 and strip.photo_ids() == added
    assert labels(strip) == [
        fill(strip.model.tr("Taken {taken_at}"), taken_at="2026-11-20 09:41"),
        fill(strip.model.tr("Added {added_at}"), added_at="2026-11-23 09:30"),
    ]
    stored = site["ws"].inspections.photos(item_result_id=site["result"])
    assert [p["original_name"] for p in stored] == ["exit.jpg", "screenshot.jpg"]
    pixmap = strip.model.data(strip.model.index(1, 0), Qt.ItemDataRole.DecorationRole)
    assert isinstance(pixmap, QPixmap) and not pixmap.isNull()
    assert (pixmap.width(), pixmap.height()) == (THUMB_SIZE.width(), THUMB_SIZE.height())
    image = pixmap.toImage()  # a portrait photo is centred, with transparent sides
    middle = THUMB_SIZE.height() // 2
    assert image.pixelColor(2, middle).alpha() == 0 and image.pixelColor(THUMB_SIZE.width() // 2, middle).alpha() == 255
    assert "exit.jpg" in strip.model.data(strip.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert str(2) in strip.hint.text()


def test_thumbnails_are_read_only_when_shown(site, qtbot, tmp_path):
    ws = site["ws"]
    for n in range(8):
        ws.inspections.attach_photo(make_jpeg(tmp_path / f"p{n}.jpg", colours=(f"#{n}0{n}0a0", "#d9822b")),
                                    item_result_id=site["result"])
    widget = PhotoStrip(ws)
    qtbot.addWidget(widget)
    widget.resize(330, 200)  # room for about two thumbnails
    widget.set_owner(item_result_id=site["result"])
    assert widget.model.rowCount() == 8 and widget.model.loaded == set()
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: len(widget.model.loaded) > 0)
    assert len(widget.model.loaded) < 8


def test_dropped_files_are_added_and_bad_ones_reported(strip, site, qtbot, tmp_path):
    good = make_jpeg(tmp_path / "出口.jpg", taken="2026:11:23 09:12:00")
    bad = tmp_path / "记录.jpg"
    bad.write_bytes(b"%PDF-1.4 this is not a photo")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(bad)), QUrl.fromLocalFile(str(good))])
    target = strip.view.geometry().center()
    enter = drag_enter(target, mime)
    QApplication.sendEvent(strip, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(target), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(strip.changed):
        QApplication.sendEvent(strip, drop)
    assert drop.isAccepted()
    assert [p["original_name"] for p in site["ws"].inspections.photos(item_result_id=site["result"])] == ["出口.jpg"]
    box = error_box(strip)
    assert box is not None and box.isVisible()
    assert "记录.jpg" in box.text() and "出口.jpg" not in box.text()


def test_a_drop_without_files_is_refused(strip):
    mime = QMimeData()
    mime.setText("just text")
    enter = drag_enter(QPoint(10, 10), mime)
    QApplication.sendEvent(strip, enter)
    assert not enter.isAccepted()


def test_a_bad_file_shows_an_error_and_stores_nothing(strip, site, qtbot, tmp_path):
    ws = site["ws"]
    fake = tmp_path / "现场.png"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n truncated")
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    before, blobs = change_count(ws), list(ws.blobs.iter_hashes())
    assert strip.add_files([fake, empty, tmp_path / "gone.jpg"]) == []
    box = error_box(strip)
    assert box is not None and box.isVisible()
    assert all(name in box.text() for name in ("现场.png", "empty.jpg", "gone.jpg"))
    assert change_count(ws) == before and list(ws.blobs.iter_hashes()) == blobs
    assert strip.model.rowCount() == 0


def test_ctrl_v_pastes_the_clipboard_image(strip, site, qtbot):
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    QGuiApplication.clipboard().setImage(image)
    strip.activateWindow()
    strip.view.setFocus()
    with qtbot.waitSignal(strip.changed):
        qtbot.keyClick(strip.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    photos = site["ws"].inspections.photos(item_result_id=site["result"])
    assert [(p["original_name"], p["mime"], p["width"], p["height"]) for p in photos] == [
        (CLIPBOARD_NAME, "image/png", 320, 200)
    ]
    assert labels(strip) == [fill(strip.model.tr("Added {added_at}"), added_at="2026-11-23 09:30")]


def test_ctrl_v_in_the_strip_wins_over_a_window_paste_shortcut(site, qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    elsewhere = []
    action = QAction("Paste", host)
    action.setShortcut(QKeySequence.StandardKey.Paste)
    action.triggered.connect(lambda: elsewhere.append(True))
    host.addAction(action)
    strip = PhotoStrip(site["ws"], host)
    QVBoxLayout(host).addWidget(strip)
    strip.set_owner(item_result_id=site["result"])
    host.show()
    qtbot.waitExposed(host)
    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#22aa55"))
    QGuiApplication.clipboard().setImage(image)
    host.activateWindow()
    strip.view.setFocus()
    qtbot.waitUntil(strip.view.hasFocus)
    with qtbot.waitSignal(strip.changed):
        qtbot.keyClick(strip.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert strip.model.rowCount() == 1 and not elsewhere


def test_the_context_menu_pastes_too_and_an_empty_clipboard_is_reported(strip, site, qtbot):
    QGuiApplication.clipboard().clear()
    menu = strip.context_menu(QPoint(5, 5))
    paste = next(a for a in menu.actions() if a.objectName() == "pastePhotoAction")
    paste.trigger()
    assert error_box(strip) is not None and strip.model.rowCount() == 0
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    image.fill(QColor("#cc3333"))
    QGuiApplication.clipboard().setImage(image)
    with qtbot.waitSignal(strip.changed):
        paste.trigger()
    assert strip.model.rowCount() == 1


def test_pasting_copied_files_keeps_the_originals(strip, site, qtbot, tmp_path):
    photo = make_jpeg(tmp_path / "IMG_2001.jpg", taken="2026:11:23 08:05:00")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    QGuiApplication.clipboard().setMimeData(mime)
    strip.paste()
    stored = site["ws"].inspections.photos(item_result_id=site["result"])
    assert [(p["original_name"], p["taken_at"]) for p in stored] == [("IMG_2001.jpg", "2026-11-23T08:05:00")]
    assert site["ws"].blobs.read(stored[0]["original_sha256"]) == photo.read_bytes()


def test_remove_asks_first_then_tombstones(strip, site, qtbot, tmp_path):
    ws = site["ws"]
    strip.add_files([make_jpeg(tmp_path / "a.jpg"), make_jpeg(tmp_path / "b.jpg")])
    first = strip.photo_ids()[0]
    rect = strip.view.visualRect(strip.model.index(0, 0))
    menu = strip.context_menu(rect.center())
    remove = next(a for a in menu.actions() if a.objectName() == "removePhoto")

    remove.trigger()
    box = strip.findChild(QMessageBox, "removePhotoDialog")
    assert box is not None and box.isVisible()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert strip.photo_ids()[0] == first and len(ws.inspections.photos(item_result_id=site["result"])) == 2

    remove.trigger()
    box = strip._confirm
    assert box is not None
    with qtbot.waitSignal(strip.changed):
        box.button(QMessageBox.StandardButton.Yes).click()
    assert first not in strip.photo_ids() and len(strip.photo_ids()) == 1
    tomb = ws.store.get("photo", first)
    assert tomb["deleted"] == 1 and ws.blobs.has(tomb["original_sha256"])  # evidence kept


def test_right_click_on_a_photo_opens_its_menu(strip, qtbot, tmp_path):
    strip.add_files([make_jpeg(tmp_path / "a.jpg")])
    seen: list[list[str]] = []

    def close_menu() -> None:
        menu = QApplication.activePopupWidget()
        seen.append([a.objectName() for a in menu.actions()] if menu else [])
        if menu:
            menu.close()

    QTimer.singleShot(200, close_menu)
    centre = strip.view.visualRect(strip.model.index(0, 0)).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, centre, strip.view.viewport().mapToGlobal(centre))
    QApplication.sendEvent(strip.view.viewport(), event)  # returns when the menu closes
    assert seen and "removePhoto" in seen[0] and "pastePhotoAction" in seen[0]


def test_delete_key_asks_too(strip, qtbot, tmp_path):
    strip.add_files([make_jpeg(tmp_path / "a.jpg")])
    strip.view.setCurrentIndex(strip.model.index(0, 0))
    strip.view.setFocus()
    qtbot.keyClick(strip.view, Qt.Key.Key_Delete)
    assert strip._confirm is not None and strip._confirm.isVisible()


def test_read_only_strips_open_photos_but_change_nothing(strip, site, qtbot, tmp_path):
    strip.add_files([make_jpeg(tmp_path / "a.jpg")])
    strip.set_read_only(True)
    assert not strip.add_button.isEnabled() and not strip.paste_button.isEnabled()
    assert strip.add_files([make_jpeg(tmp_path / "b.jpg")]) == []
    menu = strip.context_menu(strip.view.visualRect(strip.model.index(0, 0)).center())
    assert not next(a for a in menu.actions() if a.objectName() == "removePhoto").isEnabled()
    assert strip.preview(strip.photo_ids()[0]).isVisible()
    assert len(site["ws"].inspections.photos(item_result_id=site["result"])) == 1


def test_double_click_opens_a_larger_preview(strip, qtbot, tmp_path):
    strip.add_files([make_jpeg(tmp_path / "large.jpg", size=(2000, 1500), taken="2026:11:22 15:04:00")])
    index = strip.model.index(0, 0)
    centre = strip.view.visualRect(index).center()
    qtbot.mouseClick(strip.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(strip.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    preview = strip.findChild(PhotoPreview, "photoPreview")
    assert preview is not None and preview.isVisible()
    shown = preview.image.pixmap()
    assert not shown.isNull() and shown.width() > THUMB_SIZE.width()
    assert "large.jpg" in preview.info.text() and "2026-11-22 15:04" in preview.info.text()
    assert index.data(PhotoRole)["width"] == 1600
    preview.close()


def test_screenshot(site, qtbot, tmp_path, screenshot):
    host = QWidget()
    qtbot.addWidget(host)
    strip = PhotoStrip(site["ws"], host)
    strip.set_owner(item_result_id=site["result"])
    strip.add_files([
        make_jpeg(tmp_path / "IMG_0412.jpg", taken="2026:11:23 09:41:12"),
        make_jpeg(tmp_path / "IMG_0413.jpg", size=(480, 640), colours=("#9fb3c8", "#2e7d32"),
                  taken="2026:11:23 09:42:40"),
        make_jpeg(tmp_path / "IMG_0415.jpg", size=(800, 450), colours=("#c8b49f", "#1565c0"),
                  taken="2026:11:23 09:45:03"),
        make_jpeg(tmp_path / "微信图片.jpg", colours=("#a0a0a0", "#c62828")),
    ])
    layout = QVBoxLayout(host)
    title = QLabel(host.tr("Photos"))
    title.setStyleSheet("font-weight: bold;")
    layout.addWidget(title)
    layout.addWidget(strip)
    layout.addStretch(1)
    host.resize(900, 260)
    host.show()
    qtbot.waitExposed(host)
    strip.view.setCurrentIndex(strip.model.index(1, 0))
    screenshot(host, "photo_strip")
