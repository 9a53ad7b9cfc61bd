"""Plain-text views of stored records, for the CLI and for logs."""

from __future__ import annotations

from app.errors import localized
from app.models import vocab
from app.models.workspace import Workspace

_STATUS = {
    "IN_PROGRESS": ("进行中", "in progress"),
    "COMPLETED": ("已完成", "completed"),
    "VOID": ("已作废", "void"),
}


def inspection_text(ws: Workspace, inspection_id: str) -> str:
    insp = ws.inspections.get(inspection_id)
    checklist = ws.inspections.checklist(inspection_id)
    aspects = {a.code: a for a in checklist.aspects}
    results = ws.inspections.results(inspection_id)
    names = {e: ws.registry.get_enterprise(e)["name"] for e in ws.inspections.target_ids(inspection_id)}
    lines = [
        f"{localized('检查', 'Inspection')} {insp['id']}",
        f"{localized('对象', 'Enterprise')}：{ws.registry.get_enterprise(insp['enterprise_id'])['name']}",
        f"{localized('方式', 'Mode')}：{vocab.label('inspection_modes', insp['mode'])}    "
        f"{localized('目的', 'Purpose')}：{insp['purpose']}",
        f"{localized('时间', 'Time')}：{insp['started_at'].replace('T', ' ')} — "
        f"{(insp['ended_at'] or '').replace('T', ' ')}"
        f"    {localized('状态', 'Status')}：{localized(*_STATUS[insp['status']])}",
        f"{localized('检查表', 'Checklist')}：{checklist.title_zh}（{checklist.code} v{checklist.version}）",
        localized("执法人员：", "Inspectors: ")
        + "；".join(f"{i['name']}（{i['cert_no']}）" for i in ws.inspections.inspectors(inspection_id)),
    ]
    for enterprise_id, name in names.items():
        lines += ["", f"== {name} =="]
        current_aspect = None
        for item in ws.inspections.applicable_items(inspection_id, enterprise_id):
            if item.aspect != current_aspect:
                current_aspect = item.aspect
                lines.append(f"【{aspects[item.aspect].title_zh}】")
            result = results.get((enterprise_id, item.code))
            verdict = (
                vocab.label("verdicts", result["verdict"]) if result and result["verdict"] else localized("未检查", "—")
            )
            note = f"  {result['note']}" if result and result["note"] else ""
            lines.append(f"  {item.code} {item.title_zh}：{verdict}{note}")
        interview = ws.assessments.interview_score(inspection_id, enterprise_id)
        if interview is not None:
            lines.append(
                localized(
                    "安全员必问：{total}/{max} 分，{res}", "Safety officer interview: {total}/{max}, {res}"
                ).format(
                    total=interview.total,
                    max=interview.max_total,
                    res=localized("合格", "passed") if interview.passed else localized("不合格", "failed"),
                )
            )
        elif rated := ws.assessments.interview_ratings(inspection_id, enterprise_id):
            lines.append(
                localized("安全员必问：已问 {n} 题，未完成", "Safety officer interview: {n} rated, unfinished").format(
                    n=len(rated)
                )
            )
        for quiz in ws.assessments.quizzes(inspection_id):
            if quiz["enterprise_id"] != enterprise_id:
                continue
            result_text = (
                f"{quiz['score']}/{quiz['max_score']}，"
                f"{localized('合格', 'passed') if quiz['passed'] else localized('不合格', 'failed')}"
                if quiz["finished_at"]
                else localized("未交卷", "not handed in")
            )
            lines.append(localized("负责人必考：", "Principal quiz: ") + f"{quiz['examinee_name']} {result_text}")
        awareness = ws.assessments.awareness(inspection_id, enterprise_id)
        if awareness.rate is not None:
            lines.append(
                localized(
                    "员工抽问：{c}/{a}，知晓率 {r:.0%}（目标 {t:.0%}）",
                    "Worker sampling: {c}/{a}, {r:.0%} (target {t:.0%})",
                ).format(c=awareness.correct, a=awareness.asked, r=awareness.rate, t=awareness.target)
            )
    hazards = ws.inspections.hazards(inspection_id)
    lines += ["", localized("隐患（{n}）", "Hazards ({n})").format(n=len(hazards))]
    for h in hazards:
        lines.append(
            f"  [{vocab.label('hazard_grades', h['grade'])}] {names.get(h['enterprise_id'], '')} "
            f"{h['item_code'] or ''}："
            f"{h['description']}；{localized('整改措施', 'measure')}：{h['measure'] or ''}；"
            f"{localized('期限', 'deadline')}：{h['deadline'] or localized('当场整改', 'fixed on site')}；"
            f"{vocab.label('hazard_statuses', h['status'])}"
        )
    problems = ws.inspections.completion_problems(inspection_id) if insp["status"] == "IN_PROGRESS" else []
    if problems:
        lines += ["", localized("尚不能结束：", "Not ready to complete: ") + "；".join(problems)]
    return "\n".join(lines)
