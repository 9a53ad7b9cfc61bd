"""Typed work against SIGKILL: the visit window offscreen, text typed into fields chosen at random, killed at a
random moment, opened again; characters typed more than the save delay before the kill vs. characters found.

    python benchmarks/bench_typed_kill.py [ROUNDS]      (default 100)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.ui.typing_child import prepare, run_round  # noqa: E402


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 100
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
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
