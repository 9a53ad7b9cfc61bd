"""The hazard board's filters, counts and rows (app/models/hazard_board.py) on a fixed set of hazards."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.models.hazard_board import HazardBoard, HazardFilter
from tests.support import build_site

TODAY = date(2026, 11, 23)


@pytest.fixture
def board(ws):
    site = build_site(ws, now=datetime(2026, 11, 23, 9, 30), outsider=True)
    codes = [i.code for i in ws.inspections.applicable_items(site.inspection, site.tenant)][:4]
    hazards = [ws.inspections.record_verdict(site.inspection, site.tenant, code, "NONCOMPLIANT", "问题").hazard_id
               for code in codes]
    # h0 due in 3 days, h1 major and due in 20, h2 overdue (deadline moved back by hand), h3 closed on site
    for hazard, days in zip(hazards, (3, 20, 30, 40), strict=True):
        ws.inspections.update_hazard(hazard, deadline=(TODAY + timedelta(days=days)).isoformat())
    ws.inspections.update_hazard(hazards[1], grade="MAJOR")
    ws.store.update("hazard", hazards[2], {"deadline": (TODAY - timedelta(days=2)).isoformat()})
    ws.store.update("hazard", hazards[3], {"status": "CLOSED"})
    # another township's hazard, found by the outsider's inspection
    town = ws.registry.ensure_org_unit("高桥镇", "township")
    other = ws.registry.create_enterprise(name="宁波高桥塑料厂", township_id=town)
    inspection = ws.inspections.start(other, [site.inspectors[0], site.outsider], purpose="日常检查")
    code = ws.inspections.applicable_items(inspection, other)[0].code
    far = ws.inspections.record_verdict(inspection, other, code, "NONCOMPLIANT", "问题").hazard_id
    ws.inspections.update_hazard(far, deadline=(TODAY + timedelta(days=5)).isoformat())
    return HazardBoard(ws.store), site, hazards, far, town


def test_filters_choose_by_place_grade_deadline_and_officer(board):
    board, site, (due_soon, major, overdue, closed), far, town = board
    assert board.ids(HazardFilter(), TODAY) == [major, overdue, due_soon, far]  # major first, then by deadline
    assert board.ids(HazardFilter(township_id=town), TODAY) == [far]
    assert board.ids(HazardFilter(grade="MAJOR"), TODAY) == [major]
    assert board.ids(HazardFilter(overdue=True), TODAY) == [overdue]
    assert board.ids(HazardFilter(due_within_days=7), TODAY) == [due_soon, far]
    assert board.ids(HazardFilter(officer_id=site.outsider), TODAY) == [far]
    assert board.ids(HazardFilter(statuses=("CLOSED",)), TODAY) == [closed]
    assert set(board.ids(HazardFilter(include_closed=True), TODAY)) == {due_soon, major, overdue, closed, far}


def test_counts_and_rows(board):
    board, site, (due_soon, major, overdue, closed), far, town = board
    assert board.counts(HazardFilter(enterprise_id=site.tenant), TODAY) == {"OPEN": 3, "CLOSED": 1}
    rows = board.rows([overdue, far, "no-such-id"], TODAY)
    assert [(r.id, r.overdue, r.township) for r in rows] == [(overdue, True, "集士港镇"), (far, False, "高桥镇")]
