"""Signatures and refusals to sign on the inspection record, through the service."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import datetime

import pytest
from PIL import Image

from app import errors
from app.errors import NotFoundError, ValidationError
from app.models.signatures import Signatures
from tests.support import build_site, change_count

TODAY = datetime(2026, 11, 23, 16, 5)
STROKES = [[(10.0, 40.0, 0.4), (30.5, 20.25, 0.6), (55.0, 42.0, 0.8)], [(70.0, 30.0, 0.5)]]


def png(width: int = 60, height: int = 24) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), "white")
    image.putpixel((5, 5), (0, 0, 0))
    image.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def site(ws):
    """A landlord (no principal on file) with one tenant (principal 王建国), a team of two, an open inspection; and
    an inspector from elsewhere."""
    return build_site(ws, now=TODAY, outsider=True)


@pytest.fixture
def sig(site):
    return Signatures(site.ws.store, site.ws.blobs, now=lambda: TODAY)


def sign_inspector(sig, site, inspector_id, name):
    return sig.sign(site.inspection, "inspector", name, image_png=png(), strokes=STROKES, inspector_id=inspector_id)


def test_sign_stores_png_strokes_and_one_row(site, sig):
    ws = site.ws
    image = png()
    signature_id = sig.sign(
        site.inspection, "principal", " 王建国 ", image_png=image, strokes=STROKES,
        person_id=site.principal, canvas_size=(600, 220),
    )
    row = sig.get(signature_id)
    assert row["role"] == "principal" and row["signer_name"] == "王建国" and row["refused"] == 0
    assert row["person_id"] == site.principal and row["signed_at"] == TODAY.isoformat()
    assert row["image_sha256"] == hashlib.sha256(image).hexdigest() and sig.image(signature_id) == image
    stored = sig.strokes(signature_id)
    assert stored == {
        "version": 1,
        "width": 600,
        "height": 220,
        "strokes": [[[10.0, 40.0, 0.4], [30.5, 20.25, 0.6], [55.0, 42.0, 0.8]], [[70.0, 30.0, 0.5]]],
    }
    # canonical JSON: the same strokes always give the same blob
    raw = ws.blobs.read(row["strokes_sha256"])
    assert raw == json.dumps(stored, sort_keys=True, separators=(",", ":")).encode()
    assert [s["id"] for s in sig.for_inspection(site.inspection)] == [signature_id]
    assert sig.for_inspection(site.inspection)[0]["enterprise_id"] == site.tenant


def test_missing_lists_the_team_and_each_targets_principal_until_all_signed(site, sig):
    inspection = site.inspection
    a, b = site.inspectors
    assert sig.missing(inspection) == [
        "执法人员 张明",
        "执法人员 李华",
        "负责人（集士港村股份经济合作社）",
        "负责人 王建国（宁波恒达五金制品厂）",
    ]
    sign_inspector(sig, site, a, "张明")
    sign_inspector(sig, site, b, "李华")
    sig.sign(inspection, "principal", "王建国", image_png=png(), strokes=STROKES, person_id=site.principal)
    assert sig.missing(inspection) == ["负责人（集士港村股份经济合作社）"]
    # the landlord has no principal on file: the on-site lead signs for it, and is registered by the way
    sig.sign(inspection, "onsite_lead", "陈伟", image_png=png(), strokes=STROKES, enterprise_id=site.landlord)
    assert sig.missing(inspection) == []
    lead = site.ws.registry.person(site.landlord, "onsite_lead")
    assert lead is not None and lead["name"] == "陈伟"
    required = sig.required(inspection)
    assert all(r.done for r in required) and required[2].settled_by["role"] == "onsite_lead"


def test_missing_follows_the_language(site, sig):
    errors.set_language("en")
    try:
        assert sig.missing(site.inspection)[0] == "Inspector 张明"
        assert sig.missing(site.inspection)[-1] == "Principal 王建国 (宁波恒达五金制品厂)"
    finally:
        errors.set_language("zh")


def test_a_refusal_settles_the_requirement_and_keeps_reason_and_witness(site, sig):
    inspection = site.inspection
    before = sig.missing(inspection)
    refusal = sig.refuse(
        inspection, "principal", "王建国", "  当场拒绝签字，已用执法记录仪录像 ", witness_name="村委 李四",
        person_id=site.principal,
    )
    row = sig.get(refusal)
    assert row["refused"] == 1 and row["refusal_reason"] == "当场拒绝签字，已用执法记录仪录像"
    assert row["witness_name"] == "村委 李四" and row["image_sha256"] is None and row["strokes_sha256"] is None
    assert row["signed_at"] == TODAY.isoformat()
    assert sig.missing(inspection) == [m for m in before if "王建国" not in m]
    assert sig.image(refusal) is None and sig.strokes(refusal) is None


def test_re_signing_replaces_the_earlier_signature_and_keeps_the_history(site, sig):
    ws, inspection = site.ws, site.inspection
    a = site.inspectors[0]
    first = sign_inspector(sig, site, a, "张明")
    second = sig.sign(
        inspection, "inspector", "张明", image_png=png(80, 30), strokes=STROKES[:1], inspector_id=a
    )
    assert second != first
    assert [s["id"] for s in sig.for_inspection(inspection)] == [second]
    assert ws.store.get("signature", first)["deleted"] == 1
    assert any(e.column == "deleted" and e.value == 1 for e in ws.store.history("signature", first))
    # a refusal followed by a signature: the signature stands, the refusal stays in the log
    refusal = sig.refuse(inspection, "principal", "王建国", "拒绝签字", person_id=site.principal)
    signed = sig.sign(inspection, "principal", "王建国", image_png=png(), strokes=STROKES, person_id=site.principal)
    live = {s["id"] for s in sig.for_inspection(inspection)}
    assert live == {second, signed} and ws.store.get("signature", refusal)["deleted"] == 1
    # another signer in the same role is not replaced
    other = sig.sign(inspection, "witness", "李四", image_png=png(), strokes=STROKES)
    sig.sign(inspection, "witness", "王五", image_png=png(), strokes=STROKES)
    assert other in {s["id"] for s in sig.for_inspection(inspection)}


BAD_SIGNS = [
    ("empty name", dict(signer_name="   "), "signature.name_required"),
    ("unknown role", dict(role="landlord"), "signature.role"),
    ("empty pad", dict(strokes=[]), "signature.empty"),
    ("only dots", dict(strokes=[[(1, 1, 0.5)], [(5, 5, 0.5)]]), "signature.empty"),
    ("empty strokes", dict(strokes=[[], []]), "signature.empty"),
    ("not a point", dict(strokes=[[(1, 2), (3, 4)]]), "signature.bad_strokes"),
    ("not a number", dict(strokes=[[(1, 2, "x"), (3, 4, 0.5)]]), "signature.bad_strokes"),
    ("nan", dict(strokes=[[(float("nan"), 2, 0.5), (3, 4, 0.5)]]), "signature.bad_strokes"),
    ("not a png", dict(image_png=b"GIF89a not a png"), "signature.bad_image"),
    ("truncated png", dict(image_png=png()[:40]), "signature.bad_image"),
    ("png magic only", dict(image_png=b"\x89PNG\r\n\x1a\n" + b"\0" * 64), "signature.bad_image"),
    ("jpeg", dict(image_png=None), "signature.bad_image"),
    ("bad canvas", dict(canvas_size=(0, 100)), "signature.bad_canvas"),
    ("inspector without id", dict(role="inspector", signer_name="张明"), "signature.inspector_required"),
    ("principal without enterprise", dict(role="principal", signer_name="王建国"), "signature.enterprise_required"),
]


@pytest.mark.parametrize(("case", "change", "code"), BAD_SIGNS, ids=[b[0] for b in BAD_SIGNS])
def test_bad_signatures_are_refused_and_write_nothing(site, sig, case, change, code):
    ws = site.ws
    if case == "jpeg":
        buffer = io.BytesIO()
        Image.new("RGB", (10, 10)).save(buffer, "JPEG")
        change = {"image_png": buffer.getvalue()}
    args = {"role": "witness", "signer_name": "李四", "image_png": png(), "strokes": STROKES, **change}
    before, blobs = change_count(ws), list(ws.blobs.iter_hashes())
    with pytest.raises(ValidationError) as err:
        sig.sign(site.inspection, args.pop("role"), args.pop("signer_name"), **args)
    assert err.value.code == code
    assert any("\u4e00" <= c <= "\u9fff" for c in err.value.message)  # the user reads Chinese
    assert change_count(ws) == before and list(ws.blobs.iter_hashes()) == blobs


def test_the_empty_pad_message_is_chinese(site, sig):
    with pytest.raises(ValidationError) as err:
        sig.sign(site.inspection, "witness", "李四", image_png=png(), strokes=[])
    assert err.value.message == "签名为空，请先在签名区内签名"


def test_signers_must_belong_to_the_inspection(site, sig):
    ws, inspection = site.ws, site.inspection
    other = ws.registry.create_enterprise(name="宁波某某塑料厂")
    stranger = ws.registry.set_person(other, "principal", "孙七")
    before = change_count(ws)
    cases = [
        (dict(role="inspector", signer_name="赵强", inspector_id=site.outsider), "signature.not_on_team"),
        (dict(role="principal", signer_name="孙七", person_id=stranger), "signature.not_target"),
        (dict(role="principal", signer_name="孙七", enterprise_id=other), "signature.not_target"),
        (dict(role="witness", signer_name="张明", inspector_id=site.inspectors[0]), "signature.inspector_role"),
        (dict(role="principal", signer_name="王建国", person_id=site.principal, enterprise_id=site.landlord),
         "signature.person_enterprise"),
    ]
    for kwargs, code in cases:
        with pytest.raises(ValidationError) as err:
            sig.sign(inspection, kwargs.pop("role"), kwargs.pop("signer_name"), image_png=png(), strokes=STROKES,
                     **kwargs)
        assert err.value.code == code
    with pytest.raises(NotFoundError):
        sig.sign(inspection, "principal", "王建国", image_png=png(), strokes=STROKES, person_id="no-such-person")
    with pytest.raises(NotFoundError):
        sig.sign("no-such-inspection", "witness", "李四", image_png=png(), strokes=STROKES)
    assert change_count(ws) == before


def test_bad_refusals_write_nothing(site, sig):
    ws, inspection = site.ws, site.inspection
    before = change_count(ws)
    for args, kwargs, code in [
        (("principal", "王建国", "   "), {"person_id": site.principal}, "signature.reason_required"),
        (("principal", "", "拒绝签字"), {"person_id": site.principal}, "signature.name_required"),
        (("inspector", "张明", "不签"), {}, "signature.not_refusable"),
        (("witness", "李四", "不签"), {}, "signature.not_refusable"),
        (("principal", "王建国", "字" * 501), {"person_id": site.principal}, "signature.reason_too_long"),
        (("boss", "王建国", "拒绝签字"), {}, "signature.role"),
        (("principal", "王建国", "拒绝签字"), {}, "signature.enterprise_required"),
    ]:
        with pytest.raises(ValidationError) as err:
            sig.refuse(inspection, *args, **kwargs)
        assert err.value.code == code
    assert change_count(ws) == before


def test_inspection_signatures_close_with_the_inspection(site, sig):
    ws, inspection = site.ws, site.inspection
    for enterprise_id, code in ws.inspections.missing_items(inspection):
        ws.inspections.record_verdict(inspection, enterprise_id, code, "COMPLIANT")
    ws.inspections.complete(inspection)
    before = change_count(ws)
    with pytest.raises(ValidationError) as err:
        sign_inspector(sig, site, site.inspectors[0], "张明")
    assert err.value.code == "inspection.closed"
    with pytest.raises(ValidationError):
        sig.refuse(inspection, "principal", "王建国", "拒绝签字", person_id=site.principal)
    assert change_count(ws) == before


def test_document_signatures_are_allowed_after_completion_but_not_on_void_documents(site, sig):
    ws, inspection = site.ws, site.inspection
    for enterprise_id, code in ws.inspections.missing_items(inspection):
        ws.inspections.record_verdict(inspection, enterprise_id, code, "COMPLIANT")
    ws.inspections.complete(inspection)
    document = ws.store.insert(
        "document",
        {"doc_type": "ORDER", "inspection_id": inspection, "enterprise_id": site.tenant, "status": "DRAFT",
         "created_at": TODAY.isoformat()},
    )
    signed = sig.sign(
        inspection, "principal", "王建国", image_png=png(), strokes=STROKES, person_id=site.principal,
        document_id=document,
    )
    assert [s["id"] for s in sig.for_document(document)] == [signed]
    assert sig.for_inspection(inspection) == []  # document signatures are not the record's
    ws.store.update("document", document, {"status": "VOID", "void_reason": "填错"})
    with pytest.raises(ValidationError) as err:
        sig.sign(inspection, "inspector", "张明", image_png=png(), strokes=STROKES,
                 inspector_id=site.inspectors[0], document_id=document)
    assert err.value.code == "signature.document_void"


def test_signatures_survive_reopening_the_folder(site, sig):
    from app.models.workspace import Workspace

    signature_id = sign_inspector(sig, site, site.inspectors[0], "张明")
    with Workspace(site.ws.data_dir) as other:
        again = Signatures(other.store, other.blobs)
        assert [s["id"] for s in again.for_inspection(site.inspection)] == [signature_id]
        assert again.image(signature_id)[:8] == b"\x89PNG\r\n\x1a\n"
