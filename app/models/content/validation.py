"""Reading a hand-edited table field by field, with the file, path and reason of every problem."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Final, NoReturn

from app.errors import ContentError
from app.models.content.model import CODE_RE

MISSING: Final = object()


def _type_name(value: object) -> tuple[str, str]:
    if isinstance(value, bool):
        return "布尔值", "boolean"
    if isinstance(value, int):
        return "整数", "integer"
    if isinstance(value, float):
        return "小数", "float"
    if isinstance(value, str):
        return "字符串", "string"
    if isinstance(value, list):
        return "数组", "array"
    if isinstance(value, Mapping):
        return "表", "table"
    if isinstance(value, date):
        return "日期", "date"
    return type(value).__name__, type(value).__name__


class Table:
    """One table of a content file, read field by field.

    Remembers its path so that any error can name the exact field, and which keys were read so that `done()` can
    reject the rest: an unknown key is nearly always a misspelt optional field that would otherwise vanish silently.
    """

    def __init__(self, file: str, path: str, data: object) -> None:
        self.file = file
        self.path = path
        if not isinstance(data, Mapping):
            zh, en = _type_name(data)
            raise ContentError(file, path or "-", f"应为表，实际为{zh}", f"expected a table, got {en}")
        self.data: Mapping[str, Any] = data
        self._read: set[str] = set()

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str, zh: str, en: str) -> NoReturn:
        raise ContentError(self.file, self.where(key), zh, en)

    def has(self, key: str) -> bool:
        return key in self.data

    def _get(self, key: str, required: bool) -> Any:
        self._read.add(key)
        if key not in self.data:
            if required:
                self.fail(key, "缺少必填字段", "required field is missing")
            return MISSING
        return self.data[key]

    def type_error(self, field: str, value: object, expected_zh: str, expected_en: str) -> NoReturn:
        zh, en = _type_name(value)
        raise ContentError(self.file, field, f"应为{expected_zh}，实际为{zh}", f"expected {expected_en}, got {en}")

    def check_text(self, field: str, value: object, *, required: bool) -> str:
        if not isinstance(value, str):
            self.type_error(field, value, "字符串", "a string")
        # An optional text may be left empty; a required one may not be filled with blanks to pass the check.
        if required and not value.strip():
            raise ContentError(self.file, field, "不能为空", "must not be empty")
        return value

    def text(self, key: str, *, required: bool = True) -> str:
        value = self._get(key, required)
        if value is MISSING:
            return ""
        return self.check_text(self.where(key), value, required=required)

    def code(self, key: str, pattern: re.Pattern[str] = CODE_RE) -> str:
        value = self.text(key)
        if not pattern.match(value):
            self.fail(key, f"“{value}”不是有效的编号", f"'{value}' is not a valid code")
        return value

    def integer(
        self, key: str, *, minimum: int | None = None, maximum: int | None = None, default: int | None = None
    ) -> int:
        value = self._get(key, default is None)
        if value is MISSING:
            assert default is not None
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.type_error(self.where(key), value, "整数", "an integer")
        if minimum is not None and value < minimum:
            self.fail(key, f"不能小于 {minimum}（实际为 {value}）", f"must be at least {minimum} (got {value})")
        if maximum is not None and value > maximum:
            self.fail(key, f"不能大于 {maximum}（实际为 {value}）", f"must be at most {maximum} (got {value})")
        return value

    def number(self, key: str) -> float:
        value = self._get(key, True)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.type_error(self.where(key), value, "数字", "a number")
        return float(value)

    def boolean(self, key: str, *, default: bool | None = None) -> bool:
        value = self._get(key, default is None)
        if value is MISSING:
            assert default is not None
            return default
        if not isinstance(value, bool):
            self.type_error(self.where(key), value, "布尔值（true/false）", "a boolean (true/false)")
        return value

    def choice(self, key: str, allowed: Sequence[str], *, default: str | None = None) -> str:
        value = self._get(key, default is None)
        if value is MISSING:
            assert default is not None
            return default
        return self.check_choice(self.where(key), value, allowed)

    def check_choice(self, field: str, value: object, allowed: Sequence[str]) -> str:
        if not isinstance(value, str):
            self.type_error(field, value, "字符串", "a string")
        if value not in allowed:
            options = ", ".join(allowed)
            raise ContentError(
                self.file,
                field,
                f"取值“{value}”无效，可选：{options}",
                f"invalid value '{value}'; allowed: {options}",
            )
        return value

    def texts(
        self,
        key: str,
        *,
        required: bool = True,
        min_items: int = 1,
        allowed: Sequence[str] | None = None,
        default: Sequence[str] = (),
    ) -> tuple[str, ...]:
        value = self._get(key, required)
        if value is MISSING:
            return tuple(default)
        field = self.where(key)
        if not isinstance(value, list):
            self.type_error(field, value, "字符串数组", "an array of strings")
        if len(value) < min_items:
            raise ContentError(
                self.file,
                field,
                f"至少需要 {min_items} 项（实际 {len(value)} 项）",
                f"needs at least {min_items} entries (got {len(value)})",
            )
        seen: dict[str, int] = {}
        for index, element in enumerate(value):
            element_field = f"{field}[{index}]"
            if allowed is None:
                self.check_text(element_field, element, required=True)
            else:
                self.check_choice(element_field, element, allowed)
            if element in seen:
                other = f"{field}[{seen[element]}]"
                raise ContentError(self.file, element_field, f"与 {other} 重复", f"duplicates {other}")
            seen[element] = index
        return tuple(value)

    def table(self, key: str) -> Table:
        return Table(self.file, self.where(key), self._get(key, True))

    def tables(self, key: str) -> list[Table]:
        value = self._get(key, True)
        if not isinstance(value, list):
            self.type_error(self.where(key), value, "表数组", "an array of tables")
        return [Table(self.file, f"{self.where(key)}[{index}]", element) for index, element in enumerate(value)]

    def raw(self, key: str, *, required: bool = True) -> Any:
        return self._get(key, required)

    def forbid(self, key: str, zh: str, en: str) -> None:
        self._read.add(key)
        if key in self.data:
            self.fail(key, zh, en)

    def done(self) -> None:
        for key in self.data:
            if key not in self._read:
                self.fail(key, "未知字段（是否拼写错误？）", "unknown field (misspelt?)")


def unique(tables: Sequence[Table], values: Sequence[object], key: str) -> None:
    first: dict[object, int] = {}
    for index, value in enumerate(values):
        if value in first:
            other = tables[first[value]].where(key)
            tables[index].fail(key, f"“{value}”与 {other} 重复", f"'{value}' duplicates {other}")
        first[value] = index


def read_revised(table: Table) -> str:
    value = table.text("revised", required=False)
    if value:
        try:
            date.fromisoformat(value)
        except ValueError:
            table.fail("revised", f"“{value}”不是 YYYY-MM-DD 格式的日期", f"'{value}' is not a YYYY-MM-DD date")
    return value


def notice(table: Table, status: str) -> str:
    # The brief requires constructed content to say so wherever it is shown, so the notice is mandatory for it.
    return table.text("notice_zh", required=status == "CONSTRUCTED")
