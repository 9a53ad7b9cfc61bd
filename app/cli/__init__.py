"""The headless command line: `python -m app <command>`; without a command the GUI starts.

Every command opens the data folder (--data-dir, else FIELDSAFE_DATA_DIR, else the per-user folder), does one job
and exits 0; a UserError prints its message on stderr and exits 1; a usage error exits 2 (argparse).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from app import APP_NAME, __version__
from app.cli.common import date_arg, one_of, print_table, workspace
from app.errors import UserError, localized, set_language
from app.models import vocab
from app.paths import data_dir

# Commands


def cmd_init(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        print(localized("数据目录：", "Data folder: ") + str(ws.data_dir))
        print(localized("数据库：", "Database: ") + str(ws.db_path))
        print(localized("本机标识：", "Device id: ") + ws.device.id)
        print(localized("公钥指纹：", "Key fingerprint: ") + ws.device.fingerprint())
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from app.models.demo import generate_demo

    with workspace(args) as ws:
        if ws.registry.count() and not args.force:
            raise UserError(
                "demo.not_empty",
                "数据库中已有 {n} 家企业；若仍要追加演示数据，请加 --force",
                "The database already holds {n} enterprises; add --force to add demo data anyway",
                n=ws.registry.count(),
            )
        summary = generate_demo(
            ws,
            landlords=args.landlords,
            tenants=args.tenants,
            inspections=args.inspections,
            documents=args.documents,
            seed=args.seed,
            progress=_progress_printer(),
        )
        print(localized("已生成演示数据：", "Demo data generated: ") + summary.describe())
    return 0


def _progress_printer() -> Callable[[int, int], None]:
    interactive = sys.stderr.isatty()

    def show(done: int, total: int) -> None:
        if interactive:
            print(f"\r{done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)

    return show


def cmd_import_registry(args: argparse.Namespace) -> int:
    from app.models.registry_io import RegistryImportError, import_registry

    with workspace(args) as ws:
        try:
            report = import_registry(ws.registry, Path(args.file))
        except RegistryImportError as exc:
            # The message is a headline followed by the first rows' errors; print the headline and then every
            # error (the message alone truncates long lists, and printing both would list each error twice).
            print(localized("错误：", "Error: ") + exc.message.split("\n", 1)[0], file=sys.stderr)
            for error in exc.errors:
                print(f"  {error}", file=sys.stderr)
            return 1
    print(report.describe())
    for warning in report.warnings:
        print(localized("提示：", "Note: ") + warning, file=sys.stderr)
    return 0


def cmd_export_registry(args: argparse.Namespace) -> int:
    from app.models.registry_io import export_registry

    with workspace(args) as ws:
        count = export_registry(ws.registry, Path(args.file))
    print(localized("已导出 {n} 家企业到 {file}", "Exported {n} enterprises to {file}").format(n=count, file=args.file))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        landlord_id = None
        if args.landlord:
            landlord_id = ws.registry.resolve(args.landlord)
        ids = ws.registry.search_ids(args.text or "", role=args.role, landlord_id=landlord_id, limit=args.limit)
        rows = ws.registry.rows(ids)
        total = ws.registry.count()
    headers = (
        localized("名称", "Name"),
        localized("统一社会信用代码", "Credit code"),
        localized("角色", "Role"),
        localized("镇街", "Township"),
        localized("地址", "Address"),
    )
    table = [(r.name, r.uscc or "", r.roles_label, r.township or "", r.address or "") for r in rows]
    print_table(headers, table)
    print(
        localized("显示 {n} 家（共 {total} 家）", "{n} shown ({total} in the registry)").format(
            n=len(rows), total=total
        )
    )
    return 0


def cmd_inspections(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        rows = ws.inspections.list(limit=args.limit)
    headers = (
        "ID",
        localized("企业", "Enterprise"),
        localized("开始", "Started"),
        localized("方式", "Mode"),
        localized("状态", "Status"),
    )
    status = {
        "IN_PROGRESS": localized("进行中", "in progress"),
        "COMPLETED": localized("已完成", "completed"),
        "VOID": localized("已作废", "void"),
    }
    print_table(
        headers,
        [
            (
                r["id"],
                r["enterprise_name"],
                r["started_at"][:16].replace("T", " "),
                vocab.label("inspection_modes", r["mode"]),
                status[r["status"]],
            )
            for r in rows
        ],
    )
    return 0


def cmd_show_inspection(args: argparse.Namespace) -> int:
    from app.models.reports import inspection_text

    with workspace(args) as ws:
        print(inspection_text(ws, ws.inspections.resolve(args.id)))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from app.models.integrity import check

    with workspace(args) as ws:
        report = check(ws)
    print(
        localized(
            "已检查 {rows} 行、{entries} 条变更记录、{blobs} 个文件",
            "Checked {rows} rows, {entries} change entries, {blobs} files",
        ).format(rows=report.rows_checked, entries=report.entries_checked, blobs=report.blobs_checked)
    )
    if report.ok:
        print(localized("完整性检查通过", "Integrity check passed"))
        return 0
    for problem in report.problems:
        print(problem, file=sys.stderr)
    print(localized("发现 {n} 个问题", "{n} problem(s) found").format(n=len(report.problems)), file=sys.stderr)
    return 1


def cmd_backup(args: argparse.Namespace) -> int:
    from app.models.backup import make_backup

    with workspace(args) as ws:
        made = make_backup(ws.db.conn, ws.data_dir, "manual")
    print(localized("已备份到 ", "Backed up to ") + str(made.path))
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from app.models.backup import list_backups

    rows = []
    for b in list_backups(data_dir(args.data_dir)):
        manifest = b.manifest()
        rows.append((b.path.name, b.made.strftime("%Y-%m-%d %H:%M:%S"), b.reason,
                     f"{b.path.stat().st_size / 1e6:.1f} MB", manifest.get("blob_count", "")))
    if not rows:
        print(localized("还没有备份", "No backups yet"))
        return 0
    print_table([localized(*h) for h in (("文件", "file"), ("时间", "made"), ("原因", "reason"), ("大小", "size"),
                                         ("照片与文书文件", "store files"))], rows)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from app.models.backup import Backup, list_backups, restore

    folder = data_dir(args.data_dir)
    backups = list_backups(folder)
    if args.latest:
        chosen = backups[0] if backups else None
    else:
        chosen = next((b for b in backups if b.path.name == args.file), None)
        if chosen is None and Path(args.file).is_file():
            chosen = Backup(Path(args.file), datetime.now(), "manual")
    if chosen is None:
        raise UserError("backup.not_found", "找不到备份：{name}（用 backups 命令列出备份）",
                        "No such backup: {name} (list them with the backups command)",
                        name=args.file or localized("最新", "latest"))
    aside = restore(chosen, folder)
    print(localized("已恢复 ", "Restored ") + chosen.path.name)
    if aside:
        print(localized("恢复前的数据库已另存为 ", "The database before the restore was saved as ") + str(aside.path))
    missing = chosen.missing_blobs(folder)
    if missing:
        print(localized("注意：备份列出的 {n} 个照片或文书文件不在本机", "Note: {n} store files the backup lists are "
                        "not in this folder").format(n=len(missing)), file=sys.stderr)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    """Check a signed PDF against this installation's trust store; 0 only if intact, trusted and unmodified."""
    from app.documents.certs import trusted_roots
    from app.documents.signing import verify_pdf

    try:
        pdf = Path(args.file).read_bytes()
    except OSError as exc:
        raise UserError(
            "verify.read_failed",
            "无法读取文件 {path}：{reason}",
            "Cannot read {path}: {reason}",
            path=str(args.file),
            reason=exc.strerror or str(exc),
        ) from exc
    result = verify_pdf(pdf, trusted_roots(data_dir(args.data_dir)))
    yes, no = localized("是", "yes"), localized("否", "no")
    for sig in result.signatures:
        when = sig.signed_at.astimezone().strftime("%Y-%m-%d %H:%M:%S %z") if sig.signed_at else "?"
        print(localized("签名者：", "Signer: ") + sig.signer_name)
        print(localized("签名时间：", "Signed at: ") + when)
        print(localized("内容完好：", "Intact: ") + (yes if sig.intact else no))
        print(localized("签名后改动：", "Changed after signing: ") + (yes if sig.modified_after_signing else no))
        print(localized("签名者可信：", "Signer trusted: ") + (yes if sig.trusted else no))
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.ok:
        print(localized("验证通过", "Verification passed"))
        return 0
    print(localized("验证未通过", "Verification failed"), file=sys.stderr)
    return 1


def cmd_cert(args: argparse.Namespace) -> int:
    from app.documents import certs

    data = data_dir(args.data_dir)
    if args.cert_command == "import-root":
        path = certs.import_root_file(data, Path(args.file))
        print(localized("已导入根证书：", "Root certificate imported: ") + certs.fingerprint(path.read_bytes()))
    elif args.cert_command == "export-root":
        root = certs.export_root(data, Path(args.file))
        print(
            localized("已导出根证书到 {file}：", "Root certificate exported to {file}: ").format(file=args.file)
            + certs.fingerprint(root)
        )
    elif args.cert_command == "init-authority":
        passphrase = _new_passphrase()
        authority = certs.create_authority(args.name, certs.authority_dir(data), passphrase)
        print(
            localized(
                "已创建签发机构，本机成为上级（监管）单位：",
                "Issuing authority created; this installation is now a supervisor office: ",
            )
            + certs.fingerprint(authority.certificate)
        )
    else:
        for pem in certs.trusted_roots(data):
            cert = certs.load_certificates(pem)[0]
            print(f"{certs.fingerprint(cert)}  {certs.common_name(cert)}")
    return 0


def cmd_issue(args: argparse.Namespace) -> int:
    """Number, render and store a DRAFT document; print its number (and write the PDF with --out)."""
    from app.documents.issuing import Documents

    with workspace(args) as ws:
        docs = Documents(ws)
        inspection_id = ws.inspections.resolve(args.inspection)
        enterprise_id = ws.registry.resolve(args.enterprise) if args.enterprise else None
        extra: dict[str, Any] = {}
        if args.measure:
            extra["measures"] = args.measure
        if args.type == "RECHECK":
            extra.update(_recheck_args(args))
        document_id = docs.issue(args.type, inspection_id, enterprise_id, issued_on=args.date, **extra)
        row = docs.get(document_id)
        print(localized("文书编号：", "Number: ") + row["doc_no"])
        print("ID: " + document_id)
        if args.out:
            Path(args.out).write_bytes(docs.pdf(document_id))
            print(localized("文件：", "File: ") + str(args.out))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Record that a signed document was served: date, recipient, method."""
    from app.documents.issuing import Documents

    with workspace(args) as ws:
        docs = Documents(ws)
        document_id = one_of(docs.list(), args.document, "文书（请用文书编号或 ID）", "document (use its number or id)",
                             "doc_no")
        docs.serve(document_id, served_on=args.date, served_to=args.to or "", method=args.method)
        service = docs.service(document_id)
        assert service is not None  # just recorded
        print(localized("已登记送达：", "Recorded as served: ") + service.summary())
    return 0


def _recheck_args(args: argparse.Namespace) -> dict[str, Any]:
    """gather_recheck's arguments: the order being re-checked (number and date are printed, so both are required)."""
    missing = [
        option
        for option, value in (("--reference-no", args.reference_no), ("--reference-date", args.reference_date))
        if not value
    ]
    if missing:
        raise UserError(
            "cli.recheck_reference",
            "出具整改复查意见书需要被复查的指令书编号和日期，请加上 {options}",
            "A re-check opinion needs the number and date of the order it re-checks; add {options}",
            options=" ".join(missing),
        )
    results: dict[str, str] = {}
    for text in args.result or []:
        hazard, _, code = text.partition("=")
        if not hazard or not code:
            raise UserError(
                "cli.recheck_result",
                "复查结论应写成 隐患ID=FIXED|PARTLY|NOT_FIXED：{text}",
                "A re-check result is HAZARD_ID=FIXED|PARTLY|NOT_FIXED: {text}",
                text=text,
            )
        results[hazard.strip()] = code.strip().upper()
    extra: dict[str, Any] = {
        "reference_no": args.reference_no.strip(),
        "reference_date": args.reference_date,
        "results": results,
        "opinion": args.opinion or "",
    }
    if args.reference_title:
        extra["reference_title"] = args.reference_title
    return extra


def cmd_issue_orders(args: argparse.Namespace) -> int:
    """The rectification orders not yet made for the open hazards of a township / park / visit dates, as drafts."""
    from app.documents.batch_issue import issue_orders, pending_orders
    from app.documents.issuing import Documents

    with workspace(args) as ws:
        township_id, park_id = _township_and_park(ws, args)
        pending = pending_orders(ws, township_id=township_id, park_id=park_id, date_from=args.date_from,
                                 date_to=args.date_to)
        print(localized("{n} 次检查（{e} 家企业，{h} 项隐患）尚无整改指令书",
                        "{n} visits ({e} enterprises, {h} hazards) have no rectification order").format(
            n=len(pending), e=len({p.enterprise_id for p in pending}), h=sum(p.hazards for p in pending)))
        if args.dry_run or not pending:
            return 0
        made = issue_orders(Documents(ws), pending, workers=args.workers, progress=_progress_printer())
    print(localized("已生成 {n} 份整改指令书（草稿）", "{n} rectification orders issued as drafts").format(n=len(made)))
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    """Township office batch: the issued documents of a type for a township / park / date range."""
    from app.documents.batch import print_batch

    with workspace(args) as ws:
        township_id, park_id = _township_and_park(ws, args)

        def show(done: int, total: int) -> None:
            print(f"\r{done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)

        result = print_batch(
            ws,
            township_id=township_id,
            park_id=park_id,
            date_from=args.date_from,
            date_to=args.date_to,
            doc_type=args.type,
            out=Path(args.out),
            one_file=args.one_file,
            workers=args.workers,
            progress=show,
        )
    for file in result.files:
        print(file)
    print(
        localized(
            "共 {n} 份文书（{e} 家企业），{f} 个文件，用时 {s:.1f} 秒",
            "{n} documents ({e} enterprises), {f} files, {s:.1f} s",
        ).format(n=result.documents, e=result.enterprises, f=len(result.files), s=result.seconds)
    )
    return 0


def _new_passphrase() -> str:
    import getpass

    passphrase = getpass.getpass(localized("设置签名口令：", "New signing passphrase: "))
    if getpass.getpass(localized("再次输入口令：", "Repeat the passphrase: ")) != passphrase:
        raise UserError("cli.passphrase_mismatch", "两次输入的口令不一致", "The passphrases differ")
    return passphrase


def cmd_inspector_cert(args: argparse.Namespace) -> int:
    """Create a personal (standalone) signing certificate for an inspector of the roster."""
    from app.documents.issuing import Documents

    with workspace(args) as ws:
        Documents(ws).setup_standalone(args.inspector, _new_passphrase())
    print(localized("已创建个人签名证书", "Personal signing certificate created"))
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from app.ui.main import run_gui

    return run_gui(args.data_dir, demo_if_new=args.demo, language=args.lang, exit_when_ready=args.exit_when_ready)


# Parser


def _count(text: str) -> int:
    """argparse type for a number of things: a whole number, 0 or more (a usage error otherwise, exit 2)."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(
            localized(f"应为 0 或正整数：{text}", f"expected a whole number, 0 or more: {text}")
        )
    return value


def _top_parser(add_help: bool = True) -> argparse.ArgumentParser:
    """The options before any command: those of the GUI, which starts when no command is given."""
    parser = argparse.ArgumentParser(
        add_help=add_help,
        # A PyInstaller build (build.spec) is run as its executable, not through Python.
        prog=Path(sys.executable).name if getattr(sys, "frozen", False) else "python -m app",
        description=localized(
            f"{APP_NAME} 现场安全检查：不带命令时启动图形界面。",
            f"{APP_NAME} field safety inspection; starts the GUI when no command is given.",
        ),
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        help=localized(
            "数据目录（也可用环境变量 FIELDSAFE_DATA_DIR）",
            "data folder (or the FIELDSAFE_DATA_DIR environment variable)",
        ),
    )
    parser.add_argument(
        "--lang", choices=("zh", "en"), help=localized("界面与消息语言", "language of the UI and messages")
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=localized("图形界面：数据库为空时先生成演示数据", "GUI: fill an empty database with demo data first"),
    )
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help=localized("图形界面：窗口可用后立即退出（用于测量启动时间）",
                       "GUI: quit as soon as the window is usable (to time the start)"),
    )
    return parser


def _township_and_park(ws: Any, args: argparse.Namespace) -> tuple[str | None, str | None]:
    """The ids of --township and --park (a name or an id each), for the township batch commands."""
    from app.documents.batch import resolve_place

    return (resolve_place(ws, "org_unit", args.township) if args.township else None,
            resolve_place(ws, "park", args.park) if args.park else None)


def _township_batch_arguments(p: argparse.ArgumentParser) -> None:
    """Where and when a township batch (print, issue) reaches: township, park, a date range, and its processes."""
    p.add_argument("--township", help=localized("镇街名称或 ID", "township name or id"))
    p.add_argument("--park", help=localized("园区名称或 ID", "park name or id"))
    p.add_argument("--from", dest="date_from", type=date_arg, help="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=date_arg, help="YYYY-MM-DD")
    p.add_argument(
        "--workers", type=int, default=None, help=localized("进程数（默认全部核心）", "processes (default: all cores)")
    )


def build_parser() -> argparse.ArgumentParser:
    from app.cli.hazards import register as register_hazard_commands
    from app.cli.ratings import register as register_rating_commands
    from app.cli.selfcheck import cmd_self_check
    from app.cli.sync import register as register_sync_commands

    parser = _top_parser()
    sub = parser.add_subparsers(dest="command", metavar="command")

    def add(name: str, func: Callable[[argparse.Namespace], int], zh: str, en: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=localized(zh, en), description=localized(zh, en))
        p.set_defaults(func=func)
        return p

    add("init", cmd_init, "创建数据目录、数据库与本机密钥", "create the data folder, database and device key")
    p = add("demo", cmd_demo, "生成演示数据", "generate demo data")
    p.add_argument("--landlords", type=_count, default=40)
    p.add_argument("--tenants", type=_count, default=160)
    p.add_argument(
        "--inspections", type=_count, default=0, help=localized("同时生成的检查数", "inspections to generate")
    )
    p.add_argument("--documents", action="store_true", help=localized(
        "已完成的检查附照片、签名和已签名文书", "completed inspections get photos, signatures and signed documents"))
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--force", action="store_true", help=localized("数据库非空时也追加", "add even when not empty"))
    p = add("import-registry", cmd_import_registry, "导入企业名录（.csv/.xlsx）", "import an enterprise register")
    p.add_argument("file")
    p = add("export-registry", cmd_export_registry, "导出企业名录（.csv/.xlsx）", "export the enterprise register")
    p.add_argument("file")
    p = add("list", cmd_list, "列出或搜索企业", "list or search enterprises")
    p.add_argument(
        "text", nargs="?", help=localized("名称、信用代码或地址中的文字", "text in name, credit code or address")
    )
    p.add_argument("--role", choices=("landlord", "tenant", "operator"))
    p.add_argument(
        "--landlord",
        help=localized(
            "只列该出租方的承租方（名称、信用代码或 ID）", "only this landlord's tenants (name, credit code or id)"
        ),
    )
    p.add_argument("--limit", type=int, default=50)
    p = add("inspections", cmd_inspections, "列出检查", "list inspections")
    p.add_argument("--limit", type=int, default=50)
    p = add("show-inspection", cmd_show_inspection, "显示一次检查的内容", "show one inspection")
    p.add_argument("id", help=localized("检查 ID（可只写开头几位）", "inspection id (a unique prefix is enough)"))
    add("check", cmd_check, "完整性检查", "integrity check")
    p = add("verify", cmd_verify, "验证已签名的 PDF 文书", "verify a signed PDF document")
    p.add_argument("file")
    p = add("cert", cmd_cert, "管理信任的根证书", "manage trusted root certificates")
    cert_sub = p.add_subparsers(dest="cert_command", metavar="action", required=True)
    cert_sub.add_parser(
        "import-root", help=localized("导入根证书（PEM）到信任库", "import a root certificate (PEM)")
    ).add_argument("file")
    cert_sub.add_parser(
        "export-root", help=localized("导出本机根证书（PEM）", "export this installation's root (PEM)")
    ).add_argument("file")
    cert_sub.add_parser("list-roots", help=localized("列出信任的根证书", "list trusted root certificates"))
    cert_sub.add_parser(
        "init-authority",
        help=localized(
            "创建签发机构：本机成为上级（监管）单位，可下发设备名单、编号段、模板并转交各终端的数据",
            "create an issuing authority: this installation becomes a supervisor office that sends devices, number "
            "blocks and templates and relays laptops' data",
        ),
    ).add_argument("name")
    p = add("issue", cmd_issue, "出具文书（编号、生成 PDF，状态为草稿）", "issue a document (number + PDF, as a draft)")
    p.add_argument("--type", required=True, choices=("RECORD", "ORDER", "DECISION", "RECHECK"))
    p.add_argument(
        "--inspection", required=True, help=localized("检查 ID（可只写开头几位）", "inspection id (unique prefix)")
    )
    p.add_argument(
        "--enterprise", help=localized("企业（名称、信用代码或 ID）", "enterprise (name, credit code or id)")
    )
    p.add_argument(
        "--date", type=date_arg, help=localized("出具日期 YYYY-MM-DD（默认今天）", "issue date (default today)")
    )
    p.add_argument(
        "--measure", action="append", help=localized("现场处理措施（DECISION，可多次）", "measure (DECISION)")
    )
    p.add_argument(
        "--reference-no",
        help=localized("被复查的指令书编号（RECHECK 必填）", "number of the order re-checked (RECHECK, required)"),
    )
    p.add_argument(
        "--reference-date",
        type=date_arg,
        help=localized(
            "被复查的指令书日期 YYYY-MM-DD（RECHECK 必填）", "date of the order re-checked (RECHECK, required)"
        ),
    )
    p.add_argument(
        "--reference-title",
        help=localized(
            "被复查文书的名称（RECHECK，默认 责令限期整改指令书）", "title of the document re-checked (RECHECK)"
        ),
    )
    p.add_argument(
        "--result",
        action="append",
        metavar="HAZARD=RESULT",
        help=localized(
            "隐患的复查结论 FIXED/PARTLY/NOT_FIXED（RECHECK，可多次；默认按隐患是否已销号）",
            "re-check result of a hazard (RECHECK, repeatable; default from the hazard's status)",
        ),
    )
    p.add_argument("--opinion", help=localized("复查意见（RECHECK）", "re-check opinion (RECHECK)"))
    p.add_argument("--out", type=Path, help=localized("把 PDF 写到该文件", "write the PDF to this file"))
    p = add("serve", cmd_serve, "登记已签名文书的送达", "record that a signed document was served")
    p.add_argument("document", help=localized("文书编号或 ID", "document number or id"))
    p.add_argument(
        "--date", type=date_arg, help=localized("送达日期 YYYY-MM-DD（默认今天）", "date served (default today)")
    )
    p.add_argument(
        "--to", help=localized("受送达人（直接送达、留置送达必填）", "recipient (required for DIRECT and LEFT)")
    )
    p.add_argument(
        "--method",
        default="DIRECT",
        choices=vocab.codes("service_methods"),
        help=localized("送达方式", "service method"),
    )
    p = add("batch", cmd_batch, "批量打印文书（按镇街、园区、日期）", "batch-print documents (township, park, dates)")
    p.add_argument("--type", default="ORDER", choices=("RECORD", "ORDER", "DECISION", "RECHECK"))
    _township_batch_arguments(p)
    p.add_argument("--out", required=True, help=localized("输出目录", "output folder"))
    p.add_argument("--one-file", action="store_true", help=localized("合并为一个 PDF", "one merged PDF"))
    add("self-check", cmd_self_check, "自检：在临时数据目录中生成、签名并验证文书，导出并导入同步包",
        "check this installation: a document made, signed and verified, a bundle written and read, in a scratch folder")
    add("backup", cmd_backup, "立即备份数据库", "back the database up now")
    add("backups", cmd_backups, "列出备份", "list the backups")
    p = add("restore", cmd_restore, "从备份恢复数据库（先另存当前数据库）",
            "restore the database from a backup (the current one is saved first)")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--latest", action="store_true", help=localized("最新的备份", "the newest backup"))
    which.add_argument("--file", help=localized("备份文件名或路径", "backup file name or path"))
    p = add("issue-orders", cmd_issue_orders, "为尚无整改指令书的隐患批量生成指令书（草稿）",
            "issue the missing rectification orders as drafts")
    _township_batch_arguments(p)
    p.add_argument("--dry-run", action="store_true", help=localized("只统计，不生成", "count only"))
    p = add("inspector-cert", cmd_inspector_cert, "为检查员创建个人签名证书", "create a personal signing certificate")
    p.add_argument("--inspector", required=True, help=localized("检查员 ID", "inspector id"))
    register_sync_commands(add)
    register_hazard_commands(add)
    register_rating_commands(add)
    add("gui", cmd_gui, "启动图形界面", "start the GUI")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # --lang must take effect before the parser's help texts are built.
    for i, arg in enumerate(argv):
        if arg.startswith("--lang"):
            value = arg.split("=", 1)[1] if "=" in arg else (argv[i + 1] if i + 1 < len(argv) else "zh")
            set_language(value)
    # The usual start, the GUI with its options alone, is parsed without building (and importing) every command.
    args, rest = _top_parser(add_help=False).parse_known_args(argv)
    if rest:
        args = build_parser().parse_args(argv)
    if getattr(args, "command", None) is None:
        args.func = cmd_gui
    try:
        return args.func(args)
    except UserError as exc:
        print(localized("错误：", "Error: ") + exc.message, file=sys.stderr)
        return 1
    except BrokenPipeError:
        # Output piped into `head` or a pager that quit early: not an error of ours. Point stdout at devnull so
        # the interpreter's final flush does not raise again.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
