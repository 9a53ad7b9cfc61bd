"""`make bench`: build the city data set, run every benchmark in a process of its own, print one table and write it
to docs/performance.md with the machine it ran on.

    python benchmarks/run_all.py                 # city size: a few minutes to build, about ten to run
    python benchmarks/run_all.py --quick         # a tenth of the city, for development (docs not written)
    python benchmarks/run_all.py --data DIR      # keep the data set in DIR and reuse it next time

Targets are medians; ratios are to a reference measured in the same run (named in the last column).
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.city import FULL, QUICK, build_city  # noqa: E402
from benchmarks.table import format_row, load_rows, markdown  # noqa: E402

DOC = HERE.parent / "docs" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def machine() -> str:
    memory = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    from PySide6 import __version__ as pyside

    return (f"{os.cpu_count()} cores ({platform.processor() or platform.machine()}), {memory} memory, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}, PySide6 {pyside}")


def benchmarks(data: Path, quick: bool) -> list[list[str]]:
    full = [] if quick else ["--full"]
    return [
        ["bench_start.py", str(data), "--runs", "3" if quick else "7"],
        ["bench_queries.py", str(data)],
        ["bench_gui_memory.py", str(data)],
        ["bench_documents.py", *full],
        # An inspector-month is 3,000 photos (bench_sync.py --full: 23 GB of bundles, half an hour); the table
        # merges the same 20 months of visits with 600 photos each, so the whole run takes minutes.
        ["bench_sync.py", *full, "--photos", "600"],
        # The same laptops' months, three of them, merged into a copy of the city's year, as a supervisor does.
        ["bench_sync.py", *full, "--photos", "600", "--bundles", "3", "--into", str(data)],
        ["bench_typed_kill.py", "--rounds", "10" if quick else "30"],
    ]


def write_doc(table: str, facts: str) -> None:
    text = DOC.read_text("utf-8") if DOC.exists() else f"# Performance\n\n{START}\n{END}\n"
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    DOC.write_text(f"{head}{START}\nMeasured {date.today().isoformat()} by `make bench` on {facts}.\n\n"
                   f"{table}\n{END}{tail}", "utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a tenth of the city; docs/performance.md not written")
    parser.add_argument("--data", type=Path, help="build the city data set here, or reuse the one already there")
    parser.add_argument("--only", help="run only the benchmark scripts whose name contains this")
    args = parser.parse_args()
    size = QUICK if args.quick else FULL
    with tempfile.TemporaryDirectory(prefix="fieldsafe-bench-") as tmp:
        data = args.data or Path(tmp) / "city"
        started = time.perf_counter()
        print(f"city data set ({size.name}) in {data}", flush=True)
        city = build_city(data, size)
        print(f"  {city.enterprises:,} enterprises, {city.inspections:,} inspections, {city.hazards:,} hazards, "
              f"{city.photos:,} photos, {city.documents:,} documents; {time.perf_counter() - started:.0f} s",
              flush=True)
        rows_file = Path(tmp) / "rows.json"
        failed = 0
        for command in benchmarks(data, args.quick):
            if args.only and args.only not in command[0]:
                continue
            print(f"\n=== {' '.join(command)}", flush=True)
            failed |= subprocess.call([sys.executable, str(HERE / command[0]), *command[1:], "--rows", str(rows_file)])
        rows = load_rows(rows_file)
    facts = machine()
    print(f"\n{facts}; data set: {city.enterprises:,} enterprises, {city.hazards:,} hazards; "
          f"{time.perf_counter() - started:.0f} s in all\n")
    for row in rows:
        print(format_row(row))
    if not args.quick and not args.only:
        write_doc(markdown(rows), facts + f"; data set {city.enterprises:,} enterprises, {city.inspections:,} "
                  f"inspections, {city.hazards:,} hazards, {city.photos:,} photos, {city.documents:,} documents")
        print(f"\nwritten to {DOC.relative_to(HERE.parent)}")
    return failed


if __name__ == "__main__":
    sys.exit(main())
