"""import_registry: read, plan, refuse with every row error or apply."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.models.registry import Registry
from app.models.registry_io.applying import write
from app.models.registry_io.columns import MAX_LISTED_ERRORS
from app.models.registry_io.files import read_table
from app.models.registry_io.planning import Plan
from app.models.registry_io.report import ImportReport, RegistryImportError

if TYPE_CHECKING:
    from app.models.workspace import Workspace


def registry_of(target: Workspace | Registry) -> Registry:
    return target if isinstance(target, Registry) else target.registry


def import_registry(target: Workspace | Registry, path: Path | str) -> ImportReport:
    """Import an enterprise register (.xlsx or .csv); all-or-nothing, idempotent.

    Raises `RegistryImportError` (with `.errors`) when any row is invalid, and `UserError` when the file itself
    cannot be read; in both cases nothing is written.
    """
    path = Path(path)
    table = read_table(path)
    plan = Plan(registry_of(target), path)
    plan.read(table)
    plan.collapse_identical()
    plan.check_duplicates()
    plan.match_existing()
    plan.resolve_landlords()
    plan.check_agreements()
    if plan.errors:
        errors = sorted(plan.errors, key=lambda e: e.row)
        shown = errors[:MAX_LISTED_ERRORS]
        more = len(errors) - len(shown)
        details_zh = "\n".join(e.text("zh") for e in shown) + (f"\n……另有 {more} 处错误" if more else "")
        details_en = "\n".join(e.text("en") for e in shown) + (f"\n… and {more} more" if more else "")
        raise RegistryImportError(
            "registry.invalid_rows",
            "文件 {file} 有 {count} 处错误，未导入任何数据：\n{details_zh}",
            "File {file} has {count} error(s); nothing was imported:\n{details_en}",
            errors,
            file=path.name,
            count=len(errors),
            details_zh=details_zh,
            details_en=details_en,
        )
    return write(plan)
