"""What a document prints, gathered from the database first (`gather_*`), so rendering is a pure function of it.

`DocumentData` holds plain values (strings, dates, image bytes): a test or a golden file builds one by hand, and
the same data always renders to the same bytes in reportlab's invariant mode.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.errors import ValidationError
from app.models import vocab
from app.models.blobs import BlobMissingError
from app.models.workspace import Workspace

VERDICT_ORDER = {"NONCOMPLIANT": 0, "COMPLIANT": 1, "NOT_APPLICABLE": 2, None: 3}
RECHECK_RESULTS = {code: entry["zh"] for code, entry in vocab.vocab()["recheck_results"].items()}


@dataclass(frozen=True)
class Party:
    name: str
    address: str = ""
    principal: str = ""
    phone: str = ""
    uscc: str = ""
    role: str = ""  # 出租方 / 承租方 …, shown after the name in the record


@dataclass(frozen=True)
class Officer:
    name: str
    cert_no: str
    agency: str = ""


@dataclass(frozen=True)
class SignatureMark:
    role: str  # signatures.ROLES code
    name: str
    image_png: bytes | None = None
    refused: bool = False
    reason: str = ""
    witness: str = ""
    signed_at: datetime | None = None
    cert_no: str = ""
    enterprise: str = ""


@dataclass(frozen=True)
class ItemLine:
    code: str
    title: str
    verdict: str | None  # None: not checked
    note: str = ""


@dataclass(frozen=True)
class HazardLine:
    description: str
    grade: str = "GENERAL"
    measure: str = ""
    deadline: date | None = None
    location: str = ""
    legal_refs: tuple[str, ...] = ()
    rectified_on_site: bool = False
    item_title: str = ""
    enterprise: str = ""
    recheck_result: str | None = None  # RECHECK: FIXED | PARTLY | NOT_FIXED
    recheck_note: str = ""


@dataclass(frozen=True)
class Photo:
    jpeg: bytes
    width: int
    height: int
    taken_at: str | None = None
    caption: str = ""


@dataclass(frozen=True)
class PhotoGroup:
    title: str
    photos: tuple[Photo, ...]


@dataclass(frozen=True)
class EnterpriseSection:
    party: Party
    items: tuple[ItemLine, ...]
    interview: str = ""
    quiz: str = ""
    awareness: str = ""
    photo_groups: tuple[PhotoGroup, ...] = ()


@dataclass(frozen=True)
class DocumentData:
    doc_type: str  # RECORD | ORDER | DECISION | RECHECK
    doc_no: str
    issued_on: date
    addressee: Party
    officers: tuple[Officer, ...] = ()
    signatures: tuple[SignatureMark, ...] = ()
    started_at: datetime | None = None
    ended_at: datetime | None = None
    place: str = ""
    purpose: str = ""
    bodycam: str = ""
    sections: tuple[EnterpriseSection, ...] = ()  # RECORD: one per target enterprise
    hazards: tuple[HazardLine, ...] = ()
    measures: tuple[str, ...] = ()  # DECISION: the measures decided (free text, given by the officer)
    reference_title: str = ""  # RECHECK: the order / decision re-inspected
    reference_no: str = ""
    reference_date: date | None = None
    opinion: str = ""  # RECHECK: free-text opinion; empty: the configured conclusion

    @property
    def inspected_on(self) -> date | None:
        return self.started_at.date() if self.started_at else None


# ---------------------------------------------------------------------------------------------------- gathering


class _Missing:
    """Collects missing photo / signature blobs, so the refusal lists all of them at once."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def read(self, ws: Workspace, sha: str, what: str) -> bytes:
        try:
            return ws.blobs.read(sha)
        except BlobMissingError:
            self.items.append(what)
            return b""

    def check(self) -> None:
        if self.items:
            raise ValidationError(
                "document.blobs_missing",
                "文书无法生成，缺少以下文件：{missing}",
                "The document cannot be produced; missing files: {missing}",
                missing="、".join(self.items),
            )


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _party(ws: Workspace, enterprise_id: str) -> Party:
    e = ws.registry.get_enterprise(enterprise_id)
    principal = ws.registry.person(enterprise_id, "principal") or {}
    role = "出租方" if e.get("is_landlord") else "承租方" if e.get("is_tenant") else ""
    return Party(
        name=e["name"],
        address=e.get("address") or "",
        principal=principal.get("name") or "",
        phone=principal.get("phone") or e.get("phone") or "",
        uscc=e.get("uscc") or "",
        role=role,
    )


def _officers(ws: Workspace, inspection_id: str) -> tuple[Officer, ...]:
    return tuple(Officer(i["name"], i["cert_no"], i["agency"]) for i in ws.inspections.inspectors(inspection_id))


def _signatures(
    ws: Workspace, rows: Sequence[Mapping[str, Any]], missing: _Missing
) -> tuple[SignatureMark, ...]:
    certs = {i["id"]: i["cert_no"] for i in ws.roster.inspectors(active_only=False)}
    marks = []
    for s in rows:
        image = missing.read(ws, s["image_sha256"], f"{s['signer_name']}的签名") if s["image_sha256"] else None
        enterprise = ws.registry.get_enterprise(s["enterprise_id"])["name"] if s.get("enterprise_id") else ""
        marks.append(
            SignatureMark(
                role=s["role"],
                name=s["signer_name"],
                image_png=image,
                refused=bool(s["refused"]),
                reason=s["refusal_reason"] or "",
                witness=s["witness_name"] or "",
                signed_at=_dt(s["signed_at"]),
                cert_no=certs.get(s["inspector_id"], "") if s["inspector_id"] else "",
                enterprise=enterprise,
            )
        )
    order = {"inspector": 0, "principal": 1, "onsite_lead": 1, "examinee": 2, "witness": 3, "expert": 4}
    return tuple(sorted(marks, key=lambda m: order.get(m.role, 9)))


def _hazard_line(ws: Workspace, h: Mapping[str, Any], titles: Mapping[str, str]) -> HazardLine:
    refs = json.loads(h["legal_refs"]) if h["legal_refs"] else []
    return HazardLine(
        description=h["description"],
        grade=h["grade"],
        measure=h["measure"] or "",
        deadline=date.fromisoformat(h["deadline"]) if h["deadline"] else None,
        location=h["location"] or "",
        legal_refs=tuple(refs),
        rectified_on_site=bool(h["rectified_on_site"]),
        item_title=titles.get(h["item_code"] or "", ""),
        enterprise=ws.registry.get_enterprise(h["enterprise_id"])["name"],
    )


def _place(ws: Workspace, inspection: Mapping[str, Any], targets: Sequence[str]) -> str:
    main = ws.registry.get_enterprise(inspection["enterprise_id"])
    parts = [main["name"] + (f"（{main['address']}）" if main.get("address") else "")]
    for target in targets:
        if target == inspection["enterprise_id"]:
            continue
        units = [lease["unit"] for lease in ws.registry.leases(target) if lease.get("unit")]
        name = ws.registry.get_enterprise(target)["name"]
        parts.append(name + (f"（{'、'.join(units)}）" if units else ""))
    return "；".join(parts)


def _assessments(ws: Workspace, inspection_id: str, enterprise_id: str) -> tuple[str, str, str]:
    a = ws.assessments
    score = a.interview_score(inspection_id, enterprise_id)
    rated = len(a.interview_ratings(inspection_id, enterprise_id))
    if score is not None:
        verdict = "合格" if score.passed else "不合格"
        interview = f"得分 {score.total}/{score.max_total}（合格线 {score.pass_total}），{verdict}"
    elif rated:
        interview = f"未完成（已评 {rated} 题）"
    else:
        interview = "未进行"
    finished = [q for q in a.quiz_attempts(inspection_id, enterprise_id) if q["finished_at"]]
    quiz = (
        "；".join(
            f"{q['examinee_name'] or ''} 得分 {q['score']}/{q['max_score']}，{'合格' if q['passed'] else '不合格'}"
            for q in finished
        )
        or "未进行"
    )
    aw = a.awareness(inspection_id, enterprise_id)
    if aw.rate is None:
        awareness = "未进行"
    else:
        awareness = (
            f"抽问 {aw.asked} 题，答对 {aw.correct} 题，正确率 {aw.rate:.0%}（目标 {aw.target:.0%}），"
            f"{'达标' if aw.passed else '未达标'}"
        )
    return interview, quiz, awareness


def _photo(ws: Workspace, p: Mapping[str, Any], missing: _Missing, title: str) -> Photo:
    return Photo(
        jpeg=missing.read(ws, p["sha256"], f"“{title}”的照片 {p['original_name'] or p['id'][:8]}"),
        width=p["width"],
        height=p["height"],
        taken_at=p["taken_at"],
        caption=p["caption"] or "",
    )


def _section(ws: Workspace, inspection_id: str, enterprise_id: str, missing: _Missing) -> EnterpriseSection:
    results = ws.inspections.results(inspection_id, enterprise_id)
    hazard_by_result = {h["item_result_id"]: h for h in ws.inspections.hazards(inspection_id) if h["item_result_id"]}
    lines = []
    groups = []
    items = ws.inspections.applicable_items(inspection_id, enterprise_id)
    ordered = sorted(
        enumerate(items),
        key=lambda p: (VERDICT_ORDER.get((results.get((enterprise_id, p[1].code)) or {}).get("verdict"), 3), p[0]),
    )
    for _, item in ordered:
        r = results.get((enterprise_id, item.code))
        lines.append(ItemLine(item.code, item.title_zh, r["verdict"] if r else None, (r or {}).get("note") or ""))
        if not r:
            continue
        rows = ws.inspections.photos(item_result_id=r["id"])
        hazard = hazard_by_result.get(r["id"])
        if hazard:
            rows += ws.inspections.photos(hazard_id=hazard["id"])
        if rows:
            groups.append(PhotoGroup(item.title_zh, tuple(_photo(ws, p, missing, item.title_zh) for p in rows)))
    interview, quiz, awareness = _assessments(ws, inspection_id, enterprise_id)
    return EnterpriseSection(_party(ws, enterprise_id), tuple(lines), interview, quiz, awareness, tuple(groups))


def _titles(ws: Workspace, inspection_id: str) -> dict[str, str]:
    return {i.code: i.title_zh for i in ws.inspections.checklist(inspection_id).items}


def gather_record(
    ws: Workspace, inspection_id: str, enterprise_id: str | None = None, *, doc_no: str, issued_on: date
) -> DocumentData:
    """现场检查记录: the inspection with every target enterprise (the addressee's first) and its signatures."""
    inspection = ws.inspections.get(inspection_id)
    enterprise_id = enterprise_id or inspection["enterprise_id"]
    targets = ws.inspections.target_ids(inspection_id)
    ordered = [enterprise_id, *[t for t in targets if t != enterprise_id]]
    missing = _Missing()
    sections = tuple(_section(ws, inspection_id, t, missing) for t in ordered)
    titles = _titles(ws, inspection_id)
    hazards = tuple(_hazard_line(ws, h, titles) for h in ws.inspections.hazards(inspection_id))
    signatures = _signatures(ws, ws.signatures.for_inspection(inspection_id), missing)
    missing.check()
    bodycam = " ".join(
        x for x in (inspection["bodycam_ref"], inspection["bodycam_from"], inspection["bodycam_to"]) if x
    )
    return DocumentData(
        doc_type="RECORD",
        doc_no=doc_no,
        issued_on=issued_on,
        addressee=_party(ws, enterprise_id),
        officers=_officers(ws, inspection_id),
        signatures=signatures,
        started_at=_dt(inspection["started_at"]),
        ended_at=_dt(inspection["ended_at"]),
        place=_place(ws, inspection, targets),
        purpose=inspection["purpose"],
        bodycam=bodycam,
        sections=sections,
        hazards=hazards,
    )


def _doc_hazards(
    ws: Workspace, inspection_id: str, enterprise_id: str, hazard_ids: Sequence[str] | None, *, for_order: bool
) -> list[dict[str, Any]]:
    if hazard_ids is not None:
        return [ws.inspections.hazard(h) for h in hazard_ids]
    rows = [h for h in ws.inspections.hazards(inspection_id) if h["enterprise_id"] == enterprise_id]
    return [h for h in rows if not h["rectified_on_site"]] if for_order else rows


def _common(
    ws: Workspace,
    doc_type: str,
    inspection_id: str,
    enterprise_id: str,
    hazards: Sequence[Mapping[str, Any]],
    doc_no: str,
    issued_on: date,
    document_id: str | None,
    **extra: Any,
) -> DocumentData:
    inspection = ws.inspections.get(inspection_id)
    titles = _titles(ws, inspection_id)
    missing = _Missing()
    signatures = _signatures(ws, ws.signatures.for_document(document_id), missing) if document_id else ()
    missing.check()
    return DocumentData(
        doc_type=doc_type,
        doc_no=doc_no,
        issued_on=issued_on,
        addressee=_party(ws, enterprise_id),
        officers=_officers(ws, inspection_id),
        signatures=signatures,
        started_at=_dt(inspection["started_at"]),
        ended_at=_dt(inspection["ended_at"]),
        purpose=inspection["purpose"],
        hazards=tuple(_hazard_line(ws, h, titles) for h in hazards),
        **extra,
    )


def gather_order(
    ws: Workspace,
    inspection_id: str,
    enterprise_id: str,
    *,
    doc_no: str,
    issued_on: date,
    hazard_ids: Sequence[str] | None = None,
    document_id: str | None = None,
) -> DocumentData:
    """责令限期整改指令书: the enterprise's open hazards of the inspection (not those corrected on the spot)."""
    hazards = _doc_hazards(ws, inspection_id, enterprise_id, hazard_ids, for_order=True)
    if not hazards:
        raise ValidationError(
            "document.no_hazards",
            "该企业在本次检查中没有需限期整改的隐患",
            "The enterprise has no hazard to order rectified",
        )
    return _common(ws, "ORDER", inspection_id, enterprise_id, hazards, doc_no, issued_on, document_id)


def gather_decision(
    ws: Workspace,
    inspection_id: str,
    enterprise_id: str,
    *,
    doc_no: str,
    issued_on: date,
    measures: Sequence[str],
    hazard_ids: Sequence[str] | None = None,
    document_id: str | None = None,
) -> DocumentData:
    """现场处理措施决定书. `measures` is the officer's free text (one entry per measure, with scope and duration)."""
    measures = tuple(m.strip() for m in measures if m and m.strip())
    if not measures:
        raise ValidationError("document.no_measures", "请填写现场处理措施", "Enter the on-site measures decided")
    hazards = _doc_hazards(ws, inspection_id, enterprise_id, hazard_ids, for_order=False)
    return _common(
        ws, "DECISION", inspection_id, enterprise_id, hazards, doc_no, issued_on, document_id, measures=measures
    )


def gather_recheck(
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
) -> DocumentData:
    """整改复查意见书. `results`: hazard id -> FIXED | PARTLY | NOT_FIXED (or (code, note)); a hazard without one
    prints FIXED when it is CLOSED, else NOT_FIXED. `opinion` is free text; empty prints the configured conclusion."""
    rows = _doc_hazards(ws, inspection_id, enterprise_id, hazard_ids, for_order=True)
    data = _common(
        ws,
        "RECHECK",
        inspection_id,
        enterprise_id,
        rows,
        doc_no,
        issued_on,
        document_id,
        reference_no=reference_no,
        reference_date=reference_date,
        reference_title=reference_title,
        opinion=opinion,
    )
    results = results or {}
    lines = []
    for row, line in zip(rows, data.hazards, strict=True):
        given = results.get(row["id"])
        code, note = (given, "") if isinstance(given, str) else given or ("", "")
        if not code:
            code = "FIXED" if row["status"] == "CLOSED" else "NOT_FIXED"
        if code not in RECHECK_RESULTS:
            raise ValidationError(
                "document.recheck_result", "复查结论无效：{result}", "Invalid re-inspection result: {result}",
                result=code,
            )
        lines.append(_replace(line, recheck_result=code, recheck_note=note))
    return _replace(data, hazards=tuple(lines))


def _replace(obj: Any, **changes: Any) -> Any:
    from dataclasses import replace

    return replace(obj, **changes)


def _zh(kind: str, code: str) -> str:
    """Documents are always in Chinese, whatever the UI language."""
    entry = vocab.vocab()[kind].get(code)
    return entry["zh"] if entry else code


def verdict_label(verdict: str | None) -> str:
    return _zh("verdicts", verdict) if verdict else "未检查"


def grade_label(grade: str) -> str:
    return _zh("hazard_grades", grade)


def signer_label(role: str) -> str:
    return _zh("signer_roles", role)


__all__ = [
    "DocumentData",
    "EnterpriseSection",
    "HazardLine",
    "ItemLine",
    "Officer",
    "Party",
    "Photo",
    "PhotoGroup",
    "SignatureMark",
    "gather_decision",
    "gather_order",
    "gather_record",
    "gather_recheck",
    "signer_label",
]
