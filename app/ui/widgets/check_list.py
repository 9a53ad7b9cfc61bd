"""A list of ticked choices (the team, the tenants visited, the hazards re-checked, a campaign's scope): each row
carries its id; `checked` gives the ids ticked, in the list's order."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem


def check_list(items: list[tuple[str, str, bool]], widget: QListWidget | None = None) -> QListWidget:
    """(text, id, ticked) rows, into `widget` (emptied first) or a new list."""
    widget = widget if widget is not None else QListWidget()
    widget.clear()
    for text, data, ticked in items:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, data)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        widget.addItem(item)
    return widget


def checked(widget: QListWidget) -> list[str]:
    return [str(widget.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked]
