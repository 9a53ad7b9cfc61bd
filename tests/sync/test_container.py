from __future__ import annotations

import hashlib
import json
import stat
import struct
import warnings
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.errors import UserError
from app.models.device import device_id_for
from app.sync.container import (
    FORMAT,
    BundleError,
    Limits,
    bundle_sha256,
    canonical_json,
    open_bundle,
    write_bundle,
)

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
OTHER_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))
LINES = [
    '{"author":"张三","col":"description","device":"00aa","hlc":1,"pred":[],"row":"r1","table":"hazard","value":"消防通道堵塞"}',
    '{"author":"张三","col":"grade","device":"00aa","hlc":2,"pred":[],"row":"r1","table":"hazard","value":"一般"}',
    '{"author":"李四","col":"note","device":"00aa","hlc":3,"pred":[[1,"00aa"]],"row":"r2","table":"finding","value":null}',
]
PHOTO = bytes(range(256)) * 40 + b"\xff\xd8 not really a jpeg"
PDF = b"%PDF-1.7\n" + b"x" * 3000
CERT = b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
HEADER = {
    "bundle_id": "01890a5d-ac96-774b-bcce-b302099a8057",
    "kind": "changes",
    "schema_version": 7,
    "app_version": "0.2.0",
    "created_hlc": 3 << 16,
    "covers": {"00aa": [1, 3]},
    "holdings": {"00aa": 3},
}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def make_bundle(tmp_path: Path, *, lines: list[str] = LINES, name: str = "b.fsb", **kwargs: Any) -> Path:
    blob_dir = tmp_path / "blobs"
    blob_dir.mkdir(exist_ok=True)
    blobs = {}
    for data in (PHOTO, PDF):
        (blob_dir / sha(data)).write_bytes(data)
        blobs[sha(data)] = blob_dir / sha(data)
    args: dict[str, Any] = {"header": HEADER, "changes": lines, "blobs": blobs, "certs": {"inspector-1": CERT},
                            "private_key": KEY}
    args.update(kwargs)
    path = tmp_path / name
    write_bundle(path, **args)
    return path


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def info(name: str, compress_type: int = zipfile.ZIP_DEFLATED, mode: int = stat.S_IFREG | 0o644) -> zipfile.ZipInfo:
    zinfo = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    zinfo.compress_type = compress_type
    zinfo.create_system = 3
    zinfo.external_attr = mode << 16
    return zinfo


def forge(path: Path, entries: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    """A zip with exactly these members, in this order (duplicates allowed)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names
        with zipfile.ZipFile(path, "w") as zf:
            for entry, data in entries:
                zf.writestr(info(entry) if isinstance(entry, str) else entry, data)
    return path


def signed(
    content: dict[str, bytes], *, key: Ed25519PrivateKey = KEY, sign_with: Ed25519PrivateKey | None = None,
    **overrides: Any,
) -> list[tuple[str, bytes]]:
    """manifest.json + manifest.sig for `content` (files computed from it), then the content members.

    `overrides` replace manifest fields (None deletes one); `sign_with` signs with another key than the one named.
    """
    public = key.public_key()
    manifest: dict[str, Any] = {
        **HEADER,
        "format": FORMAT,
        "device": device_id_for(public),
        "device_pubkey": public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex(),
        "files": {name: {"sha256": sha(data), "size": len(data)} for name, data in content.items()},
    }
    for field, value in overrides.items():
        if value is None:
            manifest.pop(field, None)
        else:
            manifest[field] = value
    data = canonical_json(manifest)
    return [("manifest.json", data), ("manifest.sig", (sign_with or key).sign(data)), *content.items()]


def content() -> dict[str, bytes]:
    return {"changes.jsonl": "".join(line + "\n" for line in LINES).encode(), f"blobs/{sha(PHOTO)}": PHOTO}


def refused(path: Path, code: str, limits: Limits | None = None) -> BundleError:
    with pytest.raises(BundleError) as caught:
        with open_bundle(path, **({"limits": limits} if limits else {})) as bundle:
            list(bundle.lines())
    assert caught.value.code == code, caught.value.en
    assert str(path) in caught.value.zh and str(path) in caught.value.en
    return caught.value


def central_record(data: bytes | bytearray, name: str) -> int:
    """Offset of a member's central-directory record."""
    central = 0
    while True:
        central = data.find(b"PK\x01\x02", central)
        assert central >= 0
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + name_len] == name.encode():
            return central
        central += 4


def patch_sizes(path: Path, name: str, *, file_size: int | None = None, crc: int | None = None) -> None:
    """Rewrite a member's uncompressed size and/or CRC in both its local header and central-directory record."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        local = zf.getinfo(name).header_offset
    assert data[local:local + 4] == b"PK\x03\x04"
    central = central_record(data, name)
    for crc_at, size_at in ((local + 14, local + 22), (central + 16, central + 24)):
        if crc is not None:
            struct.pack_into("<I", data, crc_at, crc)
        if file_size is not None:
            struct.pack_into("<I", data, size_at, file_size)
    path.write_bytes(bytes(data))


# --- writing and reading back ----------------------------------------------------------------------------------


def test_round_trip_gives_back_every_byte_and_a_signed_manifest(tmp_path):
    path = make_bundle(tmp_path)
    with open_bundle(path) as bundle:
        manifest = bundle.manifest
        assert list(bundle.lines()) == LINES
        assert bundle.blob_names() == sorted([sha(PHOTO), sha(PDF)])
        for data in (PHOTO, PDF):
            assert bundle.read_blob(sha(data)) == data
            assert bundle.blob_sha256(sha(data)) == sha(data)
        assert bundle.certs() == {"inspector-1": CERT}
        assert bundle.sha256() == bundle_sha256(path) == sha(path.read_bytes())

    raw = json.loads(manifest.data)
    assert raw == manifest.raw
    assert manifest.data == canonical_json(raw)
    assert raw["format"] == FORMAT == "fieldsafe-bundle/1"
    assert manifest.device == device_id_for(KEY.public_key())
    assert manifest.public_key == KEY.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    assert manifest.bundle_id == HEADER["bundle_id"] and manifest.kind == "changes"
    assert raw["entry_count"] == 3
    for field, value in HEADER.items():
        assert raw[field] == value
    files = dict(manifest.files)
    stored = members(path)
    assert set(stored) == set(files) | {"manifest.json", "manifest.sig"}
    for name, entry in files.items():
        assert entry == {"sha256": sha(stored[name]), "size": len(stored[name])}
    assert stored["changes.jsonl"] == "".join(line + "\n" for line in LINES).encode()
    assert stored["manifest.json"] == manifest.data
    Ed25519PublicKey.from_public_bytes(manifest.public_key).verify(stored["manifest.sig"], manifest.data)

    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("changes.jsonl").compress_type == zipfile.ZIP_DEFLATED
        assert zf.getinfo(f"blobs/{sha(PHOTO)}").compress_type == zipfile.ZIP_STORED
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp-")] == []


def test_the_same_content_always_gives_the_same_bundle_bytes(tmp_path):
    first = make_bundle(tmp_path, name="one.fsb")
    second = make_bundle(tmp_path, name="two.fsb")
    assert first.read_bytes() == second.read_bytes()


def test_a_receipt_without_changes_has_no_changes_member(tmp_path):
    header = {"bundle_id": "r-1", "kind": "receipt", "accepted": [{"bundle_id": "b-1", "sha256": "ab" * 32}]}
    path = tmp_path / "r.fsb"
    manifest = write_bundle(path, header=header, changes=iter(()), blobs={}, certs={}, private_key=KEY)
    assert manifest.files == {} and manifest.raw["entry_count"] == 0
    assert set(members(path)) == {"manifest.json", "manifest.sig"}
    with open_bundle(path) as bundle:
        assert bundle.manifest.kind == "receipt"
        assert bundle.manifest.raw["accepted"] == header["accepted"]
        assert list(bundle.lines()) == [] and bundle.blob_names() == [] and bundle.certs() == {}


def test_changes_stream_from_a_generator_and_large_blobs_copy_in_chunks(tmp_path):
    big = bytes(range(256)) * (3 * 4096 + 7)  # > 3 MiB, not compressible much
    (tmp_path / "big").write_bytes(big)
    lines = (json.dumps({"hlc": n, "value": "值" * (n % 50)}, ensure_ascii=False) for n in range(20_000))
    path = tmp_path / "g.fsb"
    write_bundle(path, header={"bundle_id": "g", "kind": "changes"}, changes=lines,
                 blobs={sha(big): tmp_path / "big"}, certs={}, private_key=KEY)
    with open_bundle(path) as bundle:
        got = list(bundle.lines())
        copied = bundle.read_blob(sha(big))
    assert len(got) == 20_000 and json.loads(got[-1])["hlc"] == 19_999
    assert copied == big


def test_a_blob_file_that_does_not_match_its_name_is_refused_and_nothing_is_left(tmp_path):
    (tmp_path / "photo").write_bytes(PHOTO)
    target = tmp_path / "out.fsb"
    with pytest.raises(BundleError) as caught:
        write_bundle(target, header=HEADER, changes=LINES, blobs={sha(PDF): tmp_path / "photo"}, certs={},
                     private_key=KEY)
    assert caught.value.code == "bundle.blob_mismatch"
    assert sha(PDF) in caught.value.zh and str(tmp_path / "photo") in caught.value.zh
    assert list(tmp_path.iterdir()) == [tmp_path / "photo"]


def test_a_missing_blob_file_is_a_bundle_error(tmp_path):
    with pytest.raises(BundleError) as caught:
        write_bundle(tmp_path / "o.fsb", header=HEADER, changes=LINES, blobs={sha(PDF): tmp_path / "gone"},
                     certs={}, private_key=KEY)
    assert caught.value.code == "bundle.blob_unreadable"
    assert not (tmp_path / "o.fsb").exists()


def test_writing_into_a_missing_folder_is_a_bundle_error(tmp_path):
    with pytest.raises(BundleError) as caught:
        write_bundle(tmp_path / "no" / "o.fsb", header=HEADER, changes=LINES, blobs={}, certs={}, private_key=KEY)
    assert caught.value.code == "bundle.write_failed"


def test_writing_replaces_an_old_bundle_only_when_complete(tmp_path):
    path = make_bundle(tmp_path)
    before = path.read_bytes()
    with pytest.raises(BundleError):
        write_bundle(path, header=HEADER, changes=LINES, blobs={sha(PDF): tmp_path / "gone"}, certs={},
                     private_key=KEY)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.fsb", "blobs"]


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"header": {**HEADER, "format": "x"}}, ValueError),
        ({"header": {**HEADER, "files": {}}}, ValueError),
        ({"header": {"kind": "changes"}}, ValueError),
        ({"header": {**HEADER, "kind": "other"}}, ValueError),
        ({"header": {**HEADER, "entry_count": 2}}, ValueError),
        ({"header": {**HEADER, "when": float("nan")}}, ValueError),
        ({"changes": ["a\nb"]}, ValueError),
        ({"changes": [""]}, ValueError),
        ({"certs": {"../x": CERT}}, ValueError),
        ({"blobs": {"ABC": Path("x")}}, ValueError),
    ],
)
def test_caller_mistakes_are_programming_errors(tmp_path, kwargs, error):
    with pytest.raises(error):
        make_bundle(tmp_path, **kwargs)
    assert not (tmp_path / "b.fsb").exists()


def test_writing_refuses_what_reading_would_refuse(tmp_path):
    lines = ['{"value":"' + "0" * 1000 + '"}'] * 3000  # 3 MB compressing far more than 10 times
    with pytest.raises(BundleError) as caught:
        make_bundle(tmp_path, lines=lines, limits=Limits(max_ratio=10))
    assert caught.value.code == "bundle.zip_bomb" and "无法写出" in caught.value.zh
    with pytest.raises(BundleError) as caught:
        make_bundle(tmp_path, lines=["x" * 100], limits=Limits(max_entries_line=50))
    assert caught.value.code == "bundle.line_too_long"
    assert not (tmp_path / "b.fsb").exists()


def test_errors_are_user_errors_in_both_languages(tmp_path):
    path = forge(tmp_path / "x.fsb", [("notes.txt", b"hi")])
    error = refused(path, "bundle.bad_name")
    assert isinstance(error, UserError)
    assert "notes.txt" in error.zh and "notes.txt" in error.en
    assert "第 1 个成员" in error.zh


# --- refusals: the file itself -----------------------------------------------------------------------------------


def test_not_a_zip(tmp_path):
    path = tmp_path / "x.fsb"
    path.write_bytes(b"just some text, not a bundle\n" * 10)
    refused(path, "bundle.not_zip")


def test_empty_file(tmp_path):
    path = tmp_path / "x.fsb"
    path.write_bytes(b"")
    refused(path, "bundle.empty")


def test_missing_file(tmp_path):
    refused(tmp_path / "absent.fsb", "bundle.unreadable")


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9, 0.99])
def test_truncated_file(tmp_path, keep):
    path = make_bundle(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    error = refused(path, "bundle.truncated")
    assert "不完整" in error.zh


def test_bundle_sha256_of_a_missing_file_is_a_bundle_error(tmp_path):
    with pytest.raises(BundleError):
        bundle_sha256(tmp_path / "absent.fsb")


# --- refusals: member names and types ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["../evil.sh", "/etc/passwd", "blobs/../manifest.json", "..\\evil.exe", "\\windows\\x", "C:/x", "certs/..",
     "a/../../b"],
)
def test_absolute_and_parent_names_are_refused_as_unsafe(tmp_path, name):
    path = forge(tmp_path / "x.fsb", [*signed(content()), (name, b"payload")])
    error = refused(path, "bundle.unsafe_name")
    assert "第 5 个成员名称不合法" in error.zh and "不允许绝对路径或 .." in error.zh
    assert name in error.zh


def test_a_name_with_a_nul_byte_is_unsafe(tmp_path):
    path = forge(tmp_path / "x.fsb", [*signed(content()), ("manifest.jsonX../../x", b"{}")])
    path.write_bytes(path.read_bytes().replace(b"manifest.jsonX", b"manifest.json\0"))
    refused(path, "bundle.unsafe_name")


@pytest.mark.parametrize("name", ["notes.txt", f"blobs/{sha(PHOTO).upper()}", "blobs/abc", "certs/a b.pem",
                                  "certs/x.crt", "blobs/sub/" + "a" * 64, "./manifest.json", "Manifest.json"])
def test_names_outside_the_whitelist_are_refused(tmp_path, name):
    path = forge(tmp_path / "x.fsb", [*signed(content()), (name, b"payload")])
    refused(path, "bundle.bad_name")


def test_symlink_member(tmp_path):
    link = info(f"blobs/{'0' * 64}", zipfile.ZIP_STORED, stat.S_IFLNK | 0o777)
    path = forge(tmp_path / "x.fsb", [*signed(content()), (link, b"/etc/passwd")])
    error = refused(path, "bundle.symlink")
    assert "符号链接" in error.zh


def test_directory_member(tmp_path):
    directory = info("blobs/", zipfile.ZIP_STORED, stat.S_IFDIR | 0o755)
    path = forge(tmp_path / "x.fsb", [(directory, b""), *signed(content())])
    refused(path, "bundle.directory")


def test_duplicate_member(tmp_path):
    entries = signed(content())
    path = forge(tmp_path / "x.fsb", [*entries, ("changes.jsonl", b'{"evil":1}\n')])
    error = refused(path, "bundle.duplicate")
    assert "changes.jsonl" in error.zh


def test_encrypted_member(tmp_path):
    path = forge(tmp_path / "x.fsb", signed(content()))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        local = zf.getinfo("changes.jsonl").header_offset
    central = central_record(data, "changes.jsonl")
    data[local + 6] |= 0x1  # general purpose flag bit 0: encrypted
    data[central + 8] |= 0x1
    path.write_bytes(bytes(data))
    refused(path, "bundle.encrypted")


def test_unsupported_compression(tmp_path):
    entries = signed(content())
    path = forge(tmp_path / "x.fsb", [*entries[:2], (info("changes.jsonl", zipfile.ZIP_BZIP2), entries[2][1]),
                                      entries[3]])
    refused(path, "bundle.compression")


# --- refusals: sizes ----------------------------------------------------------------------------------------------


def test_oversized_member(tmp_path):
    path = make_bundle(tmp_path)
    error = refused(path, "bundle.member_too_large", Limits(max_member=5000))
    assert sha(PHOTO) in error.zh


def test_oversized_total(tmp_path):
    path = make_bundle(tmp_path)
    refused(path, "bundle.total_too_large", Limits(max_total=len(PHOTO) + len(PDF)))


def test_too_many_members(tmp_path):
    path = make_bundle(tmp_path)
    refused(path, "bundle.too_many_members", Limits(max_members=4))


def test_high_ratio_member_is_a_zip_bomb(tmp_path):
    zeros = b"0" * (4 << 20)
    path = forge(tmp_path / "x.fsb", signed({f"blobs/{sha(zeros)}": zeros}))
    error = refused(path, "bundle.zip_bomb", Limits(max_ratio=50))
    assert "压缩炸弹" in error.zh


def test_oversized_manifest(tmp_path):
    path = make_bundle(tmp_path)
    refused(path, "bundle.member_too_large", Limits(max_manifest=100))


def test_line_too_long(tmp_path):
    path = make_bundle(tmp_path)
    error = refused(path, "bundle.line_too_long", Limits(max_entries_line=100))
    assert "第 1 行" in error.zh


def test_a_header_claiming_fewer_bytes_than_the_data_holds_is_a_bundle_error(tmp_path):
    # The manifest agrees with the lying header, so the sizes match until the data is streamed: zipfile then
    # stops at the declared size and finds the CRC wrong, which must come out as a BundleError.
    data = content()["changes.jsonl"] * 200
    short = 1000
    fake = {"changes.jsonl": data}
    entries = signed(fake, files={"changes.jsonl": {"sha256": sha(data[:short]), "size": short}}, entry_count=None)
    path = forge(tmp_path / "x.fsb", entries)
    patch_sizes(path, "changes.jsonl", file_size=short)
    refused(path, "bundle.damaged")


def test_a_header_whose_crc_also_lies_yields_only_the_declared_bytes(tmp_path):
    # Size and CRC both describe the first 1000 bytes: whatever follows in the compressed stream is never read,
    # and the manifest's real size/hash then disagrees.
    data = content()["changes.jsonl"] * 200
    path = forge(tmp_path / "x.fsb", signed({"changes.jsonl": data}, entry_count=None))
    patch_sizes(path, "changes.jsonl", file_size=1000, crc=zlib.crc32(data[:1000]))
    refused(path, "bundle.size_mismatch")


def test_a_header_claiming_more_bytes_than_the_data_holds_is_a_bundle_error(tmp_path):
    data = content()["changes.jsonl"]
    big = len(data) + 5000
    entries = signed({"changes.jsonl": data}, files={"changes.jsonl": {"sha256": sha(data), "size": big}})
    path = forge(tmp_path / "x.fsb", entries)
    patch_sizes(path, "changes.jsonl", file_size=big)
    with pytest.raises(BundleError) as caught:  # zipfile may stop at the end of the deflate stream or run dry
        open_bundle(path)
    assert caught.value.code in ("bundle.size_mismatch", "bundle.damaged")


def test_streaming_never_trusts_the_header_size(tmp_path, monkeypatch):
    # Even if the zip reader handed out more bytes than the header declares, reading stops with a BundleError.
    path = make_bundle(tmp_path)
    real_read = zipfile.ZipExtFile.read

    def generous_read(self, n=-1):
        data = real_read(self, n)
        return data + b"extra bytes" if data else data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", generous_read)
    refused(path, "bundle.size_mismatch")


# --- refusals: manifest and signature ---------------------------------------------------------------------------


def test_unsigned(tmp_path):
    entries = [e for e in signed(content()) if e[0] != "manifest.sig"]
    error = refused(forge(tmp_path / "x.fsb", entries), "bundle.unsigned")
    assert "没有签名" in error.zh


def test_no_manifest(tmp_path):
    path = forge(tmp_path / "x.fsb", [e for e in signed(content()) if e[0] != "manifest.json"])
    refused(path, "bundle.no_manifest")


def test_signed_with_another_key(tmp_path):
    path = forge(tmp_path / "x.fsb", signed(content(), sign_with=OTHER_KEY))
    refused(path, "bundle.bad_signature")


def test_signature_of_the_wrong_length(tmp_path):
    entries = signed(content())
    entries[1] = ("manifest.sig", entries[1][1] + b"\0")
    refused(forge(tmp_path / "x.fsb", entries), "bundle.bad_signature")


def test_device_id_not_matching_the_key(tmp_path):
    other = device_id_for(OTHER_KEY.public_key())
    path = forge(tmp_path / "x.fsb", signed(content(), device=other))
    error = refused(path, "bundle.device_mismatch")
    assert other in error.zh and device_id_for(KEY.public_key()) in error.zh


def test_changed_byte_in_changes(tmp_path):
    path = make_bundle(tmp_path)
    stored = members(path)
    changed = stored["changes.jsonl"].replace("一般".encode(), "重大".encode())
    assert len(changed) == len(stored["changes.jsonl"])
    stored["changes.jsonl"] = changed
    path = forge(tmp_path / "x.fsb", list(stored.items()))
    error = refused(path, "bundle.hash_mismatch")
    assert "changes.jsonl" in error.zh


def test_changed_byte_in_manifest(tmp_path):
    path = make_bundle(tmp_path)
    stored = members(path)
    stored["manifest.json"] = stored["manifest.json"].replace(b'"schema_version":7', b'"schema_version":8')
    refused(forge(tmp_path / "x.fsb", list(stored.items())), "bundle.bad_signature")


def test_missing_member(tmp_path):
    path = make_bundle(tmp_path)
    stored = members(path)
    del stored[f"blobs/{sha(PDF)}"]
    error = refused(forge(tmp_path / "x.fsb", list(stored.items())), "bundle.missing_member")
    assert sha(PDF) in error.zh


def test_extra_member(tmp_path):
    path = make_bundle(tmp_path)
    stored = members(path)
    stored["certs/intruder.pem"] = CERT
    error = refused(forge(tmp_path / "x.fsb", list(stored.items())), "bundle.extra_member")
    assert "certs/intruder.pem" in error.zh


def test_member_size_differs_from_manifest(tmp_path):
    data = content()
    entries = signed(data, files={name: {"sha256": sha(d), "size": len(d) + 1} for name, d in data.items()})
    refused(forge(tmp_path / "x.fsb", entries), "bundle.size_mismatch")


def test_newer_format(tmp_path):
    error = refused(forge(tmp_path / "x.fsb", signed(content(), format="fieldsafe-bundle/2")), "bundle.newer_format")
    assert "升级" in error.zh and "upgrade" in error.en


@pytest.mark.parametrize("fmt", ["other-bundle/1", "fieldsafe-bundle", 1, None])
def test_not_a_fieldsafe_format(tmp_path, fmt):
    refused(forge(tmp_path / "x.fsb", signed(content(), format=fmt)), "bundle.not_fieldsafe")


@pytest.mark.parametrize(
    "overrides",
    [
        {"bundle_id": None},
        {"bundle_id": 7},
        {"kind": "gift"},
        {"files": []},
        {"device_pubkey": "zz"},
        {"entry_count": -1},
        {"entry_count": True},
        {"files": {"changes.jsonl": {"sha256": "ab", "size": 1}}},
        {"files": {"../x": {"sha256": "ab" * 32, "size": 1}}},
        {"files": {"manifest.sig": {"sha256": "ab" * 32, "size": 64}}},
    ],
)
def test_manifest_fields_are_checked(tmp_path, overrides):
    refused(forge(tmp_path / "x.fsb", signed(content(), **overrides)), "bundle.bad_manifest")


@pytest.mark.parametrize("data", [b"[1,2]", b"{not json", b"\xff\xfe{}", b'{"a":1,"a":2}', b'{"a":NaN}',
                                  b"[" * 100_000])
def test_manifest_must_be_a_json_object(tmp_path, data):
    path = forge(tmp_path / "x.fsb", [("manifest.json", data), ("manifest.sig", KEY.sign(data))])
    refused(path, "bundle.bad_manifest")


def test_entry_count_must_match_the_lines(tmp_path):
    refused(forge(tmp_path / "x.fsb", signed(content(), entry_count=4)), "bundle.entry_count")


@pytest.mark.parametrize(
    "data",
    [b'{"a":1}\n{"b":2}', b'{"a":1}\n\n{"b":2}\n', b'{"a":"\xff"}\n'],
)
def test_changes_lines_must_be_terminated_non_empty_utf8(tmp_path, data):
    refused(forge(tmp_path / "x.fsb", signed({"changes.jsonl": data}, entry_count=None)), "bundle.bad_changes")


# --- after verification ------------------------------------------------------------------------------------------


def test_a_blob_changed_on_disk_after_verification_is_caught_while_copying(tmp_path):
    path = make_bundle(tmp_path)
    data = path.read_bytes()
    at = data.index(PHOTO[:64]) + len(PHOTO) - 10  # past the reader's buffer of the start of the file
    with open_bundle(path) as bundle:
        with path.open("r+b") as f:
            f.seek(at)
            f.write(bytes([data[at] ^ 0xFF]))
        with pytest.raises(BundleError) as caught:
            bundle.read_blob(sha(PHOTO))
        assert caught.value.code in ("bundle.changed", "bundle.damaged")  # a stored member has a CRC too


def test_unknown_blob(tmp_path):
    with open_bundle(make_bundle(tmp_path)) as bundle:
        with pytest.raises(BundleError) as caught:
            bundle.read_blob("0" * 64)
        assert caught.value.code == "bundle.no_such_blob"
        with pytest.raises(BundleError):
            bundle.read_blob("../../etc/passwd")


def test_closed_bundle_cannot_be_read(tmp_path):
    bundle = open_bundle(make_bundle(tmp_path))
    bundle.close()
    bundle.close()
    with pytest.raises(ValueError):
        bundle.sha256()


def test_an_empty_changes_member_listed_in_the_manifest_is_accepted(tmp_path):
    path = forge(tmp_path / "x.fsb", signed({"changes.jsonl": b""}, entry_count=0))
    with open_bundle(path) as bundle:
        assert list(bundle.lines()) == []
