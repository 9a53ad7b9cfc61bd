"""PDF/A-2b for the documents: the XMP block that claims it and the sRGB output intent it needs.

reportlab writes most of what PDF/A-2b asks of our files (embedded fonts, no encryption, a file ID); this module adds
the two catalog entries and the end of line before every `endstream` at save time, and `sync_xmp` keeps the XMP equal
to the Info dictionary after pyHanko's signature updated the latter (PDF/A requires the two to agree)."""

from __future__ import annotations

import hashlib
from datetime import datetime
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfdoc

SRGB = "sRGB IEC61966-2.1"
_ICC_V42 = bytes((4, 0x20, 0, 0))
# lcms stamps the profile with the time it was made; a fixed date keeps a document byte-identical for the same input
_ICC_DATE = b"".join(n.to_bytes(2, "big") for n in (2026, 1, 1, 0, 0, 0))


@cache
def srgb_profile() -> bytes:
    """LittleCMS's built-in sRGB as an ICC 4.2 profile (PDF 1.7, the base of PDF/A-2, names ICC.1:2004-10).

    lcms labels what it writes with its newest version; the built-in sRGB uses nothing later than 4.2, so the header
    is relabelled, dated once for all, and the profile ID (an MD5 over the header with three fields zeroed, ICC.1
    7.2.18) recomputed."""
    from PIL import ImageCms

    icc = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    icc[8:12] = _ICC_V42
    icc[24:36] = _ICC_DATE
    for_id = bytearray(icc)
    for start, end in ((44, 48), (64, 68), (84, 100)):
        for_id[start:end] = bytes(end - start)
    icc[84:100] = hashlib.md5(for_id).digest()  # noqa: S324 (the ICC profile ID is defined as MD5)
    return bytes(icc)


def _xmp_date(ts: Any) -> str:
    """reportlab's TimeStamp as XMP wants it (the same instant as the Info dictionary's D:… dates)."""
    yyyy, mm, dd, hh, mi, ss = ts.YMDhms
    return f"{yyyy:04d}-{mm:02d}-{dd:02d}T{hh:02d}:{mi:02d}:{ss:02d}{ts.dhh:+03d}:{ts.dmm:02d}"


def xmp_packet(info: Any, ts: Any) -> bytes:
    """The XMP for a file whose Info dictionary is `info` (reportlab's PDFInfo) and dated `ts`."""
    when = _xmp_date(ts)

    def alt(value: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}</rdf:li></rdf:Alt>'

    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about=""'
        ' xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"
        "<dc:format>application/pdf</dc:format>"
        f"<dc:title>{alt(info.title)}</dc:title>"
        f"<dc:creator><rdf:Seq><rdf:li>{escape(info.author)}</rdf:li></rdf:Seq></dc:creator>"
        f"<dc:description>{alt(info.subject)}</dc:description>"
        f"<pdf:Keywords>{escape(info.keywords)}</pdf:Keywords>"
        f"<pdf:Producer>{escape(info.producer)}</pdf:Producer>"
        f"<pdf:Trapped>{info.trapped}</pdf:Trapped>"
        f"<xmp:CreatorTool>{escape(info.creator)}</xmp:CreatorTool>"
        f"<xmp:CreateDate>{when}</xmp:CreateDate><xmp:ModifyDate>{when}</xmp:ModifyDate>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    ).encode()


class _PlainXMP(pdfdoc.XMP):
    """The metadata stream without a Filter entry (PDF/A: readable by tools that know no PDF)."""

    def format(self, document: Any) -> bytes:
        compress, document.defaultStreamFilters = document.defaultStreamFilters, None
        try:
            return bytes(super().format(document))
        finally:
            document.defaultStreamFilters = compress


_ENDSTREAM = b"endstream\n"


@cache
def _eol_before_endstream() -> None:
    """Make reportlab end every stream's data with an end of line before `endstream`, as PDF/A requires (ISO 19005-2
    6.1.7.1; the Length excludes it). reportlab writes all streams through this one method and puts the keyword right
    after the data."""
    original = pdfdoc.PDFStream.format

    def format_with_eol(self: Any, document: Any) -> bytes:
        out: bytes = original(self, document)
        assert out.endswith(_ENDSTREAM)
        return out[: -len(_ENDSTREAM)] + b"\n" + _ENDSTREAM

    pdfdoc.PDFStream.format = format_with_eol


def add_pdfa(doc: pdfdoc.PDFDocument) -> None:
    """Give reportlab's document, before it is saved, the PDF/A-2b metadata and the sRGB output intent."""
    _eol_before_endstream()

    xmp = _PlainXMP(creator=lambda d: xmp_packet(d.info, d._timeStamp))
    profile = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"N": 3}), srgb_profile())
    intent = pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("OutputIntent"),
        "S": pdfdoc.PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": pdfdoc.PDFString(SRGB),
        "Info": pdfdoc.PDFString(SRGB),
        "DestOutputProfile": doc.Reference(profile),
    })
    catalog = doc.Catalog
    catalog.Metadata = xmp
    catalog.OutputIntents = pdfdoc.PDFArray([intent])
    # reportlab's catalog writes only the keys it lists; the instance's own list adds the output intents.
    catalog.__NoDefault__ = [*type(catalog).__NoDefault__, "OutputIntents"]


def sync_xmp(writer: Any) -> None:
    """After pyHanko updated a file's Info dictionary (ModDate, Producer), write the same values into its XMP.

    pyHanko stamps the XMP with its own name as producer and its own clock reading, which differ from what it puts
    in the Info dictionary; PDF/A requires the two to be equal. A file without XMP is left alone."""
    from pyhanko.pdf_utils.generic import DictionaryObject, parse_pdf_date
    from pyhanko.pdf_utils.metadata import model
    from pyhanko.pdf_utils.metadata.xmp_xml import MetadataStream

    meta = writer.root.get("/Metadata")
    info = writer._info.get_object() if writer._info is not None else None
    if meta is None or not isinstance(info, DictionaryObject):
        return
    meta = meta.get_object()
    if not isinstance(meta, MetadataStream):
        return
    fields = {k: v for root in meta.xmp for k, v in root}
    if "/ModDate" in info:
        moment: datetime = parse_pdf_date(str(info["/ModDate"]))
        fields[model.XMP_MODDATE] = model.XmpValue(moment.replace(microsecond=0).isoformat())
    if "/Producer" in info:
        fields[model.PDF_PRODUCER] = model.XmpValue(str(info["/Producer"]))
    meta._xmp = [model.XmpStructure(fields)]
    meta._reserialise()
    meta._encoded_data = None
    writer.update_container(meta)
