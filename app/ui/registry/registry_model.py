"""The enterprise registry as a Qt table model that stays smooth at city scale (30,000+ rows).

The model holds only the ordered list of matching ids; display rows are fetched from the registry a page at a time
when the view first paints them and kept in a bounded cache. A search swaps the id list in one reset.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.models.registry import EnterpriseRow, Registry

PAGE = 200
CACHE_PAGES = 50

Index = QModelIndex | QPersistentModelIndex


class RegistryModel(QAbstractTableModel):
    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, registry: Registry, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self._ids: list[str] = []
        self._pages: OrderedDict[int, list[EnterpriseRow | None]] = OrderedDict()
        self.query: dict[str, Any] = {"text": "", "role": None, "landlord_id": None}
        # (header, EnterpriseRow attribute or callable)
        self._columns: list[tuple[str, Any]] = [
            (self.tr("Name"), "name"),
            (self.tr("Credit code"), "uscc"),
            (self.tr("Role"), lambda r: r.roles_label),
            (self.tr("Township"), "township"),
            (self.tr("Park / landlord"), lambda r: r.landlords or r.park),
            (self.tr("Tenants"), lambda r: r.tenant_count or ""),
            (self.tr("Industry"), "industry"),
            (self.tr("Employees"), "employees"),
            (self.tr("Principal"), "principal"),
            (self.tr("Phone"), "phone"),
            (self.tr("Address"), "address"),
        ]

    # Query

    def search(self, text: str | None = None, *, role: Any = ..., landlord_id: Any = ...) -> None:
        """Change any part of the query (… keeps it) and reload the matching ids."""
        if text is not None:
            self.query["text"] = text
        if role is not ...:
            self.query["role"] = role
        if landlord_id is not ...:
            self.query["landlord_id"] = landlord_id
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._ids = self.registry.search_ids(
            self.query["text"], role=self.query["role"], landlord_id=self.query["landlord_id"]
        )
        self._pages.clear()
        self.endResetModel()

    def enterprise_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, enterprise_id: str) -> int:
        try:
            return self._ids.index(enterprise_id)
        except ValueError:
            return -1

    def enterprise_row(self, row: int) -> EnterpriseRow | None:
        page_no, offset = divmod(row, PAGE)
        page = self._pages.get(page_no)
        if page is None:
            ids = self._ids[page_no * PAGE : (page_no + 1) * PAGE]
            fetched = {r.id: r for r in self.registry.rows(ids)}
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
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        record = self.enterprise_row(index.row())
        if record is None:  # deleted since the search
            return None
        getter = self._columns[index.column()][1]
        value = getter(record) if callable(getter) else getattr(record, getter)
        return None if value is None else str(value)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section][0]
        return section + 1
