from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.models.device import load_or_create_device


def test_device_key_is_created_once_and_signs(tmp_path):
    first = load_or_create_device(tmp_path / "keys")
    again = load_or_create_device(tmp_path / "keys")
    assert first.id == again.id and len(first.id) == 16
    signature = first.sign(b"manifest")
    Ed25519PublicKey.from_public_bytes(first.public_bytes()).verify(signature, b"manifest")


def test_two_installations_have_different_ids(tmp_path):
    assert load_or_create_device(tmp_path / "a").id != load_or_create_device(tmp_path / "b").id


def test_a_damaged_key_file_is_reported_not_replaced(tmp_path):
    import pytest

    from app.errors import UserError

    keys = tmp_path / "keys"
    load_or_create_device(keys)
    key_file = next(keys.iterdir())
    key_file.write_text("garbage")
    with pytest.raises(UserError) as err:
        load_or_create_device(keys)
    assert err.value.code == "device.key_damaged"
    assert key_file.read_text() == "garbage"
