"""The four enforcement documents: text from the database, embedded font, not blank, golden files."""

from __future__ import annotations

import io
import os
from datetime import date, datetime
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from app.documents import data as d
from app.documents.config import config_from_dict, load_document_config, shipped_config
from app.documents.render import render, render_decision, render_order, render_recheck, render_record
from app.errors import ContentError, ValidationError
from tests.documents.fixed_data import BUILDERS, GOLDEN
from tests.support import build_site

TODAY = datetime(2026, 11, 23, 9, 30)
STROKES = [[(10.0, 40.0, 0.4), (30.5, 20.25, 0.6), (55.0, 42.0, 0.8)]]


def png() -> bytes:
    image = Image.new("RGB", (120, 40), "white")
    for x in range(10, 110):
        image.putpixel((x, 20 + (x % 7)), (0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_file(tmp_path: Path) -> Path:
    path = tmp_path / "exit.jpg"
    Image.new("RGB", (800, 600), (90, 110, 130)).save(path, "JPEG")
    return path


@pytest.fixture
def visit(ws, tmp_path):
    """A landlord and tenant, two inspectors, one non-compliant item with a photo, interview / quiz / awareness,
    two inspector signatures and the tenant principal's refusal."""
    site = build_site(ws, now=TODAY, tenant_address="集士港镇工业路88号")
    landlord, tenant, inspection, (a, b) = site.landlord, site.tenant, site.inspection, site.inspectors
    item = next(i for i in ws.inspections.applicable_items(inspection, tenant) if i.major == "YES")
    outcome = ws.inspections.record_verdict(inspection, tenant, item.code, "NONCOMPLIANT", "安全出口被货物堵塞")
    ws.inspections.attach_photo(jpeg_file(tmp_path), item_result_id=outcome.item_result_id, caption="东侧出口")
    other = next(i for i in ws.inspections.applicable_items(inspection, tenant) if i.code != item.code)
    ws.inspections.record_verdict(inspection, tenant, other.code, "COMPLIANT")
    for q in ws.assessments.interview_questions(inspection, tenant):
        ws.assessments.record_interview(inspection, tenant, q.id, 2)
    attempt = ws.assessments.start_quiz(inspection, tenant, "王建国", seed=7)
    for q in ws.assessments.quiz_questions(attempt):
        ws.assessments.answer_quiz(attempt, q.id, q.answer)
    ws.assessments.finish_quiz(attempt)
    ws.assessments.add_awareness_sample(inspection, tenant, "工人甲", 5, 4)
    for inspector_id, name in ((a, "张明"), (b, "李华")):
        ws.signatures.sign(inspection, "inspector", name, image_png=png(), strokes=STROKES, inspector_id=inspector_id)
    ws.signatures.refuse(inspection, "principal", "王建国", "拒绝在记录上签字", "周立新", enterprise_id=tenant)
    hazard = ws.inspections.hazard(outcome.hazard_id)
    return {"ws": ws, "inspection": inspection, "tenant": tenant, "landlord": landlord, "item": item,
            "other": other, "hazard": hazard}


def text_of(pdf_bytes: bytes) -> str:
    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def flat(text: str) -> str:
    return "".join(text.split())


def dark_fraction(pdf_bytes: bytes, page: int = 0) -> float:
    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        image = pdf[page].render(scale=0.5).to_pil().convert("L")
    finally:
        pdf.close()
    histogram = image.histogram()
    return sum(histogram[:128]) / sum(histogram)


def test_record_text_matches_the_database(visit):
    ws, inspection, tenant = visit["ws"], visit["inspection"], visit["tenant"]
    pdf = render_record(ws, inspection, tenant, doc_no="（鄞）应急检记〔2026〕37号", issued_on=date(2026, 11, 23))
    text = flat(text_of(pdf))
    for expected in ("现场检查记录", "宁波市鄞州区应急管理局", "（鄞）应急检记〔2026〕37号", "宁波恒达五金制品厂",
                     "集士港村股份经济合作社", "王建国", "13805741234", "厂中厂专项检查", "浙应执0123", "浙应执0456",
                     visit["item"].title_zh, visit["other"].title_zh, "安全出口被货物堵塞", "不符合",
                     "拒绝签字（原因：拒绝在记录上签字；见证人：周立新）", "附件：现场检查照片", "东侧出口",
                     "2026年11月23日09时30分", "出示行政执法证件"):
        assert flat(expected) in text, expected
    deadline = date.fromisoformat(visit["hazard"]["deadline"])
    assert f"{deadline.year}年{deadline.month}月{deadline.day}日" in text
    # non-compliant first: the failed item is listed before the compliant one
    assert text.index(flat(visit["item"].title_zh)) < text.index(flat(visit["other"].title_zh))
    # assessment results
    assert "安全员必问" in text and "合格" in text and "抽问5题，答对4题" in text
    # every page carries 第 x 页 共 y 页
    pages = pdfium.PdfDocument(pdf)
    total = len(pages)
    for i in range(total):
        assert f"第{i + 1}页共{total}页" in flat(pages[i].get_textpage().get_text_range())
    pages.close()


def test_font_is_embedded_and_page_one_is_not_blank(visit):
    ws, inspection, tenant = visit["ws"], visit["inspection"], visit["tenant"]
    pdf = render_record(ws, inspection, tenant, doc_no="（鄞）应急检记〔2026〕1号", issued_on=date(2026, 11, 23))
    assert pdf.startswith(b"%PDF")
    assert b"/FontFile2" in pdf and b"NotoSansSC" in pdf
    assert 0.005 < dark_fraction(pdf) < 0.5


def test_order_decision_and_recheck_from_the_database(visit):
    ws, inspection, tenant, hazard = visit["ws"], visit["inspection"], visit["tenant"], visit["hazard"]
    deadline = date.fromisoformat(hazard["deadline"])
    deadline_text = f"{deadline.year}年{deadline.month}月{deadline.day}日前"

    order = flat(text_of(render_order(ws, inspection, tenant, doc_no="（鄞）应急责改〔2026〕12号",
                                      issued_on=date(2026, 11, 23))))
    for expected in ("责令限期整改指令书", "（鄞）应急责改〔2026〕12号", "宁波恒达五金制品厂：", "安全出口被货物堵塞",
                     hazard["measure"], deadline_text, "宁波市鄞州区人民政府", "宁波市鄞州区人民法院", "60日", "6个月",
                     "第1项至第1项", "盖章处"):
        assert flat(expected) in order, expected

    decision = flat(text_of(render_decision(ws, inspection, tenant, doc_no="（鄞）应急现决〔2026〕5号",
                                            issued_on=date(2026, 11, 23), measures=["责令立即清理安全出口"])))
    for expected in ("现场处理措施决定书", "（鄞）应急现决〔2026〕5号", "责令立即清理安全出口", "安全出口被货物堵塞",
                     "第六十五条", "本决定不停止执行"):
        assert flat(expected) in decision, expected

    recheck = flat(text_of(render_recheck(
        ws, inspection, tenant, doc_no="（鄞）应急复查〔2026〕9号", issued_on=date(2026, 12, 24),
        reference_no="（鄞）应急责改〔2026〕12号", reference_date=date(2026, 11, 23),
        results={hazard["id"]: ("FIXED", "已清理")},
    )))
    for expected in ("整改复查意见书", "（鄞）应急复查〔2026〕9号", "（鄞）应急责改〔2026〕12号", "安全出口被货物堵塞",
                     "已整改", "已清理", "予以销号"):
        assert flat(expected) in recheck, expected


def test_every_type_renders_pages_that_are_not_blank():
    for builder in BUILDERS.values():
        assert dark_fraction(render(builder())) > 0.005


def test_missing_photo_blob_is_refused_naming_it(visit):
    ws = visit["ws"]
    photo = ws.store.query("SELECT sha256 FROM photo WHERE deleted = 0")[0]
    ws.blobs.path(photo["sha256"]).unlink()
    with pytest.raises(ValidationError) as err:
        d.gather_record(ws, visit["inspection"], doc_no="x", issued_on=date(2026, 11, 23))
    assert err.value.code == "document.blobs_missing"
    assert visit["item"].title_zh in str(err.value.params["missing"])


def test_decision_needs_measures_and_order_needs_hazards(visit):
    ws, inspection = visit["ws"], visit["inspection"]
    with pytest.raises(ValidationError):
        d.gather_decision(ws, inspection, visit["tenant"], doc_no="x", issued_on=date(2026, 11, 23), measures=[" "])
    with pytest.raises(ValidationError):
        d.gather_order(ws, inspection, visit["landlord"], doc_no="x", issued_on=date(2026, 11, 23))


def test_a_recheck_result_outside_the_list_is_refused_naming_it(visit):
    ws, hazard = visit["ws"], visit["hazard"]
    with pytest.raises(ValidationError) as err:
        d.gather_recheck(ws, visit["inspection"], visit["tenant"], doc_no="x", issued_on=date(2026, 12, 24),
                         reference_no="（鄞）应急责改〔2026〕12号", reference_date=date(2026, 11, 23),
                         results={hazard["id"]: ("DONE-ISH", "")})
    assert err.value.code == "document.recheck_result" and "DONE-ISH" in err.value.zh


@pytest.mark.parametrize("doc_type", sorted(BUILDERS))
def test_golden_file(doc_type):
    """Fixed data renders to the committed bytes (invariant mode). Regenerate: python -m tests.documents.make_golden
    or FIELDSAFE_REGEN_GOLDEN=1 — then look at the pages before committing."""
    path = GOLDEN / f"{doc_type.lower()}.pdf"
    fresh = render(BUILDERS[doc_type](), invariant=True)
    if os.environ.get("FIELDSAFE_REGEN_GOLDEN"):
        path.write_bytes(fresh)
    assert fresh == render(BUILDERS[doc_type](), invariant=True)
    assert fresh == path.read_bytes(), f"{path.name} differs: regenerate and review it if the change is intended"


def test_shipped_config_and_its_validation(tmp_path):
    cfg = shipped_config()
    assert cfg.issuer_name == "宁波市鄞州区应急管理局" and cfg.number_code("ORDER") == "应急责改"
    assert "宁波市鄞州区人民政府" in cfg.remedy.clause("决定")
    import tomllib

    from app.resources import resource_path

    raw = tomllib.loads(resource_path("documents", "config.toml").read_text(encoding="utf-8"))
    raw["documents"]["ORDER"]["order"] = "限期整改{cout}项"
    with pytest.raises(ContentError) as err:
        config_from_dict(raw, "config.toml")
    assert err.value.field == "documents.ORDER.order" and err.value.file == "config.toml"
    del raw["remedy"]["court"]
    with pytest.raises(ContentError) as err:
        config_from_dict(raw, "config.toml")
    assert err.value.field == "remedy.court"
    bad = tmp_path / "broken.toml"
    bad.write_text("[issuer\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_document_config(bad)
    assert err.value.file == "broken.toml"
