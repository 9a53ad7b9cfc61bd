"""The per-page QR code: payload format, parsing, and drawing into a PDF."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import SimpleDocTemplate

from app.documents.qr import QrPayload, draw_qr, make_payload, parse_payload, qr_drawing
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


def test_qr_carries_the_utf8_payload_and_has_the_requested_size():
    payload = make_payload(DOC_NO, DIGEST)
    drawing = qr_drawing(payload, size=20 * mm)
    assert (drawing.width, drawing.height) == (20 * mm, 20 * mm)
    widget = drawing.contents[0]
    assert b"".join(d.data for d in widget.qr.dataList) == payload.encode("utf-8")
    x0, y0, x1, y1 = drawing.getBounds()
    assert x0 >= -0.01 and y0 >= -0.01 and x1 <= 20 * mm + 0.01 and y1 <= 20 * mm + 0.01


def _render(pdf: bytes):
    pdfium = pytest.importorskip("pypdfium2")
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].render(scale=1).to_pil().convert("L") for i in range(len(doc))]
    finally:
        doc.close()


def test_qr_drawn_on_every_page_and_as_a_flowable():
    payload = make_payload(DOC_NO, DIGEST)
    buf = io.BytesIO()

    def on_page(c: canvas.Canvas, _doc: object) -> None:
        draw_qr(c, payload, A4[0] - 30 * mm, 10 * mm, size=20 * mm)

    from reportlab.platypus import PageBreak

    doc = SimpleDocTemplate(buf, pagesize=A4, invariant=1)
    doc.build([qr_drawing(payload, 40 * mm), PageBreak(), qr_drawing(payload, 40 * mm)],
              onFirstPage=on_page, onLaterPages=on_page)
    pdf = buf.getvalue()
    assert pdf.startswith(b"%PDF")
    pages = _render(pdf)
    assert len(pages) == 2
    for page in pages:
        w, h = page.size
        corner = page.crop((int(w - 30 * mm), int(h - 30 * mm), int(w - 10 * mm), int(h - 10 * mm)))
        dark = sum(corner.histogram()[:128]) / (corner.size[0] * corner.size[1])
        assert 0.2 < dark < 0.8  # a QR pattern, neither blank nor solid


def test_the_page_code_is_the_same_picture_as_reportlabs_widget():
    """draw_qr paints the modules it encoded once as one path; reportlab's widget is the reference: the centre of
    every module is dark in one exactly where it is dark in the other."""
    pdfium = pytest.importorskip("pypdfium2")
    from reportlab.graphics import renderPDF
    from reportlab.pdfgen import canvas as pdfcanvas

    from app.documents.qr import BORDER, _modules

    payload = make_payload(DOC_NO, DIGEST)
    scale, size, at = 4, 40 * mm, 20 * mm
    n = len(_modules(payload))
    box = size / (n + 2 * BORDER) * scale
    grids = []
    for draw in (lambda c: draw_qr(c, payload, at, at, size),
                 lambda c: renderPDF.draw(qr_drawing(payload, size), c, at, at)):
        buf = io.BytesIO()
        c = pdfcanvas.Canvas(buf, pagesize=(80 * mm, 80 * mm))
        draw(c)
        c.save()
        doc = pdfium.PdfDocument(buf.getvalue())
        page = doc[0].render(scale=scale).to_pil().convert("L")
        doc.close()
        top = page.height - (at + size) * scale  # the code's top edge, in pixels from the top
        grids.append([[page.getpixel((int(at * scale + (col + BORDER + 0.5) * box),
                                      int(top + (row + BORDER + 0.5) * box))) < 128 for col in range(n)]
                      for row in range(n)])
    ours, reference = grids
    assert ours == reference == [list(row) for row in _modules(payload)]
