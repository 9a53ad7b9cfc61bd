"""The per-page QR code: payload format, parsing, and drawing into a PDF."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import SimpleDocTemplate

from app.documents.qr import QrPayload, draw_qr, make_payload, parse_payload
from app.documents.signing import content_sha256
from app.errors import UserError

DOC_NO = "（鄞）应急检记〔2026〕37号"
DIGEST = content_sha256({"number": DOC_NO, "enterprise": "宁波某某五金厂"})


def test_payload_round_trip():
    text = make_payload(DOC_NO, DIGEST.upper())
    assert text == f"FS1|{DOC_NO}|{DIGEST}"
    assert parse_payload(text) == QrPayload(DOC_NO, DIGEST)
    assert parse_payload(" " + text + "\n").text() == text


@pytest.mark.parametrize("bad", ["", "hello", f"FS2|{DOC_NO}|{DIGEST}", f"FS1||{DIGEST}", f"FS1|{DOC_NO}|abc",
                                 f"FS1|{DOC_NO}|{DIGEST}|extra"])
def test_foreign_payloads_are_refused(bad):
    with pytest.raises(UserError) as err:
        parse_payload(bad)
    assert err.value.code == "qr.bad_payload"


def test_make_payload_refuses_unusable_input():
    with pytest.raises(ValueError):
        make_payload("a|b", DIGEST)
    with pytest.raises(ValueError):
        make_payload(DOC_NO, "not-hex")


def _render(pdf: bytes, scale: float = 1):
    pdfium = pytest.importorskip("pypdfium2")
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].render(scale=scale).to_pil().convert("L") for i in range(len(doc))]
    finally:
        doc.close()


def test_the_code_on_every_page_decodes_to_the_payload():
    """Read back as a phone would: each page rendered to pixels and decoded by zxing-cpp, a decoder we did not
    write (the mask is fixed, not searched: app/documents/qr.py)."""
    from reportlab.platypus import PageBreak, Spacer

    payload = make_payload(DOC_NO, DIGEST)
    buf = io.BytesIO()

    def on_page(c: canvas.Canvas, _doc: object) -> None:
        draw_qr(c, payload, A4[0] - 30 * mm, 10 * mm, size=20 * mm)

    doc = SimpleDocTemplate(buf, pagesize=A4, invariant=1)
    doc.build([Spacer(1, 10 * mm), PageBreak(), Spacer(1, 10 * mm)], onFirstPage=on_page, onLaterPages=on_page)
    pages = _render(buf.getvalue(), scale=3)
    assert len(pages) == 2
    for page in pages:
        found = zxingcpp.read_barcodes(page)
        assert [(r.format, r.text) for r in found] == [(zxingcpp.BarcodeFormat.QRCode, payload)]


def test_the_mask_search_is_not_needed_for_the_code_to_decode():
    """Every payload length a number can have, from 1号 to 99999号, decodes with the fixed mask."""
    for serial in (1, 37, 999, 99999):
        payload = make_payload(f"（鄞）应急责改〔2026〕{serial}号", DIGEST)
        buf = io.BytesIO()
        c = canvas.Canvas(buf, pagesize=(40 * mm, 40 * mm))
        draw_qr(c, payload, 5 * mm, 5 * mm, size=30 * mm)
        c.save()
        assert [r.text for r in zxingcpp.read_barcodes(_render(buf.getvalue(), scale=3)[0])] == [payload]
