"""Small shared dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import UserError


def show_error(parent: QWidget, error: UserError, details: str = "") -> QMessageBox:
    """A non-blocking error box with the error's message in the UI language (and the row list, if any)."""
    box = QMessageBox(QMessageBox.Icon.Warning, parent.tr("Error"), error.message, parent=parent)
    box.setObjectName("errorDialog")
    if details:
        box.setDetailedText(details)
    box.open()
    return box
