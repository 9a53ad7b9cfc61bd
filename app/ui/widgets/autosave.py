"""Text saved as it is typed: at most SAVE_DELAY_MS of typing is lost when the laptop dies.

`AutoSave(widget, save)` calls `save(text)` at most SAVE_DELAY_MS after a key (while typing goes on, too), when the
user leaves the field, and on `flush()` (before the form shows another record or closes). Text put in by the program
(`set_text`) is not saved back. Every field bound this way carries the property `autosave`; a text field of a visit
page without it must be marked `autosave=False` on purpose (a search box), which is how tests/ui/test_typed_work.py
finds a field that forgot to save. `DraftField` binds a field to a draft (app/models/drafts.py) for text that belongs
to a record not made yet.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from app.models.drafts import Drafts

SAVE_DELAY_MS = 700
TextField = QLineEdit | QPlainTextEdit
_live: weakref.WeakSet[AutoSave] = weakref.WeakSet()


def text_of(widget: TextField) -> str:
    return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()


class AutoSave(QObject):
    def __init__(self, widget: TextField, save: Callable[[str], object], delay_ms: int = SAVE_DELAY_MS) -> None:
        super().__init__(widget)
        self.widget, self.save = widget, save
        self._saved = text_of(widget)
        self._loading = False
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self.flush)
        widget.textChanged.connect(self._typed)
        widget.installEventFilter(self)
        if isinstance(widget, QLineEdit):
            widget.editingFinished.connect(self.flush)
        widget.setProperty("autosave", True)
        _live.add(self)

    def set_text(self, text: str) -> None:
        """Show stored text without saving it back."""
        self._timer.stop()
        self._loading = True
        try:
            if isinstance(self.widget, QPlainTextEdit):
                self.widget.setPlainText(text)
            else:
                self.widget.setText(text)
        finally:
            self._loading = False
        self._saved = text

    def cancel(self) -> None:
        """Forget a pending save (the form is about to save everything itself, or to show another record)."""
        self._timer.stop()
        self._saved = text_of(self.widget)

    def flush(self) -> None:
        self._timer.stop()
        text = text_of(self.widget)
        if text != self._saved:
            self._saved = text
            self.save(text)

    def _typed(self, *_args: object) -> None:
        # Not restarted by each key: someone typing without a pause is saved every SAVE_DELAY_MS too.
        if not self._loading and not self._timer.isActive():
            self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return False


def flush_all() -> None:
    """Save what is typed everywhere now (before an op takes the database, app/ui/ops.py)."""
    for saver in list(_live):
        if shiboken6.isValid(saver) and shiboken6.isValid(saver.widget):
            saver.flush()  # a no-op where nothing new was typed


class DraftField(AutoSave):
    """A field whose text is kept as a draft under `key` until the record it belongs to is made."""

    def __init__(self, widget: TextField, drafts: Drafts, key: str) -> None:
        self.drafts, self.key = drafts, key
        super().__init__(widget, lambda text: self.drafts.save(self.key, text))
        stored = drafts.get(key)
        if stored:
            self.set_text(stored)

    def rekey(self, key: str) -> None:
        """The form now belongs to another record: save what is typed, then show that record's draft."""
        self.flush()
        self.key = key
        self.set_text(self.drafts.get(key))

    def done(self) -> None:
        """The record was made: the draft is spent."""
        self._timer.stop()
        self.drafts.clear(self.key)
        self._saved = text_of(self.widget)


__all__ = ["SAVE_DELAY_MS", "AutoSave", "DraftField", "flush_all", "text_of"]
