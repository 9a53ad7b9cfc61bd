"""亮星评级 and 比对检查 from the command line (app/models/stars.py, app/models/comparison.py); registered in
app/cli."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path

from app.cli.common import date_arg, one_of, print_table, workspace
from app.errors import localized

Add = Callable[[str, Callable[[argparse.Namespace], int], str, str], argparse.ArgumentParser]


def cmd_stars(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        enterprise = ws.registry.resolve(args.enterprise)
        rating = ws.stars.rate(enterprise, args.on or ws.inspections.now().date())
    states = {True: localized("亮", "lit"), False: localized("未亮", "not lit"), None: localized("未评定", "not rated")}
    print_table([localized("星级", "star"), localized("状态", "state"), localized("依据", "why")],
                [(s.name, states[s.lit], "；".join(s.reasons)) for s in rating.stars])
    total = len(rating.stars)
    print(localized(f"亮星 {rating.lit} 颗（已评定 {rating.rated} 颗，共 {total} 颗），自 {rating.since} 起",
                    f"{rating.lit} lit ({rating.rated} rated of {total}) since {rating.since}"))
    if rating.effect:
        print(rating.effect)
    return 0


def cmd_comparison(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        comparisons = ws.comparisons
        if args.action == "delete":
            comparisons.delete(one_of(ws.store.query("SELECT id FROM self_check WHERE deleted = 0"), args.id,
                                      "比对记录", "comparison"))
            print(localized("已删除。", "Removed."))
            return 0
        enterprise = ws.registry.resolve(args.enterprise)
        if args.action == "template":
            count = comparisons.write_template(enterprise, Path(args.file))
            print(localized(f"已导出自查台账模板（{count} 个事项）：{args.file}",
                            f"Wrote a blank list of {count} items: {args.file}"))
            return 0
        if args.action == "import":
            check_id = comparisons.import_file(enterprise, Path(args.file), args.start, args.end)
            results = [comparisons.result(check_id)]
        else:
            results = [comparisons.result(c["id"]) for c in comparisons.checks([enterprise])]
    print_table([localized(*h) for h in (("ID", "ID"), ("期间", "period"), ("自查发现", "self-found"),
                                         ("执法发现", "officers"), ("漏报", "missed"), ("自查发现率", "rate"),
                                         ("自报合格而检查不符合", "called compliant, found not"))],
                [(r.self_check_id, f"{r.period_from}—{r.period_to}", r.self_found, r.reg_found, len(r.missed),
                  "—" if r.self_detection_rate is None else f"{r.self_detection_rate:.0%}",
                  "、".join(r.false_ok_items)) for r in results])
    if args.action == "import":
        print(localized("已导入。", "Imported."))
    return 0


def register(add: Add) -> None:
    enterprise_help = localized("企业（名称、信用代码或 ID）", "enterprise (name, credit code or id)")
    p = add("stars", cmd_stars, "亮星评级（构建版规则）及其依据", "star rating (constructed rules) and why")
    p.add_argument("enterprise", help=enterprise_help)
    p.add_argument("--on", type=date_arg, help=localized("评定日期（默认今天）", "rate as of this day (default today)"))
    p = add("comparison", cmd_comparison, "比对检查：企业自查台账与执法检查发现对比",
            "comparison inspection: the enterprise's self-inspection list against the officers' findings")
    actions = p.add_subparsers(dest="action", metavar="action", required=True)
    q = actions.add_parser("template", help=localized("导出自查台账模板（.xlsx）", "write a blank list (.xlsx)"))
    q.add_argument("enterprise", help=enterprise_help)
    q.add_argument("file")
    q = actions.add_parser("import", help=localized("导入自查台账（全部导入或全部不导入）",
                                                    "import a list (all rows or none)"))
    q.add_argument("enterprise", help=enterprise_help)
    q.add_argument("file")
    q.add_argument("--from", dest="start", type=date_arg, required=True, help=localized("比对期间起", "period start"))
    q.add_argument("--to", dest="end", type=date_arg, default=date.today(), help=localized("比对期间止（默认今天）",
                                                                                            "period end (today)"))
    q = actions.add_parser("show", help=localized("列出该企业的比对结果", "list the enterprise's comparisons"))
    q.add_argument("enterprise", help=enterprise_help)
    q = actions.add_parser("delete", help=localized("删除一次导入的自查台账", "remove an imported list"))
    q.add_argument("id", help=localized("比对记录 ID（可用开头几位）", "comparison id (a unique prefix will do)"))
