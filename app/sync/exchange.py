"""Export and import of sync bundles and receipts (no Qt); the format is in docs/bundle-format.md.

Who holds what:
- `sync_have(origin, hlc)`: this installation holds every entry of `origin` up to `hlc` (no gaps). It grows when a
  bundle covers a range that starts inside what is already held. Its own entries are always all held.
- `sync_ack(peer, origin, hlc)`: `peer` is known to hold every entry of `origin` up to `hlc` — learnt from the
  holdings in the peer's bundles and receipts, and from the ranges of bundles the peer sent. An export to a peer
  carries every entry above those marks: what the peer has not acknowledged is sent again (nothing is dropped on a
  guess), what it holds is not (a laptop does not send the supervisor's registry back to it).

An import verifies the whole file (app/sync/container.py) and the signer (app/sync/trust.py) before the database is
touched, then merges in one transaction (app/sync/merge.py): the bundle is imported whole or not at all.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from app import __version__
from app.errors import UserError
from app.models.clock import unpack
from app.models.ids import uuid7
from app.models.integrity import BLOB_COLUMNS
from app.models.schema import SCHEMA_VERSION
from app.models.store import ChangeEntry
from app.models.workspace import Workspace
from app.sync import container
from app.sync.entries import from_line, to_line
from app.sync.merge import MergeStats, apply_entries
from app.sync.trust import UNKNOWN, Devices, refusal

CHANGES, RECEIPT = "changes", "receipt"
Enrol = Callable[[container.Manifest], "bool | Mapping[str, str]"]

# Statuses of one file's import.
IMPORTED, ALREADY, REFUSED, RECEIPT_APPLIED = "IMPORTED", "ALREADY", "REFUSED", "RECEIPT"


@dataclass
class ExportResult:
    path: Path
    bundle_id: str
    entries: int
    blobs: int
    size: int
    covers: dict[str, list[int]]
    missing_blobs: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    path: Path
    status: str
    message: str = ""
    bundle_id: str = ""
    device: str = ""
    label: str = ""
    kind: str = ""
    stats: MergeStats | None = None
    blobs_new: int = 0
    certs_new: int = 0
    skew_ms: int = 0  # how far the bundle's newest stamp is ahead of this machine's clock (negative: behind)
    acknowledged: int = 0  # receipts: bundles of ours the peer confirmed
    public_key: bytes = b""  # the signer's key (to enrol it after a refusal for an unknown device)
    trust: str = ""  # the signer's standing (app/sync/trust.py), when the file was readable


def _blob_refs() -> dict[tuple[str, str], None]:
    return {(table, column): None for table, columns in BLOB_COLUMNS.items() for column in columns}


class Sync:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.store = ws.store
        self.conn = ws.db.conn
        self.devices = Devices(ws.store)

    # What is held and acknowledged

    def acks(self, peer: str) -> dict[str, int]:
        return dict(self.conn.execute("SELECT origin, hlc FROM sync_ack WHERE peer = ?", (peer,)).fetchall())

    def holdings(self) -> dict[str, int]:
        """Per origin device, the stamp up to which this installation holds every entry."""
        held = dict(self.conn.execute("SELECT origin, hlc FROM sync_have").fetchall())
        own = self.conn.execute("SELECT max(hlc) FROM change WHERE device = ?", (self.store.device_id,)).fetchone()[0]
        held[self.store.device_id] = int(own or 0)
        return held

    def peers(self) -> list[str]:
        """Devices this installation has exchanged with, most recent first."""
        rows = self.conn.execute(
            "SELECT device FROM sync_bundle WHERE direction = 'IN' GROUP BY device ORDER BY max(at) DESC"
        ).fetchall()
        return [r[0] for r in rows if r[0] != self.store.device_id]

    def default_peer(self) -> str | None:
        """Where a laptop's bundles go: the supervisor it last heard from, else the last device it heard from."""
        peers = self.peers()
        for peer in peers:
            row = self.devices.find(peer)
            if row and row["role"] == "SUPERVISOR":
                return peer
        return peers[0] if peers else None

    def unacknowledged(self, peer: str | None = None) -> int:
        """Entries written here that `peer` (default: any peer) has not acknowledged."""
        if peer is None:
            return self.ws.unsynced_changes()
        mark = self.acks(peer).get(self.store.device_id, 0)
        return int(self.conn.execute(
            "SELECT count(*) FROM change WHERE device = ? AND hlc > ?", (self.store.device_id, mark)
        ).fetchone()[0])

    def acknowledged_until(self) -> int:
        """The stamp up to which some peer holds everything written here (0: nothing acknowledged yet)."""
        mark = self.conn.execute(
            "SELECT max(hlc) FROM sync_ack WHERE origin = ?", (self.store.device_id,)
        ).fetchone()[0]
        return int(mark or 0)

    # Export

    def export(self, folder: Path, *, peer: str | None = None, everything: bool = False,
               label: str | None = None) -> ExportResult:
        """Write a bundle of every entry `peer` has not acknowledged (all entries with `everything`, or when there is
        no peer) into `folder`; return what it holds. Without a peer, the default peer (default_peer) is meant."""
        if peer is None and not everything:
            peer = self.default_peer()
        acks = {} if everything or peer is None else self.acks(peer)
        refs = _blob_refs()
        covers: dict[str, list[int]] = {}
        blobs: dict[str, Path] = {}
        missing: set[str] = set()
        count = 0
        conn = self.conn
        # One read snapshot for both passes (WAL: the GUI keeps writing meanwhile; the bundle holds what the first
        # pass counted). Pass 1 finds the ranges and the files; pass 2 streams the lines into the zip, so a
        # supervisor's export of millions of entries never holds them in memory.
        conn.execute("BEGIN")
        try:
            origins = [r[0] for r in conn.execute("SELECT DISTINCT device FROM change")]
            floor = min((acks.get(origin, 0) for origin in origins), default=0)
            held = self.holdings()
            for hlc, device, table, column, value in conn.execute(
                "SELECT hlc, device, tbl, col, value FROM change WHERE hlc > ?", (floor,)
            ):
                after = acks.get(device, 0)
                if hlc <= after:
                    continue
                count += 1
                span = covers.setdefault(device, [after, after])
                span[1] = max(span[1], hlc)
                if (table, column) in refs:
                    sha = json.loads(value)
                    if isinstance(sha, str) and sha:
                        if self.ws.blobs.has(sha):
                            blobs[sha] = self.ws.blobs.path(sha)
                        else:
                            missing.add(sha)
            for origin, span in covers.items():
                if origin != self.store.device_id:
                    # Claim a range only as far as this installation holds it without gaps.
                    span[1] = min(span[1], held.get(origin, span[1]))

            def lines() -> Iterator[str]:
                cursor = conn.execute(
                    f"SELECT {ChangeEntry.COLUMNS} FROM change WHERE hlc > ? ORDER BY hlc, device", (floor,)
                )
                for row in cursor:
                    entry = ChangeEntry.from_row(row)
                    if entry.hlc > acks.get(entry.device, 0):
                        yield to_line(entry)

            bundle_id = uuid7()
            now = datetime.now().astimezone()
            header = {
                "bundle_id": bundle_id, "kind": CHANGES, "schema_version": SCHEMA_VERSION,
                "app_version": __version__, "created_hlc": self.store.clock.tick(),
                "created_at": now.isoformat(timespec="seconds"), "covers": covers, "entry_count": count,
                "holdings": held, "peer": peer, "label": label or self.store.device_id,
            }
            name = f"fieldsafe-{self.store.device_id}-{now:%Y%m%d-%H%M%S}-{bundle_id[-6:]}{container.SUFFIX}"
            path = Path(folder) / name
            container.write_bundle(path, header=header, changes=lines(), blobs=blobs, certs=self._certs(),
                                   private_key=self.ws.device.private_key)
        finally:
            conn.execute("COMMIT")  # ends the read snapshot; nothing was written
        with self.store.transaction():
            self._record("OUT", CHANGES, bundle_id, self.store.device_id, peer, path, covers,
                         {"entries": count, "blobs": len(blobs)})
        return ExportResult(path, bundle_id, count, len(blobs), path.stat().st_size, covers, sorted(missing))

    def _certs(self) -> dict[str, bytes]:
        from app.documents.certs import trusted_roots

        roots = trusted_roots(self.ws.data_dir)
        return {f"root-{hashlib.sha256(pem).hexdigest()[:16]}": pem for pem in roots}

    def receipt(self, folder: Path, device: str, label: str | None = None) -> Path:
        """A signed receipt naming every bundle imported from `device`, with what this installation now holds."""
        rows = self.conn.execute(
            "SELECT bundle_id, file_sha256 FROM sync_bundle WHERE direction = 'IN' AND kind = ? AND device = ? "
            "ORDER BY at, bundle_id", (CHANGES, device),
        ).fetchall()
        if not rows:
            raise UserError("sync.nothing_to_receipt", "还没有导入过设备 {device} 的同步包，无法出具回执",
                            "No bundle from device {device} has been imported; there is nothing to acknowledge",
                            device=device)
        bundle_id = uuid7()
        now = datetime.now().astimezone()
        header = {
            "bundle_id": bundle_id, "kind": RECEIPT, "schema_version": SCHEMA_VERSION, "app_version": __version__,
            "created_hlc": self.store.clock.tick(), "created_at": now.isoformat(timespec="seconds"),
            "covers": {}, "entry_count": 0, "holdings": self.holdings(), "peer": device,
            "accepted": [{"bundle_id": b, "sha256": s} for b, s in rows],
            "label": label or self.store.device_id,
        }
        path = Path(folder) / f"receipt-{self.store.device_id}-for-{device}-{now:%Y%m%d-%H%M%S}{container.SUFFIX}"
        container.write_bundle(path, header=header, changes=[], blobs={}, certs={},
                               private_key=self.ws.device.private_key)
        with self.store.transaction():
            self._record("OUT", RECEIPT, bundle_id, self.store.device_id, device, path, {}, {"accepted": len(rows)})
        return path

    # Import

    def import_files(
        self, paths: Sequence[Path], *, enrol: Enrol | None = None,
        accept_future: bool = False, progress: Callable[[int, int], None] | None = None,
    ) -> list[ImportReport]:
        """Import many bundles, each whole or not at all; a refused file does not stop the others."""
        reports = []
        for index, path in enumerate(paths):
            try:
                reports.append(self.import_file(Path(path), enrol=enrol, accept_future=accept_future))
            except UserError as exc:
                reports.append(ImportReport(Path(path), REFUSED, exc.message))
            except OSError as exc:  # a USB stick pulled out mid-read
                reports.append(ImportReport(Path(path), REFUSED, UserError(
                    "sync.unreadable", "无法读取文件 {file}：{error}", "Cannot read {file}: {error}",
                    file=Path(path).name, error=exc.strerror or str(exc)).message))
            if progress:
                progress(index + 1, len(paths))
        return reports

    def import_file(self, path: Path, *, enrol: Enrol | None = None, accept_future: bool = False) -> ImportReport:
        """Import one bundle or receipt whole, or refuse it (UserError, or a REFUSED report naming the signer when
        the file is sound but its signer is not accepted). `enrol(manifest)` is asked about an unknown signer: true,
        or {"label": …, "role": …}, enrols it in the import's transaction."""
        with container.open_bundle(path, members=False) as bundle:
            manifest = bundle.manifest
            raw = manifest.raw
            report = ImportReport(path, IMPORTED, bundle_id=manifest.bundle_id, device=manifest.device,
                                  kind=manifest.kind)
            if int(raw.get("schema_version", 0)) > SCHEMA_VERSION:
                raise UserError(
                    "sync.schema_too_new",
                    "同步包 {file} 由较新版本的 FieldSafe 生成（数据结构版本 {found}，本程序支持 {supported}），"
                    "请升级程序后再导入",
                    "Bundle {file} was written by a newer FieldSafe (schema {found}; this program knows {supported}); "
                    "upgrade to import it",
                    file=path.name, found=raw.get("schema_version"), supported=SCHEMA_VERSION,
                )
            if self.conn.execute("SELECT 1 FROM sync_bundle WHERE bundle_id = ?", (manifest.bundle_id,)).fetchone():
                # The signed manifest names the bundle: nothing else needs reading to know it changes nothing.
                report.status, report.label = ALREADY, self.devices.label(manifest.device)
                return report
            bundle.verify_members()
            trust = self.devices.trust(manifest.device, manifest.public_key)
            report.public_key, report.trust = manifest.public_key, trust.status
            report.label = str(raw.get("label") or manifest.device)
            enrolling = enrol(manifest) if trust.status == UNKNOWN and enrol is not None else False
            if not trust.accepted and not enrolling:
                report.status, report.message = REFUSED, refusal(trust.status, manifest.device, path.name).message
                return report
            created_ms = unpack(int(raw.get("created_hlc", 0)))[0]
            report.skew_ms = created_ms - self.store.clock._now()
            with self.store.transaction():
                if enrolling:
                    choice = enrolling if isinstance(enrolling, Mapping) else {}
                    self.devices.enrol(manifest.public_key, str(choice.get("label") or report.label),
                                       role=str(choice.get("role") or "INSPECTOR"))
                if manifest.kind == RECEIPT:
                    report.status = RECEIPT_APPLIED
                    report.acknowledged = self._apply_receipt(manifest)
                else:
                    report.stats = apply_entries(self.store, self._entries(bundle, path, accept_future))
                    report.blobs_new = self._copy_blobs(bundle)
                    self._learn_ranges(manifest)
                self._learn_holdings(manifest)
                stats = report.stats.as_dict() if report.stats else {"acknowledged": report.acknowledged}
                self._record("IN", manifest.kind, manifest.bundle_id, manifest.device, None, path,
                             raw.get("covers") or {}, stats, sha=bundle.sha256())
            report.certs_new = self._install_certs(bundle)
            report.label = self.devices.label(manifest.device)
        return report

    def _entries(self, bundle: container.OpenBundle, path: Path, accept_future: bool) -> Iterator[ChangeEntry]:
        clock = self.store.clock
        for number, line in enumerate(bundle.lines(), start=1):
            try:
                entry = from_line(line)
            except (ValueError, TypeError, KeyError) as exc:
                raise UserError("sync.bad_line", "同步包 {file} 第 {n} 条变更记录无法读取：{reason}",
                                "Change entry {n} of bundle {file} cannot be read: {reason}",
                                file=path.name, n=number, reason=str(exc)) from exc
            if not accept_future and clock.is_far_future(entry.hlc):
                raise UserError(
                    "sync.far_future",
                    "同步包 {file} 中有变更记录的时间比本机时钟晚一天以上（{when}），发出设备的时钟可能有误。"
                    "请核对两台电脑的日期时间；确认无误后可选择“接受时钟偏差”再导入",
                    "Bundle {file} holds entries stamped more than a day ahead of this machine's clock ({when}); "
                    "the sending device's clock may be wrong. Check both clocks; import with 'accept clock skew' "
                    "if it is right",
                    file=path.name, when=datetime.fromtimestamp(unpack(entry.hlc)[0] / 1000).isoformat(" ", "minutes"),
                )
            yield entry

    def _copy_blobs(self, bundle: container.OpenBundle) -> int:
        new = 0
        for sha in bundle.blob_names():
            if self.ws.blobs.has(sha):
                continue
            buffer = io.BytesIO()
            bundle.copy_blob(sha, buffer)
            self.ws.blobs.put(buffer.getvalue(), durable=False)
            new += 1
        # One flush for the whole bundle, before the commit that refers to these files (fsync per photo made
        # the merge ten times slower: benchmarks/bench_sync.py).
        self.ws.blobs.sync()
        return new

    def _install_certs(self, bundle: container.OpenBundle) -> int:
        from app.documents.certs import import_root, trusted_roots

        known = set(trusted_roots(self.ws.data_dir))
        installed = 0
        for pem in bundle.certs().values():
            if pem not in known:
                try:
                    import_root(self.ws.data_dir, pem)
                    installed += 1
                except UserError:
                    continue  # not a root certificate: nothing to install
        return installed

    def _learn_ranges(self, manifest: container.Manifest) -> None:
        """Ranges a bundle covers extend what this installation holds and what its sender is known to hold."""
        held = dict(self.conn.execute("SELECT origin, hlc FROM sync_have").fetchall())
        for origin, (after, last) in (manifest.raw.get("covers") or {}).items():
            if origin == self.store.device_id:
                continue
            if int(after) <= held.get(origin, 0) < int(last):
                self._hold(origin, int(last))
            self._extend_ack(manifest.device, origin, int(after), int(last))

    def _learn_holdings(self, manifest: container.Manifest) -> None:
        for origin, hlc in (manifest.raw.get("holdings") or {}).items():
            self._ack(manifest.device, origin, int(hlc))

    def _apply_receipt(self, manifest: container.Manifest) -> int:
        accepted = [a.get("bundle_id") for a in manifest.raw.get("accepted") or [] if isinstance(a, dict)]
        count = 0
        for bundle_id in accepted:
            row = self.conn.execute(
                "SELECT covers FROM sync_bundle WHERE bundle_id = ? AND direction = 'OUT'", (bundle_id,)
            ).fetchone()
            if row is None:
                continue
            self.conn.execute("UPDATE sync_bundle SET acked = 1 WHERE bundle_id = ?", (bundle_id,))
            for origin, (after, last) in json.loads(row[0]).items():
                self._extend_ack(manifest.device, origin, int(after), int(last))
            count += 1
        return count

    def _extend_ack(self, peer: str, origin: str, after: int, last: int) -> None:
        if after <= self.acks(peer).get(origin, 0):
            self._ack(peer, origin, last)

    def _hold(self, origin: str, hlc: int) -> None:
        self.conn.execute(
            "INSERT INTO sync_have (origin, hlc) VALUES (?, ?) "
            "ON CONFLICT (origin) DO UPDATE SET hlc = max(hlc, excluded.hlc)", (origin, hlc),
        )

    def _ack(self, peer: str, origin: str, hlc: int) -> None:
        self.conn.execute(
            "INSERT INTO sync_ack (peer, origin, hlc) VALUES (?, ?, ?) "
            "ON CONFLICT (peer, origin) DO UPDATE SET hlc = max(hlc, excluded.hlc)", (peer, origin, hlc),
        )

    def _record(self, direction: str, kind: str, bundle_id: str, device: str, peer: str | None, path: Path,
                covers: dict[str, Any], stats: dict[str, Any], sha: str | None = None) -> None:
        self.conn.execute(
            "INSERT INTO sync_bundle (bundle_id, direction, kind, device, peer, file_sha256, covers, stats, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (bundle_id, direction, kind, device, peer, sha or container.bundle_sha256(path),
             json.dumps(covers, sort_keys=True), json.dumps(stats, ensure_ascii=False, sort_keys=True),
             datetime.now().astimezone().isoformat(timespec="seconds")),
        )

    def bundles(self, direction: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * FROM sync_bundle" + (" WHERE direction = ?" if direction else "") + " ORDER BY at DESC"
        return self.store.query(sql, (direction,) if direction else ())


__all__ = ["ALREADY", "IMPORTED", "RECEIPT_APPLIED", "REFUSED", "ExportResult", "ImportReport", "Sync"]
