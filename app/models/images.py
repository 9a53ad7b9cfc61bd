"""Turn a photo file into the derived images the app shows and prints.

The original bytes are never re-encoded (evidence integrity); this module only checks that they are a sound image
and produces an upright, size-capped JPEG for PDFs plus a thumbnail, keeping the capture time and GPS position in
the JPEG's EXIF. Untrusted input is expected (files copied from phones and USB sticks), so every way Pillow can
fail is turned into a PhotoError naming the file.

Thread-safe: nothing global is changed. Pillow's own decompression-bomb guard is global (`Image.MAX_IMAGE_PIXELS`)
and so are warning filters, so instead of adjusting either, the declared size is checked against MAX_PIXELS after
the header is parsed and before any pixel is decoded.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from app.errors import PhotoError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_PIXELS = 80_000_000
# MPO is how Pillow labels the multi-picture JPEGs many phones write.
_MIME = {
    "JPEG": "image/jpeg",
    "MPO": "image/jpeg",
    "PNG": "image/png",
    "WEBP": "image/webp",
    "BMP": "image/bmp",
    "TIFF": "image/tiff",
    "HEIF": "image/heif",  # only if a HEIF plugin happens to be registered
}
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, zlib.error, IndexError, TypeError)

_IFD0_KEEP = (ExifTags.Base.DateTime, ExifTags.Base.Make, ExifTags.Base.Model)
_EXIF_KEEP = (
    ExifTags.Base.DateTimeOriginal,
    ExifTags.Base.DateTimeDigitized,
    ExifTags.Base.OffsetTime,
    ExifTags.Base.OffsetTimeOriginal,
    ExifTags.Base.OffsetTimeDigitized,
    ExifTags.Base.SubsecTimeOriginal,
)


@dataclass(frozen=True)
class ProcessedPhoto:
    image: bytes  # upright RGB JPEG, longest side <= max_side
    thumbnail: bytes  # upright RGB JPEG, longest side <= thumb_side
    width: int  # of `image`
    height: int
    original_width: int  # of the source as displayed, i.e. after applying EXIF orientation
    original_height: int
    taken_at: str | None  # "YYYY-MM-DDTHH:MM:SS", camera local time, from EXIF
    original_sha256: str
    original_size: int
    mime: str  # of the source


def process_photo(
    source: Path | bytes,
    *,
    max_side: int = 1600,
    thumb_side: int = 320,
    quality: int = 85,
    name: str | None = None,
) -> ProcessedPhoto:
    """Validate a photo and derive its print-size JPEG and thumbnail.

    `name` labels the photo in error messages when `source` is bytes (defaults to the file name for a path).
    Callers storing the original should check that its blob hash equals `original_sha256`, since the file may
    change between reads.
    """
    if max_side < 1 or thumb_side < 1:
        raise ValueError("max_side and thumb_side must be positive")
    label = name or (source.name if isinstance(source, Path) else "photo")
    data = _read_source(source, label)

    im = _open(data, label)
    try:
        fmt = im.format or "?"
        mime = _MIME.get(fmt)
        if mime is None:
            raise PhotoError(
                "photo.unsupported_format",
                "图片 {file} 的格式 {format} 不受支持，请使用 JPEG、PNG、WebP、BMP 或 TIFF。",
                "Image {file} is in {format} format, which is not supported; use JPEG, PNG, WebP, BMP or TIFF.",
                file=label,
                format=fmt,
            )
        if im.width * im.height > MAX_PIXELS:
            raise _too_large(label)
        header_size = im.size
        if fmt in ("JPEG", "MPO"):
            # Decoding at 1/2, 1/4 or 1/8 scale halves the time for phone photos; the request keeps the aspect
            # ratio so that the longer side, not the shorter, decides the scale.
            im.draft(None, _fit(im.size, max_side))
        try:
            im.load()  # decodes everything, so truncation and corruption surface here, not later
        except Image.DecompressionBombError:
            raise _too_large(label) from None
        except _DECODE_ERRORS as exc:
            raise _damaged(label) from exc
        exif = _safe_exif(im)  # after load(): PNG may carry its eXIf chunk after the pixel data
        turned = exif is not None and exif.get(ExifTags.Base.Orientation) in (5, 6, 7, 8)
        upright = ImageOps.exif_transpose(im) if exif is not None else im.copy()
    finally:
        im.close()

    original_w, original_h = header_size[::-1] if turned else header_size
    icc = upright.info.get("icc_profile")
    if not (isinstance(icc, bytes) and icc[16:20] == b"RGB "):
        icc = None  # a CMYK or grey profile would misdescribe the RGB pixels written below
    rgb = _to_rgb(upright)
    rgb.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    image = _jpeg(rgb, quality, exif=_exif_bytes(exif), icc=icc)
    thumb = rgb.copy()
    thumb.thumbnail((thumb_side, thumb_side), Image.Resampling.LANCZOS)

    return ProcessedPhoto(
        image=image,
        thumbnail=_jpeg(thumb, quality, exif=None, icc=icc),
        width=rgb.width,
        height=rgb.height,
        original_width=original_w,
        original_height=original_h,
        taken_at=_taken_at(exif),
        original_sha256=hashlib.sha256(data).hexdigest(),
        original_size=len(data),
        mime=mime,
    )


def _read_source(source: Path | bytes, label: str) -> bytes:
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    else:
        try:
            with Path(source).open("rb") as f:
                # Read one byte past the cap so a file growing after a size check is still refused.
                data = f.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise PhotoError(
                "photo.unreadable",
                "无法读取文件 {file}：{reason}",
                "Cannot read file {file}: {reason}",
                file=label,
                reason=exc.strerror or exc.__class__.__name__,
            ) from exc
    if not data:
        raise PhotoError("photo.empty", "文件 {file} 是空的（0 字节）。", "File {file} is empty (0 bytes).", file=label)
    if len(data) > MAX_FILE_BYTES:
        raise PhotoError(
            "photo.file_too_large",
            "文件 {file} 太大（超过 {limit} MB），不像是一张照片。",
            "File {file} is too large (over {limit} MB) to be a photo.",
            file=label,
            limit=MAX_FILE_BYTES // (1024 * 1024),
        )
    return data


def _open(data: bytes, label: str) -> Image.Image:
    try:
        return Image.open(io.BytesIO(data))
    except UnidentifiedImageError:
        raise PhotoError(
            "photo.not_image",
            "文件 {file} 不是可识别的图片。",
            "File {file} is not a recognised image.",
            file=label,
        ) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # The warning arrives as an exception only where warnings are errors (tests); elsewhere it is merely
        # printed and the MAX_PIXELS check that follows refuses the image.
        raise _too_large(label) from None
    except _DECODE_ERRORS as exc:
        raise _damaged(label) from exc


def _too_large(label: str) -> PhotoError:
    return PhotoError(
        "photo.too_large",
        "图片 {file} 的像素尺寸过大（超过 {limit} 百万像素），已拒绝以免耗尽内存。",
        "Image {file} has too many pixels (over {limit} megapixels) and was refused to avoid running out of memory.",
        file=label,
        limit=MAX_PIXELS // 1_000_000,
    )


def _damaged(label: str) -> PhotoError:
    return PhotoError(
        "photo.damaged",
        "图片 {file} 已损坏或不完整（可能没有复制完整），无法读取。",
        "Image {file} is damaged or incomplete (perhaps only partly copied) and cannot be read.",
        file=label,
    )


def _fit(size: tuple[int, int], side: int) -> tuple[int, int]:
    w, h = size
    scale = side / max(w, h)
    return max(1, round(w * scale)), max(1, round(h * scale))


def _safe_exif(im: Image.Image) -> Image.Exif | None:
    # Broken EXIF is common in edited or transferred photos; the pixels still count, so carry on without it.
    try:
        exif = im.getexif()
        exif.get_ifd(ExifTags.IFD.Exif)
        exif.get_ifd(ExifTags.IFD.GPSInfo)
        return exif
    except _DECODE_ERRORS:
        return None


def _to_rgb(im: Image.Image) -> Image.Image:
    if im.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        # A plain convert() clips 16-bit samples to white; scale them down instead.
        im = im.convert("I").point(lambda v: v / 256).convert("L")
    has_alpha = im.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in im.info
    if has_alpha:
        rgba = im.convert("RGBA")
        # Transparent areas would turn black in JPEG; white matches the paper they are printed on.
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return im if im.mode == "RGB" else im.convert("RGB")


def _exif_bytes(src: Image.Exif | None) -> bytes:
    # An odd GPS value from some device must not cost the photo (the original keeps its full EXIF anyway), and
    # a JPEG APP1 segment cannot exceed 64 KiB.
    for with_gps in (True, False):
        try:
            data = _derived_exif(src, with_gps).tobytes()
        except _DECODE_ERRORS:
            continue
        if len(data) < 60_000:
            return data
    return _derived_exif(None, False).tobytes()


def _derived_exif(src: Image.Exif | None, with_gps: bool) -> Image.Exif:
    out = Image.Exif()
    out[ExifTags.Base.Orientation] = 1  # pixels are already upright
    if src is None:
        return out
    for tag in _IFD0_KEEP:
        if tag in src:
            out[tag] = src[tag]
    src_exif = src.get_ifd(ExifTags.IFD.Exif)
    kept: dict[int, Any] = {int(tag): src_exif[tag] for tag in _EXIF_KEEP if tag in src_exif}
    if kept:
        out.get_ifd(ExifTags.IFD.Exif).update(kept)
    gps = src.get_ifd(ExifTags.IFD.GPSInfo) if with_gps else None
    if gps:
        out.get_ifd(ExifTags.IFD.GPSInfo).update(gps)
    return out


def _jpeg(im: Image.Image, quality: int, *, exif: bytes | None, icc: bytes | None) -> bytes:
    buf = io.BytesIO()
    extra: dict[str, bytes] = {}
    if exif is not None:
        extra["exif"] = exif
    if icc:
        extra["icc_profile"] = icc  # keeps wide-gamut (Display P3) phone photos from looking dull
    im.save(buf, "JPEG", quality=quality, **extra)
    return buf.getvalue()


def _taken_at(exif: Image.Exif | None) -> str | None:
    if exif is None:
        return None
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    for value in (
        sub.get(ExifTags.Base.DateTimeOriginal),
        sub.get(ExifTags.Base.DateTimeDigitized),
        exif.get(ExifTags.Base.DateTime),
    ):
        parsed = _parse_exif_time(value)
        if parsed:
            return parsed
    return None


def _parse_exif_time(value: object) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    if not isinstance(value, str):
        return None
    text = value.strip("\x00 ").strip()
    for fmt in ("%Y:%m:%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y:%m:%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S"):
        try:
            # Cameras with an unset clock write "0000:00:00 00:00:00"; strptime rejects it, which is right.
            return datetime.strptime(text[:19], fmt).isoformat()
        except ValueError:
            continue
    return None
