"""The sync bookkeeping of one installation: who holds what, and which bundles came and went (local, never synced).

- `sync_have(origin, hlc)`: this installation holds every entry of `origin` up to `hlc` (no gaps). It grows when a
  bundle covers a range that starts inside what is already held. Its own entries are always all held.
- `sync_ack(peer, origin, hlc)`: `peer` is known to hold every entry of `origin` up to `hlc` — learnt from the
  holdings in the peer's bundles and receipts, and from the ranges of bundles the peer sent. An export to a peer
  carries every entry above those marks: what the peer has not acknowledged is sent again (nothing is dropped on a
  guess), what it holds is not (a laptop does not send the supervisor's registry back to it).
- `sync_bundle`: every bundle and receipt written (OUT) or imported (IN), with the ranges it covers.

Every statement on these three tables is here; the writes run inside the caller's transaction (an import's merge).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from app.models.store import Store


class Ledger:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.db.conn
        self.own = store.device_id

    # Holdings and acknowledgements

    def held(self) -> dict[str, int]:
        """Per origin device other than this one, the stamp up to which every entry is held here."""
        return dict(self.conn.execute("SELECT origin, hlc FROM sync_have").fetchall())

    def holdings(self) -> dict[str, int]:
        """`held`, with this installation's own entries (always all held)."""
        held = self.held()
        own = self.conn.execute("SELECT max(hlc) FROM change WHERE device = ?", (self.own,)).fetchone()[0]
        held[self.own] = int(own or 0)
        return held

    def acks(self, peer: str) -> dict[str, int]:
        return dict(self.conn.execute("SELECT origin, hlc FROM sync_ack WHERE peer = ?", (peer,)).fetchall())

    def acknowledged_until(self) -> int:
        """The stamp up to which some peer holds everything written here (0: nothing acknowledged yet)."""
        mark = self.conn.execute("SELECT max(hlc) FROM sync_ack WHERE origin = ?", (self.own,)).fetchone()[0]
        return int(mark or 0)

    def unacknowledged(self, peer: str | None, local_only: Sequence[str] = (), limit: int = -1) -> int:
        """Entries written here that `peer` (None: every peer) has not acknowledged, leaving out `local_only` tables
        (they never travel); counted up to `limit` (-1: all)."""
        mark = self.acknowledged_until() if peer is None else self.acks(peer).get(self.own, 0)
        return int(self.conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM change WHERE device = ? AND hlc > ? "
            f"AND tbl NOT IN ({', '.join('?' * len(local_only))}) LIMIT ?)",
            (self.own, mark, *local_only, limit),
        ).fetchone()[0])

    def hold(self, origin: str, hlc: int) -> None:
        self.store.note_changed({"sync_have"})
        self.conn.execute(
            "INSERT INTO sync_have (origin, hlc) VALUES (?, ?) "
            "ON CONFLICT (origin) DO UPDATE SET hlc = max(hlc, excluded.hlc)", (origin, hlc),
        )

    def ack(self, peer: str, origin: str, hlc: int) -> None:
        self.store.note_changed({"sync_ack"})
        self.conn.execute(
            "INSERT INTO sync_ack (peer, origin, hlc) VALUES (?, ?, ?) "
            "ON CONFLICT (peer, origin) DO UPDATE SET hlc = max(hlc, excluded.hlc)", (peer, origin, hlc),
        )

    def extend_ack(self, peer: str, origin: str, after: int, last: int) -> None:
        """The peer holds `origin`'s entries in (after, last]: it holds up to `last` when it held up to `after`."""
        if after <= self.acks(peer).get(origin, 0):
            self.ack(peer, origin, last)

    # Bundles

    def peers(self) -> list[str]:
        """Devices this installation has imported from, most recent first."""
        rows = self.conn.execute(
            "SELECT device FROM sync_bundle WHERE direction = 'IN' GROUP BY device ORDER BY max(at) DESC"
        ).fetchall()
        return [r[0] for r in rows if r[0] != self.own]

    def seen(self, device: str, bundle_id: str) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM sync_bundle WHERE device = ? AND bundle_id = ?", (device, bundle_id)
        ).fetchone() is not None

    def imported(self, kind: str, device: str) -> list[tuple[str, str]]:
        """(bundle id, file sha256) of every bundle of `kind` imported from `device`, oldest first."""
        return [tuple(r) for r in self.conn.execute(
            "SELECT bundle_id, file_sha256 FROM sync_bundle WHERE direction = 'IN' AND kind = ? AND device = ? "
            "ORDER BY at, bundle_id", (kind, device),
        )]

    def mark_received(self, bundle_id: str) -> dict[str, list[int]] | None:
        """A receipt names this bundle written here: mark it acknowledged; the ranges it covers (None: not ours)."""
        row = self.conn.execute(
            "SELECT covers FROM sync_bundle WHERE bundle_id = ? AND device = ? AND direction = 'OUT'",
            (bundle_id, self.own),
        ).fetchone()
        if row is None:
            return None
        self.conn.execute("UPDATE sync_bundle SET acked = 1 WHERE bundle_id = ? AND device = ?", (bundle_id, self.own))
        return {origin: [int(after), int(last)] for origin, (after, last) in json.loads(row[0]).items()}

    def record(self, direction: str, kind: str, bundle_id: str, device: str, peer: str | None, sha256: str,
               covers: dict[str, Any], stats: dict[str, Any]) -> None:
        self.store.note_changed({"sync_bundle"})
        self.conn.execute(
            "INSERT INTO sync_bundle (bundle_id, direction, kind, device, peer, file_sha256, covers, stats, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (bundle_id, direction, kind, device, peer, sha256, json.dumps(covers, sort_keys=True),
             json.dumps(stats, ensure_ascii=False, sort_keys=True),
             datetime.now().astimezone().isoformat(timespec="seconds")),
        )

    def bundles(self, direction: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * FROM sync_bundle" + (" WHERE direction = ?" if direction else "") + " ORDER BY at DESC"
        return self.store.query(sql, (direction,) if direction else ())
