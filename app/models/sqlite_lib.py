"""sqlite-utils, imported without numpy and pandas.

sqlite-utils imports numpy and pandas, when they are installed, only to map their scalar types to column types;
FieldSafe never stores them. matplotlib (the statistics charts) installs numpy, whose import would cost every start
about 65 ms before the window can show. The two are hidden while sqlite-utils loads and importable again after.
"""

from __future__ import annotations

import sys

_HIDDEN = [name for name in ("numpy", "pandas") if name not in sys.modules]
for _name in _HIDDEN:
    sys.modules[_name] = None  # type: ignore[assignment]  # None in sys.modules makes `import` raise ImportError
try:
    import sqlite_utils as sqlite_utils
finally:
    for _name in _HIDDEN:
        if sys.modules.get(_name) is None:
            del sys.modules[_name]
