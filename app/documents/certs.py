"""Inspectors' signing keys and X.509 certificates, the issuing authority and the trust store.

Two ways to get a signing certificate:

* **Supervised**: a supervisor installation holds an issuing authority (an ECDSA P-256 self-signed root whose key is
  protected by the supervisor's passphrase, under ``<data>/keys/authority/``) and issues each inspector a leaf
  certificate. Other installations trust the root by importing its PEM into their trust store (``<data>/trust/``).
* **Standalone**: an inspector with no supervisor gets a personal root + leaf pair made on the laptop, so signing
  works offline from day one. The personal root's key is thrown away right after issuing (it can sign nothing
  else); the root certificate goes into the local trust store and can be exported like any other.

Keys are ECDSA P-256 (poppler and common PDF readers verify it; Ed25519 PDF signatures they cannot). Private keys are
PKCS#8 PEM encrypted with the owner's passphrase, written atomically with mode 0600. Certificates are PEM; an
inspector's ``.cert.pem`` holds the leaf first, then the chain up to (and including) its root.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from app.errors import UserError
from app.paths import AUTHORITY_CERT, authority_dir

AUTHORITY_KEY = "authority.key.pem"
INSPECTORS_DIR = ("keys", "inspectors")
TRUST_DIR = "trust"

ROOT_YEARS = 20
LEAF_YEARS = 5
_MIN_PASSPHRASE = 6


# Paths


def inspectors_dir(data: Path) -> Path:
    return Path(data).joinpath(*INSPECTORS_DIR)


def trust_dir(data: Path) -> Path:
    return Path(data) / TRUST_DIR


def inspector_paths(data: Path, inspector_id: str) -> tuple[Path, Path]:
    """(key file, certificate file) of one inspector."""
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", inspector_id) or inspector_id.startswith("."):
        raise UserError(
            "cert.bad_inspector_id", "检查员标识不合法：{id}", "Invalid inspector id: {id}", id=inspector_id
        )
    folder = inspectors_dir(data)
    return folder / f"{inspector_id}.key.pem", folder / f"{inspector_id}.cert.pem"


# Low-level helpers


def _write_atomic(path: Path, data: bytes, mode: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _check_new_passphrase(passphrase: str) -> bytes:
    if len(passphrase) < _MIN_PASSPHRASE:
        raise UserError(
            "cert.passphrase_short",
            "口令太短：至少 {n} 个字符",
            "The passphrase is too short: at least {n} characters",
            n=_MIN_PASSPHRASE,
        )
    return passphrase.encode("utf-8")


def _encrypt_key(key: ec.EllipticCurvePrivateKey, passphrase: str) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(_check_new_passphrase(passphrase)),
    )


def load_private_key(key_pem: bytes, passphrase: str) -> ec.EllipticCurvePrivateKey:
    """Decrypt a PEM private key; a wrong passphrase is a UserError ("口令不正确")."""
    try:
        key = serialization.load_pem_private_key(key_pem, password=passphrase.encode("utf-8") or None)
    except TypeError as exc:  # no passphrase given for an encrypted key, or one given for a plain key
        raise _wrong_passphrase() from exc
    except ValueError as exc:
        if b"ENCRYPTED" in key_pem:
            raise _wrong_passphrase() from exc
        raise UserError(
            "cert.key_damaged", "私钥文件已损坏：{reason}", "The private key file is damaged: {reason}", reason=str(exc)
        ) from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise UserError("cert.key_wrong_type", "私钥不是 ECDSA 密钥", "The private key is not an ECDSA key")
    return key


def _wrong_passphrase() -> UserError:
    return UserError("cert.wrong_passphrase", "口令不正确", "The passphrase is incorrect")


def load_certificates(pem: bytes) -> list[x509.Certificate]:
    """All certificates in a PEM bundle (at least one), or a UserError."""
    try:
        certs = x509.load_pem_x509_certificates(pem)
    except ValueError as exc:
        raise UserError(
            "cert.bad_pem",
            "不是有效的 PEM 证书文件：{reason}",
            "Not a valid PEM certificate file: {reason}",
            reason=str(exc),
        ) from exc
    return certs


def cert_pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def fingerprint(cert: x509.Certificate | bytes) -> str:
    """SHA-256 fingerprint of a certificate (object or PEM), grouped for reading aloud."""
    if isinstance(cert, bytes):
        cert = load_certificates(cert)[0]
    digest = cert.fingerprint(hashes.SHA256()).hex().upper()[:32]
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def common_name(cert: x509.Certificate) -> str:
    attrs = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(attrs[0].value) if attrs else cert.subject.rfc4514_string()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _name(cn: str, org: str | None = None, cert_no: str | None = None) -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, cn)]
    if org:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    if cert_no:
        # The enforcement certificate number (浙应执 0123 …) is Chinese text: serialNumber is a PrintableString and
        # cannot hold it, title is a UTF8String.
        attrs.append(x509.NameAttribute(NameOID.TITLE, cert_no))
    attrs.append(x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"))
    return x509.Name(attrs)


def _make_root(name: str, org: str | None = None) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = _name(name, org)
    now = _now()
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=365 * ROOT_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ski, critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def _make_leaf(
    issuer_key: ec.EllipticCurvePrivateKey,
    issuer_cert: x509.Certificate,
    inspector_name: str,
    cert_no: str,
    agency: str,
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    if not inspector_name.strip():
        raise UserError("cert.no_name", "请填写检查员姓名", "The inspector's name is required")
    key = ec.generate_private_key(ec.SECP256R1())
    now = _now()
    not_after = min(now + dt.timedelta(days=365 * LEAF_YEARS), issuer_cert.not_valid_after_utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(inspector_name.strip(), agency.strip() or None, cert_no.strip() or None))
        .issuer_name(issuer_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False)
        .sign(issuer_key, hashes.SHA256())
    )
    return key, cert


# Issuing authority (supervisor installation)


@dataclass(frozen=True)
class Authority:
    name: str
    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate

    @property
    def cert_pem(self) -> bytes:
        return cert_pem(self.certificate)


def create_authority(name: str, folder: Path, passphrase: str) -> Authority:
    """Make a new issuing authority in `folder` (refused if one is there already); returns it unlocked."""
    folder = Path(folder)
    key_path, cert_path = folder / AUTHORITY_KEY, folder / AUTHORITY_CERT
    if key_path.exists() or cert_path.exists():
        raise UserError(
            "cert.authority_exists",
            "该目录中已有签发机构：{path}",
            "An issuing authority already exists in {path}",
            path=str(folder),
        )
    if not name.strip():
        raise UserError("cert.no_authority_name", "请填写签发机构名称", "The authority's name is required")
    key, cert = _make_root(name.strip())
    key_pem = _encrypt_key(key, passphrase)
    _write_atomic(cert_path, cert_pem(cert), 0o644)
    _write_atomic(key_path, key_pem, 0o600)
    return Authority(name.strip(), key, cert)


def load_authority(folder: Path, passphrase: str) -> Authority:
    folder = Path(folder)
    key_path, cert_path = folder / AUTHORITY_KEY, folder / AUTHORITY_CERT
    if not key_path.exists() or not cert_path.exists():
        raise UserError(
            "cert.no_authority",
            "本机不是签发机构：{path} 中没有机构证书",
            "No issuing authority in {path}",
            path=str(folder),
        )
    key = load_private_key(key_path.read_bytes(), passphrase)
    cert = load_certificates(cert_path.read_bytes())[0]
    if cert.public_key().public_numbers() != key.public_key().public_numbers():  # type: ignore[union-attr]
        raise UserError(
            "cert.authority_mismatch",
            "签发机构的私钥与证书不匹配：{path}",
            "The authority's key does not match its certificate: {path}",
            path=str(folder),
        )
    return Authority(common_name(cert), key, cert)


def issue_inspector_certificate(
    authority: Authority,
    inspector_name: str,
    cert_no: str,
    agency: str,
    passphrase_for_inspector: str,
) -> tuple[bytes, bytes]:
    """A new key + certificate for an inspector: (encrypted key PEM, PEM bundle of leaf then root)."""
    _check_new_passphrase(passphrase_for_inspector)
    key, cert = _make_leaf(authority.key, authority.certificate, inspector_name, cert_no, agency)
    return _encrypt_key(key, passphrase_for_inspector), cert_pem(cert) + authority.cert_pem


def create_standalone_identity(
    inspector_name: str, cert_no: str, agency: str, passphrase: str
) -> tuple[bytes, bytes, bytes]:
    """A personal root + leaf for an inspector with no supervisor: (encrypted key PEM, leaf+root PEM, root PEM).

    The personal root's key is discarded, so that root vouches for this one certificate only.
    """
    _check_new_passphrase(passphrase)
    root_key, root = _make_root(f"{inspector_name.strip()}（个人签发）", agency.strip() or None)
    key, leaf = _make_leaf(root_key, root, inspector_name, cert_no, agency)
    return _encrypt_key(key, passphrase), cert_pem(leaf) + cert_pem(root), cert_pem(root)


# Inspectors' files


@dataclass(frozen=True)
class InspectorCredentials:
    key_pem: bytes
    cert_pem: bytes  # the leaf only
    chain: tuple[bytes, ...]  # issuers up to the root, PEM each

    @property
    def certificate(self) -> x509.Certificate:
        return load_certificates(self.cert_pem)[0]


def save_inspector_credentials(data: Path, inspector_id: str, key_pem: bytes, cert_bundle_pem: bytes) -> None:
    certs = load_certificates(cert_bundle_pem)
    key_path, cert_path = inspector_paths(data, inspector_id)
    _write_atomic(cert_path, b"".join(cert_pem(c) for c in certs), 0o644)
    _write_atomic(key_path, key_pem, 0o600)


def load_inspector_credentials(data: Path, inspector_id: str) -> InspectorCredentials:
    key_path, cert_path = inspector_paths(data, inspector_id)
    if not key_path.exists() or not cert_path.exists():
        raise UserError(
            "cert.no_inspector_cert",
            "该检查员还没有签名证书：{id}",
            "This inspector has no signing certificate: {id}",
            id=inspector_id,
        )
    certs = load_certificates(cert_path.read_bytes())
    return InspectorCredentials(key_path.read_bytes(), cert_pem(certs[0]), tuple(cert_pem(c) for c in certs[1:]))


def setup_standalone_inspector(
    data: Path, inspector_id: str, inspector_name: str, cert_no: str, agency: str, passphrase: str
) -> InspectorCredentials:
    """Standalone mode in one call: make the personal pair, store it, and trust its root on this installation."""
    key_pem, bundle, root = create_standalone_identity(inspector_name, cert_no, agency, passphrase)
    save_inspector_credentials(data, inspector_id, key_pem, bundle)
    import_root(data, root)
    return load_inspector_credentials(data, inspector_id)


# Trust store


def _is_root_ca(cert: x509.Certificate) -> bool:
    if cert.subject != cert.issuer:
        return False
    try:
        bc = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        return False
    if not bc.ca:
        return False
    try:
        cert.verify_directly_issued_by(cert)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def import_root(data: Path, pem: bytes) -> Path:
    """Add a root certificate to this installation's trust store; returns its file. Idempotent."""
    certs = load_certificates(pem)
    if len(certs) != 1 or not _is_root_ca(certs[0]):
        raise UserError(
            "cert.not_root",
            "文件应只包含一张自签名的根证书（CA）",
            "The file must hold exactly one self-signed root (CA) certificate",
        )
    cert = certs[0]
    name = cert.fingerprint(hashes.SHA256()).hex()[:16] + ".pem"
    path = trust_dir(data) / name
    if not path.exists():
        _write_atomic(path, cert_pem(cert), 0o644)
    return path


def import_root_file(data: Path, file: Path) -> Path:
    try:
        pem = Path(file).read_bytes()
    except OSError as exc:
        raise UserError(
            "cert.read_failed",
            "无法读取文件 {path}：{reason}",
            "Cannot read {path}: {reason}",
            path=str(file),
            reason=exc.strerror or str(exc),
        ) from exc
    return import_root(data, pem)


def trusted_roots(data: Path) -> list[bytes]:
    """PEM of every root this installation trusts: its own issuing authority's, then every file in the trust store
    (unreadable or non-certificate files are skipped)."""
    folder = trust_dir(data)
    roots = []
    own = authority_dir(data) / AUTHORITY_CERT
    if own.exists():
        try:
            roots.append(cert_pem(x509.load_pem_x509_certificate(own.read_bytes())))
        except (OSError, ValueError):
            pass
    for path in sorted(folder.glob("*.pem")) if folder.is_dir() else []:
        try:
            certs = x509.load_pem_x509_certificates(path.read_bytes())
        except (OSError, ValueError):
            continue
        roots.extend(cert_pem(c) for c in certs if cert_pem(c) not in roots)
    return roots


def own_root(data: Path) -> bytes | None:
    """The root this installation stands for: its issuing authority's, else a standalone inspector's personal root."""
    cert_path = authority_dir(data) / AUTHORITY_CERT
    if cert_path.exists():
        return cert_pem(load_certificates(cert_path.read_bytes())[0])
    folder = inspectors_dir(data)
    for path in sorted(folder.glob("*.cert.pem")) if folder.is_dir() else []:
        certs = load_certificates(path.read_bytes())
        if len(certs) > 1 and _is_root_ca(certs[-1]):
            return cert_pem(certs[-1])
    return None


def export_root(data: Path, file: Path) -> bytes:
    """Write this installation's root certificate to `file`; returns its PEM."""
    root = own_root(data)
    if root is None:
        raise UserError(
            "cert.no_root",
            "本机没有可导出的根证书（尚未创建签发机构或检查员证书）",
            "This installation has no root certificate to export (no authority or inspector certificate yet)",
        )
    try:
        _write_atomic(Path(file), root, 0o644)
    except OSError as exc:
        raise UserError(
            "cert.write_failed",
            "无法写入文件 {path}：{reason}",
            "Cannot write {path}: {reason}",
            path=str(file),
            reason=exc.strerror or str(exc),
        ) from exc
    return root
