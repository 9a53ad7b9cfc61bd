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

    def install_checklist(self, checklist: content.Checklist) -> str:
        """The id of the row holding exactly this content, creating it when new."""
        row = self.store.db.conn.execute(
            "SELECT id FROM checklist_template WHERE digest = ? AND deleted = 0 ORDER BY id LIMIT 1",
            (checklist.digest,),
        ).fetchone()
        if row:
            return str(row[0])
        return self.store.insert(
            "checklist_template",
            {
                "code": checklist.code,
                "version": str(checklist.version),
                "status": checklist.status,
                "title": checklist.title_zh,
                "content": content.to_dict(checklist),
                "digest": checklist.digest,
            },
        )

    def install_bank(self, bank: content.QuestionBank) -> str:
        row = self.store.db.conn.execute(
            "SELECT id FROM question_bank WHERE digest = ? AND deleted = 0 ORDER BY id LIMIT 1", (bank.digest,)
        ).fetchone()
        if row:
            return str(row[0])
        return self.store.insert(
            "question_bank",
            {
                "code": bank.kind,
                "version": str(bank.version),
                "content": content.to_dict(bank),
                "digest": bank.digest,
            },
        )

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
