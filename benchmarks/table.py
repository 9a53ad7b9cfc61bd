"""One row of the benchmark table, and how a benchmark script hands its rows to run_all.py.

Every script prints its rows for a reader; run with `--rows FILE` (as run_all.py does) it also writes them there as
JSON, so each benchmark runs in a process of its own (its peak memory is its own) and the table is made once.
"""

from __future__ import annotations

import argparse
import json
import statistics
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Row:
    figure: str
    median: float
    unit: str  # "ms", "s", "MB", "x" (a ratio to `reference`)
    target: float  # the median must be at most this
    reference: str = ""  # what a ratio is measured against, with its own figure from the same run
    note: str = ""

    @property
    def met(self) -> bool:
        return self.median <= self.target


def median(values: list[float]) -> float:
    return statistics.median(values)


def add_rows_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rows", type=Path, help="also write the table rows to this JSON file (run_all.py)")


def report(rows: list[Row], path: Path | None) -> None:
    for row in rows:
        print(format_row(row))
    if path is not None:
        existing = json.loads(path.read_text("utf-8")) if path.exists() else []
        path.write_text(json.dumps(existing + [asdict(r) for r in rows], ensure_ascii=False), "utf-8")


def load_rows(path: Path) -> list[Row]:
    return [Row(**r) for r in json.loads(path.read_text("utf-8"))] if path.exists() else []


def number(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f} ×"
    if unit == "chars":
        return f"{value:,.0f} {unit}"
    digits = 0 if value >= 100 else 1 if value >= 10 else 2
    return f"{value:,.{digits}f} {unit}"


def format_row(row: Row) -> str:
    mark = "ok" if row.met else "MISS"
    return (f"{row.figure:<58} {number(row.median, row.unit):>12}  ≤ {number(row.target, row.unit):<10} {mark:<4} "
            f"{row.reference}")


def markdown(rows: list[Row]) -> str:
    lines = ["| figure | median | target | met | reference (same run) |", "| --- | ---: | ---: | :-: | --- |"]
    for row in rows:
        reference = "; ".join(part for part in (row.reference, row.note) if part)
        lines.append(f"| {row.figure} | {number(row.median, row.unit)} | ≤ {number(row.target, row.unit)} | "
                     f"{'yes' if row.met else '**no**'} | {reference} |")
    return "\n".join(lines)
