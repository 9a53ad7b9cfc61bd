"""Archival documents: every font of every page of every document type, signed or not, is embedded — read with
pyHanko's PDF reader, not with our writer (`pdffonts` from poppler-utils shows the same: the `emb` column)."""

from __future__ import annotations

import io
from datetime import date

from pyhanko.pdf_utils.generic import DictionaryObject
from pyhanko.pdf_utils.reader import PdfFileReader

from app.documents.issuing import Documents
from tests.documents.test_render import visit  # noqa: F401 - the fixture

ISSUED = date(2026, 11, 23)
PASS = "正确的口令123"


def fonts(pdf: bytes) -> dict[str, bool]:
    """Every font the pages use (also inside their form XObjects), by name: whether its program is embedded."""
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    found: dict[str, bool] = {}

    def deref(value):
        return value.get_object() if hasattr(value, "get_object") else value

    def walk(resources: DictionaryObject) -> None:
        for font in deref(resources.get("/Font") or DictionaryObject()).values():
            font = font.get_object()
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = described.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = embedded
        for xobject in deref(resources.get("/XObject") or DictionaryObject()).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                walk(xobject["/Resources"].get_object())

    for page in range(len(reader.root["/Pages"]["/Kids"])):
        page_object, _ = reader.find_page_for_modification(page)
        walk(page_object.get_object()["/Resources"].get_object())
    return found


def test_every_font_of_every_document_type_is_embedded_and_still_after_signing(visit):  # noqa: F811
    ws = visit["ws"]
    docs = Documents(ws)
    order = docs.issue("ORDER", visit["inspection"], visit["tenant"], issued_on=ISSUED)
    decision = docs.issue("DECISION", visit["inspection"], visit["tenant"], issued_on=ISSUED, measures=["停止使用"])
    for document in (order, decision):
        used = fonts(docs.pdf(document))
        assert used and all(used.values()), used
        assert not any("Helvetica" in name for name in used)
    inspector = ws.inspections.inspector_ids(visit["inspection"])[0]
    docs.setup_standalone(inspector, PASS)
    docs.sign(order, inspector, PASS)
    signed = fonts(docs.pdf(order))
    assert signed and all(signed.values()), signed


def test_the_statistics_report_embeds_its_fonts_too(ws):
    from app.documents.statistics_report import render_statistics
    from app.models.statistics import Figures

    rows = [Figures("集士港镇", "2026-11", enterprises_inspected=3, hazards_found=5, hazards_closed=2)]
    used = fonts(render_statistics(rows, "2026 年 11 月隐患统计"))
    assert used and all(used.values()), used
