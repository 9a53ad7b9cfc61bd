"""`make bench`: every benchmark, one after the other, printing numbers (a few minutes at city size)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

RUNS = [
    ["bench_demo.py"],
    ["bench_demo.py", "--full"],
    ["bench_registry_view.py"],
    ["bench_sync.py"],
    ["bench_typed_kill.py"],
]

if __name__ == "__main__":
    failed = 0
    for args in RUNS:
        print(f"\n=== {' '.join(args)}", flush=True)
        failed |= subprocess.call([sys.executable, str(HERE / args[0]), *args[1:]])
    sys.exit(failed)
