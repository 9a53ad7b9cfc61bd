"""A read-only Qt table model over rows already computed (a campaign's 16,000 enterprises not yet visited): the
text of each cell is made when the view paints it, so a long list costs no table items (docs/performance.md)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
# header, text of a record, and optionally (background, foreground) colours of the cell (QBrush or None)
Column = tuple[str, Callable[[Any], object]]
Colours = Callable[[Any, int], tuple[Any, Any]]


class RowsModel(QAbstractTableModel, Generic[R]):
    def __init__(self, columns: Sequence[Column], colours: Colours | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._colours = colours
        self._rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def text(self, row: int, column: int) -> str:
        value = self._columns[column][1](self._rows[row])
        return "" if value is None else str(value)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(index.row(), index.column())
        if self._colours and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            background, foreground = self._colours(self._rows[index.row()], index.column())
            return background if role == Qt.ItemDataRole.BackgroundRole else foreground
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._columns[section][0] if orientation == Qt.Orientation.Horizontal else section + 1
