"""Backups in the window (app/models/backup.py does the work): File → 立即备份 and 从备份恢复…, the daily
check-and-back-up on the op thread, and at start the offer of the newest sound backup when the database cannot
be opened.

A restore replaces the database file, so the window asks for it and closes; app/ui/main.py restores once the
workspace is closed and opens the window again on the restored database.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.models import backup
from app.models.backup import Backup
from app.models.workspace import Workspace
from app.ui.i18n import fill
from app.ui.ops import Op

CHECK_EVERY_MS = 60 * 60 * 1000  # whether the daily backup is due, checked hourly
FIRST_CHECK_MS = 30_000  # and half a minute after start, once the window is in use


def reason_label(reason: str) -> str:
    labels = {
        "daily": QCoreApplication.translate("Backups", "daily"),
        "manual": QCoreApplication.translate("Backups", "by hand"),
        "merge": QCoreApplication.translate("Backups", "before a merge"),
        "migration": QCoreApplication.translate("Backups", "before an upgrade"),
        "restore": QCoreApplication.translate("Backups", "before a restore"),
    }
    return labels.get(reason, reason)


class RestoreDialog(QDialog):
    """The backups, newest first; accepting it chooses one (`chosen`)."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore from a backup"))
        self.chosen: Backup | None = None
        self.list = QListWidget()
        self.list.setObjectName("backupList")
        for item in backup.list_backups(data_dir):
            manifest = item.manifest()
            text = fill(self.tr("{made} — {reason}, {size} MB"), made=item.made.strftime("%Y-%m-%d %H:%M"),
                        reason=reason_label(item.reason), size=f"{item.path.stat().st_size / 1e6:.1f}")
            if manifest.get("damaged"):
                text += self.tr(" (damaged copy)")
            row = QListWidgetItem(text)
            row.setData(Qt.ItemDataRole.UserRole, item)
            self.list.addItem(row)
        self.list.setCurrentRow(0)
        note = QLabel(self.tr("The database now in use is saved as a backup of its own before it is replaced; the "
                              "window closes and opens again on the restored database."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(self.tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(self.list.count() > 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Backups, newest first:") if self.list.count() else self.tr("No backups yet.")))
        layout.addWidget(self.list)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(520, 360)

    def accept(self) -> None:
        item = self.list.currentItem()
        self.chosen = item.data(Qt.ItemDataRole.UserRole) if item else None
        super().accept()


class BackupSchedule(QObject):
    """The database is checked half a minute after every start, and hourly whether the daily backup is due; a due
    backup is made only of a sound database. A damaged one is reported with the newest sound backup offered (the
    window's `request_restore` is called with it when accepted)."""

    def __init__(self, parent: QWidget, workspace: Workspace) -> None:
        super().__init__(parent)
        self.parent_widget, self.workspace = parent, workspace
        self.timer = QTimer(self, interval=CHECK_EVERY_MS)
        self.timer.timeout.connect(self.run_if_due)
        self.timer.start()
        QTimer.singleShot(FIRST_CHECK_MS, self, self.check_at_start)
        # (what is wrong, the newest sound backup) when damaged; (None, None) when sound
        self.running: Op[tuple[str | None, Backup | None]] | None = None
        self.damaged: QMessageBox | None = None

    def check_at_start(self) -> Op[tuple[str | None, Backup | None]] | None:
        return self._run(check_anyway=True)

    def run_if_due(self) -> Op[tuple[str | None, Backup | None]] | None:
        return self._run(check_anyway=False)

    def _run(self, check_anyway: bool) -> Op[tuple[str | None, Backup | None]] | None:
        back_up = backup.due(self.workspace.data_dir)
        if self.running is not None or not (back_up or check_anyway):
            return None
        self.running = (Op(self.parent_widget, self.workspace, lambda ws, _p, _c: _check(ws, back_up))
                        .success(self._done).finally_(self._stopped).run_in_background())
        return self.running

    def _stopped(self) -> None:
        self.running = None

    def _done(self, outcome: tuple[str | None, Backup | None]) -> None:
        problem, good = outcome
        if problem is None:
            return
        self.timer.stop()  # once said is enough for this session
        self.damaged = offer_restore(self.parent_widget, problem, good)


def _check(ws: Workspace, back_up: bool) -> tuple[str | None, Backup | None]:
    """On the op thread: what is wrong with the database and, if anything, the newest sound backup (each backup
    checked is read whole, which the GUI thread must not wait for)."""
    problem = backup.check(ws.db_path)
    if problem:
        return problem, newest_sound(ws.data_dir)
    if back_up:
        backup.backup_file(ws.db_path, ws.data_dir, "daily")
    return None, None


def newest_sound(data_dir: Path) -> Backup | None:
    return next((b for b in backup.list_backups(data_dir)
                 if not b.manifest().get("damaged") and backup.check(b.path) is None), None)


def offer_restore(parent: QWidget | None, problem: str, good: Backup | None) -> QMessageBox:
    """Say the database is damaged and, when there is a sound backup (`good`, from newest_sound), offer it. The
    window (`parent`) closes with its `restore_request` set when the user accepts; without a window the box is modal
    and the caller reads `box.property("chosen")`."""
    title = QCoreApplication.translate("Backups", "Damaged database")
    box = QMessageBox(QMessageBox.Icon.Critical, title, "", parent=parent)
    box.setObjectName("damagedDatabase")
    text = fill(QCoreApplication.translate("Backups", "The database is damaged: {problem}"), problem=problem)
    if good is None:
        box.setText(text + "\n\n" + QCoreApplication.translate(
            "Backups", "There is no sound backup to restore. Keep a copy of the data folder and ask for help."))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
    else:
        box.setText(text + "\n\n" + fill(
            QCoreApplication.translate(
                "Backups", "Restore the backup of {made} ({reason})? The damaged file is kept as a backup first."),
            made=good.made.strftime("%Y-%m-%d %H:%M"), reason=reason_label(good.reason)))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)

        def chosen() -> None:
            box.setProperty("chosen", good)
            if parent is not None and hasattr(parent, "request_restore"):
                parent.request_restore(good)

        box.accepted.connect(chosen)
    if parent is None:
        box.exec()
    else:
        box.open()
    return box


__all__ = ["BackupSchedule", "RestoreDialog", "newest_sound", "offer_restore", "reason_label"]
