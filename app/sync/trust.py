"""Whose bundles this installation accepts: the enrolled devices (a synced table, so a supervisor's list reaches its
laptops with the registry, and a revocation travels the same way).

A device is named by its Ed25519 public key (its id is derived from it, app/models/device.py). Enrolment records
the key, so a bundle that claims an enrolled id with another key is refused; this installation's own key is always
trusted (restoring one's own export is allowed).
"""

from __future__ import annotations

import binascii
from dataclasses import dataclass
from typing import Any

from app.errors import UserError, ValidationError
from app.models.device import device_id_for, key_fingerprint
from app.models.store import Store

ROLES = ("INSPECTOR", "SUPERVISOR", "TOWNSHIP")
TRUSTED, UNKNOWN, REVOKED, KEY_MISMATCH, OWN = "TRUSTED", "UNKNOWN", "REVOKED", "KEY_MISMATCH", "OWN"


def _device_id(public_key: bytes) -> str:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        return device_id_for(Ed25519PublicKey.from_public_bytes(public_key))
    except ValueError as exc:
        raise ValidationError("trust.bad_key", "设备公钥不合法", "The device public key is not valid") from exc


@dataclass(frozen=True)
class Trust:
    status: str
    row: dict[str, Any] | None = None

    @property
    def accepted(self) -> bool:
        return self.status in (TRUSTED, OWN)


class Devices:
    def __init__(self, store: Store) -> None:
        self.store = store

    def enrol(self, public_key: bytes, label: str, *, role: str = "INSPECTOR", inspector_id: str | None = None,
              township_id: str | None = None) -> str:
        """Enrol a device by its public key (re-enrolling a revoked one lifts the revocation); return the row id."""
        if role not in ROLES:
            raise ValidationError("trust.role", "未知的设备角色：{role}", "Unknown device role: {role}", role=role)
        device_id = _device_id(public_key)
        key_hex = binascii.hexlify(public_key).decode()
        values = {"device_id": device_id, "public_key": key_hex, "label": label.strip() or device_id, "role": role,
                  "inspector_id": inspector_id, "township_id": township_id, "revoked": 0}
        with self.store.transaction():
            existing = self.find(device_id)
            if existing is None:
                return self.store.insert("enrolled_device", values)
            if existing["public_key"] != key_hex:
                raise _key_mismatch(device_id)
            self.store.update("enrolled_device", existing["id"], values)
            return str(existing["id"])

    def revoke(self, device_id: str) -> None:
        row = self.find(device_id)
        if row is None:
            raise UserError("trust.not_enrolled", "设备 {device} 未登记", "Device {device} is not enrolled",
                            device=device_id)
        self.store.update("enrolled_device", row["id"], {"revoked": 1})

    def find(self, device_id: str) -> dict[str, Any] | None:
        rows = self.store.query(
            "SELECT * FROM enrolled_device WHERE device_id = ? AND deleted = 0 ORDER BY id LIMIT 1", (device_id,)
        )
        return rows[0] if rows else None

    def list(self) -> list[dict[str, Any]]:
        return self.store.query("SELECT * FROM enrolled_device WHERE deleted = 0 ORDER BY role, label, device_id")

    def label(self, device_id: str) -> str:
        row = self.find(device_id)
        return str(row["label"]) if row and row["label"] else device_id

    def trust(self, device_id: str, public_key: bytes) -> Trust:
        if device_id == self.store.device_id:
            return Trust(OWN)
        row = self.find(device_id)
        if row is None:
            return Trust(UNKNOWN)
        if row["public_key"] != binascii.hexlify(public_key).decode():
            return Trust(KEY_MISMATCH, row)
        if row["revoked"]:
            return Trust(REVOKED, row)
        return Trust(TRUSTED, row)


def _key_mismatch(device_id: str) -> UserError:
    return UserError(
        "trust.key_mismatch",
        "设备 {device} 已用另一把公钥登记；同一设备编号出现两把密钥，可能是伪造，拒绝接受",
        "Device {device} is enrolled with a different public key; two keys for one device id may be a forgery",
        device=device_id,
    )


def refusal(status: str, device_id: str, file: str) -> UserError:
    """Why a bundle's signer is not accepted, in words for the person importing it."""
    if status == REVOKED:
        return UserError("trust.revoked", "同步包 {file} 来自已注销的设备 {device}，拒绝导入",
                         "Bundle {file} comes from revoked device {device}; refused", file=file, device=device_id)
    if status == KEY_MISMATCH:
        return _key_mismatch(device_id)
    return UserError(
        "trust.unknown",
        "同步包 {file} 来自未登记的设备 {device}；核对密钥指纹后登记该设备，才能导入",
        "Bundle {file} comes from unknown device {device}; check its key fingerprint and enrol it to import",
        file=file, device=device_id,
    )


__all__ = ["KEY_MISMATCH", "OWN", "REVOKED", "ROLES", "TRUSTED", "UNKNOWN", "Devices", "Trust", "key_fingerprint",
           "refusal"]
