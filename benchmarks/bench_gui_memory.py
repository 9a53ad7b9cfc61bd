"""Peak memory of the window on the city data set: every main tab shown in turn (each loads what it lists), a
dossier opened, the ops waited for; the process's peak RSS at the end.

    python benchmarks/bench_gui_memory.py DATA_DIR
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.models.workspace import Workspace  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.qtapp import create_application  # noqa: E402
from benchmarks.table import Row, add_rows_argument, report  # noqa: E402


def rss_now() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def settle(app, window: MainWindow) -> None:
    app.processEvents()
    while not window.runner.idle:
        app.processEvents()
        time.sleep(0.005)
    app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path)
    add_rows_argument(parser)
    args = parser.parse_args()
    app = create_application(language="zh_CN")
    started = time.perf_counter()
    with Workspace(args.data) as ws:
        window = MainWindow(ws)
        window.show()
        settle(app, window)
        tabs = window.tabs.count()
        grew = []  # what each tab added to the resident size
        for index in range(tabs):
            before = rss_now()
            window.tabs.setCurrentIndex(index)
            settle(app, window)
            grew.append((window.tabs.tabText(index), rss_now() - before))
        window.open_dossier(window.registry_page.model.row_id(0))
        settle(app, window)
        for name, mb in grew:
            print(f"  {name:<12} +{mb:5.0f} MB")
        seconds = time.perf_counter() - started
        enterprises = ws.registry.count()
        window.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report([Row(f"peak memory of the window on the city data set, {enterprises:,} enterprises", rss, "MB",
                400, note=f"all {tabs} tabs shown and a dossier opened in {seconds:.1f} s; the most: "
                     + ", ".join(f"{n} +{mb:.0f} MB" for n, mb in sorted(grew, key=lambda g: -g[1])[:3]))], args.rows)


if __name__ == "__main__":
    main()
