"""Content-addressed file store for photos, derived images and signed PDFs.

A blob lives at `root/ab/abcdef…`, named by the SHA-256 of its bytes, so the same content is stored once and a
name alone proves what the bytes must be. Blobs are immutable: a write goes to a temp file in the blob's own
directory, is fsynced and then renamed over the final name, so a crash leaves either the whole blob or an
orphan temp file (harmless, never listed), never a half-written blob under a real name.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from app.errors import NotFoundError, UserError

_SHA_RE = re.compile(r"[0-9a-f]{64}")
_SHARD_RE = re.compile(r"[0-9a-f]{2}")
_CHUNK = 1 << 20
_TEMP_PREFIX = ".tmp-"


class BlobError(UserError):
    """A blob could not be stored or read as expected."""


class InvalidBlobHashError(BlobError):
    """A blob name that is not a SHA-256 hex digest (it would otherwise become a path)."""

    def __init__(self, sha: object) -> None:
        super().__init__(
            "blob.bad_hash",
            "文件引用 {sha} 无效（应为 64 位小写十六进制 SHA-256）。",
            "Invalid file reference {sha} (expected a 64-character lowercase hex SHA-256).",
            sha=repr(sha)[:80],
        )


class BlobMissingError(NotFoundError):
    """The store has no blob with this hash (e.g. a bundle did not carry it yet)."""

    def __init__(self, sha: str) -> None:
        super().__init__(
            "blob.missing",
            "找不到文件 {sha}（照片或 PDF 可能尚未同步到本机）。",
            "File {sha} is missing (the photo or PDF may not have been synced to this device yet).",
            sha=sha,
        )


class BlobCorruptError(BlobError):
    """The bytes on disk no longer hash to the blob's name: disk damage or tampering."""

    def __init__(self, sha: str, actual: str) -> None:
        super().__init__(
            "blob.corrupt",
            "文件 {sha} 已损坏：内容校验值为 {actual}，与名称不符。",
            "File {sha} is corrupt: its content hashes to {actual}, not to its name.",
            sha=sha,
            actual=actual,
        )


def check_sha(sha: object) -> str:
    """Return `sha` if it is 64 lowercase hex digits, else raise InvalidBlobHashError."""
    if not isinstance(sha, str) or not _SHA_RE.fullmatch(sha):
        raise InvalidBlobHashError(sha)
    return sha


def fsync_dir(directory: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open directories, and NTFS journals renames.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._unsynced: list[Path] = []

    def sync(self) -> None:
        """Make every file stored with `put(durable=False)` durable."""
        if not self._unsynced:
            return
        if hasattr(os, "sync"):
            os.sync()  # POSIX: one flush of data and metadata beats an fsync per file by an order of magnitude
        else:
            for path in self._unsynced:
                with path.open("rb+") as f:
                    os.fsync(f.fileno())
        self._unsynced.clear()

    def path(self, sha: str) -> Path:
        check_sha(sha)
        return self.root / sha[:2] / sha

    def has(self, sha: str) -> bool:
        return self.path(sha).is_file()

    def put(self, data: bytes, *, durable: bool = True, sha: str | None = None) -> str:
        """Store `data` and return its SHA-256 hex; storing known content again does nothing. With
        `durable=False` the file reaches the disk at the next `sync()` (many files, one flush). `sha`: the bytes'
        SHA-256 when the caller has just verified it while reading them, to spare hashing them again."""
        sha = check_sha(sha) if sha is not None else hashlib.sha256(data).hexdigest()
        target = self.path(sha)
        if self._is_complete(target, len(data)):
            return sha
        fd, tmp = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=self._shard_dir(target, durable=durable))
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                if durable:
                    os.fsync(f.fileno())
            self._install(tmp, target, len(data), durable=durable)
        except BaseException:
            unlink_quietly(tmp)
            raise
        return sha

    def put_file(self, path: Path) -> str:
        """Copy a file into the store in chunks (photos can be large) and return its SHA-256 hex."""
        # The hash is only known after reading, so the temp file starts in the root (same file system, so the
        # final rename stays atomic) and moves into its shard afterwards.
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=self.root)
        digest = hashlib.sha256()
        size = 0
        try:
            with os.fdopen(fd, "wb") as out, Path(path).open("rb") as src:
                while chunk := src.read(_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            target = self.path(sha)
            if self._is_complete(target, size):
                os.unlink(tmp)
            else:
                self._shard_dir(target)
                self._install(tmp, target, size)
        except BaseException:
            unlink_quietly(tmp)
            raise
        return sha

    def open(self, sha: str) -> BinaryIO:
        """Open a blob for streaming; the caller must close it. Does not verify the hash (see `read`)."""
        try:
            return self.path(sha).open("rb")
        except FileNotFoundError:
            raise BlobMissingError(sha) from None

    def read(self, sha: str) -> bytes:
        """Return the blob's bytes, raising BlobCorruptError if they do not match the name."""
        with self.open(sha) as f:
            data = f.read()
        actual = hashlib.sha256(data).hexdigest()
        if actual != sha:
            raise BlobCorruptError(sha, actual)
        return data

    def verify(self, sha: str) -> bool:
        """True if the blob exists and its bytes hash to its name; a missing blob is not verified."""
        try:
            f = self.open(sha)
        except BlobMissingError:
            return False
        digest = hashlib.sha256()
        with f:
            while chunk := f.read(_CHUNK):
                digest.update(chunk)
        return digest.hexdigest() == sha

    def iter_hashes(self) -> Iterator[str]:
        """Yield the hash of every stored blob, sorted; temp files and stray names are skipped."""
        if not self.root.is_dir():
            return
        for shard in sorted(self.root.iterdir()):
            if not (_SHARD_RE.fullmatch(shard.name) and shard.is_dir()):
                continue
            for entry in sorted(shard.iterdir()):
                name = entry.name
                if _SHA_RE.fullmatch(name) and name.startswith(shard.name) and entry.is_file():
                    yield name

    @staticmethod
    def _is_complete(target: Path, size: int) -> bool:
        # A same-size file under the right name came from an atomic rename, so rewriting it would only cost
        # I/O; a different size means damage, and rewriting heals it.
        try:
            return target.stat().st_size == size
        except FileNotFoundError:
            return False

    def _shard_dir(self, target: Path, *, durable: bool = True) -> Path:
        shard = target.parent
        if not shard.is_dir():
            shard.mkdir(parents=True, exist_ok=True)
            if durable:
                fsync_dir(shard.parent)  # a new directory entry must survive a crash, like the file in it
        return shard

    def _install(self, tmp: str, target: Path, size: int, *, durable: bool = True) -> None:
        try:
            os.replace(tmp, target)
        except PermissionError:
            # Windows refuses to replace a file another thread or reader holds open; if that file is already
            # the complete blob (a concurrent put of the same content), the goal is reached.
            if not self._is_complete(target, size):
                raise
            unlink_quietly(tmp)
            return
        if durable:
            fsync_dir(target.parent)
        else:
            self._unsynced.append(target)


def unlink_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
