"""`stars` and `comparison …`: the star rating and the 比对检查 from the command line."""

from __future__ import annotations

from datetime import datetime

from openpyxl import load_workbook

from app.models.workspace import Workspace
from tests.support import build_site, cli_call

TENANT = "宁波恒达五金制品厂"


def test_a_blank_list_is_written_filled_imported_shown_and_removed(tmp_path, capsys):
    data = tmp_path / "data"
    with Workspace(data) as ws:
        site = build_site(ws, now=datetime(2026, 11, 23, 9, 30))
        item = ws.inspections.applicable_items(site.inspection, site.tenant)[0].code
        ws.inspections.record_verdict(site.inspection, site.tenant, item, "NONCOMPLIANT", "通道堵塞")
    blank = tmp_path / "自查.xlsx"
    status, out, _ = cli_call(capsys, "--data-dir", data, "--lang", "zh", "comparison", "template", TENANT, blank)
    assert status == 0 and "已导出自查台账模板" in out
    book = load_workbook(blank)
    for row in book.active.iter_rows(min_row=2):
        row[2].value = "符合"
    book.save(blank)
    status, out, _ = cli_call(capsys, "--data-dir", data, "--lang", "zh", "comparison", "import", TENANT, blank,
                              "--from", "2026-11-01", "--to", "2026-11-30")
    assert status == 0 and "已导入" in out and "0%" in out and item in out
    status, out, _ = cli_call(capsys, "--data-dir", data, "--lang", "zh", "stars", TENANT, "--on", "2026-11-23")
    assert status == 0 and "自查星" in out and "比对自查发现率 0%" in out
    with Workspace(data) as ws:
        (check,) = ws.comparisons.checks([site.tenant])
    status, out, _ = cli_call(capsys, "--data-dir", data, "--lang", "zh", "comparison", "delete", check["id"][:13])
    assert status == 0 and "已删除" in out
    status, _, err = cli_call(capsys, "--data-dir", data, "--lang", "zh", "comparison", "import", TENANT,
                              tmp_path / "missing.xlsx", "--from", "2026-11-01")
    assert status == 1 and "missing.xlsx" in err
