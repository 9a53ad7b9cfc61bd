"""The merge layer's part of a manifest (docs/bundle-format.md §5), checked field by field before anything is used.

The container (app/sync/container.py) checks what it needs to verify the file; this checks what the exporter says
about the bundle — its schema version, clock, the ranges it claims to cover and what it claims to hold — so a
malformed value is a refusal naming the field, never a traceback. What the claims *mean* is decided later against
the entries really carried (app/sync/exchange.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.sync.rules import DEVICE_RE, MAX_STAMP, is_stamp

CHANGES, RECEIPT = "changes", "receipt"


@dataclass(frozen=True)
class Header:
    kind: str
    schema_version: int
    created_hlc: int
    covers: dict[str, tuple[int, int]]
    holdings: dict[str, int]
    accepted: tuple[str, ...]  # receipts: the bundle ids acknowledged
    label: str


def _bad(path: Path, field: str) -> UserError:
    return UserError(
        "sync.bad_manifest",
        "同步包 {file} 的清单字段 {field} 格式不正确，整个同步包未导入",
        "The manifest field {field} of bundle {file} is malformed; the bundle was not imported",
        file=path.name, field=field,
    )


def _mark(value: Any) -> bool:
    return type(value) is int and 0 <= value <= MAX_STAMP


def _devices(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and DEVICE_RE.fullmatch(k) for k in value)


def read_header(raw: dict[str, Any], path: Path) -> Header:
    kind = raw.get("kind")
    if kind not in (CHANGES, RECEIPT):
        raise _bad(path, "kind")
    version = raw.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _bad(path, "schema_version")
    created = raw.get("created_hlc")
    if not is_stamp(created):
        raise _bad(path, "created_hlc")
    covers = raw.get("covers", {})
    if not (_devices(covers) and all(
        isinstance(v, list) and len(v) == 2 and _mark(v[0]) and _mark(v[1]) and v[0] <= v[1] for v in covers.values()
    )):
        raise _bad(path, "covers")
    holdings = raw.get("holdings", {})
    if not (_devices(holdings) and all(_mark(v) for v in holdings.values())):
        raise _bad(path, "holdings")
    accepted = raw.get("accepted", [])
    if not (isinstance(accepted, list) and all(
        isinstance(a, dict) and isinstance(a.get("bundle_id"), str) for a in accepted
    )):
        raise _bad(path, "accepted")
    label = raw.get("label")
    return Header(
        kind, version, created, {k: (v[0], v[1]) for k, v in covers.items()}, dict(holdings),
        tuple(a["bundle_id"] for a in accepted), label[:200] if isinstance(label, str) else "",
    )


__all__ = ["CHANGES", "RECEIPT", "Header", "read_header"]
