"""The re-inspection (app/models/reinspection.py): lines saved as typed, what stops the end, the opinion's
arguments, and the end turning every line into its hazard's transition in one transaction."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.errors import ValidationError
from app.models.integrity import check
from tests.models.test_hazard_flow import TODAY, jpeg, signed_document, status
from tests.support import build_site


@pytest.fixture
def due(ws):
    """Three hazards of the tenant, ordered and signed for; the first reported rectified."""
    site = build_site(ws, now=datetime(2026, 11, 23, 9, 30))
    items = [i.code for i in ws.inspections.applicable_items(site.inspection, site.tenant)][:3]
    hazards = [ws.inspections.record_verdict(site.inspection, site.tenant, code, "NONCOMPLIANT", "问题").hazard_id
               for code in items]
    for hazard, days in zip(hazards, (15, 5, 30), strict=True):
        ws.inspections.update_hazard(hazard, deadline=(TODAY + timedelta(days=days)).isoformat())
    ws.hazard_flow.submit(hazards[0], "已清理通道")
    return site, hazards


def refused(code: str, call, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as err:
        call(*args, **kwargs)
    assert err.value.code == f"reinspection.{code}"
    return err.value


def test_due_lists_the_enterprises_hazards_still_to_recheck_by_deadline(ws, due):
    site, hazards = due
    assert [h["id"] for h in ws.reinspections.due(site.tenant)] == [hazards[1], hazards[0], hazards[2]]
    assert ws.reinspections.due(site.landlord) == []
    refused("nothing_due", ws.reinspections.start, site.landlord, site.inspectors)
    refused("not_due", ws.reinspections.start, site.landlord, site.inspectors, [hazards[0]])


def test_a_reinspection_is_an_inspection_of_mode_recheck_with_one_line_per_hazard(ws, due):
    site, hazards = due
    recheck = ws.reinspections.start(site.tenant, site.inspectors, hazards[:2])
    inspection = ws.inspections.get(recheck)
    assert (inspection["mode"], inspection["status"], inspection["enterprise_id"]) == (
        "RECHECK", "IN_PROGRESS", site.tenant)
    assert ws.inspections.inspector_ids(recheck) == list(site.inspectors)
    lines = ws.reinspections.lines(recheck)
    assert [line["hazard_id"] for line in lines] == hazards[:2]
    assert all(line["result"] is None and line["after_photos"] == 0 for line in lines)
    assert ws.inspections.missing_items(recheck) == []  # no checklist is asked
    with pytest.raises(ValidationError) as err:
        ws.inspections.complete(recheck)
    assert err.value.code == "inspection.is_recheck"
    assert check(ws).ok


def test_each_value_is_saved_as_typed_and_fixed_clears_the_followup(ws, due):
    site, hazards = due
    recheck = ws.reinspections.start(site.tenant, site.inspectors, hazards[:1])
    line = ws.reinspections.lines(recheck)[0]["id"]
    ws.reinspections.record(line, result="PARTLY", note="  仍有 货物  ")
    ws.reinspections.record(line, followup="NEW_DEADLINE", new_deadline=TODAY + timedelta(days=20))
    row = ws.store.require("recheck_line", line)
    assert (row["result"], row["note"], row["followup"], row["new_deadline"]) == (
        "PARTLY", "仍有 货物", "NEW_DEADLINE", "2026-12-13")
    ws.reinspections.record(line, result="FIXED")
    row = ws.store.require("recheck_line", line)
    assert (row["result"], row["followup"], row["new_deadline"]) == ("FIXED", None, None)
    with pytest.raises(ValidationError):
        ws.reinspections.record(line, result="MAYBE")


def test_problems_name_each_unfinished_line(ws, due):
    site, hazards = due
    recheck = ws.reinspections.start(site.tenant, site.inspectors)
    lines = [line["id"] for line in ws.reinspections.lines(recheck)]
    assert len(ws.reinspections.problems(recheck)) == 3
    ws.reinspections.record(lines[0], result="FIXED")
    ws.reinspections.record(lines[1], result="NOT_FIXED", followup="NEW_DEADLINE", new_deadline=TODAY)
    ws.reinspections.record(lines[2], result="PARTLY", followup="ESCALATE")
    problems = ws.reinspections.problems(recheck)
    assert len(problems) == 3
    assert "照片" in problems[0] and "晚于今天" in problems[1] and "理由" in problems[2]
    refused("not_ready", ws.reinspections.opinion_args, recheck)


def finished_lines(ws, site, hazards):
    """A re-inspection of all three: the first fixed (with an after-photo), the second not fixed with a new
    deadline, the third partly fixed and escalated."""
    recheck = ws.reinspections.start(site.tenant, site.inspectors)
    by_hazard = {line["hazard_id"]: line["id"] for line in ws.reinspections.lines(recheck)}
    ws.inspections.attach_photo(jpeg(), hazard_id=hazards[0], name="after.jpg", stage="AFTER")
    ws.reinspections.record(by_hazard[hazards[0]], result="FIXED", note="通道已畅通")
    ws.reinspections.record(by_hazard[hazards[1]], result="NOT_FIXED", followup="NEW_DEADLINE",
                            new_deadline=TODAY + timedelta(days=10))
    ws.reinspections.record(by_hazard[hazards[2]], result="PARTLY", followup="ESCALATE", note="拒不整改，立案查处")
    return recheck


def test_the_opinion_names_the_signed_order_and_carries_each_result(ws, due):
    site, hazards = due
    recheck = finished_lines(ws, site, hazards)
    refused("no_reference", ws.reinspections.opinion_args, recheck)
    order = signed_document(ws, site, "ORDER", site.tenant)
    ws.store.update("document", order, {"doc_no": "（鄞）应急责改〔2026〕7号"})
    args = ws.reinspections.opinion_args(recheck)
    assert args["enterprise_id"] == site.tenant
    assert args["hazard_ids"] == [line["hazard_id"] for line in ws.reinspections.lines(recheck)]
    assert args["results"][hazards[0]] == ("FIXED", "通道已畅通")
    assert args["results"][hazards[1]] == ("NOT_FIXED", "重新限期整改（2026-12-03 前）")
    assert args["results"][hazards[2]] == ("PARTLY", "拒不整改，立案查处；依法立案查处或挂牌督办")
    assert (args["reference_no"], args["reference_date"], args["reference_title"]) == (
        "（鄞）应急责改〔2026〕7号", date(2026, 11, 23), "责令限期整改指令书")


def test_finish_needs_the_signed_opinion_then_moves_every_hazard_and_completes(ws, due):
    site, hazards = due
    recheck = finished_lines(ws, site, hazards)
    refused("unsigned", ws.reinspections.finish, recheck)
    ws.store.insert("document", {"doc_type": "RECHECK", "inspection_id": recheck, "enterprise_id": site.tenant,
                                 "status": "DRAFT", "created_at": "2026-11-23T11:00:00"})
    refused("unsigned", ws.reinspections.finish, recheck)
    assert [status(ws, h) for h in hazards] == ["SUBMITTED", "OPEN", "OPEN"]

    opinion = ws.store.insert("document", {"doc_type": "RECHECK", "inspection_id": recheck,
                                           "enterprise_id": site.tenant, "status": "SIGNED",
                                           "created_at": "2026-11-23T11:30:00"})
    refused("signed", ws.reinspections.record, ws.reinspections.lines(recheck)[1]["id"], result="FIXED")
    ws.reinspections.finish(recheck)
    assert [status(ws, h) for h in hazards] == ["CLOSED", "OPEN", "ESCALATED"]
    closed, reopened, escalated = (ws.inspections.hazard(h) for h in hazards)
    assert (closed["closure_type"], closed["closure_doc_id"], closed["verified_by"]) == (
        "RECHECK", opinion, site.inspectors[0])
    assert (reopened["deadline"], reopened["recheck_count"]) == ("2026-12-03", 1)
    assert escalated["status_reason"] == "拒不整改，立案查处"
    assert ws.inspections.get(recheck)["status"] == "COMPLETED"
    refused("closed", ws.reinspections.record, ws.reinspections.lines(recheck)[0]["id"], note="再改")
    assert check(ws).ok


def test_a_hazard_handled_elsewhere_meanwhile_stops_the_end(ws, due):
    site, hazards = due
    recheck = finished_lines(ws, site, hazards)
    ws.hazard_flow.transfer(hazards[1], site.inspectors[0], "住建局")  # synced in from another laptop
    assert "已移送" in ws.reinspections.problems(recheck)[0]


def test_a_refused_transition_rolls_back_the_whole_finish(ws, due, monkeypatch):
    site, hazards = due
    recheck = finished_lines(ws, site, hazards)
    ws.store.insert("document", {"doc_type": "RECHECK", "inspection_id": recheck, "enterprise_id": site.tenant,
                                 "status": "SIGNED", "created_at": "2026-11-23T11:30:00"})

    def refuse(*_args, **_kwargs):
        raise ValidationError("hazard_flow.officer", "须由在册的执法人员确认", "An enrolled officer must confirm this")

    monkeypatch.setattr(ws.hazard_flow, "escalate", refuse)  # the last line's step, after the others were written
    with pytest.raises(ValidationError):
        ws.reinspections.finish(recheck)
    assert [status(ws, h) for h in hazards] == ["SUBMITTED", "OPEN", "OPEN"]
    assert ws.inspections.hazard(hazards[1])["recheck_count"] == 0
    assert ws.inspections.get(recheck)["status"] == "IN_PROGRESS"


def test_a_reinspection_is_not_a_coverage_visit_nor_the_last_visit_of_the_risk_rules(ws, due):
    site, hazards = due
    ws.reinspections.start(site.tenant, site.inspectors)
    visits = ws_coverage(ws).visits(TODAY, TODAY)
    assert {v.inspection_id for vs in visits.values() for v in vs} == {site.inspection}
    assert ws.risk.grade(site.tenant, TODAY).last_visit is None  # the campaign visit is still in progress


def ws_coverage(ws):
    from app.models.coverage import Coverage

    return Coverage(ws.inspections)
