"""The banner offering to resume an unfinished inspection (after a restart, a crash or a closed tab)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.ui.i18n import fill


class ResumeBar(QFrame):
    resume = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resumeBar")
        self.setStyleSheet("#resumeBar { background: #fff4e5; border-bottom: 1px solid #f0c36d; }")
        self.label = QLabel()
        self.button = QPushButton(self.tr("Resume inspection"))
        self.button.setObjectName("resumeButton")
        self.button.clicked.connect(self._resume)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self._target: str | None = None
        self.hide()

    def show_unfinished(self, unfinished: list[dict[str, Any]], opened: str | None = None) -> None:
        """Offer the newest unfinished inspection that is not already open."""
        waiting = [i for i in unfinished if i["id"] != opened]
        if not waiting:
            self._target = None
            self.hide()
            return
        newest = waiting[0]
        self._target = newest["id"]
        text = fill(self.tr("Unfinished inspection: {enterprise}, started {started}."),
                    enterprise=newest["enterprise_name"], started=newest["started_at"][:16].replace("T", " "))
        if len(waiting) > 1:
            text += " " + fill(self.tr("({count} more in the Inspections list)"), count=len(waiting) - 1)
        self.label.setText(text)
        self.show()

    def _resume(self) -> None:
        if self._target:
            self.resume.emit(self._target)
