"""What a user waits for on the city data set: search as you type, one verdict, the hazard board and the dashboards.

    python benchmarks/bench_queries.py DATA_DIR [--repeat 7]

Search is timed through the registry page's real Qt model and view (model reset, first rows, a repaint) for each
keystroke of a few typed words; the verdict through the Inspections service on a visit started for it (each call
commits with synchronous=FULL, so it is on disk when it returns); the board and dashboards through the calls their
pages make on reload. Works on a copy of DATA_DIR's database, so the verdicts do not pile up in the data set.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.models.hazard_board import HazardFilter  # noqa: E402
from app.models.statistics import Statistics  # noqa: E402
from app.models.workspace import Workspace  # noqa: E402
from benchmarks.city import TODAY  # noqa: E402
from benchmarks.table import Row, add_rows_argument, median, report  # noqa: E402

TYPED = ("宁波五金", "姜山 机械", "913302", "没有这家")
WEEK = 7


def times(fn: Callable[[], object], repeat: int) -> list[float]:
    started = time.perf_counter()
    fn()  # warm: the first call also reads the pages from disk into SQLite's cache
    if time.perf_counter() - started > 2:  # far off its target: one more run says as much as seven
        repeat = 1
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def search_rows(ws: Workspace) -> list[Row]:
    from app.ui.qtapp import create_application
    from app.ui.registry.registry_page import RegistryPage

    app = create_application(language="zh_CN")
    page = RegistryPage(ws)
    page.resize(1280, 800)
    page.show()
    app.processEvents()
    keystrokes = []
    for word in TYPED:
        for n in range(1, len(word) + 1):
            started = time.perf_counter()
            page.search_edit.setText(word[:n])
            page._run_search()  # what the debounce timer fires
            page.table.viewport().repaint()
            keystrokes.append((time.perf_counter() - started) * 1000)
        page.search_edit.clear()
        page._run_search()
    page.close()
    typed = " / ".join(TYPED)
    return [Row(f"registry search as you type, {ws.registry.count():,} enterprises", median(keystrokes), "ms", 30,
                note=f"median of {len(keystrokes)} keystrokes typing {typed}; worst {max(keystrokes):.0f} ms")]


def verdict_rows(ws: Workspace, repeat: int) -> list[Row]:
    landlord = ws.store.query("SELECT landlord_id FROM lease WHERE deleted = 0 LIMIT 1")[0]["landlord_id"]
    team = [r["id"] for r in ws.store.query("SELECT id FROM inspector WHERE deleted = 0 LIMIT 2")]
    visit = ws.inspections.start(landlord, team, purpose="基准测试")
    items = ws.inspections.missing_items(visit)
    spent = []
    for n, (enterprise_id, code) in enumerate(items[: max(repeat * 3, 20)]):
        started = time.perf_counter()
        ws.inspections.record_verdict(visit, enterprise_id, code, "COMPLIANT" if n % 2 else "NOT_APPLICABLE",
                                      None if n % 2 else "不涉及")
        spent.append((time.perf_counter() - started) * 1000)
    return [Row("one verdict through the service, durable on return", median(spent), "ms", 5,
                note=f"median of {len(spent)} verdicts, synchronous=FULL")]


def board_rows(ws: Workspace, repeat: int) -> list[Row]:
    board, today = ws.hazard_board, TODAY
    hazards = ws.db.conn.execute("SELECT count(*) FROM hazard").fetchone()[0]
    town = ws.store.query("SELECT township_id FROM enterprise WHERE township_id IS NOT NULL LIMIT 1")[0]["township_id"]

    def page(f: HazardFilter) -> Callable[[], object]:
        def load() -> object:
            ids = board.ids(f, today)
            board.counts(f, today)
            return board.rows(ids[:60], today)
        return load

    def township_week() -> int:
        from app.documents.issuing import Documents

        for f in (HazardFilter(township_id=town, overdue=True), HazardFilter(township_id=town, statuses=("SUBMITTED",)),
                  HazardFilter(township_id=town, due_within_days=WEEK)):
            board.rows(board.ids(f, today)[:60], today)
        signed = Documents(ws).list(status="SIGNED")
        towns = ws.registry.township_ids(str(d["enterprise_id"]) for d in signed if d["enterprise_id"])
        return sum(towns.get(d["enterprise_id"]) == town for d in signed)  # the page's list of documents to serve

    campaign = ws.campaigns.list()[0]
    month = ws.db.conn.execute("SELECT count(*) FROM inspection").fetchone()[0] // 100  # an inspector-month

    def coverage_after_merge() -> object:
        # the visits a merged bundle brought are judged again at the next reading (app/models/visit_facts.py)
        with ws.store.transaction():
            ws.db.conn.execute("INSERT INTO visit_stale SELECT id FROM inspection ORDER BY random() LIMIT ?", (month,))
        return ws.campaigns.coverage(campaign, today)

    cases: list[tuple[str, Callable[[], object]]] = [
        ("hazard board, open hazards (ids, counts, first rows)", page(HazardFilter())),
        ("hazard board, everything incl. closed", page(HazardFilter(include_closed=True))),
        ("hazard board, one township's overdue", page(HazardFilter(township_id=town, overdue=True))),
        ("dashboard: township week (3 lists + signed documents)", township_week),
        ("dashboard: statistics for the year", lambda: Statistics(ws.store).by_township_month(
            date(today.year, 1, 1), today)),
        ("dashboard: campaign coverage (groups, not yet visited by grade)",
         lambda: ws.campaigns.coverage(campaign, today)),
        (f"dashboard: campaign coverage, first reading after a merge ({month} visits judged again)",
         coverage_after_merge),
        ("dashboard: campaign coverage, who visited whom (its tab)", lambda: ws.campaigns.visit_rows(campaign)),
    ]
    return [Row(f"{label}, {hazards:,} hazards", median(times(fn, repeat)), "ms", 100) for label, fn in cases]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path)
    parser.add_argument("--repeat", type=int, default=7)
    add_rows_argument(parser)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(args.data, copy, ignore=shutil.ignore_patterns("blobs"))
        (copy / "blobs").symlink_to((args.data / "blobs").resolve())
        with Workspace(copy) as ws:
            ws.inspections.now = lambda: datetime(2026, 11, 20, 10, 0)
            rows = search_rows(ws) + verdict_rows(ws, args.repeat) + board_rows(ws, args.repeat)
    report(rows, args.rows)


if __name__ == "__main__":
    main()
