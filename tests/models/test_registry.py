from __future__ import annotations

import pytest

from app.errors import NotFoundError, ValidationError
from app.models.registry import EnterpriseEdit, LeaseTerms, Place
from tests.support import change_count

USCC_A = "91350100M000100Y43"
USCC_B = "91110000802100433B"


@pytest.fixture
def park(ws):
    town = ws.registry.ensure_org_unit("集士港镇", "township")
    landlord = ws.registry.create_enterprise(name="集士港村股份经济合作社", township_id=town, uscc=USCC_A,
                                             address="集士港镇菖蒲路 8 号")
    tenant = ws.registry.create_enterprise(name="宁波恒达五金制品厂", township_id=town, address="菖蒲路 8 号 3 幢",
                                           industry="五金", employees=12)
    ws.registry.add_lease(landlord, tenant, agreement_signed=True, agreement_date="2026-03-01")
    ws.registry.set_person(tenant, "principal", "王建国", "13805741234")
    return town, landlord, tenant


def test_lease_sets_roles_and_links_both_ways(ws, park):
    _, landlord, tenant = park
    assert ws.registry.tenant_ids(landlord) == [tenant]
    assert ws.registry.landlord_ids(tenant) == [landlord]
    row = ws.registry.rows([tenant])[0]
    assert row.roles == ("tenant",) and row.landlords == "集士港村股份经济合作社"
    assert row.principal == "王建国" and row.phone == "13805741234"
    assert ws.registry.rows([landlord])[0].tenant_count == 1


def test_search_matches_every_word_in_name_code_or_address(ws, park):
    _, landlord, tenant = park
    assert ws.registry.search_ids("五金") == [tenant]
    assert ws.registry.search_ids(USCC_A.lower()) == [landlord]
    assert set(ws.registry.search_ids("菖蒲路")) == {landlord, tenant}
    assert ws.registry.search_ids("菖蒲路 五金") == [tenant]
    assert ws.registry.search_ids("100%") == []  # LIKE wildcards are literal
    assert ws.registry.search_ids("", role="landlord") == [landlord]
    assert ws.registry.search_ids("", landlord_id=landlord) == [tenant]


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"name": "  "}, "field.required"),
        ({"name": "甲厂", "uscc": "91350100M000100Y44"}, "uscc.check"),
        ({"name": "甲厂", "uscc": USCC_A}, "enterprise.duplicate_uscc"),
        ({"name": "甲厂", "employees": -3}, "enterprise.employees"),
        ({"name": "甲厂", "employees": "十二"}, "enterprise.employees"),
        ({"name": "甲厂", "risk_grade": "PURPLE"}, "vocab.unknown"),
    ],
)
def test_bad_enterprise_input_is_refused_and_writes_nothing(ws, park, fields, code):
    before = change_count(ws)
    with pytest.raises(ValidationError) as err:
        ws.registry.create_enterprise(**fields)
    assert err.value.code == code
    assert err.value.zh and err.value.en
    assert change_count(ws) == before


def test_updating_to_a_taken_credit_code_is_refused_but_keeping_ones_own_is_fine(ws, park):
    _, landlord, tenant = park
    ws.registry.update_enterprise(landlord, uscc=USCC_A, name="集士港村经济合作社")
    with pytest.raises(ValidationError):
        ws.registry.update_enterprise(tenant, uscc=USCC_A)
    ws.registry.update_enterprise(tenant, uscc=USCC_B)
    assert ws.registry.find_by_uscc(USCC_B) == tenant


def test_a_lease_with_oneself_is_refused(ws, park):
    _, landlord, _ = park
    with pytest.raises(ValidationError):
        ws.registry.add_lease(landlord, landlord)


def test_adding_the_same_lease_twice_keeps_one(ws, park):
    _, landlord, tenant = park
    ws.registry.add_lease(landlord, tenant, agreement_signed=True, agreement_date="2026-03-01")
    assert len(ws.registry.leases(tenant)) == 1


def test_set_person_keeps_one_per_role(ws, park):
    _, _, tenant = park
    ws.registry.set_person(tenant, "principal", "李四", "13900000000")
    principals = [p for p in ws.registry.people(tenant) if p["role"] == "principal"]
    assert [p["name"] for p in principals] == ["李四"]


def test_resolve_accepts_id_credit_code_or_exact_name(ws, park):
    _, landlord, tenant = park
    assert ws.registry.resolve(landlord) == landlord
    assert ws.registry.resolve(USCC_A) == landlord
    assert ws.registry.resolve("宁波恒达五金制品厂") == tenant
    with pytest.raises(NotFoundError):
        ws.registry.resolve("不存在的公司")


def test_merge_all_merges_every_other_record_or_none(ws):
    keep = ws.registry.create_enterprise(name="宁波甲机械厂")
    twin = ws.registry.create_enterprise(name="宁波甲机械有限公司")
    third = ws.registry.create_enterprise(name="甲机械")
    ws.registry.merge_all(keep, [keep, twin, third])
    assert {ws.store.get("enterprise", i)["merged_into"] for i in (twin, third)} == {keep}
    other = ws.registry.create_enterprise(name="宁波乙五金厂")
    last = ws.registry.create_enterprise(name="乙五金")
    with pytest.raises(NotFoundError):  # the second is refused, so the first is not merged either
        ws.registry.merge_all(other, [last, "no-such-enterprise"])
    assert ws.store.get("enterprise", last)["merged_into"] is None


def test_a_session_acts_as_a_known_inspector_only(ws):
    inspector = ws.roster.add_inspector("张三", "33020001", "鄞州区应急管理局")
    before = ws.author
    assert not ws.act_as("no-such-inspector") and ws.author == before
    assert ws.act_as(inspector) and ws.author == inspector
    row = ws.registry.create_enterprise(name="宁波丙厂")
    assert {c.author for c in ws.store.history("enterprise", row)} == {inspector}


# --- save_enterprise: what the enterprise form writes on Save ---------------------------------------------------


def test_saving_a_new_tenant_creates_its_places_people_and_lease(ws, park):
    _, landlord, _ = park
    edit = EnterpriseEdit(
        fields={"name": "宁波新盛塑料厂", "is_tenant": True},
        township=Place(name="高桥镇"), park=Place(name="高桥工业园"),
        people={"principal": ("李明", "13905740000"), "safety_officer": (None, None)},
        lease=LeaseTerms(landlord, " 2 幢 ", agreement_signed=True, agreement_date="2026-05-01"),
    )
    new_id = ws.registry.save_enterprise(None, edit)
    row = ws.registry.get_enterprise(new_id)
    assert row["township_id"] == ws.registry.find_township("高桥镇")
    assert [p["name"] for p in ws.registry.parks(row["township_id"])] == ["高桥工业园"]
    assert ws.registry.person(new_id, "principal")["phone"] == "13905740000"
    assert ws.registry.person(new_id, "safety_officer") is None
    (lease,) = [le for le in ws.registry.leases(new_id) if le["tenant_id"] == new_id]
    assert (lease["landlord_id"], lease["unit"], lease["agreement_date"]) == (landlord, "2 幢", "2026-05-01")


def test_a_refused_save_writes_nothing_not_even_a_new_township(ws, park):
    before = change_count(ws)
    edit = EnterpriseEdit(fields={"name": "甲厂", "uscc": USCC_A}, township=Place(name="新设镇"))
    with pytest.raises(ValidationError) as err:
        ws.registry.save_enterprise(None, edit)
    assert err.value.code == "enterprise.duplicate_uscc"
    assert change_count(ws) == before and ws.registry.find_township("新设镇") is None


def test_an_edit_writes_only_what_differs_from_what_the_form_loaded(ws, park):
    town, landlord, tenant = park
    loaded = dict(ws.registry.get_enterprise(tenant))
    # A sync changes the industry after the form loaded; the form changes only the employees.
    ws.registry.update_enterprise(tenant, industry="塑料")
    before = change_count(ws)
    fields = {k: loaded[k] for k in ("name", "uscc", "address", "industry", "employees")} | {"employees": 15}
    lease_id = ws.registry.leases(tenant)[0]["id"]
    terms = LeaseTerms(landlord, None, True, "2026-03-01")
    edit = EnterpriseEdit(fields=fields, township=Place(id=town), original=loaded,
                          people={"principal": ("王建国", "13805741234")},
                          original_people={"principal": ("王建国", "13805741234")},
                          original_lease=(lease_id, terms), lease=terms)
    ws.registry.save_enterprise(tenant, edit)
    row = ws.registry.get_enterprise(tenant)
    assert (row["employees"], row["industry"]) == (15, "塑料")
    assert change_count(ws) == before + 1


def test_choosing_another_landlord_ends_the_old_lease(ws, park):
    town, landlord, tenant = park
    other = ws.registry.create_enterprise(name="宁波工投物业", township_id=town)
    lease_id = ws.registry.leases(tenant)[0]["id"]
    loaded = dict(ws.registry.get_enterprise(tenant))
    edit = EnterpriseEdit(fields={"name": loaded["name"]}, township=Place(id=town), original=loaded,
                          original_lease=(lease_id, LeaseTerms(landlord, None, True, "2026-03-01")),
                          lease=LeaseTerms(other))
    ws.registry.save_enterprise(tenant, edit)
    assert ws.registry.landlord_ids(tenant) == [other]
    assert ws.registry.get_enterprise(other)["is_landlord"]
