"""PDF/A-2b, checked from the file's bytes with readers we did not write (pyHanko's, ElementTree, LittleCMS): the
requirements of ISO 19005-2 that our writer could get wrong. veraPDF (`verapdf --flavour 2b`) checks the whole
standard; it is not installable here, see docs/documents.md."""

from __future__ import annotations

import hashlib
import io
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime

import pytest
from PIL import ImageCms
from pyhanko.pdf_utils.generic import DictionaryObject, parse_pdf_date
from pyhanko.pdf_utils.reader import PdfFileReader

from app.documents.certs import trusted_roots
from app.documents.issuing import Documents
from app.documents.pdfa import srgb_profile
from app.documents.signing import verify_pdf
from tests.documents.test_render import visit  # noqa: F401 - the fixture

ISSUED = date(2026, 11, 23)
PASS = "正确的口令123"
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
}


def xmp_properties(packet: bytes) -> dict[str, str]:
    """Every property of the XMP packet by prefixed name, whether written as an attribute or as an element (RDF
    allows both; pyHanko rewrites ours as attributes); arrays give their first item."""
    description = ET.fromstring(packet).find(".//rdf:Description", NS)
    assert description is not None
    by_uri = {uri: prefix for prefix, uri in NS.items()}

    def name(tag: str) -> str:
        uri, local = tag[1:].split("}")
        return f"{by_uri.get(uri, uri)}:{local}"

    found = {name(k): v for k, v in description.attrib.items()}
    for child in description:
        item = child.find(".//rdf:li", NS)
        found[name(child.tag)] = (item.text if item is not None else child.text) or ""
    return found


def check_pdfa_2b(pdf: bytes) -> None:
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    root, trailer = reader.root, reader.trailer

    # 6.1.2: a PDF 1.x header followed by a comment of at least four bytes above 127
    assert re.match(rb"%PDF-1\.[0-7]\r?\n%[\x80-\xff]{4}", pdf)
    assert str(root.get("/Version", "/1.7")) <= "/1.7"
    # 6.1.3: a file identifier, no encryption
    assert "/ID" in trailer and "/Encrypt" not in trailer
    # 6.1.7.1: the Length of every stream of every revision counts exactly the bytes between the end of line after
    # `stream` and the end of line before `endstream`
    streams = list(re.finditer(rb"/Length (\d+)\b[^>]*>>\s*stream(\r\n|\n)", pdf))
    assert streams
    for match in streams:
        end = match.end() + int(match.group(1))
        assert re.match(rb"(\r\n|\r|\n)endstream", pdf[end:end + 11]), pdf[end - 20:end + 11]

    # 6.2.3: an output intent with an embedded ICC profile that LittleCMS reads as RGB
    (intent,) = [i.get_object() for i in root["/OutputIntents"]]
    assert intent["/S"] == "/GTS_PDFA1"
    profile_stream = intent["/DestOutputProfile"].get_object()
    assert profile_stream["/N"] == 3
    profile = ImageCms.ImageCmsProfile(io.BytesIO(profile_stream.data)).profile
    assert (profile.xcolor_space.strip(), profile.device_class) == ("RGB", "mntr")

    # 6.6.2: XMP that names the part and conformance, unfiltered, and equal to the Info dictionary
    metadata = root["/Metadata"].get_object()
    assert "/Filter" not in metadata
    xmp = xmp_properties(metadata.data)
    assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"]) == ("2", "B")
    info = trailer["/Info"].get_object()
    for key, prop in (("/Title", "dc:title"), ("/Author", "dc:creator"), ("/Subject", "dc:description"),
                      ("/Keywords", "pdf:Keywords"), ("/Producer", "pdf:Producer"), ("/Creator", "xmp:CreatorTool")):
        assert str(info[key]) == xmp[prop], key
    for key, prop in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
        assert parse_pdf_date(str(info[key])) == datetime.fromisoformat(xmp[prop]), key

    # 6.3.2: every annotation printable and not hidden; 6.3.3: an appearance unless it has no area
    for page_ref in root["/Pages"]["/Kids"]:
        for annot in page_ref.get_object().get("/Annots", []):
            annot = annot.get_object()
            flags = int(annot.get("/F", 0))
            assert flags & 4 and not flags & (1 | 2 | 32), flags
            x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
            assert (x0 == x1 and y0 == y1) or "/AP" in annot
    form = root.get("/AcroForm")
    if isinstance(form, DictionaryObject):
        assert not form.get("/NeedAppearances", False)
        for field in form["/Fields"]:
            field = field.get_object()
            assert int(field.get("/F", 0)) & 4


def test_the_srgb_profile_is_a_well_formed_icc_4_2_profile():
    icc = srgb_profile()
    assert icc[8:12] == bytes((4, 0x20, 0, 0)) and icc[36:40] == b"acsp"
    assert int.from_bytes(icc[0:4], "big") == len(icc)
    for_id = bytearray(icc)
    for start, end in ((44, 48), (64, 68), (84, 100)):
        for_id[start:end] = bytes(end - start)
    assert icc[84:100] == hashlib.md5(for_id).digest()  # noqa: S324
    transform = ImageCms.buildTransform(ImageCms.ImageCmsProfile(io.BytesIO(icc)), ImageCms.createProfile("sRGB"),
                                        "RGB", "RGB")
    assert transform is not None


@pytest.mark.parametrize("doc_type", ["RECORD", "ORDER", "DECISION"])
def test_every_document_type_is_pdfa_2b_before_and_after_signing(visit, doc_type):  # noqa: F811
    ws = visit["ws"]
    docs = Documents(ws)
    extra = {"measures": ["停止使用"]} if doc_type == "DECISION" else {}
    document = docs.issue(doc_type, visit["inspection"], visit["tenant"], issued_on=ISSUED, **extra)
    check_pdfa_2b(docs.pdf(document))
    inspector = ws.inspections.inspector_ids(visit["inspection"])[0]
    docs.setup_standalone(inspector, PASS)
    docs.sign(document, inspector, PASS)
    signed = docs.pdf(document)
    check_pdfa_2b(signed)
    assert signed.count(b"%%EOF") == 2  # the signature is an incremental update, which PDF/A-2 allows
    assert verify_pdf(signed, trusted_roots(ws.data_dir)).ok
