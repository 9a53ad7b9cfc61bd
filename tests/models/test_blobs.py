"""The content-addressed blob store."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from app.models.blobs import BlobCorruptError, BlobMissingError, BlobStore, InvalidBlobHashError


def test_put_read_verify_and_damage(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "blobs")
    sha = store.put(b"photo bytes")
    assert sha == hashlib.sha256(b"photo bytes").hexdigest()
    assert store.put(b"photo bytes") == sha and list(store.iter_hashes()) == [sha]
    assert store.read(sha) == b"photo bytes" and store.verify(sha)
    store.path(sha).write_bytes(b"photo bytez")
    assert not store.verify(sha)
    with pytest.raises(BlobCorruptError):
        store.read(sha)
    with pytest.raises(BlobMissingError):
        store.read("0" * 64)


def test_files_written_without_a_flush_each_are_flushed_together(tmp_path: Path, monkeypatch) -> None:
    store = BlobStore(tmp_path / "blobs")
    flushed = []
    monkeypatch.setattr("os.fsync", lambda fd: flushed.append(fd))
    shas = [store.put(f"photo {i}".encode(), durable=False) for i in range(20)]
    assert flushed == [] and all(store.verify(s) for s in shas)
    synced = []
    monkeypatch.setattr("os.sync", lambda: synced.append(True), raising=False)
    store.sync()
    assert synced == [True]
    store.sync()  # nothing left to flush
    assert synced == [True]


def test_put_file_streams_large_files(tmp_path: Path) -> None:
    source = tmp_path / "big.jpg"
    source.write_bytes(b"\xff" * (3 * 1024 * 1024 + 7))
    store = BlobStore(tmp_path / "blobs")
    sha = store.put_file(source)
    assert store.verify(sha) and store.path(sha).stat().st_size == source.stat().st_size


def test_a_hash_the_caller_verified_is_not_computed_again(tmp_path: Path, monkeypatch) -> None:
    store = BlobStore(tmp_path / "blobs")
    data = b"a photo read from a verified bundle"
    known = hashlib.sha256(data).hexdigest()
    monkeypatch.setattr("app.models.blobs.hashlib.sha256", lambda *_: pytest.fail("hashed again"))
    assert store.put(data, sha=known) == known
    assert store.path(known).read_bytes() == data
    with pytest.raises(InvalidBlobHashError):
        store.put(data, sha="../../etc/passwd")
