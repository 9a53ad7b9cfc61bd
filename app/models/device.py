"""This installation's identity: an Ed25519 key pair made at first run; the device id is derived from its public key.

The key signs sync bundles later; the id stamps every change entry written here.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.errors import UserError

KEY_FILE = "device_ed25519.pem"
# PKCS #8 v1 of an Ed25519 key (RFC 8410 §7), as cryptography writes it: this header, then the 32-byte seed.
_PKCS8_ED25519 = bytes.fromhex("302e020100300506032b657004220420")


def device_id_for(public_key: Ed25519PublicKey) -> str:
    return hashlib.sha256(public_key.public_bytes_raw()).hexdigest()[:16]


def key_fingerprint(raw_public_key: bytes) -> str:
    """Public-key fingerprint grouped for reading aloud when a supervisor enrols a laptop."""
    digest = hashlib.sha256(raw_public_key).hexdigest()[:32].upper()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


@dataclass(frozen=True)
class Device:
    private_key: Ed25519PrivateKey

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.private_key.public_key()

    @property
    def id(self) -> str:
        return device_id_for(self.public_key)

    def public_bytes(self) -> bytes:
        return self.public_key.public_bytes_raw()

    def fingerprint(self) -> str:
        return key_fingerprint(self.public_bytes())

    def sign(self, data: bytes) -> bytes:
        return self.private_key.sign(data)


def load_or_create_device(keys_dir: Path) -> Device:
    keys_dir.mkdir(parents=True, exist_ok=True)
    path = keys_dir / KEY_FILE
    if path.exists():
        try:
            key = _read_key(path.read_bytes())
        except (ValueError, TypeError) as exc:
            raise UserError(
                "device.key_damaged",
                "本机密钥文件已损坏：{path}（{reason}）",
                "The device key file is damaged: {path} ({reason})",
                path=str(path),
                reason=str(exc),
            ) from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise UserError(
                "device.key_wrong_type",
                "本机密钥文件不是 Ed25519 密钥：{path}",
                "The device key file is not an Ed25519 key: {path}",
                path=str(path),
            )
        return Device(key)
    from cryptography.hazmat.primitives import serialization

    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return Device(key)


def _read_key(pem: bytes) -> object:
    """The key of a PEM file. The file this module writes is read directly: cryptography's PEM reader brings its
    serialization package (SSH keys and ciphers among it), about 15 ms of every start. Any other form is left to
    that reader."""
    lines = pem.strip().splitlines()
    if len(lines) == 3 and lines[0] == b"-----BEGIN PRIVATE KEY-----" and lines[2] == b"-----END PRIVATE KEY-----":
        try:
            der = base64.b64decode(lines[1], validate=True)
        except binascii.Error:
            der = b""
        if len(der) == len(_PKCS8_ED25519) + 32 and der.startswith(_PKCS8_ED25519):
            return Ed25519PrivateKey.from_private_bytes(der[len(_PKCS8_ED25519):])
    from cryptography.hazmat.primitives import serialization

    return serialization.load_pem_private_key(pem, password=None)
