"""The 文书 list's table: every document's id newest first, rows fetched as the view paints them (168,000
documents at city size would take seconds as table items)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QBrush, QColor

from app.documents.issuing import Documents, ListedDocument
from app.models import vocab
from app.ui.i18n import fill
from app.ui.widgets.id_table_model import IdTableModel

VOID = QBrush(QColor("#888888"))


class DocumentsModel(IdTableModel[ListedDocument]):
    def __init__(self, documents: Documents, parent: QObject | None = None) -> None:
        super().__init__([
            (self.tr("Number"), lambda r: r.doc_no),
            (self.tr("Type"), lambda r: vocab.label("document_types", r.doc_type)),
            (self.tr("Enterprise"), lambda r: r.enterprise),
            (self.tr("Status"), lambda r: vocab.label("document_statuses", r.status)),
            (self.tr("Created"), lambda r: r.created_at[:16].replace("T", " ")),
            (self.tr("Note"), self.note),
        ], parent)
        self.documents = documents

    def fetch(self, ids: Sequence[str]) -> dict[str, ListedDocument]:
        return self.documents.listed(ids)

    def foreground(self, record: ListedDocument) -> Any:
        return VOID if record.status == "VOID" else None

    def refresh(self) -> None:
        self.set_ids(self.documents.ids_newest_first())

    def note(self, row: ListedDocument) -> str:
        """Why a document is void, when it was served, which document it corrects."""
        notes = []
        if row.status == "VOID" and row.void_reason:
            notes.append(fill(self.tr("Voided: {reason}"), reason=row.void_reason))
        if row.service:
            notes.append(fill(self.tr("Served {service}"), service=row.service.summary()))
        if row.supersedes:
            notes.append(fill(self.tr("Corrects {number}"), number=row.supersedes))
        return "；".join(notes)
