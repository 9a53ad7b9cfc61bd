"""Deadlines printed on orders: calendar days or working days, with the official holiday calendar kept as data.

The State Council publishes each year's holidays and adjusted working weekends (调休); they live in
`resources/calendar/cn_YYYY.toml`. A day is a working day when it is an adjusted working day, or a Monday–Friday that
is not a holiday. For a year with no calendar file, Monday–Friday is assumed and the result says so (`fallback_years`,
`warnings`), so the UI can ask the inspector to check the date.

Counting follows 民法典 §201/§203: the starting day is not counted; a period in days whose last day is a rest day ends
on the next working day (`deadline_for(..., working_days=False)` does that; `add_days` is the bare arithmetic).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.errors import ContentError, ValidationError
from app.models.datafile import read_toml
from app.resources import resource_path

STATUSES = ("OFFICIAL", "CONSTRUCTED")


@dataclass(frozen=True)
class YearCalendar:
    year: int
    status: str
    source: str
    holidays: dict[dt.date, str]  # rest day -> holiday name
    workdays: dict[dt.date, str]  # adjusted working weekend -> note
    file: str = ""


@dataclass(frozen=True)
class Calendar:
    """Several years' arrangements; dates a file lists outside its own year (e.g. a New Year holiday starting on
    30 December) count too."""

    years: dict[int, YearCalendar] = field(default_factory=dict)

    def __post_init__(self) -> None:
        holidays: dict[dt.date, str] = {}
        workdays: dict[dt.date, str] = {}
        for cal in self.years.values():
            holidays.update(cal.holidays)
            workdays.update(cal.workdays)
        object.__setattr__(self, "_holidays", holidays)
        object.__setattr__(self, "_workdays", workdays)

    def knows(self, year: int) -> bool:
        return year in self.years

    def is_working_day(self, day: dt.date) -> bool:
        if day in self._workdays:  # type: ignore[attr-defined]
            return True
        if day in self._holidays:  # type: ignore[attr-defined]
            return False
        return day.weekday() < 5

    def holiday_name(self, day: dt.date) -> str | None:
        return self._holidays.get(day)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Deadline:
    date: dt.date
    working_days: bool
    fallback_years: tuple[int, ...] = ()  # years counted Monday–Friday for want of a calendar file
    constructed_years: tuple[int, ...] = ()  # years counted with a calendar not checked against the official notice

    @property
    def certain(self) -> bool:
        return not self.fallback_years and not self.constructed_years

    @property
    def warnings(self) -> list[str]:
        out = []
        if self.fallback_years:
            years = "、".join(str(y) for y in self.fallback_years)
            out.append(f"缺少 {years} 年的节假日安排，期限按周一至周五为工作日计算，请人工核对")
        if self.constructed_years:
            years = "、".join(str(y) for y in self.constructed_years)
            out.append(f"{years} 年的节假日安排未经官方通知核对，请人工核对期限")
        return out


# ------------------------------------------------------------------------------------------------------------ loading


def _date(file: str, where: str, value: Any) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise ContentError(
            file, where, "应为日期（如 2026-01-01，不带引号）", "expected a date (e.g. 2026-01-01, unquoted)"
        )
    return value


def _text(file: str, where: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ContentError(file, where, "应为非空文本", "expected non-empty text")
    return value.strip()


def _table_list(file: str, where: str, value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ContentError(file, where, "应为表数组（[[...]]）", "expected an array of tables ([[...]])")
    return value


def parse_year(data: dict[str, Any], file: str) -> YearCalendar:
    """Validate one year's file; every error names the file and the field."""
    known = {"year", "status", "source", "note", "holidays", "workdays"}
    for key in data:
        if key not in known:
            raise ContentError(file, key, "未知字段", "unknown field")
    year = data.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ContentError(file, "year", "应为 2000–2100 之间的年份", "expected a year between 2000 and 2100")
    status = data.get("status")
    if status not in STATUSES:
        raise ContentError(file, "status", "应为 OFFICIAL 或 CONSTRUCTED", "expected OFFICIAL or CONSTRUCTED")
    source = _text(file, "source", data.get("source"))
    if "note" in data:
        _text(file, "note", data["note"])

    def near(where: str, day: dt.date) -> dt.date:
        if abs(day.year - year) > 1:
            raise ContentError(file, where, f"日期 {day} 不在 {year} 年前后", f"date {day} is not near {year}")
        return day

    holidays: dict[dt.date, str] = {}
    for i, entry in enumerate(_table_list(file, "holidays", data.get("holidays", []))):
        where = f"holidays[{i}]"
        for key in entry:
            if key not in {"name", "from", "to"}:
                raise ContentError(file, f"{where}.{key}", "未知字段", "unknown field")
        name = _text(file, f"{where}.name", entry.get("name"))
        start = near(f"{where}.from", _date(file, f"{where}.from", entry.get("from")))
        end = near(f"{where}.to", _date(file, f"{where}.to", entry.get("to", start)))
        if end < start:
            raise ContentError(file, f"{where}.to", "结束日期早于开始日期", "ends before it starts")
        if (end - start).days > 15:
            raise ContentError(
                file, f"{where}.to", "假期超过 16 天，疑为录入错误", "longer than 16 days: a typing error?"
            )
        day = start
        while day <= end:
            if day in holidays:
                raise ContentError(
                    file, f"{where}.from", f"{day} 与 {holidays[day]} 重复", f"{day} repeats {holidays[day]}"
                )
            holidays[day] = name
            day += dt.timedelta(days=1)

    workdays: dict[dt.date, str] = {}
    for i, entry in enumerate(_table_list(file, "workdays", data.get("workdays", []))):
        where = f"workdays[{i}]"
        for key in entry:
            if key not in {"date", "name"}:
                raise ContentError(file, f"{where}.{key}", "未知字段", "unknown field")
        day = near(f"{where}.date", _date(file, f"{where}.date", entry.get("date")))
        name = _text(file, f"{where}.name", entry.get("name", "调休上班"))
        if day.weekday() < 5:
            raise ContentError(
                file,
                f"{where}.date",
                f"{day} 是工作日，调休上班日应为周六或周日",
                f"{day} is a weekday; an adjusted working day must be a Saturday or Sunday",
            )
        if day in holidays:
            raise ContentError(file, f"{where}.date", f"{day} 同时被列为假日", f"{day} is also listed as a holiday")
        if day in workdays:
            raise ContentError(file, f"{where}.date", f"{day} 重复", f"{day} is listed twice")
        workdays[day] = name
    return YearCalendar(year, status, source, holidays, workdays, file)


def load_year(path: Path) -> YearCalendar:
    cal = parse_year(read_toml(path), path.name)
    expected = f"cn_{cal.year}.toml"
    if path.name.startswith("cn_") and path.name != expected:
        raise ContentError(
            path.name, "year", f"与文件名不符（应为 {expected}）", f"does not match the file name ({expected})"
        )
    return cal


def load_calendar(paths: Iterable[Path] | None = None) -> Calendar:
    """The given files, or every resources/calendar/cn_*.toml."""
    if paths is None:
        paths = sorted(resource_path("calendar").glob("cn_*.toml"))
    years: dict[int, YearCalendar] = {}
    for path in paths:
        cal = load_year(path)
        if cal.year in years:
            raise ContentError(
                path.name,
                "year",
                f"{cal.year} 年已由 {years[cal.year].file} 提供",
                f"{cal.year} is already given by {years[cal.year].file}",
            )
        years[cal.year] = cal
    return Calendar(years)


@lru_cache(maxsize=1)
def default_calendar() -> Calendar:
    return load_calendar()


# ---------------------------------------------------------------------------------------------------------- counting


def _check_n(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValidationError(
            "workdays.days", "期限天数应为非负整数：{n}", "The number of days must be a non-negative integer: {n}", n=n
        )


def add_days(start: dt.date, n: int) -> dt.date:
    """n calendar days after start (the starting day not counted)."""
    _check_n(n)
    return start + dt.timedelta(days=n)


def _notes(calendar: Calendar, days: Iterable[dt.date], working_days: bool, end: dt.date) -> Deadline:
    years = sorted({d.year for d in days} | {end.year})
    fallback = tuple(y for y in years if not calendar.knows(y))
    constructed = tuple(y for y in years if calendar.knows(y) and calendar.years[y].status != "OFFICIAL")
    return Deadline(end, working_days, fallback, constructed)


def add_working_days(start: dt.date, n: int, calendar: Calendar | None = None) -> Deadline:
    """The n-th working day after start (start itself not counted); n = 0 gives start."""
    _check_n(n)
    calendar = calendar or default_calendar()
    day, seen, counted = start, [start], 0
    while counted < n:
        day += dt.timedelta(days=1)
        seen.append(day)
        if calendar.is_working_day(day):
            counted += 1
    return _notes(calendar, seen, True, day)


def deadline_for(start: dt.date, days: int, working_days: bool, calendar: Calendar | None = None) -> Deadline:
    """The deadline printed on an order: `days` working days, or `days` calendar days moved past a final rest day."""
    calendar = calendar or default_calendar()
    if working_days:
        return add_working_days(start, days, calendar)
    end = add_days(start, days)
    seen = [start, end]
    while days and not calendar.is_working_day(end):
        end += dt.timedelta(days=1)
        seen.append(end)
    return _notes(calendar, seen, False, end)
