"""The bundle format's names, limits and manifest, and the checks writer and reader share."""

from __future__ import annotations

import json
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.errors import UserError
from app.models.device import device_id_for

FORMAT_FAMILY = "fieldsafe-bundle"
FORMAT_VERSION = 1
FORMAT = f"{FORMAT_FAMILY}/{FORMAT_VERSION}"
SUFFIX = ".fsb"
KINDS = ("changes", "receipt")

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
CHANGES = "changes.jsonl"
BLOB_PREFIX = "blobs/"
CERT_PREFIX = "certs/"
CERT_SUFFIX = ".pem"

SIGNATURE_SIZE = 64
PUBLIC_KEY_SIZE = 32

MiB = 1 << 20
GiB = 1 << 30
CHUNK = MiB
_SHOWN_NAME = 120  # longest member name quoted in a message

SHA_RE = re.compile(r"[0-9a-f]{64}")
CERT_NAME_RE = re.compile(r"[A-Za-z0-9_.-]{1,64}")
DEVICE_RE = re.compile(r"[0-9a-f]{16}")
MEMBER_RE = re.compile(
    r"manifest\.json|manifest\.sig|changes\.jsonl|blobs/[0-9a-f]{64}|certs/[A-Za-z0-9_.-]{1,64}\.pem"
)
FORMAT_RE = re.compile(r"(?P<family>[^/]*)/(?P<version>[0-9]{1,9})")
_DRIVE_RE = re.compile(r"[A-Za-z]:")

# Written into every member so the same content always gives the same bundle bytes (zip cannot store earlier dates).
FIXED_DATE = (1980, 1, 1, 0, 0, 0)
FILE_MODE = stat.S_IFREG | 0o644
UNIX = 3

# What zipfile, zlib and the file system raise on damaged input; caught only around zip reading calls.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    struct.error,
    OverflowError,
    IndexError,
    KeyError,
    NotImplementedError,
    RuntimeError,
)


class BundleError(UserError):
    """A sync bundle was refused (damaged, tampered, unsupported, too large) or could not be written."""


@dataclass(frozen=True)
class Limits:
    """Caps applied when opening a bundle; `write_bundle` refuses to write what these would refuse to read."""

    max_member: int = 512 * MiB  # uncompressed size of any one member
    max_total: int = 8 * GiB  # uncompressed size of all members together
    max_ratio: int = 200  # uncompressed / compressed, for members larger than ratio_min_size
    max_entries_line: int = 16 * MiB  # one line of changes.jsonl, without its "\n"
    ratio_min_size: int = 1 * MiB
    max_members: int = 500_000
    max_manifest: int = 64 * MiB


@dataclass(frozen=True)
class Manifest:
    raw: dict[str, Any]  # the parsed manifest.json
    data: bytes  # its exact bytes, which manifest.sig signs

    @property
    def format(self) -> str:
        return self.raw["format"]

    @property
    def device(self) -> str:
        return self.raw["device"]

    @property
    def public_key(self) -> bytes:
        """The signer's raw 32-byte Ed25519 public key."""
        return bytes.fromhex(self.raw["device_pubkey"])

    @property
    def bundle_id(self) -> str:
        return self.raw["bundle_id"]

    @property
    def kind(self) -> str:
        return self.raw["kind"]

    @property
    def files(self) -> dict[str, dict[str, Any]]:
        """Member name -> {"sha256": hex, "size": int} for every member but manifest.json and manifest.sig."""
        return self.raw["files"]

    @property
    def entry_count(self) -> int | None:
        return self.raw.get("entry_count")


# --- helpers ---------------------------------------------------------------------------------------------------


def canonical_json(value: Any) -> bytes:
    """The canonical UTF-8 JSON form used for manifest.json (and, per line, for changes.jsonl)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()


def quoted(name: str) -> str:
    """A member name as quoted in a message: control characters escaped, long names cut."""
    text = name if name.isprintable() else name.encode("unicode_escape").decode("ascii")
    return text if len(text) <= _SHOWN_NAME else text[:_SHOWN_NAME] + "…"


def is_absolute_or_parent(name: str) -> bool:
    if name.startswith(("/", "\\")) or _DRIVE_RE.match(name):
        return True
    return any(part == ".." for part in re.split(r"[/\\]", name))


def public_hex(private_key: Ed25519PrivateKey) -> tuple[str, str]:
    public = private_key.public_key()
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return device_id_for(public), raw.hex()


def header_problem(
    info: zipfile.ZipInfo, total: int, limits: Limits, file: str, index: int, writing: bool = False
) -> BundleError | None:
    """Size and ratio caps from one member's central-directory header (`total` includes this member)."""
    name = quoted(info.filename)
    zh_pre, en_pre = ("无法写出：", "Cannot write: ") if writing else ("", "")
    if info.file_size > limits.max_member:
        return BundleError(
            "bundle.member_too_large",
            zh_pre + "同步包 {file} 第 {n} 个成员 {name} 解压后有 {size} 字节，超过单个成员上限 {limit} 字节。",
            en_pre + "Sync bundle {file}: member {n} ({name}) is {size} bytes uncompressed, over the limit of "
            "{limit} bytes for one member.",
            file=file, n=index, name=name, size=info.file_size, limit=limits.max_member,
        )
    if total > limits.max_total:
        return BundleError(
            "bundle.total_too_large",
            zh_pre + "同步包 {file} 解压后总大小超过上限 {limit} 字节（到第 {n} 个成员 {name} 时已达 {total} 字节）。",
            en_pre + "Sync bundle {file} is over the limit of {limit} bytes uncompressed ({total} bytes by member {n}, "
            "{name}).",
            file=file, n=index, name=name, total=total, limit=limits.max_total,
        )
    if info.file_size > limits.ratio_min_size and info.file_size > limits.max_ratio * max(info.compress_size, 1):
        return BundleError(
            "bundle.zip_bomb",
            zh_pre + "同步包 {file} 第 {n} 个成员 {name} 压缩比异常：{compressed} 字节解压为 {size} 字节，"
            "超过 {ratio} 倍上限（疑似压缩炸弹）。",
            en_pre + "Sync bundle {file}: member {n} ({name}) expands from {compressed} to {size} bytes, more than "
            "{ratio} times (a zip bomb?).",
            file=file, n=index, name=name, compressed=info.compress_size, size=info.file_size, ratio=limits.max_ratio,
        )
    return None
