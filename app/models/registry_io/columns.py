"""The register's columns: export order, the header spellings import accepts, the words for yes, no, roles and risk."""

from __future__ import annotations

import re

# Export columns, in order: (header, field).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("名称", "name"),
    ("统一社会信用代码", "uscc"),
    ("角色", "roles"),
    ("地址", "address"),
    ("镇街", "township"),
    ("所属园区", "park"),
    ("出租方", "landlord"),
    ("行业", "industry"),
    ("从业人数", "employees"),
    ("风险等级", "risk_grade"),
    ("主要负责人", "principal"),
    ("负责人电话", "principal_phone"),
    ("安全员", "safety_officer"),
    ("安全员电话", "safety_officer_phone"),
    ("安全协议签订", "agreement_signed"),
    ("协议签订日期", "agreement_date"),
)
HEADERS: tuple[str, ...] = tuple(h for h, _ in COLUMNS)
SHEET_NAME = "企业名录"

# Pseudo-fields only used on import: a "phone" column is assigned to the person named in the column before it;
# "park_or_landlord" is the combined 所属园区/出租方 column.
ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("名称", "企业名称", "单位名称", "企业单位名称", "企业全称", "公司名称", "单位全称", "name", "enterprise"),
    "uscc": (
        "统一社会信用代码", "社会信用代码", "统一信用代码", "信用代码", "统一代码", "统一社会信用代码/注册号",
        "统一社会信用代码或注册号", "注册号", "工商注册号", "uscc", "creditcode",
    ),
    "roles": ("角色", "企业角色", "租赁角色", "身份", "出租/承租", "出租承租", "role", "roles"),
    "address": ("地址", "企业地址", "经营地址", "生产经营地址", "生产地址", "注册地址", "详细地址", "地点", "address"),
    "township": (
        "镇街", "镇街道", "镇", "乡镇", "街道", "乡镇街道", "镇/街道", "乡镇/街道", "所属镇街", "所属乡镇", "所属街道",
        "所属镇", "所在镇街", "township",
    ),
    "park": ("所属园区", "园区", "园区名称", "所在园区", "小微园区", "park"),
    "landlord": (
        "出租方", "出租方名称", "出租企业", "出租单位", "出租人", "房东", "出租方企业名称", "出租方企业", "landlord",
    ),
    "park_or_landlord": ("所属园区/出租方", "园区/出租方", "所属园区或出租方", "所在园区/出租方", "园区或出租方"),
    "industry": ("行业", "所属行业", "行业类别", "行业类型", "行业分类", "国民经济行业", "industry"),
    "employees": ("从业人数", "从业人员数", "从业人员数量", "员工人数", "职工人数", "人数", "从业人员", "employees"),
    "risk_grade": ("风险等级", "风险分级", "安全风险等级", "风险级别", "risk", "riskgrade"),
    "principal": (
        "主要负责人", "负责人", "企业负责人", "主要负责人姓名", "负责人姓名", "法定代表人", "法人代表", "法人",
        "principal",
    ),
    "principal_phone": (
        "负责人电话", "主要负责人电话", "负责人联系电话", "主要负责人联系电话", "负责人手机", "法人电话",
        "法定代表人电话", "principalphone",
    ),
    "phone": ("联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "电话号码", "phone"),
    "safety_officer": (
        "安全员", "安全员姓名", "安全管理人员", "安全生产管理人员", "安全负责人", "专职安全员", "兼职安全员",
        "专兼职安全员", "safetyofficer",
    ),
    "safety_officer_phone": (
        "安全员电话", "安全员联系电话", "安全员手机", "安全管理人员电话", "安全管理人员联系电话", "安全负责人电话",
        "safetyofficerphone",
    ),
    "agreement_signed": (
        "安全协议签订", "是否签订安全协议", "签订安全协议", "安全协议", "安全管理协议", "安全生产管理协议",
        "是否签订安全管理协议", "是否签订安全生产管理协议", "安全协议签订情况", "agreementsigned",
    ),
    "agreement_date": ("协议签订日期", "签订日期", "安全协议签订日期", "协议日期", "签订时间", "agreementdate"),
}
IGNORED = frozenset({"序号", "编号", "序", "no", "no.", "#"})

ROLE_ALIASES: dict[str, str] = {
    **{a: "landlord" for a in ("出租方", "出租企业", "出租单位", "出租人", "出租", "房东", "业主")},
    **{a: "tenant" for a in ("承租方", "承租企业", "承租单位", "承租人", "承租", "租户", "入驻企业")},
    **{
        a: "operator"
        for a in (
            "园区运营方",
            "运营方",
            "经营方",
            "园区经营方",
            "运营管理单位",
            "园区运营管理单位",
            "物业",
            "物业服务企业",
        )
    },
}
TRUE = frozenset({"是", "已签", "已签订", "签订", "已签署", "有", "y", "yes", "true", "1", "√", "✓", "✔"})
FALSE = frozenset({"否", "未签", "未签订", "没有", "无", "n", "no", "false", "0", "×", "✗", "✘", "x"})
RISK_SHORT: dict[str, str] = {
    **{a: "RED" for a in ("红", "红色", "重大", "重大风险", "红色风险")},
    **{a: "ORANGE" for a in ("橙", "橙色", "较大", "较大风险", "橙色风险")},
    **{a: "YELLOW" for a in ("黄", "黄色", "一般", "一般风险", "黄色风险")},
    **{a: "BLUE" for a in ("蓝", "蓝色", "低", "低风险", "蓝色风险")},
}
SPLIT_LANDLORDS = re.compile(r"[、;；\n]+")
SPLIT_TERMS = re.compile(r"[、;；]")
SPLIT_ROLES = re.compile(r"[、,，/;；\s]+")
DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
HEADER_SCAN_ROWS = 10
MAX_LISTED_ERRORS = 50
