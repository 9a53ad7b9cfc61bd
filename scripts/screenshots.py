"""Render the main windows offscreen on a demo database and save PNGs under docs/screenshots/ for review.

Run: QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [--landlords N --tenants N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from openpyxl import load_workbook  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget  # noqa: E402

from app.models.demo import generate_demo  # noqa: E402
from app.models.registry_io import export_registry  # noqa: E402
from app.models.risk import add_months  # noqa: E402
from app.models.workspace import Workspace  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.ops import OpRunner  # noqa: E402
from app.ui.qtapp import create_application  # noqa: E402


def shoot(app: QApplication, ws: Workspace, widget: QWidget, target: Path) -> None:
    for _ in range(5):  # layouts of freshly shown widgets settle over a few passes
        app.processEvents()
    while not OpRunner.of(ws).idle:
        app.processEvents()
    widget.grab().save(str(target))
    print(target)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--landlords", type=int, default=40)
    parser.add_argument("--tenants", type=int, default=160)
    parser.add_argument("--lang", default="zh_CN")
    args = parser.parse_args()
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(language=args.lang)
    with tempfile.TemporaryDirectory() as tmp, Workspace(Path(tmp)) as ws:
        generate_demo(ws, landlords=args.landlords, tenants=args.tenants, inspections=8, documents=True)
        window = MainWindow(ws)
        window.show()
        page = window.registry_page
        page.role_combo.setCurrentIndex(page.role_combo.findData("landlord"))
        busiest = max(ws.registry.search_ids("", role="landlord"), key=lambda i: len(ws.registry.tenant_ids(i)))
        page.select_enterprise(busiest)
        pages = ((window.registry_page, "registry"), (window.inspections_page, "inspections"),
                 (window.hazards_page, "hazards"), (window.township_day, "township_week"),
                 (window.coverage_page, "coverage"), (window.statistics_page, "statistics"),
                 (window.documents_page, "documents"), (window.sync_page, "sync"), (window.conflicts_page, "conflicts"))
        for widget, name in pages:
            window.show_page(widget)
            for _ in range(5):  # layouts of freshly shown pages settle over a few passes
                app.processEvents()
            while not OpRunner.of(ws).idle:  # a page that loads on an op (覆盖, 统计) is drawn once its figures arrived
                app.processEvents()
            for _ in range(5):
                app.processEvents()
            target = out / f"{name}_{args.lang}.png"
            window.grab().save(str(target))
            print(target)
        # the visit left in progress, on an item found not compliant, with its hazard
        visit = ws.inspections.unfinished()[0]["id"]
        view = window.open_inspection(visit)
        found = ws.inspections.hazards(visit)
        if found:
            view.go_to(ws.inspections.found_at(found[0]), found[0]["item_code"])
        shoot(app, ws, window, out / f"inspection_{args.lang}.png")
        # the registry import's report: the demo's own register exported, one row repeated, imported again
        register = Path(tmp) / "企业名录.xlsx"
        export_registry(ws.registry, register)
        book = load_workbook(register)
        sheet = book.active
        sheet.append([cell.value for cell in sheet[2]])
        book.save(register)
        window.show_page(window.registry_page)
        op = window.import_registry(register)
        while op is not None and not op.done:
            app.processEvents()
        for box in window.findChildren(QMessageBox, "importDialog"):
            for button in box.buttons():  # 显示详情…: the notices, here the repeated row taken once
                if box.buttonRole(button) == QMessageBox.ButtonRole.ActionRole:
                    button.click()
            shoot(app, ws, box, out / f"import_{args.lang}.png")
            box.close()
        # a re-inspection of the enterprise with the most hazards waiting for one
        due = {e: len(ws.reinspections.due(e)) for e in ws.registry.search_ids("")}
        enterprise = max(due, key=lambda e: due[e])
        if due[enterprise]:
            team = [i["id"] for i in ws.roster.inspectors()[:2]]
            window.open_inspection(ws.reinspections.start(enterprise, team))
            for _ in range(5):
                app.processEvents()
            target = out / f"recheck_{args.lang}.png"
            window.grab().save(str(target))
            print(target)
        # the dossier of that enterprise: its stars, and a self-inspection list compared with the officers' findings
        ledger = Path(tmp) / "自查台账.xlsx"
        ws.comparisons.write_template(enterprise, ledger)
        book = load_workbook(ledger)
        for n, row in enumerate(book.active.iter_rows(min_row=2)):
            row[2].value = "不符合" if n == 0 else "符合"
            row[3].value = "灭火器压力不足" if n == 0 else None
        book.save(ledger)
        today = ws.inspections.now().date()
        ws.comparisons.import_file(enterprise, ledger, add_months(today, -12), today)
        dossier = window.open_dossier(enterprise)
        for tab, name in ((dossier.stars, "dossier_stars"), (dossier.comparison, "dossier_comparison")):
            dossier.tabs.setCurrentWidget(tab)
            for _ in range(5):
                app.processEvents()
            target = out / f"{name}_{args.lang}.png"
            window.grab().save(str(target))
            print(target)
        window.close()


if __name__ == "__main__":
    main()
