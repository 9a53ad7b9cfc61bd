"""Risk grade 红橙黄蓝 from the records (app/models/risk.py) and the next visit due, on fixed fixtures."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from app.errors import ContentError
from app.models.risk import RiskGrading, load_rules
from tests.support import build_site

TODAY = date(2026, 11, 23)


@pytest.fixture
def site(ws):
    return build_site(ws, now=datetime(2026, 11, 23, 9, 30))


def judge_all(ws, site, enterprise_id: str, bad: int = 0) -> list[str]:
    """Every applicable item judged; the first `bad` non-compliant. Returns the hazards."""
    hazards = []
    for n, item in enumerate(ws.inspections.applicable_items(site.inspection, enterprise_id)):
        outcome = ws.inspections.record_verdict(site.inspection, enterprise_id, item.code,
                                                "NONCOMPLIANT" if n < bad else "COMPLIANT", "问题" if n < bad else None)
        if outcome.hazard_id:
            hazards.append(outcome.hazard_id)
    return hazards


def test_the_first_rule_that_holds_gives_the_grade_and_the_visit_interval(ws, site):
    grading = RiskGrading(ws.store, ws.inspections.templates)
    assert grading.grade(site.tenant, TODAY).grade == "YELLOW"  # nothing known: the default
    (hazard,) = judge_all(ws, site, site.tenant, bad=1)
    ws.inspections.update_hazard(hazard, deadline=(TODAY + timedelta(days=10)).isoformat())
    assert grading.grade(site.tenant, TODAY).grade == "YELLOW"
    assert (grading.grade(site.tenant, TODAY + timedelta(days=11)).grade,
            grading.grade(site.tenant, TODAY + timedelta(days=11)).reason) == ("ORANGE", "overdue_hazard")
    ws.inspections.update_hazard(hazard, grade="MAJOR")
    graded = grading.grade(site.tenant, TODAY)
    assert (graded.grade, graded.reason) == ("RED", "open_major_hazard")
    ws.store.update("inspection", site.inspection, {"status": "COMPLETED"})
    graded = grading.grade(site.tenant, TODAY)
    assert (graded.last_visit, graded.next_visit_due) == (TODAY, date(2027, 2, 23))  # RED: every 3 months


def test_a_clean_visit_makes_blue_and_many_tenants_orange(ws, site):
    judge_all(ws, site, site.landlord)
    ws.store.update("inspection", site.inspection, {"status": "COMPLETED"})
    grading = RiskGrading(ws.store, ws.inspections.templates)
    graded = grading.grade(site.landlord, TODAY)
    assert (graded.grade, graded.reason, graded.next_visit_due) == ("BLUE", "clean_last_visit", None)  # sampled only
    for n in range(9):
        tenant = ws.registry.create_enterprise(name=f"承租企业{n}")
        ws.registry.add_lease(site.landlord, tenant)
    assert grading.grade(site.landlord, TODAY).reason == "tenants_at_least"


def test_a_rules_file_with_an_unknown_condition_is_refused(tmp_path: Path):
    shipped = Path(__file__).resolve().parents[2] / "resources" / "coverage" / "risk.toml"
    bad = tmp_path / "risk.toml"
    bad.write_text(shipped.read_text(encoding="utf-8").replace('when = "overdue_hazard"', 'when = "bad_luck"'),
                   encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_rules(bad)
    assert "rules[1].when" in str(err.value)


def test_grading_many_at_once_gives_each_the_grade_it_has_alone(ws):
    """A campaign grades all its pending enterprises in one query per condition; no fact may leak between them."""
    from app.models.demo import generate_demo

    demo = generate_demo(ws, landlords=8, tenants=30, inspections=12, seed=3, today=TODAY)
    ids = [*demo.landlord_ids, *demo.tenant_ids]
    together = ws.risk.grades(ids, TODAY)
    alone = {i: ws.risk.grade(i, TODAY) for i in ids}
    assert together == alone
    assert len({g.grade for g in alone.values()}) > 1 and any(g.last_visit for g in alone.values())


def test_a_rule_for_at_least_no_tenants_holds_for_every_enterprise(ws, site):
    from app.models.risk import RiskRules, Rule, shipped_rules

    rules = RiskRules((Rule("ORANGE", "tenants_at_least", 0),), "YELLOW", shipped_rules().frequency_months)
    grading = RiskGrading(ws.store, ws.inspections.templates, rules)
    assert {g.grade for g in grading.grades([site.landlord, site.tenant], TODAY).values()} == {"ORANGE"}
