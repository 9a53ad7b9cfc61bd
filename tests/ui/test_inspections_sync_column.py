"""The 检查 tab says which visits the supervisor has acknowledged."""

from __future__ import annotations

from pathlib import Path

from app.models.demo import generate_demo
from app.models.workspace import Workspace
from app.sync.exchange import Sync
from app.ui.inspection.inspections_page import InspectionsPage
from app.ui.qtapp import create_application


def sync_column(page: InspectionsPage) -> list[str]:
    column = page.table.columnCount() - 1
    return [page.table.item(r, column).text() for r in range(page.table.rowCount())]


def test_visits_show_sent_acknowledged_or_received(qtbot, tmp_path: Path, screenshot):
    create_application(language="zh_CN")
    usb = tmp_path / "usb"
    usb.mkdir()
    with Workspace(tmp_path / "sup") as sup, Workspace(tmp_path / "lap") as lap:
        generate_demo(sup, landlords=3, tenants=6, inspections=2)
        Sync(lap).import_file(Sync(sup).export(usb, everything=True).path, enrol=lambda _m: {"role": "SUPERVISOR"})
        landlord = lap.db.execute("SELECT id FROM enterprise WHERE is_landlord = 1 ORDER BY id").fetchone()[0]
        inspectors = [r[0] for r in lap.db.execute("SELECT id FROM inspector ORDER BY id LIMIT 2")]
        lap.inspections.start(landlord, inspectors, purpose="日常检查")

        page = InspectionsPage(lap)
        qtbot.addWidget(page)
        assert sorted(sync_column(page)) == ["待上报", "收到", "收到"]

        Sync(sup).import_file(Sync(lap).export(usb).path, enrol=lambda _m: True)
        Sync(lap).import_file(Sync(sup).receipt(usb, lap.device.id))
        page.reload()
        assert sorted(sync_column(page)) == ["已被接收", "收到", "收到"]
        screenshot(page, "inspections_sync_column")
