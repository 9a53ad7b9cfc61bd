"""Text typed for something not yet recorded: a worker's name before the sample is added, the examinee's name
before the quiz starts, a refusal statement before it is confirmed, the measures of a document before it is issued.

Kept in a local table (never synced: a draft is this laptop's, not a record) and saved as it is typed, so a laptop
whose battery dies loses at most the last second; the form reads it back when it opens again and clears it once the
record exists.
"""

from __future__ import annotations

from datetime import datetime

from app.models.store import Store


class Drafts:
    def __init__(self, store: Store) -> None:
        self.store = store

    def save(self, key: str, text: str) -> None:
        with self.store.transaction():
            if text.strip():
                self.store.db.conn.execute(
                    "INSERT INTO draft (key, value, at) VALUES (?, ?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value, at = excluded.at",
                    (key, text, datetime.now().astimezone().isoformat(timespec="seconds")),
                )
            else:
                self.store.db.conn.execute("DELETE FROM draft WHERE key = ?", (key,))

    def get(self, key: str) -> str:
        row = self.store.db.conn.execute("SELECT value FROM draft WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else ""

    def clear(self, key: str) -> None:
        self.save(key, "")


__all__ = ["Drafts"]
