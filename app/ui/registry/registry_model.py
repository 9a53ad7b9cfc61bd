"""The enterprise registry as a Qt table model over the ids a search matched (app/ui/widgets/id_table_model.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject

from app.models.registry import EnterpriseRow, Registry
from app.ui.widgets.id_table_model import IdTableModel


class RegistryModel(IdTableModel[EnterpriseRow]):
    def __init__(self, registry: Registry, parent: QObject | None = None) -> None:
        super().__init__([
            (self.tr("Name"), lambda r: r.name),
            (self.tr("Credit code"), lambda r: r.uscc),
            (self.tr("Role"), lambda r: r.roles_label),
            (self.tr("Township"), lambda r: r.township),
            (self.tr("Park / landlord"), lambda r: r.landlords or r.park),
            (self.tr("Tenants"), lambda r: r.tenant_count or ""),
            (self.tr("Industry"), lambda r: r.industry),
            (self.tr("Employees"), lambda r: r.employees),
            (self.tr("Principal"), lambda r: r.principal),
            (self.tr("Phone"), lambda r: r.phone),
            (self.tr("Address"), lambda r: r.address),
        ], parent)
        self.registry = registry
        self.query: dict[str, Any] = {"text": "", "role": None, "landlord_id": None}

    def fetch(self, ids: Sequence[str]) -> dict[str, EnterpriseRow]:
        return {r.id: r for r in self.registry.rows(ids)}

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
        self.set_ids(self.registry.search_ids(
            self.query["text"], role=self.query["role"], landlord_id=self.query["landlord_id"]
        ))

    def enterprise_id(self, row: int) -> str:
        return self.row_id(row)

    def enterprise_row(self, row: int) -> EnterpriseRow | None:
        return self.record(row)
