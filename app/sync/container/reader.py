"""Opening a bundle: refuse anything that is not exactly what a device signed, then hand out its lines and blobs."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.models.device import device_id_for
from app.sync.container.format import (
    BLOB_PREFIX,
    CERT_PREFIX,
    CERT_SUFFIX,
    CHANGES,
    CHUNK,
    DEVICE_RE,
    FORMAT,
    FORMAT_FAMILY,
    FORMAT_RE,
    FORMAT_VERSION,
    KINDS,
    MANIFEST,
    MEMBER_RE,
    SHA_RE,
    SIGNATURE,
    SIGNATURE_SIZE,
    ZIP_ERRORS,
    BundleError,
    Limits,
    Manifest,
    header_problem,
    is_absolute_or_parent,
    quoted,
)

# --- reading ---------------------------------------------------------------------------------------------------


def open_bundle(path: Path, *, limits: Limits = Limits(), members: bool = True) -> OpenBundle:
    """Open and completely verify a bundle; refuse with a BundleError unless every byte is as signed.

    Order: the zip directory (names, types, encryption, compression, sizes, ratio), manifest.json and
    manifest.sig present and readable, the manifest's fields and format version, the signature and the device
    id, the member list against the manifest, then every member's size and SHA-256 streamed (changes.jsonl also
    line by line). The caller still decides whether it trusts `manifest.device`. With `members=False` the members'
    hashes are left for `verify_members` (an importer first asks whether it already holds the bundle).
    """
    bundle = OpenBundle(Path(path), limits)
    try:
        bundle._verify(members)
    except BaseException:
        bundle.close()
        raise
    return bundle


class OpenBundle:
    """A verified bundle, held open read-only until `close` (use it as a context manager).

    `lines`, `read_blob` and `certs` stream the members again and re-check them against the manifest, so a file
    changed on disk after verification raises a BundleError (after the data was handed over: consume inside the
    transaction that may have to roll back).
    """

    manifest: Manifest

    def __init__(self, path: Path, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self._file = str(path)
        self._fp: BinaryIO | None = None
        self._zip: zipfile.ZipFile | None = None
        self._infos: dict[str, zipfile.ZipInfo] = {}

    # context manager ---------------------------------------------------------------------------------------------

    def __enter__(self) -> OpenBundle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None
        if self._fp is not None:
            self._fp.close()
            self._fp = None

    # public reading ---------------------------------------------------------------------------------------------

    def lines(self) -> Iterator[str]:
        """The lines of changes.jsonl in order, without "\\n" (nothing when the bundle has no changes)."""
        if CHANGES not in self.manifest.files:
            return
        for raw in self._split_lines(self._chunks(CHANGES, verifying=False)):
            yield raw.decode("utf-8")  # checked during verification; a change since then fails the hash

    def blob_names(self) -> list[str]:
        """The SHA-256 names of the blobs carried, sorted."""
        return sorted(name[len(BLOB_PREFIX):] for name in self.manifest.files if name.startswith(BLOB_PREFIX))

    def read_blob(self, sha: str) -> bytes:
        """Blob `sha`'s bytes, re-hashed while read; BundleError if the bundle lacks it or it changed. They hash to
        `blob_sha256(sha)`, the manifest's value, which a sound bundle makes equal to the name."""
        return b"".join(self._chunks(self._blob_member(sha), verifying=False))

    def blob_sha256(self, sha: str) -> str:
        """The SHA-256 the signed manifest gives blob `sha`'s bytes."""
        return str(self.manifest.files[self._blob_member(sha)]["sha256"])

    def _blob_member(self, sha: str) -> str:
        name = BLOB_PREFIX + str(sha)
        if not (SHA_RE.fullmatch(str(sha)) and name in self.manifest.files):
            raise BundleError(
                "bundle.no_such_blob",
                "同步包 {file} 中没有文件 {sha}（照片或 PDF 未随包带来）。",
                "Sync bundle {file} does not carry file {sha} (the photo or PDF was not included).",
                file=self._file, sha=quoted(str(sha)),
            )
        return name

    def certs(self) -> dict[str, bytes]:
        """Certificate name (without certs/ and .pem) -> PEM bytes."""
        result: dict[str, bytes] = {}
        for name in sorted(self.manifest.files):
            if name.startswith(CERT_PREFIX):
                result[name[len(CERT_PREFIX): -len(CERT_SUFFIX)]] = b"".join(self._chunks(name, verifying=False))
        return result

    def sha256(self) -> str:
        """SHA-256 of the whole bundle file as held open (the same value as `bundle_sha256` of an unchanged file)."""
        fp = self._require_open()[0]
        digest = hashlib.sha256()
        position = fp.tell()
        try:
            fp.seek(0)
            while chunk := fp.read(CHUNK):
                digest.update(chunk)
        finally:
            fp.seek(position)
        return digest.hexdigest()

    # verification -----------------------------------------------------------------------------------------------

    def _require_open(self) -> tuple[BinaryIO, zipfile.ZipFile]:
        if self._fp is None or self._zip is None:
            raise ValueError("the bundle is closed")
        return self._fp, self._zip

    def verify_members(self) -> None:
        """Check every member's size and SHA-256 against the signed manifest (open_bundle does it by default)."""
        self._check_members()

    def _verify(self, members: bool = True) -> None:
        self._open_zip()
        self._check_directory()
        if self._infos[SIGNATURE].file_size != SIGNATURE_SIZE:
            raise self._error(
                "bad_signature", "同步包 {file} 的签名文件 manifest.sig 应为 {expected} 字节，实际为 {size} 字节。",
                "Sync bundle {file}: manifest.sig should be {expected} bytes but is {size}.",
                expected=SIGNATURE_SIZE, size=self._infos[SIGNATURE].file_size,
            )
        sig = self._read_small(SIGNATURE, SIGNATURE_SIZE)
        data = self._read_small(MANIFEST, self.limits.max_manifest)
        raw = self._parse_manifest(data)
        self.manifest = Manifest(raw=raw, data=data)
        self._check_signature(sig)
        self._check_member_set()
        if members:
            self._check_members()

    def _error(self, code: str, zh: str, en: str, **params: object) -> BundleError:
        return BundleError(f"bundle.{code}", zh, en, file=self._file, **params)

    def _open_zip(self) -> None:
        try:
            self._fp = open(self.path, "rb")  # held until close()
            size = os.fstat(self._fp.fileno()).st_size
        except OSError as exc:
            raise self._error(
                "unreadable", "无法读取同步包 {file}：{reason}", "Cannot read sync bundle {file}: {reason}",
                reason=exc.strerror or str(exc),
            ) from exc
        if size == 0:
            raise self._error(
                "empty", "同步包 {file} 是空文件（0 字节），可能复制未完成。",
                "Sync bundle {file} is empty (0 bytes); the copy may not have finished.",
            )
        try:
            head = self._fp.read(4)
            self._fp.seek(0)
            self._zip = zipfile.ZipFile(self._fp, "r")
        except ZIP_ERRORS as exc:
            if head == b"PK\x03\x04":
                raise self._error(
                    "truncated",
                    "同步包 {file} 不完整或已损坏，无法读取其目录（可能复制未完成）：{reason}",
                    "Sync bundle {file} is truncated or damaged; its directory cannot be read (the copy may not "
                    "have finished): {reason}",
                    reason=str(exc),
                ) from exc
            raise self._error(
                "not_zip", "文件 {file} 不是同步包（不是 zip 格式）。",
                "File {file} is not a sync bundle (not a zip file).",
            ) from exc

    def _check_directory(self) -> None:
        zf = self._require_open()[1]
        infos = zf.infolist()
        limits = self.limits
        if len(infos) > limits.max_members:
            raise self._error(
                "too_many_members", "同步包 {file} 有 {count} 个成员，超过上限 {limit}。",
                "Sync bundle {file} has {count} members, over the limit of {limit}.",
                count=len(infos), limit=limits.max_members,
            )
        total = 0
        for n, info in enumerate(infos, 1):
            name = info.filename
            shown = quoted(info.orig_filename)
            if info.orig_filename != name or "\0" in name or is_absolute_or_parent(info.orig_filename):
                raise self._error(
                    "unsafe_name",
                    "同步包 {file} 第 {n} 个成员名称不合法：{name}（不允许绝对路径或 ..）",
                    "Sync bundle {file}: member {n} has an unsafe name: {name} (absolute paths and .. are not "
                    "allowed)",
                    n=n, name=shown,
                )
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise self._error(
                    "symlink", "同步包 {file} 第 {n} 个成员 {name} 是符号链接，不允许。",
                    "Sync bundle {file}: member {n} ({name}) is a symbolic link, which is not allowed.",
                    n=n, name=shown,
                )
            if info.is_dir() or stat.S_ISDIR(mode) or info.external_attr & 0x10:
                raise self._error(
                    "directory", "同步包 {file} 第 {n} 个成员 {name} 是目录，不允许。",
                    "Sync bundle {file}: member {n} ({name}) is a directory, which is not allowed.",
                    n=n, name=shown,
                )
            if (mode and not stat.S_ISREG(mode)) or not MEMBER_RE.fullmatch(name):
                raise self._error(
                    "bad_name",
                    "同步包 {file} 第 {n} 个成员 {name} 不是同步包允许的文件（只允许 manifest.json、manifest.sig、"
                    "changes.jsonl、blobs/<SHA-256>、certs/<名称>.pem 普通文件）。",
                    "Sync bundle {file}: member {n} ({name}) is not a file a bundle may hold (only regular files "
                    "manifest.json, manifest.sig, changes.jsonl, blobs/<sha256>, certs/<name>.pem).",
                    n=n, name=shown,
                )
            if name in self._infos:
                raise self._error(
                    "duplicate", "同步包 {file} 中成员 {name} 出现了两次（第 {n} 个成员重复）。",
                    "Sync bundle {file} holds member {name} twice (member {n} is a duplicate).",
                    n=n, name=shown,
                )
            self._infos[name] = info
            if info.flag_bits & 0x41:  # bit 0: encrypted, bit 6: strong encryption
                raise self._error(
                    "encrypted", "同步包 {file} 第 {n} 个成员 {name} 已加密，同步包不使用加密成员。",
                    "Sync bundle {file}: member {n} ({name}) is encrypted; bundles never encrypt members.",
                    n=n, name=shown,
                )
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or info.flag_bits & 0x20:
                raise self._error(
                    "compression",
                    "同步包 {file} 第 {n} 个成员 {name} 使用了不支持的压缩方式（{method}），只支持 stored 和 deflate。",
                    "Sync bundle {file}: member {n} ({name}) uses an unsupported compression method ({method}); "
                    "only stored and deflate are allowed.",
                    n=n, name=shown, method=info.compress_type,
                )
            total += info.file_size
            problem = header_problem(info, total, limits, self._file, n)
            if problem is not None:
                raise problem
        for required, code, zh, en in (
            (MANIFEST, "no_manifest", "同步包 {file} 缺少清单 manifest.json。",
             "Sync bundle {file} has no manifest.json."),
            (SIGNATURE, "unsigned", "同步包 {file} 没有签名（缺少 manifest.sig）。",
             "Sync bundle {file} is not signed (manifest.sig is missing)."),
        ):
            if required not in self._infos:
                raise self._error(code, zh, en)

    def _read_small(self, name: str, cap: int) -> bytes:
        """Read a member that is checked as a whole (manifest, signature): at most `cap` bytes, else refuse."""
        info = self._infos[name]
        if info.file_size > cap:
            raise self._too_big(name, info.file_size, cap)
        parts: list[bytes] = []
        size = 0
        for chunk in self._stream(name, cap):
            parts.append(chunk)
            size += len(chunk)
        data = b"".join(parts)
        if len(data) != info.file_size:
            raise self._size_mismatch(name, info.file_size, len(data))
        return data

    def _too_big(self, name: str, size: int, cap: int) -> BundleError:
        return self._error(
            "member_too_large", "同步包 {file} 的成员 {name} 有 {size} 字节，超过上限 {limit} 字节。",
            "Sync bundle {file}: member {name} is {size} bytes, over the limit of {limit} bytes.",
            name=name, size=size, limit=cap,
        )

    def _size_mismatch(self, name: str, expected: int, actual: int) -> BundleError:
        return self._error(
            "size_mismatch",
            "同步包 {file} 的成员 {name} 应为 {expected} 字节，实际为 {actual} 字节（文件已损坏或被改动）。",
            "Sync bundle {file}: member {name} should be {expected} bytes but is {actual} (damaged or tampered "
            "with).",
            name=name, expected=expected, actual=actual,
        )

    def _stream(self, name: str, cap: int) -> Iterator[bytes]:
        """Chunks of a member, never more than min(header size, `cap`) bytes in all, whatever zlib produces."""
        zf = self._require_open()[1]
        info = self._infos[name]
        cap = min(cap, info.file_size)
        size = 0
        try:
            with zf.open(info, "r") as member:
                while True:
                    try:
                        chunk = member.read(CHUNK)
                    except ZIP_ERRORS as exc:
                        raise self._damaged(name, exc) from exc
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > cap:
                        if size > info.file_size:
                            raise self._size_mismatch(name, info.file_size, size)
                        raise self._too_big(name, size, cap)
                    yield chunk
        except ZIP_ERRORS as exc:
            raise self._damaged(name, exc) from exc

    def _damaged(self, name: str, exc: BaseException) -> BundleError:
        return self._error(
            "damaged", "同步包 {file} 的成员 {name} 已损坏，无法读取：{reason}",
            "Sync bundle {file}: member {name} is damaged and cannot be read: {reason}",
            name=name, reason=str(exc) or type(exc).__name__,
        )

    def _bad_manifest(self, zh: str, en: str, **params: object) -> BundleError:
        return self._error(
            "bad_manifest", "同步包 {file} 的清单 manifest.json 有误：" + zh,
            "Sync bundle {file}: manifest.json is invalid: " + en, **params,
        )

    def _parse_manifest(self, data: bytes) -> dict[str, Any]:
        def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            result: dict[str, Any] = {}
            for key, value in pairs:
                if key in result:
                    raise ValueError(f"duplicate key {key!r}")
                result[key] = value
            return result

        def no_constants(word: str) -> Any:
            raise ValueError(f"{word} is not JSON")

        try:
            raw = json.loads(data.decode("utf-8"), object_pairs_hook=no_duplicates, parse_constant=no_constants)
        except (ValueError, RecursionError) as exc:
            raise self._bad_manifest("不是有效的 JSON（{reason}）。", "not valid JSON ({reason}).",
                                     reason=quoted(str(exc))) from exc
        if not isinstance(raw, dict):
            raise self._bad_manifest("应为 JSON 对象。", "it must be a JSON object.")

        fmt = raw.get("format")
        match = FORMAT_RE.fullmatch(fmt) if isinstance(fmt, str) else None
        if match is None or match["family"] != FORMAT_FAMILY:
            raise self._error(
                "not_fieldsafe", "文件 {file} 不是 FieldSafe 同步包（格式标识为 {format}）。",
                "File {file} is not a FieldSafe sync bundle (format {format}).",
                format=quoted(repr(fmt)),
            )
        version = int(match["version"])
        if version > FORMAT_VERSION:
            raise self._error(
                "newer_format",
                "同步包 {file} 由更新版本的 FieldSafe 生成（格式 {format}，本机只支持 {supported}），请先升级本软件。",
                "Sync bundle {file} was made by a newer FieldSafe (format {format}; this version reads "
                "{supported}). Please upgrade.",
                format=fmt, supported=FORMAT,
            )
        if version < FORMAT_VERSION:
            raise self._bad_manifest("未知的格式版本 {format}。", "unknown format version {format}.", format=fmt)

        def need(field: str, ok: bool, zh_what: str, en_what: str) -> None:
            if field not in raw:
                raise self._bad_manifest("缺少字段 {field}。", "field {field} is missing.", field=field)
            if not ok:
                raise self._bad_manifest("字段 {field} 应为{what_zh}。", "field {field} must be {what_en}.",
                                         field=field, what_zh=zh_what, what_en=en_what)

        def is_str(value: Any, pattern: re.Pattern[str] | None = None) -> bool:
            return isinstance(value, str) and (pattern.fullmatch(value) is not None if pattern else bool(value))

        need("device", is_str(raw.get("device"), DEVICE_RE), " 16 位小写十六进制设备号",
             "a 16-digit lowercase hex device id")
        need("device_pubkey", is_str(raw.get("device_pubkey"), SHA_RE), " 64 位小写十六进制公钥",
             "a 64-digit lowercase hex public key")
        need("bundle_id", is_str(raw.get("bundle_id")), "非空字符串", "a non-empty string")
        need("kind", raw.get("kind") in KINDS, " changes 或 receipt", '"changes" or "receipt"')
        need("files", isinstance(raw.get("files"), dict), " JSON 对象", "a JSON object")
        if "entry_count" in raw:
            count = raw["entry_count"]
            need("entry_count", isinstance(count, int) and not isinstance(count, bool) and count >= 0,
                 "非负整数", "a non-negative integer")
        for name, entry in raw["files"].items():
            if name in (MANIFEST, SIGNATURE) or not MEMBER_RE.fullmatch(name):
                raise self._bad_manifest("files 中的名称 {name} 不合法。", "files lists an invalid name {name}.",
                                         name=quoted(name))
            size = entry.get("size") if isinstance(entry, dict) else None
            sha = entry.get("sha256") if isinstance(entry, dict) else None
            if not (is_str(sha, SHA_RE) and isinstance(size, int) and not isinstance(size, bool) and size >= 0):
                raise self._bad_manifest(
                    "files 中 {name} 的记录应为 {{\"sha256\": 64 位十六进制, \"size\": 非负整数}}。",
                    'the files entry of {name} must be {{"sha256": 64 hex digits, "size": non-negative integer}}.',
                    name=quoted(name),
                )
        return raw

    def _check_signature(self, sig: bytes) -> None:
        manifest = self.manifest
        try:
            key = Ed25519PublicKey.from_public_bytes(manifest.public_key)
            key.verify(sig, manifest.data)
        except (InvalidSignature, ValueError) as exc:
            raise self._error(
                "bad_signature",
                "同步包 {file} 的签名无效：清单不是由其声明的设备 {device} 签署的，或在签署后被改动过。",
                "Sync bundle {file} has an invalid signature: the manifest was not signed by the device it names "
                "({device}) or was changed after signing.",
                device=manifest.device,
            ) from exc
        expected = device_id_for(key)
        if manifest.device != expected:
            raise self._error(
                "device_mismatch",
                "同步包 {file} 声明的设备号 {device} 与其签名公钥不符（该公钥对应设备 {expected}）。",
                "Sync bundle {file} names device {device}, but its signing key belongs to device {expected}.",
                device=manifest.device, expected=expected,
            )

    def _check_member_set(self) -> None:
        present = set(self._infos) - {MANIFEST, SIGNATURE}
        listed = set(self.manifest.files)
        missing = sorted(listed - present)
        if missing:
            raise self._error(
                "missing_member", "同步包 {file} 缺少清单中列出的成员 {name}{more}。",
                "Sync bundle {file} lacks member {name}{more}, which its manifest lists.",
                name=quoted(missing[0]), more=f" (+{len(missing) - 1})" if len(missing) > 1 else "",
            )
        extra = sorted(present - listed)
        if extra:
            raise self._error(
                "extra_member", "同步包 {file} 含有清单中未列出的成员 {name}{more}。",
                "Sync bundle {file} holds member {name}{more}, which its manifest does not list.",
                name=quoted(extra[0]), more=f" (+{len(extra) - 1})" if len(extra) > 1 else "",
            )

    def _check_members(self) -> None:
        files = self.manifest.files
        for name in sorted(files):
            expected = files[name]["size"]
            if self._infos[name].file_size != expected:
                raise self._size_mismatch(name, expected, self._infos[name].file_size)
        streamed = self._infos[MANIFEST].file_size + SIGNATURE_SIZE
        count = 0
        for name in sorted(files):
            if name == CHANGES:
                for _ in self._split_lines(self._chunks(name, verifying=True)):
                    count += 1
            else:
                for _ in self._chunks(name, verifying=True):
                    pass
            streamed += files[name]["size"]  # _chunks never yields more than this
            if streamed > self.limits.max_total:
                raise self._error(
                    "total_too_large", "同步包 {file} 解压后总大小超过上限 {limit} 字节。",
                    "Sync bundle {file} is over the limit of {limit} bytes uncompressed.",
                    limit=self.limits.max_total,
                )
        declared = self.manifest.entry_count
        if declared is not None and declared != count:
            raise self._error(
                "entry_count", "同步包 {file} 的清单声明有 {declared} 条变更，但 changes.jsonl 中有 {count} 条。",
                "Sync bundle {file}: the manifest declares {declared} changes but changes.jsonl holds {count}.",
                declared=declared, count=count,
            )

    def _chunks(self, name: str, *, verifying: bool) -> Iterator[bytes]:
        """A member's chunks, checked against the manifest's size and SHA-256 once the last one is out."""
        entry = self.manifest.files[name]
        digest = hashlib.sha256()
        size = 0
        for chunk in self._stream(name, min(entry["size"], self.limits.max_member)):
            digest.update(chunk)
            size += len(chunk)
            yield chunk
        if size == entry["size"] and digest.hexdigest() == entry["sha256"]:
            return
        if not verifying:
            raise self._error(
                "changed", "同步包 {file} 的成员 {name} 在校验后被改动，已停止读取。",
                "Sync bundle {file}: member {name} changed after it was verified; reading stopped.",
                name=name,
            )
        if size != entry["size"]:
            raise self._size_mismatch(name, entry["size"], size)
        raise self._error(
            "hash_mismatch", "同步包 {file} 的成员 {name} 内容校验值不符（文件已损坏或被改动）。",
            "Sync bundle {file}: member {name} does not match its SHA-256 in the manifest (damaged or tampered "
            "with).",
            name=name,
        )

    def _split_lines(self, chunks: Iterator[bytes]) -> Iterator[bytes]:
        """Lines of changes.jsonl: each non-empty, UTF-8, at most max_entries_line bytes and ending in "\\n"."""
        cap = self.limits.max_entries_line
        buffer = bytearray()
        n = 0
        for chunk in chunks:
            buffer += chunk
            start = 0
            while (end := buffer.find(b"\n", start)) >= 0:
                n += 1
                line = bytes(buffer[start:end])
                start = end + 1
                self._check_line(line, n, cap)
                yield line
            del buffer[:start]
            if len(buffer) > cap:
                raise self._line_too_long(n + 1, len(buffer), cap)
        if buffer:
            raise self._bad_changes(
                n + 1, "最后一行没有换行符（文件可能被截断）", "the last line has no line break (cut off?)"
            )

    def _check_line(self, line: bytes, n: int, cap: int) -> None:
        if len(line) > cap:
            raise self._line_too_long(n, len(line), cap)
        if not line:
            raise self._bad_changes(n, "空行", "empty line")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise self._bad_changes(n, "不是有效的 UTF-8 文本", "not valid UTF-8 text") from exc

    def _line_too_long(self, n: int, size: int, cap: int) -> BundleError:
        return self._error(
            "line_too_long", "同步包 {file} 的 changes.jsonl 第 {n} 行超过 {limit} 字节（至少 {size} 字节）。",
            "Sync bundle {file}: line {n} of changes.jsonl is over {limit} bytes (at least {size}).",
            n=n, size=size, limit=cap,
        )

    def _bad_changes(self, n: int, zh: str, en: str) -> BundleError:
        return self._error(
            "bad_changes", "同步包 {file} 的 changes.jsonl 第 {n} 行有误：{zh_reason}。",
            "Sync bundle {file}: line {n} of changes.jsonl is invalid: {en_reason}.",
            n=n, zh_reason=zh, en_reason=en,
        )


def bundle_sha256(path: Path) -> str:
    """SHA-256 hex of the whole bundle file (how a receipt refers to the bundle it acknowledges)."""
    digest = hashlib.sha256()
    try:
        with Path(path).open("rb") as f:
            while chunk := f.read(CHUNK):
                digest.update(chunk)
    except OSError as exc:
        raise BundleError(
            "bundle.unreadable", "无法读取同步包 {file}：{reason}", "Cannot read sync bundle {file}: {reason}",
            file=str(path), reason=exc.strerror or str(exc),
        ) from exc
    return digest.hexdigest()
