from __future__ import annotations

import hashlib
import io
import struct
import threading
import zlib
from pathlib import Path

import pytest
from PIL import ExifTags, Image
from PIL.TiffImagePlugin import IFDRational

from app.errors import PhotoError
from app.models import images
from app.models.images import process_photo

RED = (255, 0, 0)
BLUE = (0, 0, 255)


def _jpeg(im: Image.Image, exif: Image.Exif | None = None, **kw: object) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=95, exif=exif if exif is not None else b"", **kw)
    return buf.getvalue()


def _noisy(w: int, h: int) -> Image.Image:
    # Noise keeps JPEGs large enough that cutting them leaves a truly incomplete scan.
    return Image.merge("RGB", [Image.effect_noise((w, h), sigma) for sigma in (40, 60, 80)])


def _png_declaring(width: int, height: int) -> bytes:
    """A few dozen bytes whose header claims `width` x `height` pixels: a decompression bomb's calling card."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")


def _pixel(jpeg: bytes, xy: tuple[int, int]) -> tuple[int, int, int]:
    with Image.open(io.BytesIO(jpeg)) as im:
        return im.convert("RGB").getpixel(xy)  # type: ignore[return-value]


def _close(a: tuple[int, ...], b: tuple[int, ...], tol: int = 40) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b, strict=False))


def test_orientation_6_is_applied_and_reset(tmp_path: Path) -> None:
    # Stored landscape 400x300 with a red top-left corner; Orientation 6 means "rotate 90° clockwise to view",
    # so the viewer sees a 300x400 portrait with the red marker at the top-right.
    stored = Image.new("RGB", (400, 300), BLUE)
    stored.paste(RED, (0, 0, 80, 80))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    src = tmp_path / "portrait.jpg"
    src.write_bytes(_jpeg(stored, exif))

    p = process_photo(src)

    assert (p.width, p.height) == (300, 400)
    assert (p.original_width, p.original_height) == (300, 400)
    assert _close(_pixel(p.image, (300 - 20, 20)), RED)
    assert _close(_pixel(p.image, (20, 20)), BLUE)
    assert _close(_pixel(p.image, (20, 400 - 20)), BLUE)
    with Image.open(io.BytesIO(p.image)) as out:
        assert out.getexif().get(ExifTags.Base.Orientation) == 1
    assert p.mime == "image/jpeg"


def test_capture_time_and_gps_survive(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[ExifTags.Base.DateTime] = "2024:07:01 18:00:00"  # edit time: must lose to the capture time
    exif[ExifTags.Base.Make] = "Huawei"
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = "2024:06:30 09:15:42"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (IFDRational(31), IFDRational(14), IFDRational(3012, 100))
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (IFDRational(121), IFDRational(28), IFDRational(105, 10))
    src = tmp_path / "site.jpg"
    src.write_bytes(_jpeg(_noisy(64, 48), exif))

    p = process_photo(src)

    assert p.taken_at == "2024-06-30T09:15:42"
    with Image.open(io.BytesIO(p.image)) as out:
        got = out.getexif()
        assert got.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] == "2024:06:30 09:15:42"
        assert got[ExifTags.Base.Make] == "Huawei"
        out_gps = got.get_ifd(ExifTags.IFD.GPSInfo)
        assert out_gps[ExifTags.GPS.GPSLatitudeRef] == "N"
        assert [float(v) for v in out_gps[ExifTags.GPS.GPSLatitude]] == [31.0, 14.0, 30.12]


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ({}, None),
        ({ExifTags.Base.DateTime: "2023:01:02 03:04:05"}, "2023-01-02T03:04:05"),
        ({ExifTags.Base.DateTimeDigitized: "2023:02:03 04:05:06\x00"}, "2023-02-03T04:05:06"),
        ({ExifTags.Base.DateTimeOriginal: "0000:00:00 00:00:00"}, None),  # camera clock never set
    ],
)
def test_taken_at_fallbacks(tmp_path: Path, tags: dict[int, str], expected: str | None) -> None:
    exif = Image.Exif()
    for tag, value in tags.items():
        if tag == ExifTags.Base.DateTime:
            exif[tag] = value
        else:
            exif.get_ifd(ExifTags.IFD.Exif)[tag] = value
    assert process_photo(_jpeg(_noisy(16, 16), exif)).taken_at == expected


def test_big_photo_is_resized_and_thumbnailed(tmp_path: Path) -> None:
    src = tmp_path / "big.jpg"
    src.write_bytes(_jpeg(Image.new("RGB", (4000, 3000), (10, 120, 30))))

    p = process_photo(src)

    assert (p.width, p.height) == (1600, 1200)
    assert (p.original_width, p.original_height) == (4000, 3000)
    with Image.open(io.BytesIO(p.image)) as out:
        assert (out.format, out.mode, out.size) == ("JPEG", "RGB", (1600, 1200))
    with Image.open(io.BytesIO(p.thumbnail)) as th:
        assert th.format == "JPEG"
        assert max(th.size) == 320
        assert th.size == (320, 240)
    data = src.read_bytes()
    assert p.original_sha256 == hashlib.sha256(data).hexdigest()
    assert p.original_size == len(data)
    assert p.taken_at is None


def test_small_photo_is_not_enlarged() -> None:
    p = process_photo(_jpeg(_noisy(200, 100)), max_side=1600, thumb_side=50)
    assert (p.width, p.height) == (200, 100)
    with Image.open(io.BytesIO(p.thumbnail)) as th:
        assert th.size == (50, 25)


def test_transparent_png_is_flattened_on_white(tmp_path: Path) -> None:
    im = Image.new("RGBA", (100, 50), (0, 0, 0, 0))
    im.paste((255, 0, 0, 255), (60, 0, 100, 50))
    src = tmp_path / "sign.png"
    im.save(src)

    p = process_photo(src)

    assert p.mime == "image/png"
    assert _close(_pixel(p.image, (10, 25)), (255, 255, 255), tol=8)
    assert _close(_pixel(p.image, (90, 25)), RED)


@pytest.mark.parametrize("mode", ["P", "LA", "L", "1", "I;16", "CMYK"])
def test_other_modes_become_rgb_jpeg(mode: str) -> None:
    im = Image.new("RGB", (30, 20), (200, 100, 50)).convert(mode)
    fmt = "JPEG" if mode == "CMYK" else "PNG"
    buf = io.BytesIO()
    im.save(buf, fmt)
    p = process_photo(buf.getvalue())
    with Image.open(io.BytesIO(p.image)) as out:
        assert (out.mode, out.size) == ("RGB", (30, 20))


def test_16_bit_grey_keeps_its_tone() -> None:
    im = Image.new("I;16", (10, 10), 32768)  # mid grey; a naive convert would clip it to white
    buf = io.BytesIO()
    im.save(buf, "PNG")
    r, g, b = _pixel(process_photo(buf.getvalue()).image, (5, 5))
    assert 110 < r < 145 and r == g == b


def _code_and_message(source: Path | bytes, **kw: object) -> tuple[str, str, str]:
    with pytest.raises(PhotoError) as info:
        process_photo(source, **kw)  # type: ignore[arg-type]
    err = info.value
    return err.code, err.zh, err.en


def test_text_file_is_not_an_image(tmp_path: Path) -> None:
    src = tmp_path / "notes.txt"
    src.write_text("现场检查记录，不是图片\n", encoding="utf-8")
    code, zh, en = _code_and_message(src)
    assert code == "photo.not_image"
    assert "notes.txt" in zh and "notes.txt" in en


@pytest.mark.parametrize("size", [(200, 150), (4000, 3000)])  # the large one decodes at 1/2 scale via draft()
@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_truncated_jpeg_is_damaged(tmp_path: Path, size: tuple[int, int], keep: float) -> None:
    data = _jpeg(_noisy(*size))
    src = tmp_path / "IMG_0001.jpg"
    src.write_bytes(data[: int(len(data) * keep)])
    code, zh, en = _code_and_message(src)
    assert code == "photo.damaged"
    assert "IMG_0001.jpg" in zh and "IMG_0001.jpg" in en


def test_truncated_png_is_damaged(tmp_path: Path) -> None:
    buf = io.BytesIO()
    _noisy(300, 200).save(buf, "PNG")
    src = tmp_path / "scan.png"
    src.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    assert _code_and_message(src)[0] == "photo.damaged"


def test_corrupt_png_checksum_is_damaged() -> None:
    buf = io.BytesIO()
    _noisy(50, 50).save(buf, "PNG")
    data = bytearray(buf.getvalue())
    data[60] ^= 0xFF  # inside IDAT: the chunk CRC no longer matches
    code, zh, _ = _code_and_message(bytes(data), name="bad.png")
    assert code == "photo.damaged" and "bad.png" in zh


def test_empty_file(tmp_path: Path) -> None:
    src = tmp_path / "empty.jpg"
    src.write_bytes(b"")
    code, zh, en = _code_and_message(src)
    assert code == "photo.empty"
    assert "empty.jpg" in zh and "empty.jpg" in en


def test_missing_file(tmp_path: Path) -> None:
    code, zh, _ = _code_and_message(tmp_path / "gone.jpg")
    assert code == "photo.unreadable" and "gone.jpg" in zh


@pytest.mark.parametrize(
    "size",
    [
        (100_000, 100_000),  # beyond twice Pillow's limit: DecompressionBombError from Image.open
        (10_000, 10_000),  # between Pillow's limit and twice it: a DecompressionBombWarning (an error here)
        (9_000, 9_000),  # under Pillow's limit but over ours
    ],
)
def test_decompression_bomb(tmp_path: Path, size: tuple[int, int]) -> None:
    src = tmp_path / "bomb.png"
    src.write_bytes(_png_declaring(*size))
    assert src.stat().st_size < 100
    code, zh, en = _code_and_message(src)
    assert code == "photo.too_large"
    assert "bomb.png" in zh and "bomb.png" in en


def test_file_over_byte_cap(tmp_path: Path) -> None:
    src = tmp_path / "huge.jpg"
    with src.open("wb") as f:
        f.write(_jpeg(_noisy(16, 16)))
        f.truncate(images.MAX_FILE_BYTES + 1)  # sparse: costs no real disk space
    code, zh, en = _code_and_message(src)
    assert code == "photo.file_too_large"
    assert "huge.jpg" in zh and "huge.jpg" in en


def test_format_outside_allow_list(tmp_path: Path) -> None:
    src = tmp_path / "anim.gif"
    Image.new("RGB", (10, 10), RED).save(src)
    code, zh, en = _code_and_message(src)
    assert code == "photo.unsupported_format"
    assert "anim.gif" in zh and "GIF" in en


@pytest.mark.parametrize(("fmt", "mime"), [("WEBP", "image/webp"), ("BMP", "image/bmp"), ("TIFF", "image/tiff")])
def test_allowed_formats(fmt: str, mime: str) -> None:
    buf = io.BytesIO()
    _noisy(40, 30).save(buf, fmt)
    p = process_photo(buf.getvalue())
    assert p.mime == mime
    assert (p.width, p.height) == (40, 30)


def test_parallel_calls_agree() -> None:
    # Threads are how the GUI keeps imports off the UI thread; results must not depend on interleaving.
    data = _jpeg(_noisy(900, 600))
    expected = process_photo(data)
    results: list[object] = []

    def work() -> None:
        results.append(process_photo(data))

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 6
