"""The window's start reads the database without importing sqlite-utils or cryptography's PEM reader; the first
use of sqlite-utils' own API brings it in (without numpy)."""

from __future__ import annotations

import subprocess
import sys

from app.models.workspace import Workspace

OPEN_AND_READ = """
import sys
from pathlib import Path
from app.models.workspace import Workspace
ws = Workspace(Path(sys.argv[1]))
ws.registry.search_ids("宁波")
ws.store.insert("org_unit", {"name": "集士港镇", "level": "township"})
print(sorted(m for m in ("sqlite_utils", "cryptography.hazmat.primitives.serialization") if m in sys.modules))
print(ws.store.db["org_unit"].count, "numpy" in sys.modules, "sqlite_utils" in sys.modules)
"""


def test_opening_reading_and_writing_need_no_sqlite_utils(tmp_path):
    Workspace(tmp_path).close()  # the device key and the schema, made in this process
    out = subprocess.run([sys.executable, "-c", OPEN_AND_READ, str(tmp_path)], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out == ["[]", "1 False True"]


def test_the_database_reads_rows_as_dictionaries_like_sqlite_utils(tmp_path):
    with Workspace(tmp_path) as ws:
        ws.store.insert("org_unit", {"name": "姜山镇", "level": "township"})
        ours = list(ws.store.db.query("SELECT name, level FROM org_unit WHERE name = ?", ("姜山镇",)))
        theirs = list(ws.store.db.utils.query("SELECT name, level FROM org_unit WHERE name = ?", ("姜山镇",)))
        assert ours == theirs == [{"name": "姜山镇", "level": "township"}]
        assert "org_unit" in ws.store.db.table_names()
