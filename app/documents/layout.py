"""The shared page frame of the enforcement documents: fonts, styles, page x / y, header and foot blocks.

A4 portrait, margins like the paper forms. Only the shipped glyf TTFs work with reportlab (tech.md §2a); they are
registered once per process and embedded as subsets.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape

import reportlab.rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.documents.data import DocumentData, SignatureMark, signer_label
from app.documents.pdfa import add_pdfa
from app.resources import resource_path

# ASCII85 on image streams makes photo PDFs 3x slower and 23 % larger (tech.md §2d).
reportlab.rl_config.useA85 = 0

FONT = "FieldSafeSans"
FONT_BOLD = "FieldSafeSans-Bold"
PAGE_W, PAGE_H = A4
MARGIN_X = 22 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 22 * mm
CONTENT_W = PAGE_W - 2 * MARGIN_X
LINE = colors.black
GREY = colors.Color(0.35, 0.35, 0.35)
LABEL_BG = colors.Color(0.94, 0.94, 0.94)

_registered = False


def register_fonts() -> None:
    """Register Noto Sans SC Regular / Bold with reportlab (once per process)."""
    global _registered
    if _registered:
        return
    pdfmetrics.registerFont(TTFont(FONT, str(resource_path("fonts", "NotoSansSC-Regular.ttf"))))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(resource_path("fonts", "NotoSansSC-Bold.ttf"))))
    # Only normal and bold: an italic mapping to the same face would overwrite the reverse lookup of the names.
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    _registered = True


def paragraph_style(name: str, **kw: Any) -> ParagraphStyle:
    base: dict[str, Any] = {
        "fontName": FONT, "fontSize": 10.5, "leading": 16, "wordWrap": "CJK", "textColor": colors.black,
    }
    base.update(kw)
    return ParagraphStyle(name, **base)


ISSUER = paragraph_style("issuer", fontName=FONT_BOLD, fontSize=15, leading=22, alignment=TA_CENTER)
TITLE = paragraph_style("title", fontName=FONT_BOLD, fontSize=21, leading=30, alignment=TA_CENTER, spaceBefore=2)
NUMBER = paragraph_style("number", fontSize=11, leading=16, alignment=TA_RIGHT)
BODY = paragraph_style("body", fontSize=11, leading=20, alignment=TA_JUSTIFY, firstLineIndent=22)
BODY_FLUSH = paragraph_style("bodyflush", fontSize=11, leading=20, alignment=TA_JUSTIFY)
ADDRESSEE = paragraph_style("addressee", fontName=FONT_BOLD, fontSize=12, leading=22)
HEADING = paragraph_style("heading", fontName=FONT_BOLD, fontSize=12, leading=20, spaceBefore=8, spaceAfter=4)
CELL = paragraph_style("cell", fontSize=9.5, leading=13.5)
CELL_C = paragraph_style("cellc", fontSize=9.5, leading=13.5, alignment=TA_CENTER)
CELL_B = paragraph_style("cellb", fontName=FONT_BOLD, fontSize=9.5, leading=13.5)
LABEL = paragraph_style("label", fontName=FONT_BOLD, fontSize=9.5, leading=13.5, alignment=TA_CENTER)
SMALL = paragraph_style("small", fontSize=8, leading=11, textColor=GREY)
SMALL_C = paragraph_style("smallc", fontSize=8, leading=11, textColor=GREY, alignment=TA_CENTER)
FOOT = paragraph_style("foot", fontSize=11.5, leading=20, alignment=TA_RIGHT)


def p(text: str, style: ParagraphStyle = CELL) -> Paragraph:
    """A paragraph of plain text (escaped; newlines kept)."""
    return Paragraph(escape(text or "").replace("\n", "<br/>"), style)


def cn_date(value: date | datetime | None) -> str:
    if value is None:
        return "    年  月  日"
    return f"{value.year}年{value.month}月{value.day}日"


def cn_time(value: datetime | None, *, with_year: bool = True) -> str:
    if value is None:
        return "    月  日  时  分"
    head = f"{value.year}年" if with_year else ""
    return f"{head}{value.month}月{value.day}日{value.hour:02d}时{value.minute:02d}分"


# Cells hold Paragraphs in our font, but reportlab still selects each cell's own font (Helvetica unless told) before
# drawing it: naming ours keeps the standard, unembedded font out of the file.
CELL_FONT = ("FONTNAME", (0, 0), (-1, -1), FONT)


def grid(rows: list[list[Any]], widths: Sequence[float], *, header: bool = False, label_cols: Sequence[int] = (),
         extra: Sequence[tuple[Any, ...]] = (), repeat: int | None = None) -> Table:
    """A bordered form table: GRID lines, label columns shaded, optional header row repeated on each page."""
    table = Table(rows, colWidths=list(widths), repeatRows=(repeat if repeat is not None else (1 if header else 0)))
    style: list[tuple[Any, ...]] = [
        CELL_FONT,
        ("GRID", (0, 0), (-1, -1), 0.6, LINE),
        ("BOX", (0, 0), (-1, -1), 1.1, LINE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    for col in label_cols:
        style.append(("BACKGROUND", (col, 0), (col, -1), LABEL_BG))
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), LABEL_BG))
    style.extend(extra)
    table.setStyle(TableStyle(style))
    return table


def masthead(issuer: str, title: str, doc_no: str) -> list[Flowable]:
    """Issuing body and title centred, the number right-aligned under them."""
    return [
        p(issuer, ISSUER),
        p(title, TITLE),
        Spacer(1, 2 * mm),
        p(doc_no, NUMBER),
        Spacer(1, 3 * mm),
    ]


class SealFoot(Flowable):
    """The issuing body and date at the foot, right-aligned, over a dashed circle marking where the seal goes."""

    def __init__(self, issuer: str, issued_on: date, seal: bool) -> None:
        super().__init__()
        self.issuer, self.issued_on, self.seal = issuer, issued_on, seal
        self.width, self.height = CONTENT_W, 36 * mm

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        right = self.width - 6 * mm
        centre_x = right - 30 * mm
        if self.seal:
            c.saveState()
            c.setStrokeColor(GREY)
            c.setDash(3, 2)
            c.setLineWidth(0.7)
            c.circle(centre_x, 19 * mm, 17 * mm)
            c.setFillColor(GREY)
            c.setFont(FONT, 8)
            c.drawCentredString(centre_x, 31 * mm, "（盖章处）")
            c.restoreState()
        c.setFont(FONT, 12)
        c.drawCentredString(centre_x, 20 * mm, self.issuer)
        c.drawCentredString(centre_x, 11 * mm, cn_date(self.issued_on))


def _signature_cell(mark: SignatureMark | None) -> Any:
    if mark is None:
        return ""
    if mark.refused:
        text = f"拒绝签字（原因：{mark.reason}"
        text += f"；见证人：{mark.witness}）" if mark.witness else "）"
        return p(text, CELL_B)
    if mark.image_png:
        reader = ImageReader(io.BytesIO(mark.image_png))
        w, h = reader.getSize()
        scale = min(38 * mm / w, 12 * mm / h)
        return Image(io.BytesIO(mark.image_png), width=w * scale, height=h * scale)
    return ""


def signature_table(data: DocumentData, *, enterprise_label: str = "被检查单位负责人") -> Table:
    """One row per signer: who, name (and certificate no.), the handwritten signature or the refusal, time.

    Officers and the enterprise's person in charge always get a row, so an unsigned document can be signed on
    paper; recorded signatures fill their box."""
    rows: list[list[Any]] = [[p("签署人", LABEL), p("姓名 / 证件号", LABEL), p("签名", LABEL), p("时间", LABEL)]]
    heights: list[float | None] = [None]
    marks = list(data.signatures)

    def add(label: str, who: str, mark: SignatureMark | None) -> None:
        rows.append([
            p(label, CELL_C),
            p(who, CELL),
            _signature_cell(mark),
            p(f"{mark.signed_at:%Y-%m-%d %H:%M}" if mark and mark.signed_at else "", SMALL_C),
        ])
        heights.append(14 * mm)

    for officer in data.officers:
        mark = next((m for m in marks if m.role == "inspector" and m.name == officer.name), None)
        add("执法人员", f"{officer.name}\n执法证号：{officer.cert_no}", mark)
    enterprise_marks = [m for m in marks if m.role in ("principal", "onsite_lead")]
    if enterprise_marks:
        for mark in enterprise_marks:
            label = "被检查单位负责人" if mark.role == "principal" else "现场负责人"
            who = mark.name + (f"\n{mark.enterprise}" if mark.enterprise and data.doc_type == "RECORD" else "")
            add(label, who, mark)
    else:
        add(enterprise_label, data.addressee.principal, None)
    for mark in marks:
        if mark.role in ("witness", "expert", "examinee"):
            add(signer_label(mark.role), mark.name, mark)
    table = Table(rows, colWidths=[30 * mm, 48 * mm, CONTENT_W - 108 * mm, 30 * mm], rowHeights=heights, repeatRows=1)
    table.setStyle(TableStyle([
        CELL_FONT,
        ("GRID", (0, 0), (-1, -1), 0.6, LINE),
        ("BOX", (0, 0), (-1, -1), 1.1, LINE),
        ("BACKGROUND", (0, 0), (-1, 0), LABEL_BG),
        ("BACKGROUND", (0, 1), (0, -1), LABEL_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (2, 1), (2, -1), "CENTER"),
    ]))
    return table


QR_SIZE = 18 * mm  # the QR code in the bottom-right corner of every page, below the content frame


def numbered_canvas(doc_title: str, doc_no: str, qr_payload: str | None = None) -> type[Canvas]:
    """A canvas class that holds back every page until the end, then stamps 第 x 页 共 y 页 (and, from page 2,
    a running head with the title and number) on each; with `qr_payload`, also the QR code (number + content hash)
    in the bottom-right corner of every page."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab API)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            add_pdfa(self._doc)
            super().save()

        def _decorate(self, total: int) -> None:
            number = self._pageNumber
            self.saveState()
            self.setFont(FONT, 9)
            self.setFillColor(colors.black)
            self.drawCentredString(PAGE_W / 2, 12 * mm, f"第 {number} 页  共 {total} 页")
            if number > 1:
                self.setFillColor(GREY)
                self.setFont(FONT, 8.5)
                self.drawString(MARGIN_X, PAGE_H - 14 * mm, doc_title)
                self.drawRightString(PAGE_W - MARGIN_X, PAGE_H - 14 * mm, doc_no)
                self.setStrokeColor(GREY)
                self.setLineWidth(0.5)
                self.line(MARGIN_X, PAGE_H - 15.5 * mm, PAGE_W - MARGIN_X, PAGE_H - 15.5 * mm)
            if qr_payload:
                from app.documents.qr import draw_qr

                draw_qr(self, qr_payload, PAGE_W - 8 * mm - QR_SIZE, 3 * mm, QR_SIZE)
            self.restoreState()

    return NumberedCanvas


def build(story: list[Flowable], *, title: str, doc_no: str, author: str, invariant: bool = False,
          qr_payload: str | None = None) -> bytes:
    """Lay the story out on A4 and return the PDF bytes (byte-identical for identical input when `invariant`).

    `qr_payload` (app.documents.qr) is drawn as a QR code on every page and also kept as the file's Keywords, so a
    program can read it back without decoding the image."""
    register_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{title} {doc_no}",
        author=author,
        subject=title,
        creator="FieldSafe",
        # The page's first font: reportlab's default, Helvetica, is one of the 14 standard fonts, which it never
        # embeds, and every page would name it (an archival PDF has every font embedded).
        initialFontName=FONT,
        invariant=1 if invariant else 0,
        **({"keywords": qr_payload} if qr_payload else {}),
    )
    doc.build(story, canvasmaker=numbered_canvas(title, doc_no, qr_payload))
    return out.getvalue()


__all__ = [
    "BODY", "BODY_FLUSH", "ADDRESSEE", "CELL", "CELL_B", "CELL_C", "CELL_FONT", "CONTENT_W", "HEADING", "LABEL",
    "SMALL", "SMALL_C", "SealFoot", "TA_LEFT", "build", "cn_date", "cn_time", "grid", "masthead", "p", "register_fonts",
    "signature_table",
]
