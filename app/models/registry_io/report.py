"""What an import reports: the row errors that refuse a file, the warnings and counts of one that was applied."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from app.errors import UserError, ValidationError, language

# Results and errors


@dataclass(frozen=True)
class RowError:
    """One problem in an imported file: spreadsheet row number (header = 1), column header, reason."""

    row: int
    column: str | None
    message: str
    zh: str = ""
    en: str = ""
    code: str = ""

    def text(self, lang: str | None = None) -> str:
        lang = lang or language()
        reason = (self.en if lang == "en" else self.zh) or self.message
        if lang == "en":
            return f"Row {self.row}, column {self.column}: {reason}" if self.column else f"Row {self.row}: {reason}"
        return f"第 {self.row} 行“{self.column}”列：{reason}" if self.column else f"第 {self.row} 行：{reason}"

    def __str__(self) -> str:
        return self.text()


class RegistryImportError(UserError):
    """The file was refused; nothing was written. `.errors` lists every problem found."""

    def __init__(self, code: str, zh: str, en: str, errors: Sequence[RowError], **params: object) -> None:
        super().__init__(code, zh, en, **params)
        self.errors: list[RowError] = list(errors)


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged

    def describe(self) -> str:
        template = (
            "Imported {rows} rows: {created} new, {updated} updated, {unchanged} unchanged"
            if language() == "en"
            else "已导入 {rows} 行：新增 {created}，更新 {updated}，未变 {unchanged}"
        )
        return template.format(rows=self.rows, created=self.created, updated=self.updated, unchanged=self.unchanged)


def row_error(row: int, column: str | None, exc: UserError) -> RowError:
    return RowError(row, column, exc.message, exc.zh, exc.en, exc.code)


def problem(code: str, zh: str, en: str, **params: object) -> ValidationError:
    return ValidationError(code, zh, en, **params)
