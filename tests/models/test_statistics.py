"""Campaign figures by township and month (app/models/statistics.py) on a fixed set, and the Excel export read back."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

from app.models.statistics import Statistics, export_excel
from tests.support import build_site


def test_figures_count_per_township_and_month_and_the_excel_has_a_native_chart(ws, tmp_path: Path):
    site = build_site(ws, now=datetime(2026, 11, 23, 9, 30))
    codes = [i.code for i in ws.inspections.applicable_items(site.inspection, site.tenant)][:3]
    hazards = [ws.inspections.record_verdict(site.inspection, site.tenant, code, "NONCOMPLIANT", "问题").hazard_id
               for code in codes]
    ws.inspections.update_hazard(hazards[0], grade="MAJOR")
    ws.store.update("hazard", hazards[1], {"status": "CLOSED", "closed_on": "2026-12-02"})
    ws.store.update("hazard", hazards[2], {"overdue_since": "2026-12-10"})
    ws.store.insert("document", {"doc_type": "ORDER", "inspection_id": site.inspection, "enterprise_id": site.tenant,
                                 "status": "SIGNED", "created_at": "2026-11-23T10:00:00"})
    for _ in range(2):  # two decisions stopping the same enterprise count it once
        ws.store.insert("document", {"doc_type": "DECISION", "inspection_id": site.inspection,
                                     "enterprise_id": site.tenant, "status": "SIGNED", "stop_ordered": 1,
                                     "created_at": "2026-11-23T11:00:00"})
    ws.store.insert("document", {"doc_type": "RECORD", "inspection_id": site.inspection,
                                 "enterprise_id": site.landlord, "status": "VOID", "created_at": "2026-11-23T10:00:00"})
    rows = Statistics(ws.store).by_township_month(date(2026, 11, 1), date(2026, 12, 31))
    november, december = rows
    assert (november.township, november.month) == ("集士港镇", "2026-11")
    assert (november.enterprises_inspected, november.hazards_found, november.major_found) == (2, 3, 1)
    # the void record is not counted
    assert (november.documents_issued, november.orders_issued, november.decisions_issued) == (3, 1, 2)
    assert november.enterprises_stopped == 1
    assert (december.month, december.hazards_closed, december.first_overdue, december.hazards_found) == (
        "2026-12", 1, 1, 0)
    assert november.rectification_rate == 0 and december.rectification_rate is None
    total = Statistics.totals(rows)
    assert (total.hazards_found, total.hazards_closed) == (3, 1)
    assert Statistics(ws.store).by_township_month(date(2027, 1, 1), date(2027, 1, 31)) == []
    # each date counts when its own day is in the period, whatever the other dates of the hazard
    [late] = [r for r in Statistics(ws.store).by_township_month(date(2026, 11, 24), date(2026, 12, 5))
              if r.month == "2026-12"]
    assert (late.hazards_found, late.hazards_closed, late.first_overdue) == (0, 1, 0)
    [early] = [r for r in Statistics(ws.store).by_township_month(date(2026, 11, 1), date(2026, 12, 1))
               if r.month == "2026-11"]
    assert (early.hazards_found, early.hazards_closed, early.first_overdue) == (3, 0, 0)
    (town,) = Statistics.grouped(rows, "township")
    assert (town.township, town.month, town.hazards_found, town.hazards_closed) == ("集士港镇", "", 3, 1)
    months = Statistics.grouped(rows, "month")
    assert [(m.township, m.month, m.hazards_found) for m in months] == [("", "2026-11", 3), ("", "2026-12", 0)]

    path = export_excel(rows, tmp_path / "统计.xlsx", "2026年11—12月 厂中厂专项检查统计")
    book = load_workbook(path)
    sheet = book["统计"]
    assert sheet["A1"].value.startswith("2026年11")
    assert [c.value for c in sheet[2]][:4] == ["镇街", "月份", "检查企业数", "发现隐患"]
    assert [c.value for c in sheet[3]][:5] == ["集士港镇", "2026-11", 2, 3, 1]
    total_row = [c.value for c in sheet[sheet.max_row]]
    assert total_row[0] == "合计" and total_row[3] == 3
    charts = book["按镇街"]._charts
    assert len(charts) == 1 and charts[0].title is not None
    assert [c.value for c in book["按镇街"][2]] == ["集士港镇", 3, 1]
    assert not (tmp_path / "统计.xlsx.part").exists()

