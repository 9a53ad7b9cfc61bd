"""The sync bundle container: a zip file holding a signed manifest, the change entries and content-addressed blobs.

Layout (see docs/bundle-format.md for the full specification)::

    manifest.json    canonical JSON; pins the SHA-256 and size of every other member
    manifest.sig     64-byte Ed25519 signature over the exact bytes of manifest.json
    changes.jsonl    one canonical JSON change entry per line, each followed by "\\n" (absent when there are none)
    blobs/<sha256>   photos, derived images, signed PDFs, named by the SHA-256 of their bytes
    certs/<name>.pem inspector certificates needed to validate the signed PDFs

This module knows nothing about the database: `write_bundle` packs what the caller hands it, `open_bundle` refuses
anything that is not exactly what a device signed, and only then gives the caller the lines and blobs. Which device
keys are trusted (enrolment) is the caller's decision, made from `Manifest.device` / `Manifest.public_key`.

A bundle comes from a USB stick and may be damaged or hostile, so reading never extracts by member path, accepts only
whitelisted names, and caps sizes from the zip headers *and* while streaming. Every refusal is a `BundleError`
(a `UserError`) naming the file and what is wrong; no zipfile, zlib or JSON exception leaks out of `open_bundle`.
"""

from __future__ import annotations

from app.sync.container.format import (
    BLOB_PREFIX,
    CERT_PREFIX,
    CERT_SUFFIX,
    CHANGES,
    FORMAT,
    FORMAT_FAMILY,
    FORMAT_VERSION,
    KINDS,
    MANIFEST,
    PUBLIC_KEY_SIZE,
    SIGNATURE,
    SIGNATURE_SIZE,
    SUFFIX,
    BundleError,
    GiB,
    Limits,
    Manifest,
    MiB,
    canonical_json,
)
from app.sync.container.reader import OpenBundle, bundle_sha256, open_bundle
from app.sync.container.writer import write_bundle

__all__ = [
    "BLOB_PREFIX",
    "BundleError",
    "CERT_PREFIX",
    "CERT_SUFFIX",
    "CHANGES",
    "FORMAT",
    "FORMAT_FAMILY",
    "FORMAT_VERSION",
    "GiB",
    "KINDS",
    "Limits",
    "MANIFEST",
    "Manifest",
    "MiB",
    "OpenBundle",
    "PUBLIC_KEY_SIZE",
    "SIGNATURE",
    "SIGNATURE_SIZE",
    "SUFFIX",
    "bundle_sha256",
    "canonical_json",
    "open_bundle",
    "write_bundle",
]
