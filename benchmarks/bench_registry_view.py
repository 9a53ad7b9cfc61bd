"""The registry table at city scale: search-as-you-type and scrolling through the real Qt model and view.

    python benchmarks/bench_registry_view.py                 # Ningbo size (6,555 landlords, 23,696 tenants)
    python benchmarks/bench_registry_view.py --keep DIR      # reuse/keep the generated data folder

Prints milliseconds per keystroke-search (model reset + first paint) and per page scrolled; no assertions.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.models.demo import generate_demo  # noqa: E402
from app.models.workspace import Workspace  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.qtapp import create_application  # noqa: E402


def bench(ws: Workspace) -> None:
    app = create_application(language="zh_CN")
    started = time.perf_counter()
    window = MainWindow(ws)
    window.show()
    app.processEvents()
    print(f"window open with {ws.registry.count():,} enterprises: {(time.perf_counter() - started) * 1000:.0f} ms")
    page = window.registry_page
    for text in ("宁", "宁波", "五金", "姜山 五金", "9133021", "没有这家"):
        start = time.perf_counter()
        page.search_edit.setText(text)
        page._run_search()  # what the debounce timer fires
        window.repaint()
        print(f"  search {text!r:<14} {page.model.rowCount():>7,} rows  {(time.perf_counter() - start) * 1000:7.1f} ms")
    page.search_edit.setText("")
    page._run_search()
    bar = page.table.verticalScrollBar()
    steps = 200
    start = time.perf_counter()
    for i in range(steps):
        bar.setValue(bar.maximum() * i // steps)
        page.table.viewport().repaint()
    per_page = (time.perf_counter() - start) * 1000 / steps
    print(f"  scroll: {steps} jumps across {page.model.rowCount():,} rows, {per_page:.1f} ms per jump with repaint")
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--landlords", type=int, default=6555)
    parser.add_argument("--tenants", type=int, default=23696)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = args.keep or Path(tmp)
        with Workspace(data) as ws:
            if ws.registry.count() == 0:
                start = time.perf_counter()
                generate_demo(ws, landlords=args.landlords, tenants=args.tenants)
                print(f"generated {ws.registry.count():,} enterprises in {time.perf_counter() - start:.1f} s")
            bench(ws)


if __name__ == "__main__":
    main()
