"""Typed work against SIGKILL: the visit window offscreen, text typed into fields chosen at random, killed at a
random moment, opened again; characters typed more than the save delay before the kill vs. characters found.

    python benchmarks/bench_typed_kill.py [--rounds 100]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.table import Row, add_rows_argument, report  # noqa: E402
from tests.ui.typing_child import prepare, run_round  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=100)
    add_rows_argument(parser)
    args = parser.parse_args()
    rounds = args.rounds
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        visit = prepare(data)
        started = time.perf_counter()
        acknowledged = found = 0
        lost: list[str] = []
        for seed in range(rounds):
            result = run_round(data, visit, seed)
            acknowledged += result.acknowledged
            found += result.found
            lost += result.lost
        elapsed = time.perf_counter() - started
    print(f"typed-work kill test: {rounds} rounds in {elapsed:.0f} s")
    print(f"  characters typed before the save delay: {acknowledged:,}")
    print(f"  found after restart:                    {found:,}")
    print(f"  lost:                                   {acknowledged - found:,} {lost[:5] if lost else ''}")
    report([Row(f"characters lost when the window is killed while typing, {rounds} kills", acknowledged - found,
                "chars", 0, note=f"{acknowledged:,} characters typed more than the save delay before a kill")],
           args.rows)
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
