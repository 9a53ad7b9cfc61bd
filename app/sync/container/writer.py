"""Writing a bundle: members streamed into a temporary zip, checked, signed, then moved into place."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.models.blobs import fsync_dir, unlink_quietly
from app.sync.container.format import (
    BLOB_PREFIX,
    CERT_NAME_RE,
    CERT_PREFIX,
    CERT_SUFFIX,
    CHANGES,
    CHUNK,
    FILE_MODE,
    FIXED_DATE,
    FORMAT,
    KINDS,
    MANIFEST,
    SHA_RE,
    SIGNATURE,
    SIGNATURE_SIZE,
    SUFFIX,
    UNIX,
    BundleError,
    Limits,
    Manifest,
    canonical_json,
    header_problem,
    public_hex,
)

# --- writing ---------------------------------------------------------------------------------------------------


def _zinfo(name: str, compress_type: int, size: int = 0) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
    info.compress_type = compress_type
    info.create_system = UNIX
    info.external_attr = FILE_MODE << 16
    info.file_size = size
    return info


def write_bundle(
    path: Path,
    *,
    header: dict[str, Any],
    changes: Iterable[str],
    blobs: Mapping[str, Path],
    certs: Mapping[str, bytes],
    private_key: Ed25519PrivateKey,
    limits: Limits = Limits(),
) -> Manifest:
    """Write a signed bundle to `path` atomically and return its manifest.

    `header` holds the caller's manifest fields (at least `bundle_id` and `kind`); this function adds `format`,
    `device`, `device_pubkey`, `files`, and `entry_count` unless the header has it (then it must match).
    `changes` are canonical JSON lines without "\\n"; none at all -> no changes.jsonl member. `blobs` maps a
    SHA-256 hex to the file holding those bytes (checked while copying). `certs` maps a name to PEM bytes.
    A malformed argument is a programming error (ValueError/TypeError); a blob file that is missing or does
    not match its hash, a bundle the default limits would refuse, or a failed write is a BundleError.
    """
    path = Path(path)
    file = str(path)
    manifest_fields = _check_header(header)
    for name, pem in certs.items():
        if not isinstance(name, str) or not CERT_NAME_RE.fullmatch(name):
            raise ValueError(f"certificate name {name!r} does not match [A-Za-z0-9_.-]{{1,64}}")
        if not isinstance(pem, (bytes, bytearray)):
            raise TypeError(f"certificate {name!r} must be bytes")
    for sha in blobs:
        if not isinstance(sha, str) or not SHA_RE.fullmatch(sha):
            raise ValueError(f"blob name {sha!r} is not a lowercase SHA-256 hex digest")

    device, pubkey_hex = public_hex(private_key)
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=SUFFIX + ".part", dir=folder)
    except OSError as exc:
        raise _write_failed(file, exc) from exc
    try:
        with os.fdopen(fd, "wb") as out:
            with zipfile.ZipFile(out, "w", allowZip64=True) as zf:
                files: dict[str, dict[str, Any]] = {}
                count = _write_changes(zf, changes, files, limits, file)
                for name in sorted(certs):
                    member = f"{CERT_PREFIX}{name}{CERT_SUFFIX}"
                    data = bytes(certs[name])
                    zf.writestr(_zinfo(member, zipfile.ZIP_DEFLATED, len(data)), data)
                    files[member] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                for sha in sorted(blobs):
                    files[BLOB_PREFIX + sha] = _write_blob(zf, sha, Path(blobs[sha]), file)
                if "entry_count" in manifest_fields and manifest_fields["entry_count"] != count:
                    raise ValueError(f"header entry_count {manifest_fields['entry_count']} but {count} change lines")
                raw = {
                    **manifest_fields,
                    "entry_count": count,
                    "format": FORMAT,
                    "device": device,
                    "device_pubkey": pubkey_hex,
                    "files": files,
                }
                data = canonical_json(raw)
                if len(data) > limits.max_manifest:
                    raise BundleError(
                        "bundle.manifest_too_large",
                        "无法写出同步包 {file}：清单有 {size} 字节，超过上限 {limit} 字节（文件太多）。",
                        "Cannot write sync bundle {file}: its manifest is {size} bytes, over the limit of {limit} "
                        "(too many files).",
                        file=file, size=len(data), limit=limits.max_manifest,
                    )
                zf.writestr(_zinfo(MANIFEST, zipfile.ZIP_DEFLATED, len(data)), data)
                zf.writestr(_zinfo(SIGNATURE, zipfile.ZIP_STORED, SIGNATURE_SIZE), private_key.sign(data))
                _check_written(zf, limits, file)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.chmod(tmp, 0o644)  # mkstemp makes it private; a bundle is meant to be carried to another machine
        except OSError:
            pass
        os.replace(tmp, path)
    except BaseException as exc:
        unlink_quietly(tmp)
        if isinstance(exc, OSError):
            raise _write_failed(file, exc) from exc
        raise
    fsync_dir(folder)
    return Manifest(raw=json.loads(data), data=data)


def _check_header(header: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(header, Mapping):
        raise TypeError("header must be a mapping")
    reserved = {"format", "device", "device_pubkey", "files"} & set(header)
    if reserved:
        raise ValueError(f"header must not set {', '.join(sorted(reserved))}: write_bundle fills them in")
    if not isinstance(header.get("bundle_id"), str) or not header["bundle_id"]:
        raise ValueError("header needs a bundle_id string")
    if header.get("kind") not in KINDS:
        raise ValueError(f"header kind must be one of {KINDS}, not {header.get('kind')!r}")
    count = header.get("entry_count")
    if "entry_count" in header and (not isinstance(count, int) or isinstance(count, bool) or count < 0):
        raise ValueError("header entry_count must be a non-negative integer")
    fields = dict(header)
    canonical_json(fields)  # fails early (TypeError/ValueError) on values JSON cannot carry
    return fields


def _write_changes(
    zf: zipfile.ZipFile, changes: Iterable[str], files: dict[str, dict[str, Any]], limits: Limits, file: str
) -> int:
    lines = iter(changes)
    first = next(lines, None)
    if first is None:
        return 0
    digest = hashlib.sha256()
    size = count = 0
    # force_zip64 only matters past 2 GiB, far beyond max_member; without it zipfile refuses such a member.
    with zf.open(_zinfo(CHANGES, zipfile.ZIP_DEFLATED), "w", force_zip64=limits.max_member >= zipfile.ZIP64_LIMIT) as w:
        for line in _chain(first, lines):
            if not isinstance(line, str):
                raise TypeError(f"change line {count + 1} is {type(line).__name__}, not str")
            if "\n" in line or "\r" in line or not line:
                raise ValueError(f"change line {count + 1} is empty or contains a line break")
            data = line.encode("utf-8")
            count += 1
            if len(data) > limits.max_entries_line:
                raise BundleError(
                    "bundle.line_too_long",
                    "无法写出同步包 {file}：第 {n} 条变更有 {size} 字节，超过单行上限 {limit} 字节。",
                    "Cannot write sync bundle {file}: change {n} is {size} bytes, over the limit of {limit} for "
                    "one line.",
                    file=file, n=count, size=len(data), limit=limits.max_entries_line,
                )
            data += b"\n"
            digest.update(data)
            size += len(data)
            w.write(data)
    files[CHANGES] = {"sha256": digest.hexdigest(), "size": size}
    return count


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def _write_blob(zf: zipfile.ZipFile, sha: str, source: Path, file: str) -> dict[str, Any]:
    digest = hashlib.sha256()
    size = 0
    try:
        with source.open("rb") as src:
            expected_size = os.fstat(src.fileno()).st_size
            with zf.open(_zinfo(BLOB_PREFIX + sha, zipfile.ZIP_STORED, expected_size), "w") as w:
                while chunk := src.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    w.write(chunk)
    except OSError as exc:
        raise BundleError(
            "bundle.blob_unreadable",
            "无法写出同步包 {file}：读取文件 {sha}（{source}）失败：{reason}",
            "Cannot write sync bundle {file}: reading file {sha} ({source}) failed: {reason}",
            file=file, sha=sha, source=str(source), reason=exc.strerror or str(exc),
        ) from exc
    actual = digest.hexdigest()
    if actual != sha:
        raise BundleError(
            "bundle.blob_mismatch",
            "无法写出同步包 {file}：文件 {source} 的内容校验值为 {actual}，"
            "与其名称 {sha} 不符（文件已损坏或被改动）。",
            "Cannot write sync bundle {file}: {source} hashes to {actual}, not to its name {sha} (damaged or "
            "changed).",
            file=file, source=str(source), actual=actual, sha=sha,
        )
    return {"sha256": sha, "size": size}


def _check_written(zf: zipfile.ZipFile, limits: Limits, file: str) -> None:
    """Refuse to produce a bundle that open_bundle with the same limits would refuse (sizes, ratio, count)."""
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        raise BundleError(
            "bundle.too_many_members",
            "无法写出同步包 {file}：成员数 {count} 超过上限 {limit}。",
            "Cannot write sync bundle {file}: {count} members, over the limit of {limit}.",
            file=file, count=len(infos), limit=limits.max_members,
        )
    total = 0
    for index, info in enumerate(infos, 1):
        total += info.file_size
        problem = header_problem(info, total, limits, file, index, writing=True)
        if problem is not None:
            raise problem


def _write_failed(file: str, exc: OSError) -> BundleError:
    return BundleError(
        "bundle.write_failed",
        "无法写出同步包 {file}：{reason}",
        "Cannot write sync bundle {file}: {reason}",
        file=file, reason=exc.strerror or str(exc),
    )
