"""Copying a verified bundle's blobs into the blob store.

Each blob is hashed once while it is read (against the signed manifest, whose hash must be the blob's name), not
again by the store. Writing the files from several threads bought nothing on two cores: creating a file costs
about 0.8 ms of kernel time on this ext4, which competes with the hashing for the same cores (docs/performance.md).
"""

from __future__ import annotations

from app.errors import UserError
from app.models.blobs import BlobStore
from app.sync.container import OpenBundle


def copy_blobs(bundle: OpenBundle, store: BlobStore, referenced: set[str], file_name: str) -> int:
    """Store every blob the bundle carries that `store` lacks and return how many; a blob no entry refers to, or
    whose manifest hash is not its name, refuses the bundle (UserError) before any file is written. The files
    reach the disk at `store.sync()`, once the last is written."""
    names = bundle.blob_names()
    for sha in names:
        if sha not in referenced:
            raise UserError(
                "sync.unreferenced_blob",
                "同步包 {file} 带有没有任何记录引用的文件 {sha}，整个同步包未导入",
                "Bundle {file} carries a file no record refers to ({sha}); the bundle was not imported",
                file=file_name, sha=sha[:12],
            )
        if bundle.blob_sha256(sha) != sha:
            raise UserError(
                "sync.blob_mismatch",
                "同步包 {file} 中的文件 {sha} 内容与其名称（摘要）不符，整个同步包未导入",
                "File {sha} in bundle {file} does not hash to its name; the bundle was not imported",
                file=file_name, sha=sha[:12],
            )
    new = [sha for sha in names if not store.has(sha)]
    for sha in new:
        store.put(bundle.read_blob(sha), durable=False, sha=sha)
    # One flush for the whole bundle, before the commit that refers to these files (an fsync per photo made the
    # merge ten times slower: benchmarks/bench_sync.py).
    store.sync()
    return len(new)
