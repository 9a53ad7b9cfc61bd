"""Checklist templates and question banks as stored in the database.

The validated content from resources/ is copied into the database with its digest, and an inspection points at the
row it was started with. A row is never edited: content with a new digest becomes a new row, so an inspection
always reprints with the exact items and questions it was run on, even after a template update arrives.
"""

from __future__ import annotations

import json
from typing import Any

from app.models import content
from app.models.store import Store


class Templates:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._checklists: dict[str, content.Checklist] = {}
        self._banks: dict[str, content.QuestionBank] = {}
        self._current_checklist: str | None = None
        self._current_banks: dict[str, str] = {}

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
        return self.store.insert(table, {**values, "digest": digest})

    def current_checklist_id(self) -> str:
        """The shipped checklist's row (read from resources/ once per session; the row is looked up again in case
        the transaction that installed it was rolled back)."""
        if self._current_checklist is None or not self.store.get("checklist_template", self._current_checklist):
            self._current_checklist = self.install_checklist(content.load_checklist())
        return self._current_checklist

    def current_bank_id(self, kind: str) -> str:
        if kind not in self._current_banks or not self.store.get("question_bank", self._current_banks[kind]):
            self._current_banks[kind] = self.install_bank(content.load_question_bank(kind))
        return self._current_banks[kind]

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
