"""Issuing documents: numbers, DRAFT rows and blobs, refusal without writes, signing, freezing, superseding, QR."""

from __future__ import annotations

from datetime import date

import pypdfium2 as pdfium
import pytest

from app.documents import layout
from app.documents.certs import trusted_roots
from app.documents.issuing import Documents, canonical, document_hash
from app.documents.qr import parse_payload
from app.documents.render import render
from app.documents.signing import verify_pdf
from app.errors import UserError, ValidationError
from tests.documents.test_render import text_of, visit  # noqa: F401 - the fixture
from tests.support import change_count

ISSUED = date(2026, 11, 23)
PASS = "正确的口令123"


@pytest.fixture
def docs(visit):  # noqa: F811
    return Documents(visit["ws"])


def keywords(pdf: bytes) -> str:
    doc = pdfium.PdfDocument(pdf)
    try:
        return doc.get_metadata_dict()["Keywords"]
    finally:
        doc.close()


def test_issue_numbers_a_draft_and_stores_its_pdf(visit, docs):  # noqa: F811
    ws = visit["ws"]
    first = docs.issue("ORDER", visit["inspection"], visit["tenant"], issued_on=ISSUED)
    second = docs.issue("ORDER", visit["inspection"], visit["tenant"], issued_on=ISSUED)
    a, b = docs.get(first), docs.get(second)
    assert a["doc_no"].startswith("（鄞）应急责改〔2026〕") and a["doc_no"].endswith("号")
    assert a["doc_no"] == f"（鄞）应急责改〔2026〕{a['serial']}号"
    assert a["doc_no"] != b["doc_no"] and a["serial"] != b["serial"]
    assert (a["status"], a["doc_type"], a["issuer"], a["year"]) == ("DRAFT", "ORDER", "鄞", 2026)
    assert a["inspection_id"] == visit["inspection"] and a["enterprise_id"] == visit["tenant"]
    pdf = docs.pdf(first)
    assert ws.blobs.has(a["file_sha256"]) and pdf.startswith(b"%PDF")
    assert a["doc_no"].replace(" ", "") in text_of(pdf).replace(" ", "")
    # the device had no block: it took one for itself, in the self-assignment range
    [block] = docs.numbering.blocks("ORDER", "鄞", 2026, device=ws.device.id)
    assert block.first <= a["serial"] <= block.last
    assert [r["id"] for r in docs.list(inspection_id=visit["inspection"])] == [first, second]
    assert [r["id"] for r in docs.list(enterprise_id=visit["landlord"])] == []


def test_a_record_with_a_missing_photo_is_refused_and_nothing_is_written(visit, docs):  # noqa: F811
    ws = visit["ws"]
    for sha in list(ws.blobs.iter_hashes()):
        if ws.blobs.read(sha)[:2] == b"\xff\xd8":  # the JPEG photo
            ws.blobs.path(sha).unlink()
    before = change_count(ws)
    with pytest.raises(ValidationError) as caught:
        docs.issue("RECORD", visit["inspection"], visit["tenant"], issued_on=ISSUED)
    assert "缺少" in caught.value.message
    assert change_count(ws) == before
    assert docs.list() == [] and docs.numbering.blocks() == []


def test_qr_payload_carries_the_number_and_content_hash_on_every_page(visit, docs, monkeypatch):  # noqa: F811
    drawn = []
    real = layout.numbered_canvas

    def spy(title, doc_no, qr_payload=None):
        drawn.append(qr_payload)
        return real(title, doc_no, qr_payload)

    monkeypatch.setattr(layout, "numbered_canvas", spy)
    calls = []
    from app.documents import qr

    real_draw = qr.draw_qr
    monkeypatch.setattr(
        qr, "draw_qr", lambda c, payload, *a, **k: (calls.append(payload), real_draw(c, payload, *a, **k))
    )
    document_id = docs.issue("RECORD", visit["inspection"], visit["tenant"], issued_on=ISSUED)
    row, pdf = docs.get(document_id), docs.pdf(document_id)
    payload = parse_payload(keywords(pdf))
    assert payload.doc_no == row["doc_no"]
    assert drawn == [payload.text()]
    pages = len(pdfium.PdfDocument(pdf))
    assert pages >= 2 and calls == [payload.text()] * pages
    # the hash is that of the gathered data (images by their hash), reproducible from the database
    from app.documents.data import gather_record

    data = gather_record(visit["ws"], visit["inspection"], visit["tenant"], doc_no=row["doc_no"], issued_on=ISSUED)
    assert payload.content_sha256 == document_hash(data)
    assert "sha256:" in str(canonical(data))


def test_without_payload_render_draws_no_qr(visit, docs):  # noqa: F811
    from tests.documents.fixed_data import BUILDERS

    data = next(iter(BUILDERS.values()))()
    pdf = render(data, invariant=True)
    assert "Keywords" not in pdfium.PdfDocument(pdf).get_metadata_dict() or not keywords(pdf)


def test_sign_freezes_and_supersede_keeps_the_old_number(visit, docs):  # noqa: F811
    ws = visit["ws"]
    inspector = ws.roster.inspectors()[0]["id"]
    document_id = docs.issue("ORDER", visit["inspection"], visit["tenant"], issued_on=ISSUED)
    with pytest.raises(UserError) as caught:
        docs.sign(document_id, inspector, PASS)
    assert caught.value.code == "document.no_signing_cert" and "签名证书" in caught.value.message
    docs.setup_standalone(inspector, PASS)
    with pytest.raises(UserError):
        docs.sign(document_id, inspector, "错误口令000")
    assert docs.get(document_id)["status"] == "DRAFT"
    draft_sha = docs.get(document_id)["file_sha256"]
    docs.sign(document_id, inspector, PASS, location="集士港镇")
    row = docs.get(document_id)
    assert row["status"] == "SIGNED" and row["file_sha256"] != draft_sha
    result = verify_pdf(docs.pdf(document_id), trusted_roots(ws.data_dir))
    assert result.ok and result.intact and result.trusted and not result.modified_after_signing
    assert parse_payload(keywords(docs.pdf(document_id))).doc_no == row["doc_no"]

    before = change_count(ws)
    for attempt in (lambda: docs.update_draft(document_id), lambda: docs.sign(document_id, inspector, PASS)):
        with pytest.raises(UserError) as caught:
            attempt()
        assert caught.value.code == "document.frozen" and "已冻结" in caught.value.message
    assert change_count(ws) == before

    new_id = docs.supersede(document_id, "整改期限写错", issued_on=ISSUED)
    old, new = docs.get(document_id), docs.get(new_id)
    assert (old["status"], old["void_reason"], old["doc_no"]) == ("VOID", "整改期限写错", row["doc_no"])
    assert new["supersedes_id"] == document_id and new["status"] == "DRAFT" and new["doc_no"] != old["doc_no"]
    with pytest.raises(UserError):
        docs.void(document_id, "again")


def test_draft_can_be_re_rendered_with_its_number(visit, docs):  # noqa: F811
    document_id = docs.issue("ORDER", visit["inspection"], visit["tenant"], issued_on=ISSUED)
    doc_no = docs.get(document_id)["doc_no"]
    docs.update_draft(document_id, issued_on=date(2026, 11, 24))
    assert docs.get(document_id)["doc_no"] == doc_no
    assert "2026年11月24日" in text_of(docs.pdf(document_id)).replace(" ", "")
    docs.void(document_id, "出具错误")
    with pytest.raises(UserError):
        docs.update_draft(document_id)
    assert docs.get(document_id)["doc_no"] == doc_no


def test_self_assigned_blocks_roll_over_but_a_supervisor_block_runs_out(visit, docs):  # noqa: F811
    ws = visit["ws"]
    docs.numbering.assign_block("DECISION", "鄞", 2026, 1, 1)
    docs.issue("DECISION", visit["inspection"], visit["tenant"], issued_on=ISSUED, measures=["责令立即清理"])
    with pytest.raises(UserError) as caught:
        docs.issue("DECISION", visit["inspection"], visit["tenant"], issued_on=ISSUED, measures=["责令立即清理"])
    assert caught.value.code == "numbering.exhausted"
    assert len(docs.numbering.blocks("DECISION", "鄞", 2026, device=ws.device.id)) == 1


def test_a_decision_that_stops_work_says_so_and_only_a_decision_may(visit, docs):  # noqa: F811
    stopping = docs.issue("DECISION", visit["inspection"], visit["tenant"], issued_on=ISSUED,
                          measures=["责令二楼喷涂车间暂时停产停业，至通风设施整改完成"], stop_ordered=True)
    plain = docs.issue("DECISION", visit["inspection"], visit["tenant"], issued_on=ISSUED, measures=["责令立即清理"])
    assert (docs.get(stopping)["stop_ordered"], docs.get(plain)["stop_ordered"]) == (1, 0)
    with pytest.raises(UserError) as caught:
        docs.issue("ORDER", visit["inspection"], visit["tenant"], issued_on=ISSUED, stop_ordered=True)
    assert caught.value.code == "document.stop_not_decision"
