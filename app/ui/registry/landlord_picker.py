"""Choosing a registered landlord by typing part of its name, credit code or address."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.models.workspace import Workspace
from app.ui.registry.form_fields import HINT_STYLE, message_label, show_message

LANDLORD_LIMIT = 50
POPUP_MIN_WIDTH = 480
_NAME_ROLE = Qt.ItemDataRole.UserRole + 1
_ID_ROLE = Qt.ItemDataRole.UserRole + 2

class LandlordPicker(QWidget):
    """A line edit that searches registered landlords as you type (name, credit code or address).

    Signals:
        changed: the chosen landlord changed (or was cleared).
    """

    changed = Signal()

    def __init__(self, workspace: Workspace, exclude_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = workspace.registry
        self.exclude_id = exclude_id
        self._id: str | None = None
        self._setting = False
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("Type to search landlords by name, credit code or address"))
        self.edit.setClearButtonEnabled(True)
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCompletionRole(_NAME_ROLE)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(12)
        self.completer.popup().setMinimumWidth(POPUP_MIN_WIDTH)  # room for the township and address after the name
        self.edit.setCompleter(self.completer)
        self.completer.activated[QModelIndex].connect(self._chosen)  # type: ignore[index]  # overloaded signal
        self.edit.textChanged.connect(self._text_changed)
        self.status = message_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.status)

    def landlord_id(self) -> str | None:
        return self._id

    def text(self) -> str:
        return self.edit.text().strip()

    def set_landlord(self, landlord_id: str | None, name: str = "") -> None:
        self._setting = True
        try:
            self.edit.setText(name if landlord_id else "")
        finally:
            self._setting = False
        self._set_id(landlord_id)

    def search(self, text: str) -> None:
        """Refill the completion list with up to LANDLORD_LIMIT landlords matching `text`."""
        ids = [i for i in self.registry.search_ids(text, role="landlord", limit=LANDLORD_LIMIT + 1)
               if i != self.exclude_id][:LANDLORD_LIMIT]
        self.model.clear()
        for row in self.registry.rows(ids):
            where = " ".join(x for x in (row.township, row.address) if x)
            item = QStandardItem(f"{row.name}　{where}" if where else row.name)
            item.setData(row.name, _NAME_ROLE)
            item.setData(row.id, _ID_ROLE)
            item.setToolTip(" · ".join(x for x in (row.name, row.uscc, row.township, row.address) if x))
            self.model.appendRow(item)

    def _text_changed(self, text: str) -> None:
        if self._setting:
            return
        text = text.strip()
        match = self._exact(text)
        if match is None and text:
            self.search(text)
            match = self._exact(text)
        self._set_id(match)

    def _exact(self, name: str) -> str | None:
        """The landlord in the current list whose name is exactly `name` (the first, if several are)."""
        for row in range(self.model.rowCount()):
            item = self.model.item(row)
            if item.data(_NAME_ROLE) == name:
                return str(item.data(_ID_ROLE))
        return None

    def _chosen(self, index: QModelIndex) -> None:
        # QLineEdit puts the chosen name in only while it has focus; do it here too so the choice always shows.
        landlord_id = index.data(_ID_ROLE)
        if landlord_id:
            self.set_landlord(str(landlord_id), str(index.data(_NAME_ROLE)))

    def _set_id(self, landlord_id: str | None) -> None:
        if landlord_id:
            show_message(self.status, None)
        elif self.text():
            show_message(self.status, self.tr("Choose a registered landlord from the list"), HINT_STYLE)
        else:
            show_message(self.status, None)
        if landlord_id != self._id:
            self._id = landlord_id
            self.changed.emit()


