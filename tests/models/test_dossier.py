"""一企一档 queries: profile, leases from either side, inspection history, open hazards, documents."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.errors import NotFoundError
from app.models.dossier import Dossier
from tests.support import change_count

STARTED = datetime(2026, 11, 2, 9, 30)
TODAY = date(2026, 11, 23)


@pytest.fixture
def site(ws):
    """A landlord with two tenants; an inspection of the landlord and one tenant with hazards on both."""
    ws.inspections.now = lambda: STARTED
    town = ws.registry.ensure_org_unit("集士港镇", "township")
    park = ws.registry.ensure_park("集士港小微园", town)
    landlord = ws.registry.create_enterprise(name="集士港村股份经济合作社", township_id=town, park_id=park,
                                             risk_grade="ORANGE")
    tenant = ws.registry.create_enterprise(name="宁波恒达五金制品厂", township_id=town, park_id=park, employees=12)
    other = ws.registry.create_enterprise(name="宁波明光塑料厂", township_id=town)
    ws.registry.add_lease(landlord, tenant, unit="3 幢 2 层", area_m2=800, agreement_signed=True,
                          agreement_date="2026-03-01")
    ws.registry.add_lease(landlord, other)
    ws.registry.set_person(tenant, "principal", "王建国", "13805741234")
    ws.registry.set_person(tenant, "safety_officer", "李安", "0574-87654321")
    a = ws.roster.add_inspector("张明", "浙应执 0123", "集士港镇应急管理办公室")
    b = ws.roster.add_inspector("李华", "浙应执 0456", "集士港镇应急管理办公室")
    inspection = ws.inspections.start(landlord, [a, b], mode="UNANNOUNCED", tenant_ids=[tenant])
    items = ws.inspections.applicable_items(inspection, tenant)
    major = next(i for i in items if i.major == "YES")
    general = next(i for i in items if i.major == "NO")
    h_major = ws.inspections.record_verdict(inspection, tenant, major.code, "NONCOMPLIANT", "安全出口堵塞").hazard_id
    h_general = ws.inspections.record_verdict(
        inspection, tenant, general.code, "NONCOMPLIANT", "培训记录缺失"
    ).hazard_id
    landlord_item = ws.inspections.applicable_items(inspection, landlord)[0]
    ws.inspections.record_verdict(inspection, landlord, landlord_item.code, "NONCOMPLIANT", "未检查承租方")
    return {
        "ws": ws,
        "town": town,
        "park": park,
        "landlord": landlord,
        "tenant": tenant,
        "other": other,
        "inspection": inspection,
        "inspectors": (a, b),
        "major": major,
        "general": general,
        "h_major": h_major,
        "h_general": h_general,
    }


def test_profile_names_township_park_roles_and_people(site):
    dossier = Dossier(site["ws"])
    profile = dossier.profile(site["tenant"])
    assert profile.name == "宁波恒达五金制品厂" and profile.roles == ("tenant",) and profile.roles_label == "承租方"
    assert profile.township == "集士港镇" and profile.park == "集士港小微园" and profile.employees == 12
    assert profile.principal.name == "王建国" and profile.principal.phone == "13805741234"
    assert profile.safety_officer.name == "李安" and profile.safety_officer.role_label == "安全员"
    assert profile.risk_grade is None and profile.risk_label == ""
    landlord = dossier.profile(site["landlord"])
    assert landlord.roles == ("landlord",) and landlord.risk_label == "较大风险（橙）"
    assert landlord.principal is None
    with pytest.raises(NotFoundError):
        dossier.profile("no-such-id")


def test_a_dossier_can_be_built_on_the_store_alone(site):
    assert Dossier(site["ws"].store).profile(site["tenant"]).name == "宁波恒达五金制品厂"


def test_people_principal_first(site):
    ws = site["ws"]
    ws.registry.set_person(site["tenant"], "witness", "阿见", None)
    roles = [p.role for p in Dossier(ws).people(site["tenant"])]
    assert roles == ["principal", "safety_officer", "witness"]


def test_relations_seen_from_either_side(site):
    dossier = Dossier(site["ws"])
    (as_tenant,) = dossier.relations(site["tenant"])
    assert as_tenant.other_id == site["landlord"] and as_tenant.other_role == "landlord"
    assert as_tenant.other_role_label == "出租方"
    assert as_tenant.unit == "3 幢 2 层" and as_tenant.area_m2 == 800
    assert as_tenant.agreement_signed and as_tenant.agreement_date == "2026-03-01"
    assert as_tenant.other_open_hazards == 1  # the landlord's own finding

    tenants = dossier.relations(site["landlord"])
    assert [r.other_id for r in tenants] == [site["tenant"], site["other"]]  # by name: 宁波恒达 < 宁波明光
    assert all(r.other_role == "tenant" for r in tenants)
    assert [r.other_open_hazards for r in tenants] == [2, 0]
    assert not tenants[1].agreement_signed and tenants[1].agreement_date is None


def test_relations_list_landlords_before_tenants_for_a_sublessor(site):
    ws = site["ws"]
    sub = ws.registry.create_enterprise(name="个体户陈某加工点")
    ws.registry.add_lease(site["tenant"], sub)  # the tenant sub-lets part of its space
    relations = Dossier(ws).relations(site["tenant"])
    assert [(r.other_role, r.other_id) for r in relations] == [("landlord", site["landlord"]), ("tenant", sub)]


def test_inspections_count_only_this_enterprises_hazards(site):
    ws = site["ws"]
    dossier = Dossier(ws)
    (tenant_view,) = dossier.inspections(site["tenant"])
    assert tenant_view.id == site["inspection"]
    assert tenant_view.site_enterprise_id == site["landlord"]
    assert tenant_view.site_enterprise_name == "集士港村股份经济合作社"
    assert tenant_view.mode_label == "四不两直" and tenant_view.status == "IN_PROGRESS"
    assert tenant_view.inspectors == "张明、李华"
    assert (tenant_view.hazards, tenant_view.open_hazards, tenant_view.major_hazards) == (2, 2, 1)
    (landlord_view,) = dossier.inspections(site["landlord"])
    assert (landlord_view.hazards, landlord_view.open_hazards) == (1, 1)
    assert dossier.inspections(site["other"]) == []  # not visited on that trip


def test_inspections_newest_first_and_voided_hazards_do_not_count(site):
    ws = site["ws"]
    ws.inspections.now = lambda: STARTED + timedelta(days=10)
    later = ws.inspections.start(site["tenant"], list(site["inspectors"]), mode="RECHECK")
    ws.inspections.record_verdict(site["inspection"], site["tenant"], site["general"].code, "COMPLIANT")
    history = Dossier(ws).inspections(site["tenant"])
    assert [i.id for i in history] == [later, site["inspection"]]
    assert history[0].site_enterprise_id == site["tenant"] and history[0].hazards == 0
    assert (history[1].hazards, history[1].open_hazards) == (1, 1)


def test_open_hazards_overdue_against_today_with_the_deadline_inclusive(site):
    ws = site["ws"]
    dossier = Dossier(ws)
    hazards = dossier.open_hazards(site["tenant"], today=TODAY)
    assert {h.id for h in hazards} == {site["h_major"], site["h_general"]}
    by_id = {h.id: h for h in hazards}
    major = by_id[site["h_major"]]
    assert major.grade == "MAJOR" and major.is_major and major.grade_label == "重大隐患"
    assert major.status_label == "整改中" and major.item_code == site["major"].code
    assert major.item_title == site["major"].title_zh
    assert major.description == "安全出口堵塞" and major.inspection_id == site["inspection"]

    deadline = date.fromisoformat(major.deadline)
    on_the_day = {h.id: h for h in dossier.open_hazards(site["tenant"], today=deadline)}[major.id]
    assert not on_the_day.overdue and on_the_day.days_left == 0
    day_after = {h.id: h for h in dossier.open_hazards(site["tenant"], today=deadline + timedelta(days=1))}[major.id]
    assert day_after.overdue and day_after.days_left == -1
    # sorted by deadline: the most urgent first
    assert [h.deadline for h in hazards] == sorted(h.deadline for h in hazards)


def test_open_hazards_use_the_dossier_clock_by_default(site):
    dossier = Dossier(site["ws"], today=lambda: date(2030, 1, 1))
    assert all(h.overdue for h in dossier.open_hazards(site["tenant"]))
    dossier.today = lambda: STARTED.date()
    assert not any(h.overdue for h in dossier.open_hazards(site["tenant"]))


def test_closed_void_and_on_site_hazards(site):
    ws = site["ws"]
    ws.inspections.record_verdict(site["inspection"], site["tenant"], site["general"].code, "COMPLIANT")  # voids it
    ws.inspections.update_hazard(site["h_major"], rectified_on_site=True)
    (hazard,) = Dossier(ws).open_hazards(site["tenant"], today=date(2030, 1, 1))
    assert hazard.id == site["h_major"] and hazard.deadline is None and not hazard.overdue
    assert hazard.rectified_on_site and hazard.days_left is None
    ws.store.update("hazard", site["h_major"], {"status": "CLOSED"})
    assert Dossier(ws).open_hazards(site["tenant"]) == []
    assert Dossier(ws).counts(site["tenant"]).open_hazards == 0


def test_counts_for_the_header(site):
    dossier = Dossier(site["ws"], today=lambda: date(2030, 1, 1))
    counts = dossier.counts(site["tenant"])
    assert (counts.inspections, counts.open_hazards, counts.overdue_hazards, counts.major_open_hazards) == (1, 2, 2, 1)
    assert (counts.landlords, counts.tenants) == (1, 0)
    landlord = dossier.counts(site["landlord"], today=STARTED.date())
    assert (landlord.tenants, landlord.overdue_hazards) == (2, 0)


def test_documents_are_empty_until_documents_exist_then_newest_first(site):
    ws = site["ws"]
    dossier = Dossier(ws)
    assert dossier.documents(site["tenant"]) == []
    common = {"inspection_id": site["inspection"], "enterprise_id": site["tenant"], "status": "DRAFT"}
    first = ws.store.insert("document", {**common, "doc_type": "RECORD", "created_at": "2026-11-02T10:00:00"})
    second = ws.store.insert(
        "document",
        {**common, "doc_type": "ORDER", "doc_no": "（鄞）应急责改〔2026〕3号", "created_at": "2026-11-02T11:00:00"},
    )
    ws.store.insert(
        "document",
        {**common, "enterprise_id": site["landlord"], "doc_type": "RECORD", "created_at": "2026-11-02T12:00:00"},
    )
    docs = dossier.documents(site["tenant"])
    assert [d.id for d in docs] == [second, first]
    assert docs[0].doc_no == "（鄞）应急责改〔2026〕3号" and docs[0].doc_type == "ORDER"


def test_parks_of_the_township_first(site):
    ws = site["ws"]
    other_town = ws.registry.ensure_org_unit("古林镇", "township")
    ws.registry.ensure_park("古林工业园", other_town)
    dossier = Dossier(ws)
    assert [p["name"] for p in dossier.parks(site["town"])] == ["集士港小微园", "古林工业园"]
    assert [p["name"] for p in dossier.parks(other_town)] == ["古林工业园", "集士港小微园"]
    assert len(dossier.parks()) == 2


def test_reading_writes_nothing(site):
    ws = site["ws"]
    before = change_count(ws)
    dossier = Dossier(ws)
    for enterprise in (site["landlord"], site["tenant"], site["other"]):
        dossier.profile(enterprise)
        dossier.relations(enterprise)
        dossier.inspections(enterprise)
        dossier.open_hazards(enterprise)
        dossier.documents(enterprise)
        dossier.counts(enterprise)
    assert change_count(ws) == before


def test_a_merged_record_brings_its_history_into_the_kept_records_dossier(tmp_path):
    from app.models.demo import generate_demo
    from app.models.dossier import Dossier
    from app.models.workspace import Workspace

    with Workspace(tmp_path / "merge") as ws:
        generate_demo(ws, landlords=3, tenants=6, inspections=3)
        visited = ws.db.execute("SELECT enterprise_id FROM inspection ORDER BY id LIMIT 1").fetchone()[0]
        before = Dossier(ws).counts(visited)
        twin = ws.registry.create_enterprise(name=ws.registry.get_enterprise(visited)["name"] + "（离线新建）")
        assert Dossier(ws).counts(twin).inspections == 0
        ws.registry.merge_enterprises(twin, visited)
        merged = Dossier(ws)
        assert merged.counts(twin).inspections == before.inspections > 0
        assert [i.id for i in merged.inspections(twin)] == [i.id for i in merged.inspections(visited)]
        assert twin in ws.registry.search_ids("") and visited not in ws.registry.search_ids("")
