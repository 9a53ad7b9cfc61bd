"""The hazard's closed loop (app/models/hazard_flow.py): every transition the rules allow, and the ones they refuse."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image

from app.errors import ContentError, ValidationError
from app.models.hazard_flow import Listing, load_lifecycle, shipped_lifecycle
from app.models.integrity import check
from tests.support import build_site, change_count

TODAY = date(2026, 11, 23)


@pytest.fixture
def site(ws):
    site = build_site(ws, now=datetime(2026, 11, 23, 9, 30))
    items = [i.code for i in ws.inspections.applicable_items(site.inspection, site.tenant)][:3]
    hazards = [ws.inspections.record_verdict(site.inspection, site.tenant, code, "NONCOMPLIANT", "问题").hazard_id
               for code in items]
    for hazard, days in zip(hazards, (15, 60, 60), strict=True):
        ws.inspections.update_hazard(hazard, deadline=(TODAY + timedelta(days=days)).isoformat())
    return site, hazards


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "#2e7d32").save(out, "JPEG")
    return out.getvalue()


def signed_document(ws, site, doc_type: str, enterprise_id: str) -> str:
    """A signed document row (what the signing service leaves), without rendering one."""
    return ws.store.insert("document", {
        "doc_type": doc_type, "inspection_id": site.inspection, "enterprise_id": enterprise_id, "status": "SIGNED",
        "created_at": "2026-11-23T10:00:00",
    })


def status(ws, hazard_id: str) -> str:
    return str(ws.inspections.hazard(hazard_id)["status"])


def refused(code: str, call, *args, **kwargs) -> None:
    with pytest.raises(ValidationError) as err:
        call(*args, **kwargs)
    assert err.value.code == f"hazard_flow.{code}"


# --- The rectification loop --------------------------------------------------------------------------------------


def test_report_then_recheck_closes_with_the_signed_recheck_opinion_and_an_after_photo(ws, site):
    site, (hazard, *_) = site
    flow, officer = ws.hazard_flow, site.inspectors[0]
    assert "submit" in flow.allowed(hazard)
    flow.submit(hazard, "通道货物已清理，并已张贴警示标志")
    row = ws.inspections.hazard(hazard)
    assert (row["status"], row["submitted_on"]) == ("SUBMITTED", TODAY.isoformat())
    assert flow.recheck_due(row) == TODAY + timedelta(days=10)

    refused("recheck_doc", flow.recheck, hazard, officer, passed=True)
    document = signed_document(ws, site, "RECHECK", site.tenant)
    refused("after_photo", flow.recheck, hazard, officer, passed=True, document_id=document)
    ws.inspections.attach_photo(jpeg(), hazard_id=hazard, name="after.jpg", stage="AFTER")
    flow.recheck(hazard, officer, passed=True, document_id=document)
    row = ws.inspections.hazard(hazard)
    assert (row["status"], row["closure_type"], row["closure_doc_id"], row["verified_by"], row["closed_on"]) == (
        "CLOSED", "RECHECK", document, officer, TODAY.isoformat())
    assert flow.allowed(hazard) == []


def test_a_failed_recheck_reopens_with_a_new_deadline_and_counts_it(ws, site):
    site, (hazard, *_) = site
    flow, officer = ws.hazard_flow, site.inspectors[0]
    flow.submit(hazard, "已整改")
    refused("new_deadline", flow.recheck, hazard, officer, passed=False, new_deadline=TODAY)
    flow.recheck(hazard, officer, passed=False, new_deadline=TODAY + timedelta(days=7), reason="警示标志未张贴")
    row = ws.inspections.hazard(hazard)
    assert (row["status"], row["deadline"], row["recheck_count"], row["submitted_on"]) == (
        "OPEN", (TODAY + timedelta(days=7)).isoformat(), 1, None)


def test_only_an_enrolled_officer_rechecks_and_a_closed_hazard_moves_no_more(ws, site):
    site, (hazard, *_) = site
    flow = ws.hazard_flow
    before = change_count(ws)
    refused("officer", flow.recheck, hazard, "enterprise-self", passed=False, new_deadline=TODAY + timedelta(days=3))
    assert change_count(ws) == before  # a refusal writes nothing
    ws.roster.store.update("inspector", site.inspectors[1], {"active": 0})
    refused("officer", flow.escalate, hazard, site.inspectors[1], "逾期未整改")
    flow.void(hazard, "重复登记")
    refused("not_now", flow.submit, hazard, "已整改")


def test_an_on_site_fix_closes_once_the_record_is_signed(ws, site):
    site, (hazard, *_) = site
    flow, officer = ws.hazard_flow, site.inspectors[0]
    refused("not_on_site", flow.close_on_site, hazard, officer)
    ws.inspections.update_hazard(hazard, rectified_on_site=True)
    refused("on_site_record", flow.close_on_site, hazard, officer)
    signed_document(ws, site, "RECORD", site.landlord)
    flow.close_on_site(hazard, officer)
    assert ws.inspections.hazard(hazard)["closure_type"] == "ON_SITE"


def test_texts_the_rules_need_are_required(ws, site):
    site, (hazard, second, _) = site
    flow, officer = ws.hazard_flow, site.inspectors[0]
    refused("evidence_missing", flow.submit, hazard, "  ")
    refused("reason_missing", flow.void, hazard, "")
    refused("department_missing", flow.transfer, hazard, officer, " ")
    flow.transfer(second, officer, "区市场监管局")
    refused("feedback_missing", flow.transfer_feedback, second, officer, "", closed=True)


# --- Major hazards: 挂牌督办 to 销号 --------------------------------------------------------------------------------


def test_a_major_hazard_is_listed_remediated_and_delisted(ws, site):
    site, (hazard, second, _) = site
    flow, officer = ws.hazard_flow, site.inspectors[0]
    listing = Listing("DISTRICT", "鄞州区安全生产委员会办公室", "鄞安办督〔2026〕3号", TODAY)
    refused("not_major", flow.list_for_supervision, hazard, officer, listing)
    ws.inspections.update_hazard(hazard, grade="MAJOR", major_basis="工贸重大隐患判定标准第三条",
                                 interim_controls="停用该区域")
    refused("listing", flow.list_for_supervision, hazard, officer, Listing("VILLAGE", "村委", "x", TODAY))
    flow.list_for_supervision(hazard, officer, listing)
    row = ws.inspections.hazard(hazard)
    listed = (row["status"], row["listing_level"], row["listing_notice_no"])
    assert listed == ("LISTED", "DISTRICT", "鄞安办督〔2026〕3号")
    refused("not_now", flow.apply_delisting, hazard, "已完成")  # a plan comes first
    flow.approve_plan(hazard, officer, "停产整改，三十日内完成除尘系统改造")
    flow.apply_delisting(hazard, "改造完成，申请摘牌")
    flow.review_delisting(hazard, officer, passed=False, reason="检测报告未提交")
    assert status(ws, hazard) == "IN_REMEDIATION"
    flow.apply_delisting(hazard, "补交检测报告")
    ws.inspections.attach_photo(jpeg(), hazard_id=hazard, name="after.jpg", stage="AFTER")
    flow.review_delisting(hazard, officer, passed=True, document_id=signed_document(ws, site, "RECHECK", site.tenant))
    assert ws.inspections.hazard(hazard)["closure_type"] == "DELISTED"


def test_a_transfer_stays_open_until_the_department_answers(ws, site):
    site, (hazard, second, _) = site
    flow, officer = ws.hazard_flow, site.inspectors[0]
    flow.transfer(hazard, officer, "区市场监管局（特种设备）")
    assert status(ws, hazard) == "TRANSFERRED" and flow.allowed(hazard) == ["transfer_closed", "transfer_returned"]
    flow.transfer_feedback(hazard, officer, "已责令停用并整改完毕", closed=True)
    assert ws.inspections.hazard(hazard)["closure_type"] == "TRANSFER"
    flow.transfer(second, officer, "区住建局")
    flow.transfer_feedback(second, officer, "不属本部门职责", closed=False)
    assert status(ws, second) == "OPEN"


# --- Deadlines: overdue and extensions ---------------------------------------------------------------------------


def test_overdue_is_derived_and_its_first_day_recorded(ws, site):
    site, (hazard, *_) = site
    flow = ws.hazard_flow
    deadline = TODAY + timedelta(days=15)
    row = ws.inspections.hazard(hazard)
    assert not flow.is_overdue(row, deadline)  # inclusive: the deadline day itself is not late
    assert flow.is_overdue(row, deadline + timedelta(days=1))
    assert [h["id"] for h in flow.overdue(deadline + timedelta(days=5))] == [hazard]
    assert flow.note_overdue(deadline + timedelta(days=5)) == 1
    assert flow.note_overdue(deadline + timedelta(days=6)) == 0  # the first day stays
    assert ws.inspections.hazard(hazard)["overdue_since"] == (deadline + timedelta(days=1)).isoformat()
    flow.submit(hazard, "已整改", on=deadline + timedelta(days=6))
    assert not flow.is_overdue(ws.inspections.hazard(hazard), deadline + timedelta(days=7))


def test_a_deadline_a_bundle_garbled_is_skipped_when_noting_the_first_overdue_day(ws, site):
    _site, (hazard, second, third) = site
    ws.store.update("hazard", hazard, {"deadline": "2026-1"})  # past every real date as text, not a date
    assert ws.hazard_flow.note_overdue(TODAY + timedelta(days=100)) == 2
    assert ws.inspections.hazard(hazard)["overdue_since"] is None
    assert ws.inspections.hazard(second)["overdue_since"] == (TODAY + timedelta(days=61)).isoformat()


def test_an_extension_changes_the_deadline_only_when_approved(ws, site):
    site, (hazard, *_) = site
    flow, officer = ws.hazard_flow, site.inspectors[0]
    deadline = TODAY + timedelta(days=15)
    refused("extension_date", flow.request_extension, hazard, deadline, "设备未到货")
    refused("extension_reason", flow.request_extension, hazard, deadline + timedelta(days=10), " ")
    refused(
        "extension_late",
        flow.request_extension,
        hazard,
        deadline + timedelta(days=30),
        "设备未到货",
        on=deadline + timedelta(days=1),
    )
    first = flow.request_extension(hazard, deadline + timedelta(days=10), "设备未到货")
    refused("extension_pending", flow.request_extension, hazard, deadline + timedelta(days=20), "再延")
    flow.decide_extension(first, officer, approved=False)
    assert ws.inspections.hazard(hazard)["deadline"] == deadline.isoformat()
    refused("extension_decided", flow.decide_extension, first, officer, approved=True)
    second = flow.request_extension(hazard, deadline + timedelta(days=10), "设备已订购，十日内到货")
    flow.decide_extension(second, officer, approved=True)
    assert ws.inspections.hazard(hazard)["deadline"] == (deadline + timedelta(days=10)).isoformat()
    assert [e["decision"] for e in flow.extensions(hazard)] == ["REJECTED", "APPROVED"]
    report = check(ws)  # every transition went through the change log
    assert report.ok, report.problems


# --- The rules file ----------------------------------------------------------------------------------------------


def test_every_status_has_a_way_out_but_the_final_ones():
    lifecycle = shipped_lifecycle()
    for status_code in (
        "DRAFT",
        "OPEN",
        "SUBMITTED",
        "ESCALATED",
        "LISTED",
        "IN_REMEDIATION",
        "UNDER_REVIEW",
        "TRANSFERRED",
    ):
        assert lifecycle.allowed(status_code), status_code
    assert lifecycle.allowed("CLOSED") == [] and lifecycle.allowed("VOID") == []


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda t: t.replace('to = "SUBMITTED"', 'to = "DONE"'), "actions.submit.to"),
        (
            lambda t: t.replace(
                'requires = ["evidence"]\n\n[actions.close', 'requires = ["goodwill"]\n\n[actions.close'
            ),
            "actions.submit.requires",
        ),
        (lambda t: t.replace('closure = "ON_SITE"\n', ""), "actions.close_on_site.closure"),
        (lambda t: t.replace("recheck_within_days = 10", "recheck_within_days = 0"), "closure.recheck_within_days"),
    ],
)
def test_a_broken_rules_file_is_refused_naming_the_field(tmp_path: Path, edit, field):
    shipped = Path(__file__).resolve().parents[2] / "resources" / "hazards" / "lifecycle.toml"
    broken = tmp_path / "lifecycle.toml"
    broken.write_text(edit(shipped.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_lifecycle(broken)
    assert field in str(err.value)


def test_perform_reaches_every_action_of_the_rules_file_and_refuses_an_unknown_one(ws, site):
    from app.models.hazard_flow import Step, shipped_lifecycle

    _site, (hazard, *_rest) = site
    ws.hazard_flow.perform("submit", hazard, Step(text="货物已清理"))
    assert status(ws, hazard) == "SUBMITTED"
    for action in shipped_lifecycle().actions:  # each is dispatched: refused by its rules, not unknown
        if action not in ws.hazard_flow.allowed(hazard):
            with pytest.raises(ValidationError):
                ws.hazard_flow.perform(action, hazard, Step())
    with pytest.raises(ValueError):
        ws.hazard_flow.perform("celebrate", hazard, Step())
