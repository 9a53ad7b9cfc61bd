"""Settings kept per user in QSettings: the UI language, who is using this laptop (the author of every change it
writes), and the data folder. Language and folder take effect at the next start; the inspector at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models.workspace import Workspace
from app.ui import i18n


def settings() -> QSettings:
    # INI files everywhere (also on Windows): readable, and tests can point QSettings at a temporary folder.
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "FieldSafe", "FieldSafe")


def apply_inspector(workspace: Workspace) -> None:
    """Stamp this session's changes with the chosen inspector (the change log's author)."""
    inspector_id = str(settings().value("inspector_id", "", str))
    if inspector_id:
        workspace.act_as(inspector_id)


class SettingsDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(self.tr("Settings"))
        stored = settings()
        self.language = QComboBox()
        for code, name in i18n.available_languages().items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(stored.value("language", "zh_CN", str))))
        self.inspector = QComboBox()
        self.inspector.addItem(self.tr("(not chosen)"), "")
        for row in workspace.roster.inspectors():
            self.inspector.addItem(f"{row['name']}　{row['cert_no']}", row["id"])
        self.inspector.setCurrentIndex(max(0, self.inspector.findData(stored.value("inspector_id", "", str))))
        self.folder = QLineEdit(str(stored.value("data_dir", str(workspace.data_dir), str)))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("I am"), self.inspector)
        form.addRow(self.tr("Data folder"), folder_row)
        note = QLabel(self.tr("Language and data folder take effect when FieldSafe is started again."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Data folder"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def save(self) -> None:
        stored = settings()
        stored.setValue("language", self.language.currentData())
        stored.setValue("inspector_id", self.inspector.currentData())
        folder = self.folder.text().strip()
        if folder and Path(folder).expanduser() != self.workspace.data_dir:
            stored.setValue("data_dir", str(Path(folder).expanduser()))
        stored.sync()
        apply_inspector(self.workspace)
        self.accept()
