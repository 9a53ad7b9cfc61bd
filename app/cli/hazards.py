"""Follow-up from the command line: list what is open or overdue, move a hazard through 整改 → 复查 → 销号
(app/models/hazard_flow.py), the coverage of a period or a campaign (所有企业必到, app/models/coverage.py and
campaigns.py). Registered in app/cli."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from app.cli.common import date_arg, one_of, print_table, workspace
from app.errors import UserError, localized
from app.models import vocab
from app.models.hazard_flow import LISTING_LEVELS, Listing, Step

Add = Callable[[str, Callable[[argparse.Namespace], int], str, str], argparse.ArgumentParser]


def cmd_hazards(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        flow = ws.hazard_flow
        if args.note_overdue:
            print(localized(f"新记录逾期隐患 {flow.note_overdue()} 项", f"{flow.note_overdue()} newly overdue"))
        rows = flow.overdue() if args.overdue else ws.inspections.hazard_list(open_only=not args.all)
        names = {r.id: r.name for r in ws.registry.rows(sorted({str(h["enterprise_id"]) for h in rows}))}
        headers = [localized(*h) for h in (("ID", "ID"), ("企业", "enterprise"), ("等级", "grade"), ("状态", "status"),
                                          ("期限", "deadline"), ("逾期", "overdue"), ("描述", "description"))]
        print_table(headers, [
            (h["id"], names.get(str(h["enterprise_id"]), ""), vocab.label("hazard_grades", h["grade"]),
             vocab.label("hazard_statuses", h["status"]), h["deadline"] or "",
             localized("是", "yes") if flow.is_overdue(h) else "", h["description"])
            for h in rows
        ])
    return 0


def _lifecycle_action(args: argparse.Namespace) -> str:
    """The lifecycle action (resources/hazards/lifecycle.toml) a command line verb stands for."""
    verb = args.action
    if verb in ("recheck", "delist"):
        return f"{verb}_{'pass' if args.passed else 'fail'}"
    if verb == "feedback":
        return "transfer_closed" if args.closed else "transfer_returned"
    return {"close-on-site": "close_on_site", "plan": "approve_plan", "apply-delisting": "apply_delisting"}.get(
        verb, verb)


def cmd_hazard(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        flow = ws.hazard_flow
        hazard = one_of(ws.store.query("SELECT id FROM hazard WHERE deleted = 0"), args.hazard, "隐患", "hazard")
        officer = None
        if getattr(args, "officer", None):
            officer = one_of(ws.roster.inspectors(active_only=False), args.officer, "执法人员", "inspector",
                           "name", "cert_no")
        document = None
        if getattr(args, "document", None):
            document = one_of(ws.store.query("SELECT id, doc_no FROM document WHERE deleted = 0"), args.document,
                            "文书", "document", "doc_no")
        if args.action == "after-photo":
            ws.inspections.attach_photo(Path(args.file), hazard_id=hazard, stage="AFTER")
        elif args.action == "extend":
            flow.request_extension(hazard, args.until, args.reason)
        elif args.action == "decide-extension":
            pending = flow.pending_extension(hazard)
            if pending is None:
                raise UserError("cli.no_extension", "该隐患没有待审批的延期申请",
                                "This hazard has no extension request waiting")
            flow.decide_extension(str(pending["id"]), officer or "", approved=args.approve)
        else:
            flow.perform(_lifecycle_action(args), hazard, Step(
                officer=officer or "", document=document, deadline=getattr(args, "deadline", None),
                text=next((getattr(args, k) for k in ("evidence", "reason", "plan", "text") if getattr(args, k, None)),
                          ""),
                department=getattr(args, "to", None) or "",
                listing=Listing(args.level, args.body, args.notice, args.date) if args.action == "list" else None))
        row = ws.inspections.hazard(hazard)
        print(localized("隐患状态：", "Hazard status: ") + vocab.label("hazard_statuses", row["status"])
              + (f"（{localized('期限', 'deadline')} {row['deadline']}）" if row["deadline"] else ""))
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    from app.models.coverage import Coverage

    with workspace(args) as ws:
        coverage = Coverage(ws.inspections)
        towns = coverage.by_township(args.start, args.end)
        visits = coverage.visits(args.start, args.end) if args.visits else {}
        names = {r.id: r.name for r in ws.registry.rows(
            sorted({e for t in towns for e in t.not_visited} | set(visits)))}
        officers = {str(i["id"]): str(i["name"]) for i in ws.roster.inspectors(active_only=False)}
    headers = [localized(*h) for h in (("镇街", "township"), ("企业", "enterprises"), ("已到", "visited"),
                                      ("到访率", "share"))]
    print_table(headers, [(t.name, len(t.enterprise_ids), len(t.visited), f"{t.share:.0%}") for t in towns])
    if args.list:
        for town in towns:
            for enterprise_id in town.not_visited:
                print(f"{town.name}\t{names.get(enterprise_id, enterprise_id)}\t{enterprise_id}")
    if args.visits:
        for enterprise_id, enterprise_visits in visits.items():
            for visit in enterprise_visits:
                team = "、".join(officers.get(i, i) for i in visit.inspector_ids)
                kept = localized("计入", "counts") if visit.counts else "，".join(
                    vocab.label("visit_rules", r) for r in visit.missed)
                print(f"{visit.started_at[:10]}\t{names.get(enterprise_id, enterprise_id)}\t{team}\t{kept}")
    return 0


def cmd_campaign(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        campaigns = ws.campaigns
        if args.action == "create":
            kind, refs = next(((k, v) for k, v in (("TOWNSHIPS", args.townships), ("PARKS", args.parks),
                                                     ("ENTERPRISES", args.enterprises)) if v), ("ALL", []))
            if kind == "ENTERPRISES":
                scope = [ws.registry.resolve(ref) for ref in refs]
            else:
                rows = ws.registry.townships() if kind == "TOWNSHIPS" else ws.registry.parks()
                what = ("镇街", "township") if kind == "TOWNSHIPS" else ("园区", "park")
                scope = [one_of(rows, ref, *what, "name") for ref in refs]
            print(campaigns.create(args.name, args.start, args.end, kind, scope))
            return 0
        listed = campaigns.list()
        if args.action == "list":
            print_table([localized(*h) for h in (("ID", "ID"), ("名称", "name"), ("期间", "period"),
                                                 ("范围", "scope"))],
                        [(c.id, c.name, f"{c.start}—{c.end}", c.scope_kind) for c in listed])
            return 0
        chosen = one_of([{"id": c.id, "name": c.name} for c in listed], args.campaign, "专项行动", "campaign", "name")
        coverage = campaigns.coverage(campaigns.get(chosen), ws.inspections.now().date())
    headers = [localized(*h) for h in (("镇街/园区", "township / park"), ("企业", "enterprises"), ("已到", "visited"),
                                      ("到访率", "share"))]
    print_table(headers, [(g.name, g.total, g.visited, f"{g.share:.0%}")
                          for g in [*coverage.townships, *coverage.parks]])
    for p in coverage.pending:
        due = p.risk.next_visit_due.isoformat() if p.risk.next_visit_due else localized("现在", "now")
        print(f"{vocab.label('risk_grades', p.risk.grade)}\t{due}\t{p.township}\t{p.name}\t{p.enterprise_id}")
    return 0


def cmd_statistics(args: argparse.Namespace) -> int:
    from app.models.statistics import COLUMNS, Statistics, export_excel

    with workspace(args) as ws:
        rows = Statistics(ws.store).by_township_month(args.start, args.end)
    shown = [*rows, Statistics.totals(rows)]

    def text(value: object) -> str:
        return "—" if value is None else f"{value:.0%}" if isinstance(value, float) else str(value)

    print_table([zh for _, zh in COLUMNS], [[text(getattr(r, name)) for name, _ in COLUMNS] for r in shown])
    title = localized(f"{args.start} 至 {args.end} 检查统计", f"Inspection figures {args.start} to {args.end}")
    if args.excel:
        print(localized("已导出：", "Exported: ") + str(export_excel(rows, Path(args.excel), title)))
    if args.pdf:
        from app.documents.statistics_report import save_statistics

        print(localized("已导出：", "Exported: ") + str(save_statistics(rows, title, Path(args.pdf))))
    return 0


def register(add: Add) -> None:
    p = add("statistics", cmd_statistics, "按镇街和月份统计检查、隐患与文书", "figures by township and month")
    p.add_argument("start", type=date_arg, help=localized("起始日期", "first day"))
    p.add_argument("end", type=date_arg, help=localized("截止日期", "last day"))
    p.add_argument("--excel", help=localized("另存为 Excel（含图表）", "also save as Excel, with a chart"))
    p.add_argument("--pdf", help=localized("另存为可打印的 PDF 报告（含图表）", "also save a printable PDF report"))

    p = add("coverage", cmd_coverage, "所有企业必到：各镇街的到访率", "every enterprise visited: coverage by township")
    p.add_argument("start", type=date_arg, help=localized("起始日期", "first day"))
    p.add_argument("end", type=date_arg, help=localized("截止日期", "last day"))
    p.add_argument("--list", action="store_true",
                   help=localized("列出尚未按要求到访的企业", "list the enterprises not yet visited by the method"))
    p.add_argument("--visits", action="store_true",
                   help=localized("列出谁检查了哪家企业、是否计入", "list who visited whom, and whether it counts"))
    p = add("campaign", cmd_campaign, "专项行动：期间、范围及其必到覆盖", "campaigns: period, scope and coverage")
    actions = p.add_subparsers(dest="action", metavar="action", required=True)
    q = actions.add_parser("create", help=localized("新建专项行动（默认全部企业）",
                                                    "create one (every enterprise by default)"))
    q.add_argument("name")
    q.add_argument("start", type=date_arg)
    q.add_argument("end", type=date_arg)
    scope = q.add_mutually_exclusive_group()
    scope.add_argument("--townships", nargs="+", help=localized("镇街名称", "township names"))
    scope.add_argument("--parks", nargs="+", help=localized("园区名称", "park names"))
    scope.add_argument("--enterprises", nargs="+", help=localized("企业（名称、信用代码或 ID）", "enterprises"))
    actions.add_parser("list", help=localized("列出专项行动", "list campaigns"))
    q = actions.add_parser("show", help=localized("各镇街、园区的到访率及尚未到访的企业（按风险等级）",
                                                  "coverage by township and park, and who is still to visit"))
    q.add_argument("campaign", help=localized("名称或 ID", "name or id"))

    p = add("hazards", cmd_hazards, "列出未销号（或逾期）的隐患", "list hazards not yet closed (or overdue)")
    p.add_argument("--overdue", action="store_true", help=localized("只列逾期的", "only the overdue ones"))
    p.add_argument("--all", action="store_true", help=localized("含已销号的", "closed ones too"))
    p.add_argument("--note-overdue", action="store_true",
                   help=localized("记录首次发现逾期的日期（统计用）", "record the first day each was seen overdue"))

    p = add(
        "hazard", cmd_hazard, "隐患整改、复查、销号等处理", "move a hazard: report, re-check, close, list, transfer"
    )
    actions = p.add_subparsers(dest="action", metavar="action", required=True)

    def action(name: str, zh: str, en: str, *, officer: bool = True) -> argparse.ArgumentParser:
        q = actions.add_parser(name, help=localized(zh, en))
        q.add_argument("hazard", help=localized("隐患 ID（可用开头几位）", "hazard id (a unique prefix will do)"))
        if officer:
            q.add_argument(
                "--officer",
                required=True,
                help=localized("执法人员（姓名、证号或 ID）", "officer (name, certificate no. or id)"),
            )
        return q

    action("confirm", "确认隐患（草稿转整改中）", "confirm a draft hazard")
    q = action("submit", "企业报告整改完成", "the enterprise reports it rectified", officer=False)
    q.add_argument("--evidence", required=True, help=localized("整改情况", "what was done"))
    q = action("after-photo", "附整改后照片", "attach a photo taken after rectification", officer=False)
    q.add_argument("file", help=localized("照片文件", "photo file"))
    q = action("recheck", "复查", "re-check")
    verdict = q.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--pass", dest="passed", action="store_true", help=localized("复查合格，销号", "passed"))
    verdict.add_argument("--fail", dest="passed", action="store_false", help=localized("未整改到位", "not fixed"))
    q.add_argument("--document", help=localized("已签名的整改复查意见书（编号或 ID）", "the signed re-check opinion"))
    q.add_argument("--deadline", type=date_arg, help=localized("未通过时的新期限", "new deadline when not fixed"))
    q.add_argument("--reason", help=localized("说明", "note"))
    action("close-on-site", "当场整改销号", "close a hazard fixed on site")
    q = action("void", "作废", "void", officer=False)
    q.add_argument("--reason", required=True)
    q = action("escalate", "升级处理（逾期）", "escalate (overdue)")
    q.add_argument("--reason", required=True)
    q = action("list", "挂牌督办（重大隐患）", "list a major hazard for supervision")
    q.add_argument("--level", required=True, choices=LISTING_LEVELS)
    q.add_argument("--body", required=True, help=localized("督办单位", "listing body"))
    q.add_argument("--notice", required=True, help=localized("督办通知书编号", "notice number"))
    q.add_argument("--date", required=True, type=date_arg)
    q = action("plan", "批准治理方案", "approve the remediation plan")
    q.add_argument("--plan", required=True)
    q = action("apply-delisting", "申请摘牌（治理完成）", "apply for delisting", officer=False)
    q.add_argument("--evidence", required=True, help=localized("治理情况", "what was done"))
    q = action("delist", "摘牌评估", "review the delisting")
    verdict = q.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--pass", dest="passed", action="store_true", help=localized("同意摘牌，销号", "passed"))
    verdict.add_argument("--fail", dest="passed", action="store_false", help=localized("不同意摘牌", "not yet"))
    q.add_argument("--document", help=localized("已签名的整改复查意见书（编号或 ID）", "the signed re-check opinion"))
    q.add_argument("--reason", help=localized("说明", "note"))
    q = action("transfer", "移送其他部门", "transfer to another department")
    q.add_argument("--to", required=True, help=localized("接收部门", "receiving department"))
    q = action("feedback", "登记移送反馈", "record the receiving department's feedback")
    q.add_argument("--text", required=True)
    q.add_argument(
        "--closed", action="store_true", help=localized("对方已处理完毕（销号）", "it dealt with it (close)")
    )
    q = action("extend", "申请延期", "ask for a later deadline", officer=False)
    q.add_argument("--until", required=True, type=date_arg)
    q.add_argument("--reason", required=True)
    q = action("decide-extension", "审批延期申请", "decide the waiting extension request")
    decision = q.add_mutually_exclusive_group(required=True)
    decision.add_argument("--approve", dest="approve", action="store_true")
    decision.add_argument("--reject", dest="approve", action="store_false")
