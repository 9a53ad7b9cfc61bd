"""Checklist templates and question banks as stored in the database.

The validated content from resources/ is copied into the database with its digest, and an inspection points at the
row it was started with. A row is never edited: content with a new digest becomes a new row, so an inspection
always reprints with the exact items and questions it was run on, even after a template update arrives.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from app.models import content
from app.models.authority import TEMPLATE_TABLES, authorities
from app.models.store import Store

_NAMESPACE = uuid.UUID("6f1c2a52-61a4-4c35-9b64-2f0b8e7d9a10")  # FieldSafe templates


def row_id_for(digest: str) -> str:
    """A template row's id follows from its content's digest, which is what lets anyone check a template row."""
    return str(uuid.uuid5(_NAMESPACE, digest))


def expected_row(table: str, content_json: str) -> dict[str, Any]:
    """The fields a template row holding this content must have (ValueError when the content is not valid)."""
    data = json.loads(content_json)
    if table == "checklist_template":
        checklist = content.checklist_from_dict(data)
        digest = content.content_digest(checklist)
        return {"id": row_id_for(digest), "digest": digest, "code": checklist.code,
                "version": str(checklist.version), "status": checklist.status, "title": checklist.title_zh}
    bank = content.bank_from_dict(data)
    digest = content.content_digest(bank)
    return {"id": row_id_for(digest), "digest": digest, "code": bank.kind, "version": str(bank.version)}


class Templates:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._checklists: dict[str, content.Checklist] = {}
        self._banks: dict[str, content.QuestionBank] = {}
        self._current_checklist: str | None = None
        self._current_banks: dict[str, str] = {}
        # A sync may bring a newer checklist or bank: the current ones are looked up again after it.
        store.on_commit(lambda changes: self.forget_current() if changes.tables & TEMPLATE_TABLES else None)

    def install_checklist(self, checklist: content.Checklist) -> str:
        """The id of the row holding exactly this content, creating it when new."""
        return self._install(
            "checklist_template",
            checklist.digest,
            {"code": checklist.code, "version": str(checklist.version), "status": checklist.status,
             "title": checklist.title_zh, "content": content.to_dict(checklist)},
        )

    def install_bank(self, bank: content.QuestionBank) -> str:
        return self._install(
            "question_bank",
            bank.digest,
            {"code": bank.kind, "version": str(bank.version), "content": content.to_dict(bank)},
        )

    def _install(self, table: str, digest: str, values: dict[str, Any]) -> str:
        row = self.store.db.conn.execute(
            f"SELECT id FROM {table} WHERE digest = ? AND deleted = 0 ORDER BY id LIMIT 1", (digest,)
        ).fetchone()
        if row:
            return str(row[0])
        # The id follows from the content, so installations that install the same template on their own (every
        # laptop installs the shipped one) hold the same row, and a merge does not show it twice.
        return self.store.insert(table, {**values, "digest": digest}, row_id=row_id_for(digest))

    def current_checklist_id(self) -> str:
        """The checklist new inspections use: the newest version of the shipped checklist's code, which is the
        shipped one unless a supervisor's update arrived by sync (read from resources/ once per session; the row is
        looked up again in case the transaction that installed it was rolled back)."""
        if self._current_checklist is None or not self.store.get("checklist_template", self._current_checklist):
            shipped = self.install_checklist(content.load_checklist())
            self._current_checklist = self._newest("checklist_template", shipped)
        return self._current_checklist

    def current_bank_id(self, kind: str) -> str:
        if kind not in self._current_banks or not self.store.get("question_bank", self._current_banks[kind]):
            shipped = self.install_bank(content.load_question_bank(kind))
            self._current_banks[kind] = self._newest("question_bank", shipped)
        return self._current_banks[kind]

    def _newest(self, table: str, shipped_id: str) -> str:
        """The newest version among those issued by an authority here (this installation or an enrolled supervisor,
        app/models/authority.py): a laptop's template reaches the office as data, but never becomes the one every
        new inspection uses."""
        issuers = sorted(authorities(self.store.db.conn, self.store.device_id))
        rows = self.store.query(
            f"SELECT id, version FROM {table} t WHERE deleted = 0 AND code = "
            f"(SELECT code FROM {table} WHERE id = ?) AND (id = ? OR EXISTS (SELECT 1 FROM change c "
            f"WHERE c.tbl = ? AND c.row_id = t.id AND c.col = 'digest' AND c.device IN "
            f"({', '.join('?' * len(issuers))})))", (shipped_id, shipped_id, table, *issuers),
        )
        def rank(row: dict[str, Any]) -> tuple[int, bool]:
            return (int(row["version"]) if str(row["version"]).isdigit() else 0, row["id"] == shipped_id)

        newest = max(rows, key=rank)
        return str(newest["id"])

    def forget_current(self) -> None:
        """Look the current templates up again (after a sync brought an update)."""
        self._current_checklist = None
        self._current_banks.clear()

    def checklist(self, template_id: str) -> content.Checklist:
        cached = self._checklists.get(template_id)
        if cached is None:
            row = self.store.require("checklist_template", template_id)
            cached = content.checklist_from_dict(_json(row["content"]))
            self._checklists[template_id] = cached
        return cached

    def bank(self, bank_id: str) -> content.QuestionBank:
        cached = self._banks.get(bank_id)
        if cached is None:
            row = self.store.require("question_bank", bank_id)
            cached = content.bank_from_dict(_json(row["content"]))
            self._banks[bank_id] = cached
        return cached


def _json(text: str) -> Any:
    return json.loads(text)
