"""Export and import of sync bundles and receipts (no Qt); the format is in docs/bundle-format.md.

Who holds what, and which bundles came and went, is kept by app/sync/ledger.py.

An import verifies the whole file (app/sync/container.py) and the signer (app/sync/trust.py) before the database is
touched, then merges in one transaction (app/sync/merge.py): the bundle is imported whole or not at all.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from app import __version__
from app.errors import UserError
from app.models.authority import authorities, is_office, local_only_tables
from app.models.clock import unpack
from app.models.db import BUSY_TIMEOUT_S
from app.models.ids import uuid7
from app.models.integrity import BLOB_COLUMNS
from app.models.schema import SCHEMA_VERSION
from app.models.store import ChangeEntry
from app.models.workspace import Workspace
from app.sync import container
from app.sync.admission import Sender
from app.sync.blob_copy import copy_blobs
from app.sync.conflicts import Conflicts
from app.sync.entries import from_line, to_line
from app.sync.header import CHANGES, RECEIPT, Header, read_header
from app.sync.ledger import Ledger
from app.sync.merge import MergeStats, apply_entries
from app.sync.rules import rules, too_large
from app.sync.trust import UNKNOWN, Devices, refusal

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
    code: str = ""  # the refusal's code (e.g. sync.foreign_origin), when refused
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


def _when(hlc: int) -> str:
    try:
        return datetime.fromtimestamp(unpack(hlc)[0] / 1000).isoformat(" ", "minutes")
    except (OverflowError, OSError, ValueError):
        return str(hlc)


def _check_blob_budget(manifest: container.Manifest) -> None:
    limits = rules()
    sizes = [int(f["size"]) for name, f in manifest.files.items() if name.startswith("blobs/")]
    if any(size > limits.max_blob for size in sizes):
        raise too_large("blob", limits.max_blob)
    if sum(sizes) > limits.max_blob_bytes:
        raise too_large("blobs", limits.max_blob_bytes)


def _untrusted_certs(path: Path) -> UserError:
    return UserError(
        "sync.untrusted_certs",
        "同步包 {file} 带有签名根证书，但发出设备不是本机登记的上级（监管）设备；根证书只能由上级下发，"
        "或在核对指纹后手工导入。整个同步包未导入",
        "Bundle {file} carries root certificates but its signer is not a supervisor enrolled here; roots come "
        "only from a supervisor, or are imported by hand after checking their fingerprint. The bundle was not "
        "imported",
        file=path.name,
    )


def _blob_refs() -> dict[tuple[str, str], None]:
    return {(table, column): None for table, columns in BLOB_COLUMNS.items() for column in columns}


class Sync:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.store = ws.store
        self.conn = ws.db.conn
        self.devices = Devices(ws.store)
        self.conflicts = Conflicts(ws.store)
        self.ledger = Ledger(ws.store)
        self._backup_due = False  # import_files backs up before the first bundle that writes

    # What is held and acknowledged

    def acks(self, peer: str) -> dict[str, int]:
        return self.ledger.acks(peer)

    def holdings(self) -> dict[str, int]:
        """Per origin device, the stamp up to which this installation holds every entry."""
        return self.ledger.holdings()

    def peers(self) -> list[str]:
        """Devices this installation has exchanged with, most recent first."""
        return self.ledger.peers()

    def default_peer(self) -> str | None:
        """Where a laptop's bundles go: the supervisor it last heard from, else the last device it heard from."""
        peers = self.peers()
        for peer in peers:
            row = self.devices.find(peer)
            if row and row["role"] == "SUPERVISOR":
                return peer
        return peers[0] if peers else None

    def unacknowledged(self, peer: str | None = None, limit: int = -1) -> int:
        """Entries written here that `peer` (default: any peer) has not acknowledged,
        counted up to `limit` (-1: all)."""
        return self.ledger.unacknowledged(peer, local_only_tables(self.ws.data_dir), limit)

    def acknowledged_until(self) -> int:
        """The stamp up to which some peer holds everything written here (0: nothing acknowledged yet)."""
        return self.ledger.acknowledged_until()

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
            # Only a supervisor office relays and sends trust; a laptop speaks only for itself (anything else would
            # be refused, app/sync/admission.py) and keeps its enrolments local (app/models/authority.py).
            relays = is_office(self.ws.data_dir)
            local = set(local_only_tables(self.ws.data_dir))
            own = self.store.device_id

            def travels(device: str, table: str) -> bool:
                return (relays or device == own) and not (device == own and table in local)

            origins = [r[0] for r in conn.execute("SELECT DISTINCT device FROM change")]
            floor = min((acks.get(origin, 0) for origin in origins), default=0)
            held = self.holdings()
            for hlc, device, table, column, value in conn.execute(
                "SELECT hlc, device, tbl, col, value FROM change WHERE hlc > ?", (floor,)
            ):
                after = acks.get(device, 0)
                if hlc <= after or not travels(device, table):
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
                    if entry.hlc > acks.get(entry.device, 0) and travels(entry.device, entry.table):
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
            container.write_bundle(path, header=header, changes=lines(), blobs=blobs,
                                   certs=self._certs(),
                                   private_key=self.ws.device.private_key)
        finally:
            conn.execute("COMMIT")  # ends the read snapshot; nothing was written
        with self.store.transaction():
            self._record("OUT", CHANGES, bundle_id, self.store.device_id, peer, path, covers,
                         {"entries": count, "blobs": len(blobs)})
        return ExportResult(path, bundle_id, count, len(blobs), path.stat().st_size, covers, sorted(missing))

    def _certs(self) -> dict[str, bytes]:
        """The roots a supervisor hands to its laptops: only an installation with an issuing authority sends any
        (a laptop's roots are not its supervisor's to install; a standalone laptop's personal root is imported by
        hand there after checking its fingerprint)."""
        from app.documents.certs import trusted_roots

        if not is_office(self.ws.data_dir):
            return {}
        roots = trusted_roots(self.ws.data_dir)
        return {f"root-{hashlib.sha256(pem).hexdigest()[:16]}": pem for pem in roots}

    def receipt(self, folder: Path, device: str, label: str | None = None) -> Path:
        """A signed receipt naming every bundle imported from `device`, with what this installation now holds."""
        rows = self.ledger.imported(CHANGES, device)
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
        """Import many bundles, each whole or not at all; a refused file does not stop the others. The database is
        backed up (app/models/backup.py) before the first bundle that changes it: bundles already held cost no copy
        of a city's two gigabytes."""
        self._backup_due = True
        reports = []
        try:
            for index, path in enumerate(paths):
                try:
                    reports.append(self.import_file(Path(path), enrol=enrol, accept_future=accept_future))
                except UserError as exc:
                    reports.append(ImportReport(Path(path), REFUSED, exc.message, exc.code))
                except OSError as exc:  # a USB stick pulled out mid-read
                    error = UserError("sync.unreadable", "无法读取文件 {file}：{error}", "Cannot read {file}: {error}",
                                      file=Path(path).name, error=exc.strerror or str(exc))
                    reports.append(ImportReport(Path(path), REFUSED, error.message, error.code))
                if progress:
                    progress(index + 1, len(paths))
        finally:
            self._backup_due = False  # a later import_file of its own makes none, as before
        return reports

    def import_file(self, path: Path, *, enrol: Enrol | None = None, accept_future: bool = False) -> ImportReport:
        """Import one bundle or receipt whole, or refuse it (UserError, or a REFUSED report naming the signer when
        the file is sound but its signer is not accepted). `enrol(manifest)` is asked about an unknown signer: true,
        or {"label": …, "role": …}, enrols it in the import's transaction."""
        try:
            return self._import_file(path, enrol, accept_future)
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            raise UserError(
                "sync.busy",
                "数据库正被另一个程序（或另一次导入）占用，等待 {seconds} 秒后仍未释放；同步包 {file} 未导入，"
                "请关闭其他 FieldSafe 窗口或稍后再试",
                "The database is held by another program (or another import) and was not released within "
                "{seconds} s; bundle {file} was not imported. Close other FieldSafe windows or try again later",
                file=Path(path).name, seconds=BUSY_TIMEOUT_S,
            ) from exc

    def _import_file(self, path: Path, enrol: Enrol | None, accept_future: bool) -> ImportReport:
        with container.open_bundle(path, members=False) as bundle:
            manifest = bundle.manifest
            header = read_header(manifest.raw, path)
            report = ImportReport(path, IMPORTED, bundle_id=manifest.bundle_id, device=manifest.device,
                                  kind=manifest.kind)
            if header.schema_version > SCHEMA_VERSION:
                raise UserError(
                    "sync.schema_too_new",
                    "同步包 {file} 由较新版本的 FieldSafe 生成（数据结构版本 {found}，本程序支持 {supported}），"
                    "请升级程序后再导入",
                    "Bundle {file} was written by a newer FieldSafe (schema {found}; this program knows {supported}); "
                    "upgrade to import it",
                    file=path.name, found=header.schema_version, supported=SCHEMA_VERSION,
                )
            if self._seen(manifest):
                # The signed manifest names the bundle: nothing else needs reading to know it changes nothing.
                report.status, report.label = ALREADY, self.devices.label(manifest.device)
                return report
            bundle.verify_members()
            trust = self.devices.trust(manifest.device, manifest.public_key)
            report.public_key, report.trust = manifest.public_key, trust.status
            report.label = header.label or manifest.device
            enrolling = enrol(manifest) if trust.status == UNKNOWN and enrol is not None else False
            if not trust.accepted and not enrolling:
                refused = refusal(trust.status, manifest.device, path.name)
                report.status, report.message, report.code = REFUSED, refused.message, refused.code
                return report
            _check_blob_budget(manifest)
            report.skew_ms = unpack(header.created_hlc)[0] - self.store.clock.now_ms()
            if self._backup_due:
                from app.models.backup import make_backup

                make_backup(self.conn, self.ws.data_dir, "merge")
                self._backup_due = False
            with self.store.transaction():
                if self._seen(manifest):  # another process imported it while this one waited for the lock
                    report.status, report.label = ALREADY, self.devices.label(manifest.device)
                    return report
                if enrolling:
                    choice = enrolling if isinstance(enrolling, Mapping) else {}
                    self.devices.enrol(manifest.public_key, str(choice.get("label") or report.label),
                                       role=str(choice.get("role") or "INSPECTOR"))
                sender = Sender(manifest.device, authorities(self.conn, self.store.device_id))
                if bundle.certs() and not sender.is_authority:
                    raise _untrusted_certs(path)
                covers: dict[str, list[int]] = {}
                if header.kind == RECEIPT:
                    report.status = RECEIPT_APPLIED
                    report.acknowledged = self._apply_receipt(manifest.device, header)
                else:
                    report.stats = apply_entries(self.store, self._entries(bundle, path, accept_future), sender,
                                                 rules().max_skew_ms)
                    report.blobs_new = copy_blobs(bundle, self.ws.blobs, report.stats.blob_refs, path.name)
                    covers = self._learn_ranges(sender, header, report.stats)
                self._learn_holdings(manifest.device, header)
                stats = report.stats.as_dict() if report.stats else {"acknowledged": report.acknowledged}
                self._record("IN", header.kind, manifest.bundle_id, manifest.device, None, path, covers, stats,
                             sha=bundle.sha256())
            report.certs_new = self._install_certs(bundle)
            report.label = self.devices.label(manifest.device)
        return report

    def _seen(self, manifest: container.Manifest) -> bool:
        return self.ledger.seen(manifest.device, manifest.bundle_id)

    def _entries(self, bundle: container.OpenBundle, path: Path, accept_future: bool) -> Iterator[ChangeEntry]:
        clock = self.store.clock
        skew = rules().max_skew_ms
        for number, line in enumerate(bundle.lines(), start=1):
            try:
                entry = from_line(line)
            except ValueError as exc:
                raise UserError("sync.bad_line", "同步包 {file} 第 {n} 条变更记录不合法：{reason}，整个同步包未导入",
                                "Change entry {n} of bundle {file} is not valid: {reason}; the bundle was not imported",
                                file=path.name, n=number, reason=str(exc)) from exc
            if not accept_future and clock.is_far_future(entry.hlc, skew):
                raise UserError(
                    "sync.far_future",
                    "同步包 {file} 中有变更记录的时间比本机时钟晚 {minutes} 分钟以上（{when}），"
                    "发出设备的时钟可能有误。"
                    "请核对两台电脑的日期时间；确认无误后可选择“接受时钟偏差”再导入",
                    "Bundle {file} holds entries stamped more than {minutes} minutes ahead of this machine's clock "
                    "({when}); the sending device's clock may be wrong. Check both clocks; import with 'accept clock "
                    "skew' if it is right",
                    file=path.name,
                    minutes=skew // 60_000,
                    when=_when(entry.hlc),
                )
            yield entry

    def _install_certs(self, bundle: container.OpenBundle) -> int:
        """Roots from an authority's bundle (checked before the merge: any other signer's certificates refused it)."""
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

    def _learn_ranges(self, sender: Sender, header: Header, stats: MergeStats) -> dict[str, list[int]]:
        """What the bundle covers, from the entries it really carries: per origin, up to the last stamp carried,
        starting where the header says only when the signer can know (its own entries, or an authority's relay).
        A covered range that starts inside what is held extends it; the sender is known to hold it. Returns the
        verified ranges."""
        held = self.ledger.held()
        verified: dict[str, list[int]] = {}
        for origin, (first, last) in stats.carried.items():
            claim = header.covers.get(origin)
            if origin == self.store.device_id or claim is None or claim[0] >= first:
                continue
            last = min(last, claim[1])
            if origin != sender.device and not sender.is_authority:
                continue
            after = claim[0]
            verified[origin] = [after, last]
            if after <= held.get(origin, 0) < last:
                self.ledger.hold(origin, last)
            self.ledger.extend_ack(sender.device, origin, after, last)
        return verified

    def _learn_holdings(self, peer: str, header: Header) -> None:
        """What the peer says it holds, believed only as far as this installation can tell it is possible: never
        beyond what was written here (own entries) or what is held here (others'), so a claim cannot stop work
        from travelling."""
        held = self.holdings()
        for origin, hlc in header.holdings.items():
            self.ledger.ack(peer, origin, min(hlc, held.get(origin, 0)))

    def _apply_receipt(self, peer: str, header: Header) -> int:
        count = 0
        for bundle_id in header.accepted:
            covers = self.ledger.mark_received(bundle_id)
            if covers is None:
                continue
            for origin, (after, last) in covers.items():
                self.ledger.extend_ack(peer, origin, after, last)
            count += 1
        return count

    def _record(
        self,
        direction: str,
        kind: str,
        bundle_id: str,
        device: str,
        peer: str | None,
        path: Path,
        covers: dict[str, Any],
        stats: dict[str, Any],
        sha: str | None = None,
    ) -> None:
        self.ledger.record(
            direction, kind, bundle_id, device, peer, sha or container.bundle_sha256(path), covers, stats
        )

    def bundles(self, direction: str | None = None) -> list[dict[str, Any]]:
        return self.ledger.bundles(direction)


__all__ = ["ALREADY", "IMPORTED", "RECEIPT_APPLIED", "REFUSED", "ExportResult", "ImportReport", "Sync"]
