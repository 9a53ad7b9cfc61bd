"""Start-up, timed from outside: `python -m app --exit-when-ready` on a data folder against a bare PySide6 window
(benchmarks/bare_window.py), both whole processes, alternated so both see the same machine state.

    python benchmarks/bench_start.py DATA_DIR [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.table import Row, add_rows_argument, median, report  # noqa: E402


def timed(command: list[str]) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    # An installed program starts from compiled bytecode; without it every start would compile the app's modules.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env, cwd=HERE.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    add_rows_argument(parser)
    args = parser.parse_args()
    app = [sys.executable, "-m", "app", "--data-dir", str(args.data), "--exit-when-ready"]
    bare = [sys.executable, str(HERE / "bare_window.py")]
    timed(app)  # the first start after a build also writes caches (.pyc, Qt's font cache)
    apps, bares = [], []
    for _ in range(args.runs):
        bares.append(timed(bare))
        apps.append(timed(app))
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    report([
        Row("start to a usable window on the registry (whole process)", median(apps) / median(bares), "x", 1.5,
            f"app {median(apps) * 1000:.0f} ms, bare PySide6 window {median(bares) * 1000:.0f} ms",
            f"{args.runs} runs each; peak RSS {rss:.0f} MB"),
    ], args.rows)


if __name__ == "__main__":
    main()
