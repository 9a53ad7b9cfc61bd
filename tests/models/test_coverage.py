"""所有企业必到 (app/models/coverage.py): a visit counts only when the method was kept, as the policy says."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from app.errors import ContentError
from app.models.coverage import Coverage, VisitPolicy, load_policy
from app.models.demo import generate_demo
from app.models.workspace import Workspace
from tests.support import build_site

DAY = date(2026, 11, 23)


def test_an_unfinished_visit_lists_what_it_missed_and_leaves_both_enterprises_not_visited(ws):
    site = build_site(ws, now=datetime(2026, 11, 23, 9, 30))
    other_town = ws.registry.ensure_org_unit("高桥镇", "township")
    far = ws.registry.create_enterprise(name="宁波高桥塑料厂", township_id=other_town)
    coverage = Coverage(ws.inspections)
    visits = coverage.visits(DAY, DAY)
    assert set(visits) == {site.landlord, site.tenant}
    (visit,) = visits[site.tenant]
    assert visit.missed == ("completed", "every_item_answered", "safety_officer_questioned", "principal_tested")
    assert visit.inspector_ids == site.inspectors
    towns = {t.name: t for t in coverage.by_township(DAY, DAY)}
    assert set(towns["集士港镇"].not_visited) == {site.tenant, site.landlord}
    assert towns["集士港镇"].share == 0.0 and towns["高桥镇"].not_visited == [far]
    # a policy that asks nothing counts the visit; a period without it counts nothing
    lenient = Coverage(ws.inspections, VisitPolicy(False, False, False, False))
    assert {t.name: t.share for t in lenient.by_township(DAY, DAY)} == {"集士港镇": 1.0, "高桥镇": 0.0}
    assert lenient.visits(date(2026, 12, 1), date(2026, 12, 31)) == {}


def test_the_demo_completes_its_visits_by_the_method_so_they_count(tmp_path: Path):
    from app.models.workspace import Workspace

    with Workspace(tmp_path) as ws:
        generate_demo(ws, landlords=4, tenants=10, inspections=6)
        visits = [v for vs in Coverage(ws.inspections).visits(date(2000, 1, 1), date(2100, 1, 1)).values() for v in vs]
        statuses = {v.inspection_id: ws.inspections.get(v.inspection_id)["status"] for v in visits}
        assert "COMPLETED" in statuses.values() and "IN_PROGRESS" in statuses.values()
        for visit in visits:
            assert visit.counts == (statuses[visit.inspection_id] == "COMPLETED"), visit
        (campaign,) = ws.campaigns.list()  # the demo's campaign holds its visits
        covered = ws.campaigns.coverage(campaign, date.today())
        assert covered.visited == len({v.enterprise_id for v in visits if v.counts}) > 0


def test_a_policy_file_with_an_unknown_rule_is_refused(tmp_path: Path):
    bad = tmp_path / "policy.toml"
    bad.write_text("[visit]\ncompleted = true\nsmiled = true\n", encoding="utf-8")
    with pytest.raises(ContentError):
        load_policy(bad)
    bad.write_text("[visit]\ncompleted = 'yes'\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_policy(bad)
    assert "visit.completed" in str(err.value)


def test_the_rules_read_for_all_visits_at_once_agree_with_each_visit_asked_alone(tmp_path: Path):
    """visits() reads each rule for the whole period in one query; the services say the same visit by visit."""
    today = date(2026, 11, 20)
    with Workspace(tmp_path / "data") as ws:
        generate_demo(ws, landlords=6, tenants=24, inspections=10, seed=5, today=today)
        unfinished = ws.inspections.unfinished()[0]["id"]
        first_tenant = ws.inspections.target_ids(unfinished)[-1]
        for answer in ws.store.query("SELECT id FROM interview_answer WHERE enterprise_id = ?", (first_tenant,)):
            ws.store.update("interview_answer", answer["id"], {"rating": None})
        visits = Coverage(ws.inspections).visits(date(2026, 9, 1), today)
        for visit in (v for vs in visits.values() for v in vs):
            i, e = visit.inspection_id, visit.enterprise_id
            expected = [rule for rule, broken in (
                ("completed", ws.inspections.get(i)["status"] != "COMPLETED"),
                ("every_item_answered", e in {x for x, _ in ws.inspections.missing_items(i)}),
                ("safety_officer_questioned", not any(
                    r["rating"] is not None for r in ws.store.query(
                        "SELECT rating FROM interview_answer WHERE inspection_id = ? AND enterprise_id = ? "
                        "AND deleted = 0", (i, e)))),
                ("principal_tested", not ws.store.query(
                    "SELECT 1 FROM quiz_attempt WHERE inspection_id = ? AND enterprise_id = ? AND deleted = 0 "
                    "AND finished_at IS NOT NULL", (i, e))),
            ) if broken]
            assert list(visit.missed) == expected, (i, e)
            assert visit.inspector_ids == tuple(ws.inspections.inspector_ids(i))
        missed = {rule for vs in visits.values() for v in vs for rule in v.missed}
        assert {"completed", "every_item_answered", "safety_officer_questioned"} <= missed
