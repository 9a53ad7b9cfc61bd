"""比对检查 (app/models/comparison.py): the enterprise's own list read from its file (all or nothing), and the
metrics set against the officers' findings on a fixed fixture."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from app.errors import UserError
from app.models.integrity import check
from app.models.registry_io.report import RegistryImportError
from tests.models.test_risk import judge_all
from tests.support import build_site

START, END = date(2026, 11, 1), date(2026, 11, 30)


@pytest.fixture
def site(ws):
    return build_site(ws, now=datetime(2026, 11, 23, 9, 30))


def sheet(path: Path, rows: list[list[object]], header: list[str] | None = None) -> Path:
    book = Workbook()
    book.active.append(header or ["事项编号", "检查事项", "自查结论", "隐患描述", "发现日期"])
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_the_template_lists_the_items_that_apply_and_reads_back_once_filled(ws, site, tmp_path):
    path = tmp_path / "自查台账.xlsx"
    written = ws.comparisons.write_template(site.tenant, path)
    applicable = [i.code for i in ws.inspections.applicable_items(site.inspection, site.tenant)]
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0] == ("事项编号", "检查事项", "自查结论", "隐患描述", "发现日期")
    assert [r[0] for r in rows[1:]] == applicable and written == len(applicable)
    book = load_workbook(path)
    for row in book.active.iter_rows(min_row=2):
        row[2].value = "合格"
    book.active.cell(2, 3).value = "不合格"
    book.active.cell(2, 4).value = "灭火器过期"
    book.active.cell(2, 5).value = datetime(2026, 11, 5)
    book.save(path)
    lines = ws.comparisons.read_file(path)
    assert [(line.item_code, line.verdict) for line in lines[:2]] == [
        (applicable[0], "NONCOMPLIANT"), (applicable[1], "COMPLIANT")]
    assert lines[0].found_on == "2026-11-05" and lines[0].description == "灭火器过期"


def test_a_file_with_bad_rows_is_refused_whole_naming_each_row(ws, site, tmp_path):
    path = sheet(tmp_path / "bad.xlsx", [
        ["RESP-04", None, "合格", None, None],
        ["NOPE-9", None, "合格", None, None],
        ["RESP-05", None, "大概吧", None, None],
        ["SITE-02", None, "不合格", None, None],
        ["SITE-05", None, "不合格", "插座私拉", "11月的某天"],
        ["RESP-04", None, "不合格", "制度缺失", None],
        ["KEY-01", None, "不合格", "{0} 格式注入", "{x}"],
    ])
    before = ws.store.db.conn.execute("SELECT count(*) FROM change").fetchone()[0]
    with pytest.raises(RegistryImportError) as err:
        ws.comparisons.import_file(site.tenant, path, START, END)
    assert [(e.row, e.code) for e in err.value.errors] == [
        (3, "selfcheck.item"), (4, "selfcheck.verdict"), (5, "selfcheck.description"), (6, "registry.date"),
        (7, "selfcheck.contradiction"), (8, "registry.date")]
    assert "第 3 行“事项编号”列" in str(err.value) and "第 6 行“发现日期”列" in str(err.value)
    assert ws.store.db.conn.execute("SELECT count(*) FROM change").fetchone()[0] == before
    with pytest.raises(UserError) as err:
        ws.comparisons.read_file(sheet(tmp_path / "noheader.xlsx", [["RESP-04", "合格"]], header=["编码", "说明"]))
    assert err.value.code == "selfcheck.no_header"
    with pytest.raises(UserError) as err:
        late = sheet(tmp_path / "late.xlsx", [["SITE-05", None, "不合格", "插座", "2026-12-03"]])
        ws.comparisons.import_file(site.tenant, late, START, END)
    assert err.value.code == "selfcheck.outside"


def test_the_metrics_set_the_list_against_what_officers_found(ws, site, tmp_path):
    items = [i.code for i in ws.inspections.applicable_items(site.inspection, site.tenant)]
    # officers: the first three items non-compliant (three hazards), the rest compliant
    judge_all(ws, site, site.tenant, bad=3)
    # the enterprise: found the first itself, marked the second and third compliant, plus a hazard of its own
    path = sheet(tmp_path / "ledger.xlsx", [
        [items[0], None, "不符合", "通道堵塞", "2026-11-02"],
        [items[1], None, "符合", None, None],
        [items[2], None, "合格", None, None],
        [items[3], None, "不符合", "标识缺失", "2026-11-10"],
        [items[4], None, "不适用", None, None],
    ])
    check_id = ws.comparisons.import_file(site.tenant, path, START, END)
    result = ws.comparisons.result(check_id)
    assert (result.self_found, result.reg_found) == (2, 3)
    assert [m.item_code for m in result.missed] == items[1:3]
    assert result.false_ok_items == tuple(sorted(items[1:3]))
    assert result.self_detection_rate == pytest.approx(2 / 4)
    assert ws.comparisons.latest([site.tenant], date(2026, 6, 1)).self_check_id == check_id
    assert ws.comparisons.latest([site.tenant], date(2026, 12, 1)) is None
    assert ws.comparisons.result(check_id).reg_found == 3  # the landlord's findings are not the tenant's
    assert check(ws).ok
    ws.comparisons.delete(check_id)
    assert ws.comparisons.checks([site.tenant]) == []


def test_nothing_found_by_either_side_has_no_rate(ws, site, tmp_path):
    path = sheet(tmp_path / "clean.xlsx", [["RESP-04", None, "符合", None, None]])
    result = ws.comparisons.result(ws.comparisons.import_file(site.tenant, path, START, END))
    assert (result.self_found, result.reg_found, result.missed, result.self_detection_rate) == (0, 0, (), None)
