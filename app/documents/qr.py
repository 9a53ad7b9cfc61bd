"""The QR code printed on each page of a document: its number and content hash, so a paper copy can be checked.

Payload: ``FS1|<document number>|<content sha256, 64 lowercase hex>`` (UTF-8; the number holds Chinese text such as
（鄞）应急检记〔2026〕37号). Encoded with reportlab's own QR encoder, so no extra dependency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from PIL import Image
from reportlab.graphics.barcode import qrencoder
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader

from app.errors import UserError

PREFIX = "FS1"
BORDER = 2  # quiet zone, in modules
MASK = 2
_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class QrPayload:
    doc_no: str
    content_sha256: str

    def text(self) -> str:
        return make_payload(self.doc_no, self.content_sha256)


def make_payload(doc_no: str, content_sha256: str) -> str:
    doc_no = doc_no.strip()
    digest = content_sha256.strip().lower()
    if not doc_no or "|" in doc_no or "\n" in doc_no:
        raise ValueError(f"document number unusable in a QR payload: {doc_no!r}")
    if not _HEX64.fullmatch(digest):
        raise ValueError(f"not a SHA-256 hex digest: {content_sha256!r}")
    return f"{PREFIX}|{doc_no}|{digest}"


def parse_payload(text: str) -> QrPayload:
    """Read a scanned payload back; anything else is a UserError."""
    parts = text.strip().split("|")
    if len(parts) != 3 or parts[0] != PREFIX or not parts[1].strip() or not _HEX64.fullmatch(parts[2].lower()):
        raise UserError(
            "qr.bad_payload",
            "二维码内容不是本系统的文书标识：{text}",
            "The QR code is not a FieldSafe document code: {text}",
            text=text[:80],
        )
    return QrPayload(parts[1].strip(), parts[2].lower())


@lru_cache(maxsize=32)
def _modules(payload: str, level: str = "M") -> tuple[tuple[bool, ...], ...]:
    """The code's dark modules, row by row from the top, encoded once per payload (a document prints one code on
    every page)."""
    code = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, level))
    code.addData(payload)
    code.version = code.calculate_version()
    code.makeImpl(False, MASK)
    return tuple(tuple(bool(m) for m in row) for row in code.modules)


def draw_qr(canvas: Any, payload: str, x: float, y: float, size: float = 22 * mm) -> None:
    """Draw the QR code with its lower-left corner at (x, y): for a page template's onPage callback. The modules are
    one small image scaled up without smoothing (PDF images are not interpolated unless asked), with a quiet zone of
    BORDER modules."""
    rows = _modules(payload)
    n = len(rows)
    box = size / (n + 2 * BORDER)
    canvas.drawImage(_image(payload), x + BORDER * box, y + BORDER * box, n * box, n * box)


@lru_cache(maxsize=32)
def _image(payload: str) -> ImageReader:
    rows = _modules(payload)
    picture = Image.new("L", (len(rows), len(rows)), 255)
    picture.putdata([0 if dark else 255 for row in rows for dark in row])
    return ImageReader(picture)
