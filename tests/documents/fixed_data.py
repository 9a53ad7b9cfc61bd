"""Hand-built `DocumentData` for the golden files: no ids, no clocks, images from committed files."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

from PIL import Image, ImageDraw

from app.documents.data import (
    DocumentData,
    EnterpriseSection,
    HazardLine,
    ItemLine,
    Officer,
    Party,
    Photo,
    PhotoGroup,
    SignatureMark,
)

GOLDEN = Path(__file__).parent / "golden"
PHOTO = GOLDEN / "photo.jpg"
SIGNATURE = GOLDEN / "signature.png"


def make_assets() -> None:
    """Write the photo and signature images once (committed; regenerating them changes every golden)."""
    GOLDEN.mkdir(exist_ok=True)
    img = Image.new("RGB", (640, 480), (150, 160, 170))
    draw = ImageDraw.Draw(img)
    draw.rectangle((60, 200, 580, 440), fill=(120, 90, 60))
    draw.rectangle((250, 80, 390, 440), fill=(40, 120, 40))
    img.save(PHOTO, "JPEG", quality=80)
    sig = Image.new("RGB", (300, 100), "white")
    draw = ImageDraw.Draw(sig)
    draw.line([(20, 70), (80, 20), (120, 80), (180, 30), (260, 60)], fill="black", width=5)
    buffer = io.BytesIO()
    sig.save(buffer, "PNG")
    SIGNATURE.write_bytes(buffer.getvalue())


TENANT = Party("宁波恒达五金制品厂", "宁波市鄞州区集士港镇工业路88号3号厂房", "王建国", "13805741234",
               "91330212MA2XXXXX0K", "承租方")
LANDLORD = Party("集士港村股份经济合作社", "宁波市鄞州区集士港镇工业路88号", "陈志强", "0574-88123456", "", "出租方")
OFFICERS = (
    Officer("张明", "浙应执 0123", "集士港镇应急管理办公室"),
    Officer("李华", "浙应执 0456", "集士港镇应急管理办公室"),
)
START = datetime(2026, 11, 23, 9, 30)
END = datetime(2026, 11, 23, 11, 45)
HAZARD = HazardLine(
    "安全出口被货物堵塞，疏散通道宽度不足1米",
    "MAJOR",
    "立即清理安全出口及疏散通道堆放的货物，保持畅通",
    date(2026, 11, 30),
    "3号厂房一层东侧",
    ("《中华人民共和国消防法》第二十八条",),
    item_title="安全出口、疏散通道畅通",
    enterprise=TENANT.name,
)
HAZARD2 = HazardLine(
    "配电箱未上锁，箱内有杂物",
    "GENERAL",
    "清理杂物，配电箱加锁并张贴警示标志",
    date(2026, 12, 23),
    "3号厂房二层",
    item_title="电气线路与配电设施",
    enterprise=TENANT.name,
)


def _signatures() -> tuple[SignatureMark, ...]:
    png = SIGNATURE.read_bytes()
    return (
        SignatureMark("inspector", "张明", png, signed_at=END, cert_no="浙应执 0123"),
        SignatureMark("inspector", "李华", png, signed_at=END, cert_no="浙应执 0456"),
        SignatureMark(
            "principal",
            "王建国",
            refused=True,
            reason="认为检查结论过严，拒绝在记录上签字",
            witness="周立新",
            signed_at=END,
            enterprise=TENANT.name,
        ),
        SignatureMark("principal", "陈志强", png, signed_at=END, enterprise=LANDLORD.name),
    )


def record() -> DocumentData:
    jpeg = PHOTO.read_bytes()
    tenant = EnterpriseSection(
        TENANT,
        (
            ItemLine("FIRE-01", "安全出口、疏散通道畅通", "NONCOMPLIANT", "3号厂房一层东侧安全出口被成品货物堵塞"),
            ItemLine("ELEC-02", "电气线路与配电设施", "NONCOMPLIANT", "二层配电箱未上锁，箱内堆放杂物"),
            ItemLine("RESP-01", "安全生产责任制建立与落实", "COMPLIANT"),
            ItemLine("RESP-04", "安全管理制度和操作规程", "COMPLIANT"),
            ItemLine("DUST-01", "粉尘防爆", "NOT_APPLICABLE", "无涉爆粉尘作业"),
        ),
        "得分 9/10（合格线 7），合格",
        "王建国 得分 80/100，合格",
        "抽问 6 题，答对 5 题，正确率 83%（目标 80%），达标",
        (
            PhotoGroup(
                "安全出口、疏散通道畅通",
                (
                    Photo(jpeg, 640, 480, "2026-11-23T09:52:10", "东侧安全出口"),
                    Photo(jpeg, 640, 480, "2026-11-23T09:53:41"),
                ),
            ),
        ),
    )
    landlord = EnterpriseSection(
        LANDLORD,
        (
            ItemLine("LEASE-01", "租赁合同及安全生产管理协议", "COMPLIANT"),
            ItemLine("LEASE-02", "对承租单位的安全检查", "COMPLIANT"),
        ),
        "未进行",
        "未进行",
        "未进行",
    )
    return DocumentData(
        "RECORD",
        "（鄞）应急检记〔2026〕37号",
        date(2026, 11, 23),
        TENANT,
        OFFICERS,
        _signatures(),
        START,
        END,
        "集士港村股份经济合作社（宁波市鄞州区集士港镇工业路88号）；宁波恒达五金制品厂（3号厂房）",
        "厂中厂专项检查",
        sections=(tenant, landlord),
        hazards=(HAZARD, HAZARD2),
    )


def order() -> DocumentData:
    return DocumentData(
        "ORDER",
        "（鄞）应急责改〔2026〕12号",
        date(2026, 11, 23),
        TENANT,
        OFFICERS,
        (),
        START,
        END,
        hazards=(HAZARD, HAZARD2),
    )


def decision() -> DocumentData:
    return DocumentData(
        "DECISION",
        "（鄞）应急现决〔2026〕5号",
        date(2026, 11, 23),
        TENANT,
        OFFICERS,
        (),
        START,
        END,
        hazards=(HAZARD,),
        measures=(
            "责令立即清理3号厂房一层东侧安全出口堆放的货物，当场恢复疏散通道畅通。",
            "安全出口恢复畅通前，3号厂房一层暂时停止生产作业。",
        ),
    )


def recheck() -> DocumentData:
    from dataclasses import replace

    return DocumentData(
        "RECHECK",
        "（鄞）应急复查〔2026〕9号",
        date(2026, 12, 24),
        TENANT,
        OFFICERS,
        (),
        START,
        END,
        hazards=(
            replace(HAZARD, recheck_result="FIXED", recheck_note="货物已清理，通道宽度满足要求"),
            replace(HAZARD2, recheck_result="PARTLY", recheck_note="已加锁，警示标志未张贴"),
        ),
        reference_title="责令限期整改指令书",
        reference_no="（鄞）应急责改〔2026〕12号",
        reference_date=date(2026, 11, 23),
    )


BUILDERS = {"RECORD": record, "ORDER": order, "DECISION": decision, "RECHECK": recheck}
