"""Helpers shared by tests (fixtures live in conftest.py)."""

from __future__ import annotations

from app.models.workspace import Workspace


def change_count(workspace: Workspace) -> int:
    return int(workspace.db.conn.execute("SELECT count(*) FROM change").fetchone()[0])
