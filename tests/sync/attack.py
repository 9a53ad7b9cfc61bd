"""An insider's tools: bundles written by hand and signed with a real enrolled laptop's key, carrying whatever the
attacker wants — entries claiming other devices, trust-table writes, lying manifests, odd blobs."""

from __future__ import annotations

import hashlib
import json
import stat
import zipfile
from pathlib import Path
from typing import Any

from app.models.ids import uuid7
from app.models.schema import SCHEMA_VERSION
from app.models.store import ChangeEntry
from app.models.workspace import Workspace
from app.sync.container import FORMAT, canonical_json
from app.sync.entries import to_line


def line(device: str, table: str, row: str, col: str, value: Any, hlc: int,
         pred: tuple[tuple[int, str], ...] = (), author: str = "攻击者") -> str:
    return to_line(ChangeEntry(hlc, device, author, table, row, col, value, pred))


def row_lines(device: str, table: str, row: str, values: dict[str, Any], first_hlc: int) -> list[str]:
    return [line(device, table, row, col, value, first_hlc + i) for i, (col, value) in enumerate(values.items())]


def forge(signer: Workspace, folder: Path, lines: list[str], *, blobs: dict[str, bytes] | None = None,
          certs: dict[str, bytes] | None = None, name: str | None = None, **header: Any) -> Path:
    """A bundle holding exactly these lines and members, with a manifest whose `files` match them (so the container
    accepts it) and header fields as given, signed with `signer`'s device key."""
    members: dict[str, bytes] = {}
    if lines:
        members["changes.jsonl"] = "".join(text + "\n" for text in lines).encode("utf-8")
    for blob_name, data in (blobs or {}).items():
        members[f"blobs/{blob_name}"] = data
    for cert_name, pem in (certs or {}).items():
        members[f"certs/{cert_name}.pem"] = pem
    manifest: dict[str, Any] = {
        "bundle_id": uuid7(), "kind": "changes", "schema_version": SCHEMA_VERSION, "app_version": "0",
        "created_hlc": signer.clock.tick(), "covers": {}, "holdings": {}, "label": "攻击者",
        **header,
        "format": FORMAT, "device": signer.device.id, "device_pubkey": signer.device.public_bytes().hex(),
        "entry_count": len(lines),
        "files": {n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for n, d in members.items()},
    }
    data = canonical_json(manifest)
    path = Path(folder) / (name or f"forged-{manifest['bundle_id'][-8:]}.fsb")
    with zipfile.ZipFile(path, "w") as zf:
        for member, content in [*members.items(), ("manifest.json", data), ("manifest.sig", signer.device.sign(data))]:
            info = zipfile.ZipInfo(member, (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            zf.writestr(info, content)
    return path


def raw_line(**fields: Any) -> str:
    """A line serialised without the canonical writer's checks (NaN, floats, odd types)."""
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


__all__ = ["forge", "line", "raw_line", "row_lines"]
