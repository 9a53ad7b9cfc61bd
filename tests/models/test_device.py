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


def test_a_key_in_another_pem_form_reads_as_the_same_device(tmp_path):
    """The file this program writes is read without cryptography's PEM reader; a key written another way (here the
    Windows line ends, or a blank line after the header) still goes through that reader."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from app.models.device import KEY_FILE, device_id_for

    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    for n, text in enumerate((pem, pem.replace(b"\n", b"\r\n"), pem.replace(b"-----\n", b"-----\n\n", 1))):
        keys = tmp_path / str(n)
        keys.mkdir()
        (keys / KEY_FILE).write_bytes(text)
        assert load_or_create_device(keys).id == device_id_for(key.public_key())


def test_a_key_of_another_type_is_refused(tmp_path):
    import pytest
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from app.errors import UserError
    from app.models.device import KEY_FILE

    other = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    (tmp_path / KEY_FILE).write_bytes(other)
    with pytest.raises(UserError) as err:
        load_or_create_device(tmp_path)
    assert err.value.code == "device.key_wrong_type"
