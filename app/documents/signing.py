"""PAdES signatures on enforcement documents (pyHanko), and their verification.

`sign_pdf` appends an invisible signature as an incremental update (the visible signature block is drawn by the
renderer with reportlab; pyHanko's own CJK stamps cost 0.2–0.6 s each). The certificate chain is embedded so a
verifier needs only the root.

`verify_pdf` checks every signature in a file against a list of trusted roots, offline (no OCSP/CRL fetching: no
server is reachable in the field), and reports in plain terms:

* ``intact``: the signed bytes are unchanged and the signature is cryptographically valid;
* ``trusted``: the signer's certificate chains up to one of the trusted roots;
* ``modified_after_signing``: something was appended after a signature beyond what a later signature (form
  filling) may legitimately add.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization

from app.documents.certs import load_certificates, load_private_key
from app.errors import UserError, localized

DEFAULT_FIELD = "Signature1"


def content_sha256(content: bytes | str | Mapping[str, Any] | Sequence[Any]) -> str:
    """SHA-256 hex of a document's content, as printed in its QR code.

    Bytes are hashed as they are; text as UTF-8; a mapping / list as canonical JSON (sorted keys, no spaces, UTF-8),
    so the same database fields always give the same hash whatever the dict order.
    """
    if isinstance(content, bytes):
        data = content
    elif isinstance(content, str):
        data = content.encode("utf-8")
    else:
        data = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()
    return hashlib.sha256(data).hexdigest()


def sign_pdf(
    pdf_bytes: bytes,
    key_pem: bytes,
    cert_pem: bytes,
    passphrase: str,
    *,
    reason: str,
    location: str,
    name: str,
    chain: Sequence[bytes] = (),
    field_name: str | None = None,
) -> bytes:
    """Sign `pdf_bytes` (PAdES baseline B, ECDSA/SHA-256) and return the signed file.

    `cert_pem` may be a bundle (leaf first); its extra certificates join `chain`. A wrong passphrase is a UserError.
    `field_name` defaults to the first free "Signature<n>", so a second signer (a supervisor's approval) adds its own
    field.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.sign import fields, signers
    from pyhanko.sign.signers import constants
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    from app.documents.pdfa import sync_xmp

    class _Pdf17Signer(signers.PdfSigner):
        def register_extensions(self, pdf_out: Any, *, md_algorithm: str) -> None:
            # Only PAdES's own marker (ESIC, on PDF 1.7). pyHanko would also declare ISO/TS 32002 for an ECDSA key,
            # which raises the file to PDF 2.0; PDF/A-2 is a profile of PDF 1.7, and readers verify ECDSA without it.
            pdf_out.ensure_output_version(version=(1, 7))
            pdf_out.register_extension(constants.ESIC_EXTENSION_1)

    class _PdfAWriter(IncrementalPdfFileWriter):
        def _update_meta(self) -> None:  # pyHanko's hook that stamps ModDate and Producer before the file is hashed
            super()._update_meta()
            sync_xmp(self)

    key = load_private_key(key_pem, passphrase)
    certs = load_certificates(cert_pem)
    for pem in chain:
        certs.extend(load_certificates(pem))
    a_certs = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in certs]
    a_key = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                          serialization.NoEncryption())
    )
    if a_certs[0].public_key.dump() != asn1_keys.PublicKeyInfo.load(
        key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    ).dump():
        raise UserError("sign.key_cert_mismatch", "私钥与证书不匹配", "The private key does not match the certificate")
    signer = signers.SimpleSigner(
        signing_cert=a_certs[0], signing_key=a_key, cert_registry=SimpleCertificateStore.from_certs(a_certs)
    )
    try:
        writer = _PdfAWriter(io.BytesIO(pdf_bytes), strict=False)
        if field_name is None:
            taken = {f[0] for f in fields.enumerate_sig_fields(writer.prev, filled_status=None)}
            n = 1
            while f"Signature{n}" in taken:
                n += 1
            field_name = f"Signature{n}"
        meta = signers.PdfSignatureMetadata(
            field_name=field_name,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            reason=reason or None,
            location=location or None,
            name=name or None,
        )
        out = _Pdf17Signer(meta, signer=signer).sign_pdf(writer)
    except (PdfReadError, ValueError) as exc:
        raise UserError(
            "sign.bad_pdf", "无法签名：文件不是有效的 PDF（{reason}）", "Cannot sign: not a valid PDF ({reason})",
            reason=str(exc),
        ) from exc
    return out.getvalue()


@dataclass(frozen=True)
class SignatureCheck:
    field_name: str
    signer_name: str
    signed_at: datetime | None
    intact: bool
    trusted: bool
    modified_after_signing: bool
    reason: str | None = None
    location: str | None = None
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verification:
    """Result for a whole file; the headline fields describe the *first* signature (the inspector's)."""

    signer_name: str | None
    signed_at: datetime | None
    intact: bool
    trusted: bool
    modified_after_signing: bool
    problems: list[str] = field(default_factory=list)
    signatures: tuple[SignatureCheck, ...] = ()

    @property
    def ok(self) -> bool:
        return bool(self.signatures) and self.intact and self.trusted and not self.modified_after_signing




def verify_pdf(pdf_bytes: bytes, trusted_roots: Sequence[bytes]) -> Verification:
    """Check every signature of a PDF against `trusted_roots` (PEM). A file with no signature is not intact."""
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    roots: list[asn1_x509.Certificate] = []
    for pem in trusted_roots:
        roots.extend(asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
                     for c in load_certificates(pem))
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise UserError(
            "verify.bad_pdf", "文件不是有效的 PDF：{reason}", "Not a valid PDF: {reason}", reason=str(exc)
        ) from exc
    if not embedded:
        msg = localized("文件中没有签名", "The file has no signature")
        return Verification(None, None, False, False, False, [msg], ())

    checks = []
    # pyHanko logs a traceback for untrusted paths and failed checks; the status object carries the result.
    log = logging.getLogger("pyhanko")
    level, log.level = log.level, logging.CRITICAL
    try:
        for sig in embedded:
            checks.append(_check_one(sig, roots, validate_pdf_signature, ValidationContext,
                                     SignatureCoverageLevel, ModificationLevel))
    finally:
        log.level = level
    first = checks[0]
    problems = [f"{c.field_name}: {p}" if len(checks) > 1 else p for c in checks for p in c.problems]
    return Verification(
        signer_name=first.signer_name,
        signed_at=first.signed_at,
        intact=all(c.intact for c in checks),
        trusted=all(c.trusted for c in checks),
        modified_after_signing=any(c.modified_after_signing for c in checks),
        problems=problems,
        signatures=tuple(checks),
    )


def _check_one(sig: Any, roots: list, validate: Any, context_cls: Any, coverage_cls: Any,
               level_cls: Any) -> SignatureCheck:
    problems: list[str] = []
    sig_dict = sig.sig_object
    reason = sig_dict.get("/Reason")
    location = sig_dict.get("/Location")
    try:
        subject = sig.signer_cert.subject.native
        signer_name = str(subject.get("common_name") or sig.signer_cert.subject.human_friendly)
    except Exception:  # noqa: BLE001 - a malformed certificate still gets a report
        signer_name = "?"
    try:
        status = validate(sig, context_cls(trust_roots=roots, allow_fetching=False))
    except Exception as exc:  # noqa: BLE001 - pyHanko raises many kinds on malformed input; report, don't crash
        problems.append(localized(f"无法验证签名：{exc}", f"The signature cannot be validated: {exc}"))
        return SignatureCheck(sig.field_name, signer_name, None, False, False, True,
                              str(reason) if reason else None, str(location) if location else None, tuple(problems))
    intact = bool(status.intact and status.valid)
    trusted = bool(status.trusted)
    coverage = status.coverage
    mod_level = status.modification_level
    if coverage == coverage_cls.ENTIRE_FILE:
        modified = False
    elif coverage == coverage_cls.ENTIRE_REVISION:
        # Later revisions are fine only if they add nothing beyond form filling / further signatures.
        modified = not (status.docmdp_ok and mod_level is not None and mod_level <= level_cls.FORM_FILLING)
    else:
        modified = True
    if not status.intact:
        problems.append(localized("签名后文件内容被改动（摘要不符）", "The signed content was altered (digest "
                                                      "mismatch)"))
    elif not status.valid:
        problems.append(localized("签名值无效", "The signature value is invalid"))
    if not trusted:
        problems.append(
            localized(
                "签名者证书不受信任（其根证书不在信任库中）",
                "The signer's certificate is not trusted (its root is not in the trust store)",
            )
        )
    if modified:
        problems.append(localized("签名后文件被追加修改", "The file was changed after it was signed"))
    return SignatureCheck(
        field_name=sig.field_name,
        signer_name=signer_name,
        signed_at=status.signer_reported_dt,
        intact=intact,
        trusted=trusted,
        modified_after_signing=modified,
        reason=str(reason) if reason else None,
        location=str(location) if location else None,
        problems=tuple(problems),
    )
