"""A Qt table model over an ordered list of ids that stays smooth at city scale (30,000 enterprises, 200,000 hazards).

The model holds only the ids; display rows are fetched a page at a time when the view first paints them and kept in
a bounded cache. A new query swaps the id list in one reset.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

PAGE = 200
CACHE_PAGES = 50

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")
Column = tuple[str, Callable[[Any], Any]]  # header, value of a record


class IdTableModel(QAbstractTableModel, Generic[R]):
    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._ids: list[str] = []
        self._pages: OrderedDict[int, list[R | None]] = OrderedDict()

    def fetch(self, ids: Sequence[str]) -> dict[str, R]:
        """The records of `ids` (a missing one was deleted since the query)."""
        raise NotImplementedError

    def foreground(self, record: R) -> Any:
        """A QBrush for the row's text, or None."""
        return None

    def set_ids(self, ids: list[str]) -> None:
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self.endResetModel()

    def row_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, row_id: str) -> int:
        try:
            return self._ids.index(row_id)
        except ValueError:
            return -1

    def record(self, row: int) -> R | None:
        page_no, offset = divmod(row, PAGE)
        page = self._pages.get(page_no)
        if page is None:
            ids = self._ids[page_no * PAGE : (page_no + 1) * PAGE]
            fetched = self.fetch(ids)
            page = [fetched.get(i) for i in ids]
            self._pages[page_no] = page
            if len(self._pages) > CACHE_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page[offset]

    # Qt model interface

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == self.ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole):
            return None
        record = self.record(index.row())
        if record is None:  # deleted since the query
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(record)
        value = self._columns[index.column()][1](record)
        return None if value is None else str(value)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section][0]
        return section + 1
