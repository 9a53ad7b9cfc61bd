"""Helpers shared by tests (fixtures live in conftest.py)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from app.cli import main
from app.models.workspace import Workspace


def file_bytes(ws: Workspace) -> str:
    """The database file and its write-ahead log, byte for byte (what "the database is unchanged" means)."""
    digest = hashlib.sha256()
    for suffix in ("", "-wal"):
        path = Path(str(ws.db_path) + suffix)
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


def change_count(workspace: Workspace) -> int:
    return int(workspace.db.conn.execute("SELECT count(*) FROM change").fetchone()[0])


def cli_call(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """`app.cli.main(ARGS)` in-process: (exit status, stdout, stderr); argparse's SystemExit counts as a status."""
    capsys.readouterr()
    try:
        status = main([str(a) for a in args])
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return status, out, err


INSPECTORS = (("张明", "浙应执 0123", "集士港镇应急管理办公室"), ("李华", "浙应执 0456", "集士港镇应急管理办公室"))
OUTSIDER = ("赵强", "浙应执 0789", "鄞州区应急管理局")


@dataclass(frozen=True)
class Site:
    """The ids of what `build_site` made."""

    ws: Workspace
    landlord: str
    tenant: str
    principal: str | None  # the tenant's principal (a person id)
    inspectors: tuple[str, ...]  # everyone on the roster from INSPECTORS, in order
    inspection: str
    outsider: str | None = None  # on the roster, never on the team


def build_site(
    ws: Workspace,
    *,
    now: datetime | None = None,
    inspectors: int = 2,
    team: int | None = None,
    landlord_principal: bool = False,
    outsider: bool = False,
    tenant_address: str | None = None,
) -> Site:
    """A landlord (集士港村股份经济合作社) leasing to one tenant (宁波恒达五金制品厂, principal 王建国) in 集士港镇,
    the first `inspectors` of INSPECTORS on the roster and an open 厂中厂专项检查 of both by the first `team` of them
    (all by default), started at `now` (frozen for the inspection service when given). `landlord_principal` gives the
    landlord one (陈志强); `outsider` adds OUTSIDER to the roster."""
    if not 1 <= inspectors <= len(INSPECTORS):
        raise ValueError(f"inspectors must be 1..{len(INSPECTORS)}")
    if now is not None:
        ws.inspections.now = lambda: now
    town = ws.registry.ensure_org_unit("集士港镇", "township")
    landlord = ws.registry.create_enterprise(name="集士港村股份经济合作社", township_id=town)
    address = {} if tenant_address is None else {"address": tenant_address}
    tenant = ws.registry.create_enterprise(name="宁波恒达五金制品厂", township_id=town, **address)
    ws.registry.add_lease(landlord, tenant)
    principal = ws.registry.set_person(tenant, "principal", "王建国", "13805741234")
    if landlord_principal:
        ws.registry.set_person(landlord, "principal", "陈志强", "13905748765")
    roster = tuple(ws.roster.add_inspector(*row) for row in INSPECTORS[:inspectors])
    stranger = ws.roster.add_inspector(*OUTSIDER) if outsider else None
    members = list(roster if team is None else roster[:team])
    inspection = ws.inspections.start(landlord, members, purpose="厂中厂专项检查", tenant_ids=[tenant])
    return Site(ws, landlord, tenant, principal, roster, inspection, stranger)
