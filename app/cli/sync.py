"""Sync commands of the command line: export, import, receipt, devices, conflicts (registered in app/cli)."""

from __future__ import annotations

import argparse
import binascii
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cli.common import print_table, workspace
from app.errors import UserError, localized
from app.sync.conflicts import KINDS
from app.sync.trust import ROLES

Add = Callable[[str, Callable[[argparse.Namespace], int], str, str], argparse.ArgumentParser]


def _ws(args: argparse.Namespace) -> Any:
    return workspace(args)


def _folder(path: Path) -> Path:
    if not path.is_dir():
        raise UserError("cli.no_folder", "目录不存在：{path}", "No such folder: {path}", path=str(path))
    return path


def cmd_export(args: argparse.Namespace) -> int:
    from app.sync.exchange import Sync

    with _ws(args) as ws:
        result = Sync(ws).export(_folder(args.folder), peer=args.to, everything=args.all, label=args.label)
    print(localized("已导出：", "Exported: ") + str(result.path))
    print(
        localized(
            f"变更 {result.entries} 条，文件 {result.blobs} 个，{result.size / 1e6:.1f} MB",
            f"{result.entries} changes, {result.blobs} files, {result.size / 1e6:.1f} MB",
        )
    )
    if result.missing_blobs:
        print(
            localized(
                f"注意：本机缺少 {len(result.missing_blobs)} 个被引用的文件，未能放入同步包",
                f"Note: {len(result.missing_blobs)} referenced files are missing here and were not included",
            )
        )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from app.models.device import key_fingerprint
    from app.sync.exchange import REFUSED, Sync

    def enrol(manifest: Any) -> dict[str, str]:
        print(
            localized(
                f"登记新设备 {manifest.device}（{args.enrol_role}），公钥指纹 {key_fingerprint(manifest.public_key)}",
                f"Enrolling device {manifest.device} ({args.enrol_role}), key fingerprint "
                f"{key_fingerprint(manifest.public_key)}",
            )
        )
        return {"role": args.enrol_role}

    with _ws(args) as ws:
        reports = Sync(ws).import_files(
            [Path(p) for p in args.files], enrol=enrol if args.enrol else None, accept_future=args.accept_clock_skew
        )
    for report in reports:
        print(f"{report.path.name}: {describe(report)}")
    return 1 if any(r.status == REFUSED for r in reports) else 0


def describe(report: Any) -> str:
    """One line for one file's import, as the CLI and the GUI report show it."""
    from app.sync.exchange import ALREADY, RECEIPT_APPLIED, REFUSED

    if report.status == REFUSED:
        return localized("拒绝：", "refused: ") + report.message
    if report.status == ALREADY:
        return localized("已导入过，未作改动", "already imported, nothing changed")
    if report.status == RECEIPT_APPLIED:
        return localized(
            f"回执：对方已接收本机 {report.acknowledged} 个同步包",
            f"receipt: the peer accepted {report.acknowledged} of this device's bundles",
        )
    s = report.stats
    new_conflicts = max(0, s.conflicts_after - s.conflicts_before)
    text = localized(
        f"新变更 {s.new} 条，已有 {s.known} 条，新文件 {report.blobs_new} 个，待补全记录 {s.pending} 条，"
        f"冲突 {s.conflicts_after} 条（新增 {new_conflicts}）",
        f"{s.new} new changes, {s.known} already known, {report.blobs_new} new files, {s.pending} rows waiting, "
        f"{s.conflicts_after} conflicts ({new_conflicts} new)",
    )
    if abs(report.skew_ms) > 10 * 60 * 1000:
        hours = report.skew_ms / 3_600_000
        text += localized(f"；发出设备时钟偏差约 {hours:+.1f} 小时", f"; sender's clock off by about {hours:+.1f} h")
    return text


def cmd_receipt(args: argparse.Namespace) -> int:
    from app.sync.exchange import Sync

    with _ws(args) as ws:
        path = Sync(ws).receipt(_folder(args.folder), args.device)
    print(localized("已生成回执：", "Receipt written: ") + str(path))
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    from app.models.device import key_fingerprint
    from app.sync.trust import Devices

    with _ws(args) as ws:
        devices = Devices(ws.store)
        if args.devices_command == "enrol":
            try:
                key = binascii.unhexlify(args.public_key.strip())
            except (binascii.Error, ValueError) as exc:
                raise UserError(
                    "cli.bad_key", "公钥应为 64 位十六进制", "The public key must be 64 hex digits"
                ) from exc
            devices.enrol(key, args.label, role=args.role)
            print(localized("已登记，指纹：", "Enrolled, fingerprint: ") + key_fingerprint(key))
        elif args.devices_command == "revoke":
            devices.revoke(args.device)
            print(localized("已注销设备 ", "Revoked device ") + args.device)
        else:
            print(
                localized("本机：", "This device: ")
                + f"{ws.device.id}  {ws.device.fingerprint()}  "
                + ws.device.public_bytes().hex()
            )
            print_table(
                [
                    localized(*h)
                    for h in (
                        ("设备", "device"),
                        ("名称", "label"),
                        ("角色", "role"),
                        ("状态", "status"),
                        ("指纹", "fingerprint"),
                    )
                ],
                [
                    (
                        d["device_id"],
                        d["label"] or "",
                        d["role"],
                        localized("已注销", "revoked") if d["revoked"] else localized("有效", "active"),
                        key_fingerprint(binascii.unhexlify(d["public_key"])),
                    )
                    for d in devices.list()
                ],
            )
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    from app.sync.conflicts import Conflicts

    with _ws(args) as ws:
        rows = Conflicts(ws.store).list(args.kind)
        print_table(
            [
                localized(*h)
                for h in (("类别", "kind"), ("表", "table"), ("记录", "record"), ("字段", "field"), ("取值", "values"))
            ],
            [
                (
                    c.kind,
                    c.table,
                    c.title,
                    c.column,
                    " | ".join(f"{ch.value}（{ch.author}）" for ch in c.choices) or ", ".join(c.ids),
                )
                for c in rows
            ],
        )
    return 0


def cmd_install_template(args: argparse.Namespace) -> int:
    from app.models import content

    with _ws(args) as ws:
        templates = ws.inspections.templates
        if args.bank:
            bank = content.load_question_bank(args.bank, Path(args.file))
            row_id, what = templates.install_bank(bank), f"{bank.kind} v{bank.version}"
        else:
            checklist = content.load_checklist(Path(args.file))
            row_id, what = templates.install_checklist(checklist), f"{checklist.code} v{checklist.version}"
    print(
        localized(
            f"已安装 {what}（{row_id}）；下次同步时发给各检查终端",
            f"Installed {what} ({row_id}); it reaches the laptops with the next sync",
        )
    )
    return 0


def cmd_number_block(args: argparse.Namespace) -> int:
    from app.documents.config import shipped_config
    from app.documents.numbering import Numbering

    with _ws(args) as ws:
        numbering = Numbering(ws.store, ws.device.id)
        issuer = shipped_config().issuer_short
        if args.first is not None:
            if args.last is None or args.year is None or args.type is None:
                raise UserError(
                    "cli.block_args",
                    "分配编号段需要 --type、--year、--first 和 --last",
                    "Assigning a block needs --type, --year, --first and --last",
                )
            numbering.assign_block(args.type, issuer, args.year, args.first, args.last, device=args.device)
            print(localized("已分配，随下次同步发给该设备", "Assigned; it reaches the device with the next sync"))
        print_table(
            [
                localized(*h)
                for h in (("类型", "type"), ("年度", "year"), ("起", "first"), ("止", "last"), ("设备", "device"))
            ],
            [(b.doc_type, b.year, b.first, b.last, b.device) for b in numbering.blocks(args.type, issuer, args.year)],
        )
    return 0


def register(add: Add) -> None:
    p = add(
        "export",
        cmd_export,
        "导出同步包（默认：对方尚未确认接收的全部变更）",
        "export a sync bundle (default: everything the peer has not acknowledged)",
    )
    p.add_argument("folder", type=Path, help=localized("目标目录（如 U 盘）", "target folder (e.g. a USB stick)"))
    p.add_argument(
        "--to",
        help=localized("接收方设备编号（默认：上次的上级设备）", "receiving device id (default: last supervisor)"),
    )
    p.add_argument("--all", action="store_true", help=localized("导出全部变更", "export every change"))
    p.add_argument("--label", help=localized("本机在对方列表中的名称", "this device's name in the receiver's list"))
    p = add("import", cmd_import, "导入同步包或回执（可多个）", "import sync bundles or receipts (many at once)")
    p.add_argument("files", nargs="+")
    p.add_argument(
        "--enrol",
        action="store_true",
        help=localized("登记未知的发出设备（先核对指纹）", "enrol unknown sending devices (check the fingerprint)"),
    )
    p.add_argument(
        "--enrol-role",
        default="INSPECTOR",
        choices=ROLES,
        help=localized(
            "登记时的角色；上级（监管）设备用 SUPERVISOR，其包才能修改设备名单、编号段和模板",
            "role given when enrolling; SUPERVISOR lets its bundles change devices, number blocks and templates",
        ),
    )
    p.add_argument(
        "--accept-clock-skew",
        action="store_true",
        help=localized(
            "接受时钟超前的同步包（本机时钟不会因此被拨快）",
            "accept bundles stamped ahead of this clock (this clock is not moved by them)",
        ),
    )
    p = add("receipt", cmd_receipt, "为某设备出具已接收回执", "write a signed receipt for a device's bundles")
    p.add_argument("folder", type=Path)
    p.add_argument("--for", dest="device", required=True, help=localized("设备编号", "device id"))
    p = add("devices", cmd_devices, "列出、登记或注销设备", "list, enrol or revoke devices")
    dev_sub = p.add_subparsers(dest="devices_command", metavar="action")
    q = dev_sub.add_parser("enrol", help=localized("按公钥登记设备", "enrol a device by its public key"))
    q.add_argument("public_key", help=localized("64 位十六进制公钥（见对方 devices 命令）", "64 hex digits"))
    q.add_argument("--label", required=True)
    q.add_argument("--role", default="INSPECTOR", choices=ROLES)
    dev_sub.add_parser("revoke", help=localized("注销设备", "revoke a device")).add_argument("device")
    p = add(
        "number-block",
        cmd_number_block,
        "列出或分配文书编号段（分配给登记的设备）",
        "list or assign document number blocks (to an enrolled device)",
    )
    p.add_argument("--type", choices=("RECORD", "ORDER", "DECISION", "RECHECK"))
    p.add_argument("--year", type=int)
    p.add_argument("--first", type=int)
    p.add_argument("--last", type=int)
    p.add_argument("--device", help=localized("设备编号（默认本机）", "device id (default: this one)"))
    p = add(
        "install-template",
        cmd_install_template,
        "安装新版检查表或题库（随同步下发）",
        "install a new checklist or question bank version (sent out by sync)",
    )
    p.add_argument("file", help=localized("TOML 文件（格式同 resources/ 下的文件）", "TOML file, as in resources/"))
    p.add_argument(
        "--bank",
        choices=("principal", "landlord", "safety_officer", "worker"),
        help=localized("题库种类（不填则为检查表）", "question bank kind (default: a checklist)"),
    )
    p = add("conflicts", cmd_conflicts, "列出同步冲突", "list sync conflicts")
    p.add_argument("--kind", choices=KINDS)
