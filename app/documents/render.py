"""Render the four enforcement documents to PDF bytes: a pure function of `DocumentData` and the configuration.

`render(data)` lays out any type; `render_record` / `render_order` / `render_decision` / `render_recheck` gather the
data from a workspace first. Pass `invariant=True` for byte-identical output (golden files, content hashes).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from app.documents import data as d
from app.documents.config import DocumentConfig, shipped_config
from app.documents.layout import (
    ADDRESSEE,
    BODY,
    CELL,
    CELL_B,
    CELL_C,
    CONTENT_W,
    HEADING,
    LABEL,
    SMALL_C,
    SealFoot,
    build,
    cn_date,
    cn_time,
    grid,
    masthead,
    p,
    register_fonts,
    signature_table,
)
from app.models.workspace import Workspace


def _deadline(h: d.HazardLine) -> str:
    if h.rectified_on_site:
        return "已当场整改"
    return f"{cn_date(h.deadline)}前" if h.deadline else "—"


def _time_span(data: d.DocumentData) -> str:
    start = cn_time(data.started_at)
    end = cn_time(data.ended_at, with_year=False) if data.ended_at else "    月  日  时  分"
    return f"{start} 至 {end}"


def _basis_suffix(hazards: Sequence[d.HazardLine]) -> str:
    refs = list(dict.fromkeys(r for h in hazards for r in h.legal_refs))
    return ("、" + "、".join(refs)) if refs else ""


# ---------------------------------------------------------------------------------------------------- RECORD


def _record_header(data: d.DocumentData, cfg: DocumentConfig) -> list[Flowable]:
    a = data.addressee
    w = CONTENT_W
    lw = 28 * mm
    vw = (w - 2 * lw) / 2
    officers = "；".join(f"{o.name}（执法证号：{o.cert_no}）" for o in data.officers)
    agency = "、".join(dict.fromkeys(o.agency for o in data.officers if o.agency))
    rows = [
        [p("被检查单位", LABEL), p(a.name, CELL_B), "", ""],
        [p("地    址", LABEL), p(a.address, CELL), p("负 责 人", LABEL), p(a.principal, CELL)],
        [p("联系电话", LABEL), p(a.phone, CELL), p("信用代码", LABEL), p(a.uscc, CELL)],
        [p("检查场所", LABEL), p(data.place, CELL), "", ""],
        [p("检查时间", LABEL), p(_time_span(data), CELL), "", ""],
        [p("事由和目的", LABEL), p(data.purpose, CELL), "", ""],
        [p("检查人员", LABEL), p(officers + (f"\n单位：{agency}" if agency else ""), CELL), "", ""],
        [p("告    知", LABEL), p(cfg.type("RECORD").text("notice", issuer=cfg.issuer_name), CELL), "", ""],
    ]
    if data.bodycam:
        rows.insert(5, [p("执法记录仪", LABEL), p(data.bodycam, CELL), "", ""])
    spans = [("SPAN", (1, i), (3, i)) for i, r in enumerate(rows) if r[2] == ""]
    return [grid(rows, [lw, vw, lw, vw], label_cols=(0,), extra=spans)]


def _record_section(n: int, section: d.EnterpriseSection) -> list[Flowable]:
    party = section.party
    title = f"{_cn_num(n)}、{party.name}" + (f"（{party.role}）" if party.role else "")
    counts = {
        v: sum(1 for i in section.items if i.verdict == v)
        for v in ("NONCOMPLIANT", "COMPLIANT", "NOT_APPLICABLE", None)
    }
    summary = (
        f"共检查 {len(section.items)} 项：不符合 {counts['NONCOMPLIANT']} 项，符合 {counts['COMPLIANT']} 项，"
        f"不涉及 {counts['NOT_APPLICABLE']} 项" + (f"，未检查 {counts[None]} 项" if counts[None] else "") + "。"
    )
    rows: list[list[Any]] = [[p("序号", LABEL), p("检查项目", LABEL), p("结论", LABEL), p("检查情况说明", LABEL)]]
    bold_rows = []
    for i, item in enumerate(section.items, 1):
        bad = item.verdict == "NONCOMPLIANT"
        rows.append(
            [
                p(str(i), CELL_C),
                p(item.title, CELL_B if bad else CELL),
                p(d.verdict_label(item.verdict), CELL_B if bad else CELL_C),
                p(item.note, CELL),
            ]
        )
        if bad:
            bold_rows.append(("BACKGROUND", (2, i), (2, i), d_colour()))
    table = grid(rows, [12 * mm, 62 * mm, 18 * mm, CONTENT_W - 92 * mm], header=True, extra=bold_rows)
    results = grid(
        [
            [p("安全员必问", LABEL), p(section.interview, CELL)],
            [p("负责人必考", LABEL), p(section.quiz, CELL)],
            [p("员工抽问", LABEL), p(section.awareness, CELL)],
        ],
        [28 * mm, CONTENT_W - 28 * mm],
        label_cols=(0,),
    )
    return [
        CondPageBreak(40 * mm),
        p(title, HEADING),
        p(summary, CELL),
        Spacer(1, 2 * mm),
        table,
        Spacer(1, 3 * mm),
        KeepTogether([p("考核与抽问结果", CELL_B), Spacer(1, 1 * mm), results]),
    ]


def d_colour() -> Any:
    from reportlab.lib import colors

    return colors.Color(0.88, 0.88, 0.88)


def _cn_num(n: int) -> str:
    digits = "零一二三四五六七八九十"
    return digits[n] if n <= 10 else (f"十{digits[n - 10]}" if n < 20 else str(n))


def _hazard_table(hazards: Sequence[d.HazardLine], *, with_enterprise: bool = False) -> Flowable:
    rows: list[list[Any]] = [
        [p("序号", LABEL), p("隐患（问题）描述", LABEL), p("等级", LABEL), p("整改措施", LABEL), p("整改期限", LABEL)]
    ]
    for i, h in enumerate(hazards, 1):
        desc = h.description + (f"（{h.location}）" if h.location else "")
        if with_enterprise and h.enterprise:
            desc = f"【{h.enterprise}】{desc}"
        if h.item_title:
            desc += f"\n检查项目：{h.item_title}"
        rows.append(
            [
                p(str(i), CELL_C),
                p(desc, CELL),
                p(d.grade_label(h.grade), CELL_C),
                p(h.measure, CELL),
                p(_deadline(h), CELL_C),
            ]
        )
    w = CONTENT_W - 12 * mm - 20 * mm - 30 * mm
    return grid(rows, [12 * mm, w * 0.55, 20 * mm, w * 0.45, 30 * mm], header=True)


class _Jpeg(ImageReader):
    """A JPEG that goes into the PDF as it is (DCTDecode). reportlab names every image by the md5 of its decoded
    pixels, which for six photos cost more than laying out the rest of the record (docs/performance.md); the file's
    own bytes name it just as well."""

    def getRGBData(self) -> bytes:  # noqa: N802 - reportlab's name
        self._dataA = None  # no soft mask: a JPEG has no alpha
        return bytes(self.fp.getvalue())


class _Photo(Flowable):
    def __init__(self, jpeg: bytes, width: float, height: float) -> None:
        super().__init__()
        self.reader = _Jpeg(io.BytesIO(jpeg))
        self.width, self.height = width, height

    def wrap(self, *_available: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(self.reader, 0, 0, self.width, self.height)


def _photo_annex(data: d.DocumentData) -> list[Flowable]:
    groups = [(s.party.name, g) for s in data.sections for g in s.photo_groups]
    if not groups:
        return []
    story: list[Flowable] = [PageBreak(), p("附件：现场检查照片", HEADING)]
    cell_w = (CONTENT_W - 2) / 2
    for enterprise, group in groups:
        cells: list[Any] = []
        for k, photo in enumerate(group.photos, 1):
            max_w, max_h = cell_w - 8 * mm, 62 * mm
            scale = min(max_w / photo.width, max_h / photo.height)
            image = _Photo(photo.jpeg, photo.width * scale, photo.height * scale)
            caption = f"图{k}  拍摄时间：{_photo_time(photo.taken_at)}" + (
                f"\n{photo.caption}" if photo.caption else ""
            )
            cells.append([image, Spacer(1, 1.5 * mm), p(caption, SMALL_C)])
        rows = [cells[i : i + 2] + [""] * (2 - len(cells[i : i + 2])) for i in range(0, len(cells), 2)]
        table = grid(
            rows, [cell_w, cell_w], extra=[("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        )
        story += [
            CondPageBreak(80 * mm),
            p(f"{enterprise} · {group.title}", CELL_B),
            Spacer(1, 1.5 * mm),
            table,
            Spacer(1, 4 * mm),
        ]
    return story


def _photo_time(value: str | None) -> str:
    if not value:
        return "未记录"
    try:
        return cn_time(datetime.fromisoformat(value))
    except ValueError:
        return value


def _record(data: d.DocumentData, cfg: DocumentConfig) -> list[Flowable]:
    t = cfg.type("RECORD")
    story = masthead(cfg.issuer_name, t.title, data.doc_no) + _record_header(data, cfg)
    story += [Spacer(1, 3 * mm), p("检查情况", HEADING)]
    for n, section in enumerate(data.sections, 1):
        story += _record_section(n, section)
    story += [CondPageBreak(40 * mm), p("发现的事故隐患和问题", HEADING)]
    if data.hazards:
        story.append(_hazard_table(data.hazards, with_enterprise=len(data.sections) > 1))
        onsite = [h for h in data.hazards if h.rectified_on_site]
        if onsite:
            story.append(p(f"其中当场整改 {len(onsite)} 项；其余隐患另行制发执法文书责令整改。", CELL))
    else:
        story.append(p("本次检查未发现事故隐患。", CELL))
    story += [
        Spacer(1, 4 * mm),
        KeepTogether(
            [
                p("签    名", HEADING),
                p(t.text("confirm"), CELL),
                Spacer(1, 1.5 * mm),
                signature_table(data),
                SealFoot(cfg.issuer_name, data.issued_on, t.seal),
            ]
        ),
    ]
    return story + _photo_annex(data)


# ---------------------------------------------------------------------------------------------------- ORDER etc.


def _notice_start(data: d.DocumentData, cfg: DocumentConfig, doc_type: str) -> list[Flowable]:
    t = cfg.type(doc_type)
    return masthead(cfg.issuer_name, t.title, data.doc_no) + [p(f"{data.addressee.name}：", ADDRESSEE)]


def _closing(data: d.DocumentData, cfg: DocumentConfig, doc_type: str, remedy: bool = True) -> list[Flowable]:
    t = cfg.type(doc_type)
    flow: list[Flowable] = []
    if remedy:
        flow.append(p(cfg.remedy.clause(t.doc_kind), BODY))
    flow += [
        Spacer(1, 4 * mm),
        KeepTogether(
            [
                signature_table(data),
                SealFoot(cfg.issuer_name, data.issued_on, t.seal),
                p("本文书一式两份：一份交被检查单位，一份归档。", SMALL_C),
            ]
        ),
    ]
    return flow


def _order(data: d.DocumentData, cfg: DocumentConfig) -> list[Flowable]:
    t = cfg.type("ORDER")
    story = _notice_start(data, cfg, "ORDER")
    story += [
        p(t.text("findings", date=cn_date(data.inspected_on)), BODY),
        Spacer(1, 1.5 * mm),
        _hazard_table(data.hazards),
        Spacer(1, 3 * mm),
    ]
    story += [
        p(t.text("order", count=len(data.hazards)), BODY),
        p(t.text("during"), BODY),
        p(t.text("basis", basis=_basis_suffix(data.hazards)), BODY),
    ]
    return story + _closing(data, cfg, "ORDER")


def _decision(data: d.DocumentData, cfg: DocumentConfig) -> list[Flowable]:
    t = cfg.type("DECISION")
    story = _notice_start(data, cfg, "DECISION")
    story.append(p(t.text("facts", date=cn_date(data.inspected_on)), BODY))
    if data.hazards:
        story += [Spacer(1, 1.5 * mm), _hazard_table(data.hazards), Spacer(1, 3 * mm)]
    story.append(p(t.text("basis", basis=_basis_suffix(data.hazards)), BODY))
    rows = [[p("序号", LABEL), p("现场处理措施", LABEL)]] + [
        [p(str(i), CELL_C), p(m, CELL)] for i, m in enumerate(data.measures, 1)
    ]
    story += [
        Spacer(1, 1.5 * mm),
        grid(rows, [12 * mm, CONTENT_W - 12 * mm], header=True),
        Spacer(1, 3 * mm),
        p(t.text("during"), BODY),
    ]
    return story + _closing(data, cfg, "DECISION")


def _recheck(data: d.DocumentData, cfg: DocumentConfig) -> list[Flowable]:
    t = cfg.type("RECHECK")
    story = _notice_start(data, cfg, "RECHECK")
    story.append(
        p(
            t.text(
                "reference",
                ref_date=cn_date(data.reference_date),
                ref_title=data.reference_title,
                ref_no=data.reference_no,
            ),
            BODY,
        )
    )
    rows: list[list[Any]] = [
        [
            p("序号", LABEL),
            p("原隐患（问题）", LABEL),
            p("原整改期限", LABEL),
            p("复查结果", LABEL),
            p("复查情况说明", LABEL),
        ]
    ]
    for i, h in enumerate(data.hazards, 1):
        result = d.RECHECK_RESULTS.get(h.recheck_result or "", "")
        rows.append(
            [
                p(str(i), CELL_C),
                p(h.description, CELL),
                p(_deadline(h), CELL_C),
                p(result, CELL_B if h.recheck_result != "FIXED" else CELL_C),
                p(h.recheck_note, CELL),
            ]
        )
    w = CONTENT_W - 12 * mm - 28 * mm - 20 * mm
    story += [
        Spacer(1, 1.5 * mm),
        grid(rows, [12 * mm, w * 0.55, 28 * mm, 20 * mm, w * 0.45], header=True),
        Spacer(1, 3 * mm),
    ]
    all_fixed = bool(data.hazards) and all(h.recheck_result == "FIXED" for h in data.hazards)
    story.append(p("复查意见：" + (data.opinion or t.text("all_fixed" if all_fixed else "not_fixed")), BODY))
    return story + _closing(data, cfg, "RECHECK", remedy=not all_fixed)


_BUILDERS = {"RECORD": _record, "ORDER": _order, "DECISION": _decision, "RECHECK": _recheck}


def render(
    data: d.DocumentData,
    config: DocumentConfig | None = None,
    *,
    invariant: bool = False,
    qr_payload: str | None = None,
) -> bytes:
    """The PDF of one document (A4, embedded font subset, 第 x 页 共 y 页 on every page; with `qr_payload`, the
    QR code of app.documents.qr in the bottom-right corner of every page)."""
    cfg = config or shipped_config()
    register_fonts()  # before any Paragraph is made: they resolve the font names when constructed
    story = _BUILDERS[data.doc_type](data, cfg)
    return build(
        story,
        title=cfg.type(data.doc_type).title,
        doc_no=data.doc_no,
        author=cfg.issuer_name,
        invariant=invariant,
        qr_payload=qr_payload,
    )


# ---------------------------------------------------------------------------------------------------- from the DB


def render_record(
    ws: Workspace,
    inspection_id: str,
    enterprise_id: str | None = None,
    *,
    doc_no: str,
    issued_on: date,
    config: DocumentConfig | None = None,
    invariant: bool = False,
) -> bytes:
    return render(
        d.gather_record(ws, inspection_id, enterprise_id, doc_no=doc_no, issued_on=issued_on),
        config,
        invariant=invariant,
    )


def render_order(
    ws: Workspace,
    inspection_id: str,
    enterprise_id: str,
    *,
    doc_no: str,
    issued_on: date,
    hazard_ids: Sequence[str] | None = None,
    document_id: str | None = None,
    config: DocumentConfig | None = None,
    invariant: bool = False,
) -> bytes:
    data = d.gather_order(
        ws,
        inspection_id,
        enterprise_id,
        doc_no=doc_no,
        issued_on=issued_on,
        hazard_ids=hazard_ids,
        document_id=document_id,
    )
    return render(data, config, invariant=invariant)


def render_decision(
    ws: Workspace,
    inspection_id: str,
    enterprise_id: str,
    *,
    doc_no: str,
    issued_on: date,
    measures: Sequence[str],
    hazard_ids: Sequence[str] | None = None,
    document_id: str | None = None,
    config: DocumentConfig | None = None,
    invariant: bool = False,
) -> bytes:
    data = d.gather_decision(
        ws,
        inspection_id,
        enterprise_id,
        doc_no=doc_no,
        issued_on=issued_on,
        measures=measures,
        hazard_ids=hazard_ids,
        document_id=document_id,
    )
    return render(data, config, invariant=invariant)


def render_recheck(
    ws: Workspace,
    inspection_id: str,
    enterprise_id: str,
    *,
    doc_no: str,
    issued_on: date,
    reference_no: str,
    reference_date: date,
    reference_title: str = "责令限期整改指令书",
    results: Mapping[str, tuple[str, str] | str] | None = None,
    opinion: str = "",
    hazard_ids: Sequence[str] | None = None,
    document_id: str | None = None,
    config: DocumentConfig | None = None,
    invariant: bool = False,
) -> bytes:
    data = d.gather_recheck(
        ws,
        inspection_id,
        enterprise_id,
        doc_no=doc_no,
        issued_on=issued_on,
        reference_no=reference_no,
        reference_date=reference_date,
        reference_title=reference_title,
        results=results,
        opinion=opinion,
        hazard_ids=hazard_ids,
        document_id=document_id,
    )
    return render(data, config, invariant=invariant)
