"""The connection FieldSafe works on, with sqlite-utils' Database made only when something first needs it.

The window's start reads with plain SQL; importing sqlite-utils (click, pluggy, dateutil come with it) would cost
every start about 45 ms before the registry can show. And sqlite-utils imports numpy and pandas, when they are
installed, only to map their scalar types to column types, which FieldSafe never stores: matplotlib (the statistics
charts) installs numpy, whose import would cost another 65 ms. The two are hidden while sqlite-utils loads.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils


def import_sqlite_utils() -> Any:
    hidden = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # None in sys.modules makes `import` raise ImportError
    try:
        import sqlite_utils
    finally:
        for name in hidden:
            if sys.modules.get(name) is None:
                del sys.modules[name]
    return sqlite_utils


class Database:
    """`conn` for SQL; everything else of sqlite-utils' Database (tables, upserts, schema) through `utils`, or by
    attribute and item as on sqlite-utils' own."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    @cached_property
    def utils(self) -> sqlite_utils.Database:
        # No plugins: whatever plugin happens to be installed on the machine would run on this connection, and
        # finding them reads the metadata of every installed package (10–20 ms).
        return import_sqlite_utils().Database(self.conn, recursive_triggers=False, execute_plugins=False)

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> Iterator[dict[str, Any]]:
        """The rows as dictionaries, as sqlite-utils' `query` gives them."""
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))

    def __getitem__(self, table: str) -> Any:
        return self.utils[table]

    def __getattr__(self, name: str) -> Any:
        if name == "utils":  # cached_property failed; do not recurse
            raise AttributeError(name)
        return getattr(self.utils, name)

    def close(self) -> None:
        self.conn.close()
