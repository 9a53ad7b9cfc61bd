"""Campaigns (app/models/campaigns.py): a period and a scope, and their coverage per township and park, the ones not
yet visited by risk grade, on a fixed fixture."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest

from app.errors import ValidationError
from app.models.integrity import check
from tests.models.test_risk import judge_all
from tests.support import Site, build_site

START, END, TODAY = date(2026, 11, 1), date(2026, 11, 30), date(2026, 11, 23)


@dataclass(frozen=True)
class Place:
    """The site in its park (集士港小微园), and 宁波高桥塑料厂 alone in 高桥镇."""

    site: Site
    park: str
    far: str
    far_town: str

    def __getattr__(self, name: str) -> object:
        return getattr(self.site, name)


@pytest.fixture
def site(ws):
    site = build_site(ws, now=datetime(2026, 11, 23, 9, 30))
    park = ws.registry.ensure_park("集士港小微园", ws.store.get("enterprise", site.tenant)["township_id"])
    for enterprise in (site.landlord, site.tenant):
        ws.store.update("enterprise", enterprise, {"park_id": park})
    far_town = ws.registry.ensure_org_unit("高桥镇", "township")
    return Place(site, park, ws.registry.create_enterprise(name="宁波高桥塑料厂", township_id=far_town), far_town)


def keep_method(ws, site, enterprise_id: str, bad: int = 0) -> list[str]:
    hazards = judge_all(ws, site, enterprise_id, bad)
    question = ws.assessments.interview_questions(site.inspection, enterprise_id)[0]
    ws.assessments.record_interview(site.inspection, enterprise_id, question.id, 2)
    quiz = ws.assessments.start_quiz(site.inspection, enterprise_id, "王建国", seed=3)
    ws.assessments.finish_quiz(quiz)
    return hazards


def test_a_district_campaign_counts_per_township_and_park_and_lists_the_rest_by_grade(ws, site):
    campaign = ws.campaigns.get(ws.campaigns.create("2026年11月厂中厂专项", START, END))
    hazards = keep_method(ws, site, site.tenant, bad=1)
    ws.inspections.update_hazard(hazards[0], grade="MAJOR")
    keep_method(ws, site, site.landlord)
    coverage = ws.campaigns.coverage(campaign, TODAY)
    assert (coverage.total, coverage.visited) == (3, 0)  # nothing counts until the visit is completed
    ws.store.update("inspection", site.inspection, {"status": "COMPLETED"})
    coverage = ws.campaigns.coverage(campaign, TODAY)
    towns = {g.name: (g.total, g.visited) for g in coverage.townships}
    assert towns == {"集士港镇": (2, 2), "高桥镇": (1, 0)}
    assert [(g.name, g.share) for g in coverage.parks] == [("集士港小微园", 1.0)]
    (pending,) = coverage.pending
    assert (pending.enterprise_id, pending.risk.grade, pending.tried) == (site.far, "YELLOW", ())
    assert (coverage.total, coverage.visited, coverage.visit_count) == (3, 2, 2)
    assert [(v.enterprise, v.inspectors, v.missed) for v in ws.campaigns.visit_rows(campaign)] == [
        ("集士港村股份经济合作社", "张明、李华", ()), ("宁波恒达五金制品厂", "张明、李华", ())]
    assert check(ws).ok


def test_the_scope_narrows_to_townships_parks_or_enterprises_and_the_rest_sorts_red_first(ws, site):
    towns = ws.campaigns.create("高桥镇", START, END, "TOWNSHIPS", [site.far_town])
    in_town = ws.campaigns.coverage(ws.campaigns.get(towns), TODAY)
    assert (in_town.total, [p.enterprise_id for p in in_town.pending]) == (1, [site.far])
    park = ws.campaigns.get(ws.campaigns.create("园区", START, END, "PARKS", [site.park]))
    (hazard,) = judge_all(ws, site, site.tenant, bad=1)
    ws.inspections.update_hazard(hazard, grade="MAJOR", deadline=(TODAY + timedelta(days=3)).isoformat())
    pending = ws.campaigns.coverage(park, TODAY).pending
    assert [(p.enterprise_id, p.risk.grade) for p in pending] == [(site.tenant, "RED"), (site.landlord, "YELLOW")]
    assert pending[0].tried[0].missed  # visited, but the method was not kept
    listed = ws.campaigns.create("两家", START, END, "ENTERPRISES", [site.tenant, site.far, site.tenant])
    assert ws.campaigns.get(listed).scope == (site.tenant, site.far)
    assert [c.name for c in ws.campaigns.list()][:1] and len(ws.campaigns.list()) == 3
    ws.campaigns.update(listed, "两家企业", START, END + timedelta(days=31), "ENTERPRISES", [site.far])
    assert ws.campaigns.list()[0].name == "两家企业"
    ws.campaigns.delete(listed)
    assert len(ws.campaigns.list()) == 2


@pytest.mark.parametrize(("args", "code"), [
    (("", START, END), "campaign.name"),
    (("x" * 101, START, END), "campaign.name"),
    (("活动", END, START), "campaign.period"),
    (("活动", START, END, "VILLAGES", ["a"]), "campaign.scope_kind"),
    (("活动", START, END, "PARKS", []), "campaign.scope"),
    (("活动", START, END, "ENTERPRISES", ["no-such-id"]), "campaign.scope"),
])
def test_a_bad_campaign_is_refused_with_the_reason(ws, args, code):
    with pytest.raises(ValidationError) as err:
        ws.campaigns.create(*args)
    assert err.value.code == code


def test_a_campaign_row_a_bundle_broke_is_left_out_rather_than_stopping_the_list(ws, site):
    good = ws.campaigns.create("全区", START, END)
    bad = ws.store.insert("campaign", {"name": "坏", "period_from": "明天", "period_to": "2026-13-45",
                                       "scope_kind": "ALL", "scope": "[]"})
    odd = ws.store.insert("campaign", {"name": "怪", "period_from": "2026-11-01", "period_to": "2026-11-30",
                                       "scope_kind": "PARKS", "scope": "{not json"})
    assert {c.id for c in ws.campaigns.list()} == {good, odd}
    assert ws.campaigns.coverage(ws.campaigns.get(odd), TODAY).total == 0  # an unreadable scope covers no one
    with pytest.raises(ValidationError):
        ws.campaigns.get(bad)
