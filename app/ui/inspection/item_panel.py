"""One checklist item on screen: what to check, the verdict, the note, photos and — when non-compliant — the hazard.

Everything is written when it is made: a verdict on click, the note a moment after typing stops (and whenever the
inspector moves on), photos as they are added. A NONCOMPLIANT or NOT_APPLICABLE click waits for its note, which the
service requires; it is saved as soon as the note is there.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.models import content
from app.models.workspace import Workspace
from app.ui.i18n import fill
from app.ui.inspection.hazard_editor import HazardEditor
from app.ui.widgets.autosave import SAVE_DELAY_MS
from app.ui.widgets.dialogs import show_error
from app.ui.widgets.photo_strip import PhotoStrip

NOTE_SAVE_DELAY_MS = SAVE_DELAY_MS
VERDICTS = ("COMPLIANT", "NONCOMPLIANT", "NOT_APPLICABLE")


class ItemPanel(QWidget):
    changed = Signal()  # a verdict, note or photo was saved
    next_requested = Signal()

    def __init__(self, workspace: Workspace, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.inspection_id = inspection_id
        self.enterprise_id: str | None = None
        self.item: content.ChecklistItem | None = None
        self.pending: str | None = None  # a verdict clicked that waits for its note

        self.title = QLabel()
        self.title.setObjectName("itemTitle")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.enterprise_label = QLabel()
        self.enterprise_label.setStyleSheet("color: #555;")
        self.checks = QLabel()
        self.checks.setWordWrap(True)
        self.checks.setTextFormat(Qt.TextFormat.RichText)
        self.guidance = QLabel()
        self.guidance.setWordWrap(True)
        self.guidance.setStyleSheet("color: #444;")
        self.basis = QLabel()
        self.basis.setWordWrap(True)
        self.basis.setStyleSheet("color: #666; font-size: 9pt;")
        self.major_hint = QLabel()
        self.major_hint.setWordWrap(True)
        self.major_hint.setStyleSheet("color: #b3261e;")

        labels = {
            "COMPLIANT": self.tr("&1 Compliant"),
            "NONCOMPLIANT": self.tr("&2 Non-compliant"),
            "NOT_APPLICABLE": self.tr("&3 Not applicable"),
        }
        colours = {"COMPLIANT": "#1e7d32", "NONCOMPLIANT": "#b3261e", "NOT_APPLICABLE": "#5f6368"}
        self.verdict_group = QButtonGroup(self)
        self.verdict_buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        for n, verdict in enumerate(VERDICTS, 1):
            button = QPushButton(labels[verdict])
            button.setCheckable(True)
            button.setObjectName(f"verdict_{verdict}")
            button.setMinimumHeight(36)
            button.setShortcut(QKeySequence(f"Alt+{n}"))
            button.setStyleSheet(
                f"QPushButton:checked {{ background: {colours[verdict]}; color: white; font-weight: bold; }}"
            )
            button.clicked.connect(lambda _checked=False, v=verdict: self.choose(v))
            self.verdict_group.addButton(button)
            self.verdict_buttons[verdict] = button
            buttons.addWidget(button)
        self.next_button = QPushButton(self.tr("Next item"))
        self.next_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.next_button.clicked.connect(self.next_requested)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)

        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(self.tr("What was seen (required for non-compliant and not applicable)"))
        self.note.setMaximumHeight(90)
        self.note.setTabChangesFocus(True)
        self.note_hint = QLabel()
        self.note_hint.setObjectName("noteHint")
        self.note_hint.setStyleSheet("color: #b3261e;")
        self._note_timer = QTimer(self, singleShot=True, interval=NOTE_SAVE_DELAY_MS)
        self._note_timer.timeout.connect(self._save_note)
        self.note.textChanged.connect(self._note_typed)

        self.photos = PhotoStrip(workspace, self)
        self.photos.changed.connect(self.changed)
        self.hazard = HazardEditor(workspace, self)
        self.hazard.changed.connect(self.changed)
        self.hazard_title = QLabel(self.tr("Hazard"))
        self.hazard_title.setStyleSheet("font-size: 12pt; font-weight: bold; color: #b3261e;")

        body = QWidget()
        layout = QVBoxLayout(body)
        for widget in (self.title, self.enterprise_label, self.checks, self.guidance, self.basis, self.major_hint):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("Note")))
        layout.addWidget(self.note)
        layout.addWidget(self.note_hint)
        layout.addWidget(QLabel(self.tr("Photos")))
        layout.addWidget(self.photos)
        layout.addWidget(self.hazard_title)
        layout.addWidget(self.hazard)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # Showing an item

    def show_item(self, enterprise_id: str, item: content.ChecklistItem) -> None:
        self.flush()
        self.enterprise_id, self.item, self.pending = enterprise_id, item, None
        self.title.setText(f"{item.code}　{item.title_zh}")
        self.enterprise_label.setText(self.workspace.registry.get_enterprise(enterprise_id)["name"])
        self.checks.setText("<ul style='margin-left:-20px'>" + "".join(f"<li>{c}</li>" for c in item.checks) + "</ul>")
        self.guidance.setText(fill(self.tr("How to check: {guidance}"), guidance=item.guidance_zh))
        self.basis.setText(fill(self.tr("Basis: {basis}"), basis="；".join(item.basis)))
        hint = {"YES": self.tr("A failure of this item is a major hazard."),
                "CONDITIONAL": fill(self.tr("Major hazard when: {condition}"), condition=item.major_hint_zh),
                }.get(item.major, "")
        self.major_hint.setText(hint)
        self.major_hint.setVisible(bool(hint))
        self._load()

    def _result(self) -> dict | None:
        assert self.enterprise_id and self.item
        results = self.workspace.inspections.results(self.inspection_id, self.enterprise_id)
        return results.get((self.enterprise_id, self.item.code))

    def _load(self) -> None:
        result = self._result()
        verdict = result["verdict"] if result else None
        self.verdict_group.setExclusive(False)
        for code, button in self.verdict_buttons.items():
            button.setChecked(code == verdict)
        self.verdict_group.setExclusive(True)
        self.note.blockSignals(True)
        self.note.setPlainText(result["note"] or "" if result else "")
        self.note.blockSignals(False)
        self.note_hint.clear()
        self.photos.set_owner(item_result_id=result["id"] if result else None)
        found = self.workspace.inspections.item_hazard(result["id"]) if result and verdict == "NONCOMPLIANT" else None
        hazard = found["id"] if found and found["status"] != "VOID" else None
        self.hazard_title.setVisible(hazard is not None)
        self.hazard.setVisible(hazard is not None)
        if hazard:
            self.hazard.set_hazard(hazard)
        else:
            self.hazard.clear()

    # Editing

    def choose(self, verdict: str) -> None:
        if self.item is None:
            return
        note = self.note.toPlainText().strip()
        if verdict != "COMPLIANT" and not note:
            self.pending = verdict
            self.note_hint.setText(self.tr("Write what was seen; the verdict is saved as soon as the note is there."))
            self.note.setFocus()
            return
        self._record(verdict, note)

    def _record(self, verdict: str, note: str) -> None:
        assert self.enterprise_id and self.item
        self._note_timer.stop()
        try:
            self.workspace.inspections.record_verdict(self.inspection_id, self.enterprise_id, self.item.code, verdict,
                                                      note)
        except UserError as exc:
            show_error(self, exc)
            self._load()
            return
        self.pending = None
        self._load()
        self.changed.emit()

    def _note_typed(self) -> None:
        if not self._note_timer.isActive():  # saved at most a delay after a key, even while typing goes on
            self._note_timer.start()

    def flush(self) -> None:
        """Save a note still waiting for its timer (before leaving the item or closing)."""
        if self._note_timer.isActive():
            self._note_timer.stop()
            self._save_note()

    def _save_note(self) -> None:
        if self.item is None or self.enterprise_id is None:
            return
        note = self.note.toPlainText().strip()
        if self.pending and note:
            self._record(self.pending, note)
            return
        result = self._result()
        if result and result["verdict"] in ("NONCOMPLIANT", "NOT_APPLICABLE") and not note:
            self.note_hint.setText(self.tr("This verdict needs a note; the previous note is kept."))
            return
        if (result["note"] or "") == note if result else not note:
            return
        try:
            self.workspace.inspections.save_note(self.inspection_id, self.enterprise_id, self.item.code, note)
        except UserError as exc:
            show_error(self, exc)
            return
        self.note_hint.clear()
        if result is None:
            self._load()  # the item now has a result to attach photos to
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        for button in self.verdict_buttons.values():
            button.setEnabled(not read_only)
        self.note.setReadOnly(read_only)
        self.photos.set_read_only(read_only)
        self.hazard.set_read_only(read_only)
