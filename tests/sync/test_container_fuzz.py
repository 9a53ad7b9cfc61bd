"""Tamper fuzzing: whatever happens to a bundle's bytes, opening it either gives back exactly the original content
or raises BundleError, never another exception."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from app.sync.container import BundleError, Limits, open_bundle, write_bundle

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
LINES = [f'{{"col":"note","hlc":{n},"row":"r{n % 3}","value":"第{n}条备注"}}' for n in range(40)]
BLOBS = [bytes(range(256)) * 6, b"%PDF-1.7\n" + bytes(300)]
CERTS = {"inspector-1": b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"}
# Small caps so that a mutated size field cannot make one example allocate or read much.
LIMITS = Limits(max_member=1 << 20, max_total=4 << 20, max_entries_line=1 << 16, max_manifest=1 << 16)

Content = tuple[dict, list[str], dict[str, bytes], dict[str, bytes]]


def read_all(path: Path) -> Content:
    with open_bundle(path, limits=LIMITS) as bundle:
        lines = list(bundle.lines())
        blobs = {}
        for name in bundle.blob_names():
            blobs[name] = bundle.read_blob(name)
        return bundle.manifest.raw, lines, blobs, bundle.certs()


def build(folder: Path, *, with_content: bool) -> tuple[bytes, Content]:
    blob_paths = {}
    if with_content:
        for data in BLOBS:
            sha = hashlib.sha256(data).hexdigest()
            (folder / sha).write_bytes(data)
            blob_paths[sha] = folder / sha
    path = folder / "original.fsb"
    write_bundle(
        path,
        header={"bundle_id": "01890a5d-ac96-774b-bcce-b302099a8057", "kind": "changes" if with_content else "receipt",
                "covers": {"00aa": [0, 39]}},
        changes=LINES if with_content else [],
        blobs=blob_paths,
        certs=CERTS if with_content else {},
        private_key=KEY,
    )
    return path.read_bytes(), read_all(path)


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Content, Path]:
    folder = tmp_path_factory.mktemp("fuzz")
    data, content = build(folder, with_content=True)
    return data, content, folder / "mutated.fsb"


def check(path: Path, data: bytes, content: Content) -> None:
    path.write_bytes(data)
    try:
        got = read_all(path)
    except BundleError:
        return
    assert got == content


mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 1 << 20), st.integers(1, 255)),
    st.tuples(st.just("truncate"), st.integers(0, 1 << 20)),
    st.tuples(st.just("insert"), st.integers(0, 1 << 20), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("overwrite"), st.integers(0, 1 << 20), st.binary(min_size=1, max_size=64)),
    # Size and offset fields are 2 or 4 bytes; writing extreme values there finds more paths than random bytes.
    st.tuples(st.just("overwrite"), st.integers(0, 1 << 20),
              st.sampled_from([b"\xff\xff\xff\xff", b"\x00\x00\x00\x00", b"\xff\xff", b"\x00\x00",
                               b"\x7f\xff\xff\xff"])),
)


def mutate(data: bytes, ops: list[tuple]) -> bytes:
    buf = bytearray(data)
    for op in ops:
        at = op[1] % (len(buf) + 1)
        if op[0] == "flip":
            if buf:
                at %= len(buf)
                buf[at] ^= op[2]
        elif op[0] == "truncate":
            del buf[at:]
        elif op[0] == "insert":
            buf[at:at] = op[2]
        else:
            buf[at:at + len(op[2])] = op[2]
    return bytes(buf)


@settings(max_examples=300, deadline=None)
@given(st.lists(mutation, min_size=1, max_size=3))
def test_any_mutation_is_refused_or_harmless(original, ops):
    data, content, path = original
    check(path, mutate(data, ops), content)


def test_every_single_byte_flip_of_a_small_bundle_is_refused_or_harmless(tmp_path):
    data, content = build(tmp_path, with_content=False)
    path = tmp_path / "mutated.fsb"
    refused = 0
    for at in range(len(data)):
        mutated = bytearray(data)
        mutated[at] ^= 0x55
        try:
            check(path, bytes(mutated), content)
        except AssertionError:
            raise AssertionError(f"flip at offset {at} changed the content without a refusal") from None
        try:
            read_all(path)
        except BundleError:
            refused += 1
    # Only bytes nothing depends on (timestamps, attributes, version-made-by) may change without a refusal.
    assert refused > len(data) * 0.6
