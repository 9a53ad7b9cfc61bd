"""A re-inspection's 整改复查意见书, issued from its lines, signed, and the end closing the hazard with it."""

from __future__ import annotations

import io
from datetime import timedelta

from PIL import Image

from app.documents.issuing import Documents
from app.models.integrity import check
from tests.documents.test_render import TODAY, flat, text_of, visit  # noqa: F401 - the fixture

PASS = "正确的口令123"


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "#2e7d32").save(out, "JPEG")
    return out.getvalue()


def test_the_opinion_prints_each_result_and_the_order_and_its_signing_lets_the_end_close_the_hazard(visit):  # noqa: F811
    ws, tenant, hazard = visit["ws"], visit["tenant"], visit["hazard"]["id"]
    ws.inspections.update_hazard(hazard, deadline=(TODAY.date() + timedelta(days=10)).isoformat())
    docs = Documents(ws)
    officer = ws.roster.inspectors()[0]["id"]
    docs.setup_standalone(officer, PASS)
    order = docs.issue("ORDER", visit["inspection"], tenant, issued_on=TODAY.date())
    docs.sign(order, officer, PASS)

    recheck = ws.reinspections.start(tenant, [i["id"] for i in ws.roster.inspectors()])
    (line,) = ws.reinspections.lines(recheck)
    ws.inspections.attach_photo(jpeg(), hazard_id=hazard, name="after.jpg", stage="AFTER")
    ws.reinspections.record(line["id"], result="FIXED", note="货物已清走，出口畅通")
    opinion = docs.issue("RECHECK", recheck, **ws.reinspections.opinion_args(recheck))
    text = flat(text_of(ws.blobs.read(docs.get(opinion)["file_sha256"])))
    assert "整改复查意见书" in text and "已整改" in text and "货物已清走，出口畅通" in text
    assert flat(docs.get(order)["doc_no"]) in text  # the order re-checked is named

    docs.sign(opinion, officer, PASS)
    ws.reinspections.finish(recheck)
    row = ws.inspections.hazard(hazard)
    assert (row["status"], row["closure_type"], row["closure_doc_id"]) == ("CLOSED", "RECHECK", opinion)
    assert check(ws).ok
