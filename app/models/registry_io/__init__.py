"""Enterprise register import and export: the Excel/CSV tables township offices keep, with Chinese headers.

Import is all-or-nothing: every row is checked first and every problem is reported with the row number the
spreadsheet shows (header = row 1 unless title rows sit above it) and the column header; only a clean file is written,
in one transaction. Import is idempotent: enterprises are matched by credit code, else by exact name and township,
and only fields that differ are written, so importing the same file twice (or re-importing an export) changes
nothing. A blank cell never clears a stored value.
"""

from __future__ import annotations

from app.models.registry_io.columns import COLUMNS, HEADERS, SHEET_NAME
from app.models.registry_io.exporting import export_registry
from app.models.registry_io.importing import import_registry
from app.models.registry_io.report import ImportReport, RegistryImportError, RowError

__all__ = [
    "COLUMNS",
    "HEADERS",
    "ImportReport",
    "RegistryImportError",
    "RowError",
    "SHEET_NAME",
    "export_registry",
    "import_registry",
]
