"""Helpers shared by tests (fixtures live in conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.models.workspace import Workspace


def change_count(workspace: Workspace) -> int:
    return int(workspace.db.conn.execute("SELECT count(*) FROM change").fetchone()[0])


def cli_call(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """`app.cli.main(ARGS)` in-process: (exit status, stdout, stderr); argparse's SystemExit counts as a status."""
    capsys.readouterr()
    try:
        status = main([str(a) for a in args])
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return status, out, err
