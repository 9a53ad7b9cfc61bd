"""Running an inspection through the services: verdicts, hazards, photos, completion."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image

from app.errors import NotFoundError, PhotoError, ValidationError
from app.models import content
from app.models.workspace import Workspace
from tests.support import build_site, change_count

TODAY = datetime(2026, 11, 23, 9, 30)


@pytest.fixture
def site(ws):
    """A landlord with one tenant, two inspectors and an inspection of both by the first, started 'today'."""
    return build_site(ws, now=TODAY, team=1)


def item(code: str) -> content.ChecklistItem:
    return next(i for i in content.load_checklist().items if i.code == code)


def test_start_records_team_targets_and_the_template_once(site):
    ws, inspection = site.ws, site.inspection
    assert ws.inspections.target_ids(inspection) == [site.landlord, site.tenant]
    assert ws.inspections.inspector_ids(inspection) == [site.inspectors[0]]
    row = ws.inspections.get(inspection)
    assert row["status"] == "IN_PROGRESS" and row["started_at"] == TODAY.isoformat()
    second = ws.inspections.start(site.tenant, list(site.inspectors))
    assert ws.inspections.get(second)["template_id"] == row["template_id"]
    assert ws.store.query("SELECT count(*) AS n FROM checklist_template")[0]["n"] == 1


def test_start_refuses_bad_input(site):
    ws = site.ws
    with pytest.raises(ValidationError):
        ws.inspections.start(site.tenant, [])
    with pytest.raises(ValidationError):
        ws.inspections.start(site.tenant, list(site.inspectors), mode="PICNIC")
    with pytest.raises(NotFoundError):
        ws.inspections.start("no-such-enterprise", list(site.inspectors))


def test_items_follow_the_enterprise_role(site):
    ws, inspection = site.ws, site.inspection
    landlord_items = {i.code for i in ws.inspections.applicable_items(inspection, site.landlord)}
    tenant_items = {i.code for i in ws.inspections.applicable_items(inspection, site.tenant)}
    checklist = ws.inspections.checklist(inspection)
    assert len(checklist.items) == 22 and len(checklist.aspects) == 4
    assert all("landlord" in item(c).applies_to for c in landlord_items)
    assert all("tenant" in item(c).applies_to for c in tenant_items)
    assert landlord_items != tenant_items


@pytest.mark.parametrize("verdict", ["NONCOMPLIANT", "NOT_APPLICABLE"])
def test_verdicts_other_than_compliant_need_a_note(site, verdict):
    ws = site.ws
    before = change_count(ws)
    with pytest.raises(ValidationError) as err:
        ws.inspections.record_verdict(site.inspection, site.tenant, "RESP-04", verdict, "   ")
    assert err.value.code == "verdict.note_required"
    assert change_count(ws) == before


def test_noncompliant_creates_a_hazard_prefilled_from_the_checklist(site):
    ws, inspection, tenant = site.ws, site.inspection, site.tenant
    major_item = next(i for i in ws.inspections.applicable_items(inspection, tenant) if i.major == "YES")
    outcome = ws.inspections.record_verdict(inspection, tenant, major_item.code, "NONCOMPLIANT", "安全出口被货物堵塞")
    hazard = ws.store.require("hazard", outcome.hazard_id)
    assert hazard["grade"] == "MAJOR" and hazard["status"] == "OPEN" and hazard["source"] == "ENFORCEMENT"
    assert hazard["description"] == "安全出口被货物堵塞"
    assert hazard["measure"] == major_item.default_measure_zh
    expected = TODAY.date() + timedelta(days=major_item.default_deadline_days.for_grade("MAJOR"))
    assert hazard["deadline"] == expected.isoformat()
    assert hazard["responsible_person"] == "王建国" and hazard["enterprise_id"] == tenant

    general_item = next(i for i in ws.inspections.applicable_items(inspection, tenant) if i.major == "NO")
    general = ws.inspections.record_verdict(inspection, tenant, general_item.code, "NONCOMPLIANT", "培训记录缺失")
    assert ws.store.require("hazard", general.hazard_id)["grade"] == "GENERAL"


def test_changing_the_verdict_voids_the_hazard_and_changing_back_revives_it(site):
    ws, inspection, tenant = site.ws, site.inspection, site.tenant
    first = ws.inspections.record_verdict(inspection, tenant, "RESP-04", "NONCOMPLIANT", "无安全管理制度")
    ws.inspections.record_verdict(inspection, tenant, "RESP-04", "COMPLIANT")
    voided = ws.store.require("hazard", first.hazard_id)
    assert voided["status"] == "VOID" and "符合" in voided["void_reason"]
    assert ws.inspections.hazards(inspection) == []
    again = ws.inspections.record_verdict(inspection, tenant, "RESP-04", "NONCOMPLIANT", "制度未发布")
    assert again.hazard_id == first.hazard_id and again.item_result_id == first.item_result_id
    assert ws.store.require("hazard", first.hazard_id)["status"] == "OPEN"
    assert len(ws.inspections.results(inspection)) == 1


def test_unknown_or_inapplicable_items_are_refused(site):
    ws, inspection = site.ws, site.inspection
    with pytest.raises(NotFoundError):
        ws.inspections.record_verdict(inspection, site.tenant, "NOPE-99", "COMPLIANT")
    tenant_only = next(i.code for i in content.load_checklist().items if i.applies_to == ("tenant",))
    with pytest.raises(NotFoundError):
        ws.inspections.record_verdict(inspection, site.landlord, tenant_only, "COMPLIANT")


def test_a_verdict_survives_a_crash_right_after_the_call(site, tmp_path):
    ws = site.ws
    ws.inspections.record_verdict(site.inspection, site.tenant, "RESP-04", "COMPLIANT")
    # a second process opening the folder while the first is still "running" sees the committed answer
    with Workspace(ws.data_dir) as other:
        results = other.inspections.results(site.inspection)
        assert results[(site.tenant, "RESP-04")]["verdict"] == "COMPLIANT"


def give_all_verdicts(ws, inspection):
    for enterprise_id, code in ws.inspections.missing_items(inspection):
        ws.inspections.record_verdict(inspection, enterprise_id, code, "COMPLIANT")


def test_completion_is_refused_with_reasons_until_every_item_has_a_verdict_and_two_inspectors(site):
    ws, inspection = site.ws, site.inspection
    with pytest.raises(ValidationError) as err:
        ws.inspections.complete(inspection)
    assert "至少需要 2 名" in err.value.zh and "未给出检查结论" in err.value.zh
    give_all_verdicts(ws, inspection)
    with pytest.raises(ValidationError) as err:
        ws.inspections.complete(inspection)
    assert "至少需要 2 名" in err.value.zh and "未给出" not in err.value.zh
    ws.inspections.add_inspector(inspection, site.inspectors[1])
    assert ws.inspections.completion_problems(inspection) == []
    ws.inspections.complete(inspection)
    assert ws.inspections.get(inspection)["status"] == "COMPLETED"
    with pytest.raises(ValidationError) as err:
        ws.inspections.record_verdict(inspection, site.tenant, "RESP-04", "COMPLIANT")
    assert err.value.code == "inspection.closed"


def test_hazard_edits_are_validated(site):
    ws = site.ws
    hazard_id = ws.inspections.record_verdict(
        site.inspection, site.tenant, "RESP-04", "NONCOMPLIANT", "无制度"
    ).hazard_id
    with pytest.raises(ValidationError):
        ws.inspections.update_hazard(hazard_id, deadline=(TODAY.date() - timedelta(days=1)).isoformat())
    with pytest.raises(ValidationError):
        ws.inspections.update_hazard(hazard_id, deadline="下周五")
    with pytest.raises(ValidationError):
        ws.inspections.update_hazard(hazard_id, grade="HUGE")
    with pytest.raises(ValidationError):
        ws.inspections.update_hazard(hazard_id, description=" ")
    ws.inspections.update_hazard(hazard_id, grade="MAJOR", deadline=date(2026, 12, 31), location="3号车间")
    hazard = ws.store.require("hazard", hazard_id)
    assert (hazard["grade"], hazard["deadline"], hazard["location"]) == ("MAJOR", "2026-12-31", "3号车间")
    ws.inspections.update_hazard(hazard_id, rectified_on_site=True)
    assert ws.store.require("hazard", hazard_id)["deadline"] is None


def test_photos_are_stored_by_hash_with_print_copy_and_thumbnail(site, tmp_path):
    ws = site.ws
    result = ws.inspections.record_verdict(site.inspection, site.tenant, "RESP-04", "NONCOMPLIANT", "无制度")
    path = tmp_path / "现场.jpg"
    Image.new("RGB", (4000, 3000), (200, 120, 40)).save(path, quality=90)
    photo_id = ws.inspections.attach_photo(path, hazard_id=result.hazard_id, caption="制度栏空白")
    photo = ws.store.require("photo", photo_id)
    assert (photo["width"], photo["height"]) == (1600, 1200)
    for column in ("sha256", "thumb_sha256", "original_sha256"):
        assert ws.blobs.verify(photo[column])
    assert ws.blobs.read(photo["original_sha256"]) == path.read_bytes()
    assert [p["id"] for p in ws.inspections.photos(hazard_id=result.hazard_id)] == [photo_id]


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_is_stored(site, tmp_path):
    ws = site.ws
    result = ws.inspections.record_verdict(site.inspection, site.tenant, "RESP-04", "COMPLIANT")
    fake = tmp_path / "scan.jpg"
    fake.write_bytes(b"%PDF-1.4 not a photo")
    before = change_count(ws)
    with pytest.raises(PhotoError):
        ws.inspections.attach_photo(fake, item_result_id=result.item_result_id)
    assert change_count(ws) == before
    assert list(ws.blobs.iter_hashes()) == []
    with pytest.raises(NotFoundError):
        ws.inspections.attach_photo(Path(tmp_path / "missing.jpg"), item_result_id=result.item_result_id)


def test_resolve_finds_an_inspection_by_prefix(site):
    ws, inspection = site.ws, site.inspection
    assert ws.inspections.resolve(inspection) == inspection
    assert ws.inspections.resolve(inspection[:30]) == inspection
    with pytest.raises(NotFoundError):
        ws.inspections.resolve("ffffffff")


def test_a_note_typed_before_the_verdict_is_kept_and_the_item_stays_unanswered(site):
    ws, inspection, tenant = site.ws, site.inspection, site.tenant
    ws.inspections.save_note(inspection, tenant, "RESP-04", "制度在办公室墙上")
    assert (tenant, "RESP-04") in ws.inspections.missing_items(inspection)
    outcome = ws.inspections.record_verdict(inspection, tenant, "RESP-04", "COMPLIANT", "制度在办公室墙上")
    assert (tenant, "RESP-04") not in ws.inspections.missing_items(inspection)
    assert len(ws.inspections.results(inspection)) == 1
    ws.inspections.record_verdict(inspection, tenant, "RESP-04", "NONCOMPLIANT", "制度未发布")
    with pytest.raises(ValidationError):
        ws.inspections.save_note(inspection, tenant, "RESP-04", " ")
    assert ws.store.require("item_result", outcome.item_result_id)["note"] == "制度未发布"


def test_position_and_bodycam_are_remembered(site):
    ws, inspection, tenant = site.ws, site.inspection, site.tenant
    assert ws.inspections.position(inspection) is None
    before = change_count(ws)
    ws.inspections.set_position(inspection, tenant, "KEY-01")
    assert ws.inspections.position(inspection) == (tenant, "KEY-01")
    assert change_count(ws) == before  # a cursor of this laptop: nothing for the change log to carry
    ws.inspections.record_verdict(inspection, tenant, "RESP-04", "COMPLIANT")
    assert ws.inspections.position(inspection) == (tenant, "RESP-04")
    ws.inspections.set_bodycam(inspection, "DSJ-0042", "09:30", "10:45")
    row = ws.inspections.get(inspection)
    assert (row["bodycam_ref"], row["bodycam_from"], row["bodycam_to"]) == ("DSJ-0042", "09:30", "10:45")
    assert [i["id"] for i in ws.inspections.unfinished()] == [inspection]


def test_default_deadlines_follow_the_checklists_day_counting(site):
    """Calendar days by default (moved off a rest day); working days when the checklist says so."""
    from dataclasses import replace

    from app.models.workdays import add_working_days

    ws = site.ws
    shipped = content.load_checklist()
    assert shipped.deadline_working_days is False
    working = replace(shipped, deadline_working_days=True, digest="working-days-variant")
    inspection = ws.inspections.start(site.tenant, list(site.inspectors), checklist=working)
    assert ws.inspections.checklist(inspection).deadline_working_days is True
    outcome = ws.inspections.record_verdict(inspection, site.tenant, "RESP-04", "NONCOMPLIANT", "无制度")
    days = item("RESP-04").default_deadline_days.for_grade("GENERAL")
    expected = add_working_days(TODAY.date(), days).date
    assert ws.inspections.hazard(outcome.hazard_id)["deadline"] == expected.isoformat()
    assert expected > TODAY.date() + timedelta(days=days)  # weekends were skipped


def test_start_records_the_body_camera_typed(site):
    ws = site.ws
    inspection = ws.inspections.start(site.tenant, list(site.inspectors), bodycam=" DSJ-0042 ")
    assert ws.inspections.get(inspection)["bodycam_ref"] == "DSJ-0042"
    blank = ws.inspections.start(site.tenant, list(site.inspectors), bodycam="  ")
    assert ws.inspections.get(blank)["bodycam_ref"] is None


def test_every_unfinished_visit_is_offered_not_only_the_newest_page(site):
    """The start-up offer to resume reads the visits in progress, however many newer ones the list would show."""
    ws = site.ws
    for _ in range(200):
        ws.inspections.start(site.landlord, site.inspectors[:1], purpose="复查")
    unfinished = ws.inspections.unfinished()
    assert len(unfinished) == 201 and unfinished[-1]["id"] == site.inspection
    assert len(ws.inspections.list()) == 200
