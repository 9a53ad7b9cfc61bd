"""`self-check`: the installed program proves on this machine that its pieces are there and work together, in a
fresh data folder that is removed afterwards: the templates and resources load, a document is rendered, signed with
a new inspector key and verified, a sync bundle is written and merged into a second installation. For a build
(build.spec) on a laptop with no network, and for its test. Registered in app/cli."""

from __future__ import annotations

import argparse
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.errors import localized

PASSPHRASE = "self-check-passphrase"


def cmd_self_check(args: argparse.Namespace) -> int:
    folder = Path(tempfile.mkdtemp(prefix="fieldsafe-self-check-"))
    state: dict[str, Any] = {}
    steps: list[tuple[str, str, Callable[[Path, dict[str, Any]], str]]] = [
        ("资源（检查表、题库、字体、译文）", "resources (checklists, question banks, fonts, translations)", _resources),
        ("新数据目录与演示数据", "fresh data folder with demo data", _workspace),
        ("文书：生成、签名、验证", "document: render, sign, verify", _document),
        ("同步包：导出并在另一安装中导入", "sync bundle: export, and import into another installation", _bundle),
    ]
    try:
        for zh, en, step in steps:
            try:
                detail = step(folder, state)
            except Exception as exc:  # noqa: BLE001 - every failure is reported, with its step
                print(localized(f"✗ {zh}：{exc}", f"✗ {en}: {exc}"))
                return 1
            print(f"✓ {localized(zh, en)}" + (f" — {detail}" if detail else ""))
    finally:
        for ws in state.get("open", []):
            ws.close()
        shutil.rmtree(folder, ignore_errors=True)
    print(localized("自检通过", "Self-check passed"))
    return 0


def _resources(_folder: Path, _state: dict[str, Any]) -> str:
    from app.models import content
    from app.resources import resource_path

    loaded = content.load_content()
    fonts = sorted(p.name for p in resource_path("fonts").glob("*.ttf"))
    translations = sorted(p.name for p in resource_path("translations").glob("*.qm"))
    if not fonts or not translations:
        raise RuntimeError(f"fonts {fonts}, translations {translations}")
    return (f"{len(loaded.checklist.items)} items, {len(loaded.banks)} question banks, {len(fonts)} fonts, "
            f"{', '.join(translations)}")


def _workspace(folder: Path, state: dict[str, Any]) -> str:
    from app.models.demo import generate_demo
    from app.models.workspace import Workspace

    ws = Workspace(folder / "laptop")
    state["open"] = [ws]
    state["ws"] = ws
    generate_demo(ws, landlords=2, tenants=4, inspections=2, seed=1)
    return f"{ws.registry.count()} enterprises"


def _document(_folder: Path, state: dict[str, Any]) -> str:
    from app.documents.batch_issue import pending_orders
    from app.documents.certs import trusted_roots
    from app.documents.issuing import Documents
    from app.documents.signing import verify_pdf

    ws = state["ws"]
    docs = Documents(ws)
    pending = pending_orders(ws)
    if not pending:
        raise RuntimeError("the demo has no hazard to order rectified")
    inspector = ws.inspections.inspector_ids(pending[0].inspection_id)[0]
    docs.setup_standalone(inspector, PASSPHRASE)
    document = docs.issue("ORDER", pending[0].inspection_id, pending[0].enterprise_id)
    docs.sign(document, inspector, PASSPHRASE)
    result = verify_pdf(docs.pdf(document), trusted_roots(ws.data_dir))
    if not result.ok:
        raise RuntimeError("; ".join(result.problems) or "the signature does not verify")
    return docs.get(document)["doc_no"]


def _bundle(folder: Path, state: dict[str, Any]) -> str:
    from app.models.workspace import Workspace
    from app.sync.exchange import REFUSED, Sync

    ws = state["ws"]
    usb = folder / "usb"
    usb.mkdir()
    written = Sync(ws).export(usb, everything=True)
    other = Workspace(folder / "supervisor")
    state["open"].append(other)
    [report] = Sync(other).import_files([written.path], enrol=lambda _manifest: {"role": "INSPECTOR"})
    if report.status == REFUSED:
        raise RuntimeError(report.message)
    if other.registry.count() != ws.registry.count():
        raise RuntimeError(f"{other.registry.count()} enterprises arrived of {ws.registry.count()}")
    return f"{written.entries} entries"


__all__ = ["cmd_self_check"]
