"""Checklist templates: built from TOML (validated) and written back in canonical form."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from app.models.content.model import (
    EVIDENCE_VALUES,
    LENIENT_VALUES,
    MAJOR_VALUES,
    MAX_DEADLINE_DAYS,
    STATUSES,
    TEMPLATE_SHAPES,
    Aspect,
    Checklist,
    ChecklistItem,
    DeadlineDays,
    digest_of,
)
from app.models.content.validation import Table, notice, read_revised, unique
from app.models.vocab import codes


def build_checklist(data: object, file: str) -> Checklist:
    root = Table(file, "", data)
    code = root.code("code")
    version = root.integer("version", minimum=1)
    status = root.choice("status", STATUSES)
    revised = read_revised(root)
    title_zh = root.text("title_zh")
    title_en = root.text("title_en")
    source_ref = root.text("source_ref", required=False)
    notice_zh = notice(root, status)
    notice_en = root.text("notice_en", required=False)
    basis = root.texts("basis", required=False, min_items=0)
    working_days = root.boolean("deadline_working_days", default=False)

    aspect_tables = root.tables("aspects")
    aspects = [_build_aspect(t) for t in aspect_tables]
    unique(aspect_tables, [a.code for a in aspects], "code")
    unique(aspect_tables, [a.order for a in aspects], "order")
    aspect_order = {a.code: a.order for a in aspects}

    item_tables = root.tables("items")
    items = [_build_item(t, aspect_order) for t in item_tables]
    unique(item_tables, [i.code for i in items], "code")
    unique(item_tables, [(i.aspect, i.order) for i in items], "order")
    root.done()

    for table, aspect in zip(aspect_tables, aspects, strict=True):
        if not any(item.aspect == aspect.code for item in items):
            table.fail("code", f"方面 {aspect.code} 下没有检查事项", f"aspect {aspect.code} has no items")
    shape = TEMPLATE_SHAPES.get(code)
    if shape is not None:
        for key, expected, actual in (("aspects", shape[0], len(aspects)), ("items", shape[1], len(items))):
            if actual != expected:
                root.fail(
                    key,
                    f"“{code}”模板应有 {expected} 项，实际 {actual} 项",
                    f"the '{code}' template needs exactly {expected} entries, got {actual}",
                )

    checklist = Checklist(
        code=code,
        version=version,
        status=status,
        revised=revised,
        title_zh=title_zh,
        title_en=title_en,
        source_ref=source_ref,
        notice_zh=notice_zh,
        notice_en=notice_en,
        basis=basis,
        deadline_working_days=working_days,
        aspects=tuple(sorted(aspects, key=lambda a: a.order)),
        # Display order, whatever the file order, so that reordering entries in a file leaves the digest unchanged.
        items=tuple(sorted(items, key=lambda i: (aspect_order[i.aspect], i.order))),
        digest="",
    )
    return replace(checklist, digest=digest_of(checklist_dict(checklist)))


def _build_aspect(t: Table) -> Aspect:
    aspect = Aspect(
        code=t.code("code"),
        order=t.integer("order", minimum=1),
        title_zh=t.text("title_zh"),
        title_en=t.text("title_en"),
    )
    t.done()
    return aspect


def _build_item(t: Table, aspect_order: Mapping[str, int]) -> ChecklistItem:
    code = t.code("code")
    aspect = t.text("aspect")
    if aspect not in aspect_order:
        known = ", ".join(aspect_order)
        t.fail(
            "aspect", f"引用了不存在的方面“{aspect}”（已有：{known}）", f"unknown aspect '{aspect}' (known: {known})"
        )
    order = t.integer("order", minimum=1)
    title_zh = t.text("title_zh")
    title_en = t.text("title_en")
    applies_to = t.texts("applies_to", allowed=codes("enterprise_roles"))
    checks = t.texts("checks")
    guidance_zh = t.text("guidance_zh")
    evidence = t.texts("evidence", allowed=EVIDENCE_VALUES)
    basis = t.texts("basis")
    penalty = t.text("penalty", required=False)
    major = t.choice("major", MAJOR_VALUES)
    major_basis = t.text("major_basis", required=False)
    major_hint_zh = t.text("major_hint_zh", required=False)
    if major == "YES" and not major_basis.strip():
        t.fail("major_basis", "major 为 YES 时必须写明重大隐患判定依据", "required when major is YES")
    if major == "CONDITIONAL" and not major_hint_zh.strip():
        t.fail(
            "major_hint_zh", "major 为 CONDITIONAL 时必须写明构成重大隐患的条件", "required when major is CONDITIONAL"
        )
    lenient = t.choice("lenient", LENIENT_VALUES)
    lenient_note = t.text("lenient_note", required=False)
    default_measure_zh = t.text("default_measure_zh")
    days = t.table("default_deadline_days")
    deadline = DeadlineDays(
        general=days.integer("GENERAL", minimum=1, maximum=MAX_DEADLINE_DAYS),
        major=days.integer("MAJOR", minimum=1, maximum=MAX_DEADLINE_DAYS),
    )
    days.done()
    t.done()
    return ChecklistItem(
        code=code,
        aspect=aspect,
        order=order,
        title_zh=title_zh,
        title_en=title_en,
        applies_to=applies_to,
        checks=checks,
        guidance_zh=guidance_zh,
        evidence=evidence,
        basis=basis,
        penalty=penalty,
        major=major,
        major_basis=major_basis,
        major_hint_zh=major_hint_zh,
        lenient=lenient,
        lenient_note=lenient_note,
        default_measure_zh=default_measure_zh,
        default_deadline_days=deadline,
    )


def checklist_dict(checklist: Checklist) -> dict[str, Any]:
    return {
        "code": checklist.code,
        "version": checklist.version,
        "status": checklist.status,
        "revised": checklist.revised,
        "title_zh": checklist.title_zh,
        "title_en": checklist.title_en,
        "source_ref": checklist.source_ref,
        "notice_zh": checklist.notice_zh,
        "notice_en": checklist.notice_en,
        "basis": list(checklist.basis),
        "deadline_working_days": checklist.deadline_working_days,
        "aspects": [
            {"code": a.code, "order": a.order, "title_zh": a.title_zh, "title_en": a.title_en}
            for a in checklist.aspects
        ],
        "items": [
            {
                "code": i.code,
                "aspect": i.aspect,
                "order": i.order,
                "title_zh": i.title_zh,
                "title_en": i.title_en,
                "applies_to": list(i.applies_to),
                "checks": list(i.checks),
                "guidance_zh": i.guidance_zh,
                "evidence": list(i.evidence),
                "basis": list(i.basis),
                "penalty": i.penalty,
                "major": i.major,
                "major_basis": i.major_basis,
                "major_hint_zh": i.major_hint_zh,
                "lenient": i.lenient,
                "lenient_note": i.lenient_note,
                "default_measure_zh": i.default_measure_zh,
                "default_deadline_days": {
                    "GENERAL": i.default_deadline_days.general,
                    "MAJOR": i.default_deadline_days.major,
                },
            }
            for i in checklist.items
        ],
    }
