"""Time the demo generator and the registry list queries on its result.

    python benchmarks/bench_demo.py            # the default demo (40 landlords, 160 tenants)
    python benchmarks/bench_demo.py --full     # all of Ningbo: 6,555 landlords, 23,696 tenants (domain brief §7.1)
    python benchmarks/bench_demo.py --landlords 1000 --tenants 3600 --keep /tmp/demo-data

Generates into a temporary data folder (or --keep DIR) and prints plain numbers; no assertions.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.models.demo import generate_demo  # noqa: E402
from app.models.workspace import Workspace  # noqa: E402

NINGBO = (6555, 23696)
T = TypeVar("T")


def timed(label: str, fn: Callable[[], T], repeat: int = 5) -> T:
    """Run fn `repeat` times; print the first (cold) and the best time in ms."""
    times = []
    result: T
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    print(f"  {label:<42} first {times[0]:8.1f} ms   best {min(times):8.1f} ms")
    return result


def db_megabytes(data_dir: Path) -> float:
    return sum(p.stat().st_size for p in data_dir.glob("fieldsafe.sqlite*")) / 1e6


def run(data_dir: Path, landlords: int, tenants: int, seed: int) -> None:
    print(f"demo: {landlords} landlords, {tenants} tenants, seed {seed} -> {data_dir}")
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.perf_counter()
        if now - last[0] > 2 or done == total:
            last[0] = now
            print(f"  {done:>7}/{total} enterprises  {now - started:6.1f} s", file=sys.stderr, flush=True)

    with Workspace(data_dir) as ws:
        started = time.perf_counter()
        s = generate_demo(ws, landlords=landlords, tenants=tenants, seed=seed, progress=progress)
        seconds = time.perf_counter() - started
        print(f"generated in {seconds:.1f} s ({s.enterprises / seconds:,.0f} enterprises/s, "
              f"{s.change_entries / seconds:,.0f} change entries/s)")
        print(f"  enterprises {s.enterprises:,} (landlords {s.landlords:,}, tenants {s.tenants:,}, "
              f"operators {s.operators:,}); without credit code {s.without_uscc:,}")
        print(f"  districts {s.districts}, townships {s.townships}, villages {s.villages}, parks {s.parks}, "
              f"sites {s.sites:,}")
        print(f"  people {s.people:,}, leases {s.leases:,} (agreement signed {s.agreements_signed:,}), "
              f"inspectors {s.inspectors}, teams {s.teams}")
        rows = {
            table: ws.db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("org_unit", "park", "site", "enterprise", "person", "lease", "inspector", "team", "change")
        }
        print("  rows: " + ", ".join(f"{k} {v:,}" for k, v in rows.items()))
        print(f"  change entries {s.change_entries:,} ({s.change_entries / max(1, s.enterprises):.1f} per enterprise)")
        print(f"  database {db_megabytes(data_dir):.1f} MB (before close, with WAL)")

        print("queries:")
        ids = timed('registry.search_ids("五金", limit=200)', lambda: ws.registry.search_ids("五金", limit=200))
        timed(f"registry.rows(first 50 of {len(ids)})", lambda: ws.registry.rows(ids[:50]))
        timed("registry.count()", ws.registry.count)
        all_ids = timed("registry.search_ids() (everything)", lambda: ws.registry.search_ids(), repeat=3)
        timed(f"registry.rows(first 50 of {len(all_ids):,})", lambda: ws.registry.rows(all_ids[:50]))
        if s.landlord_ids:
            biggest = max(s.landlord_ids[:2000], key=lambda i: len(ws.registry.tenant_ids(i)))
            timed(
                "registry.search_ids(landlord_id=biggest)",
                lambda: ws.registry.search_ids(landlord_id=biggest),
            )
        timed(
            'registry.search_ids("宁波 有限公司", limit=200)',
            lambda: ws.registry.search_ids("宁波 有限公司", limit=200),
        )
    print(f"database {db_megabytes(data_dir):.1f} MB after close")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="Ningbo size: 6,555 landlords and 23,696 tenants")
    parser.add_argument("--landlords", type=int, default=None)
    parser.add_argument("--tenants", type=int, default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None, help="generate into this folder and keep it")
    args = parser.parse_args(argv)
    landlords, tenants = NINGBO if args.full else (40, 160)
    landlords = args.landlords if args.landlords is not None else landlords
    tenants = args.tenants if args.tenants is not None else tenants
    if args.keep:
        run(args.keep, landlords, tenants, args.seed)
        return
    with tempfile.TemporaryDirectory(prefix="fieldsafe-bench-") as tmp:
        run(Path(tmp) / "data", landlords, tenants, args.seed)


if __name__ == "__main__":
    main()
