#!/usr/bin/env python3
"""One-off, reproducible build of the shipped CJK fonts (resources/fonts/NotoSansSC-{Regular,Bold}.ttf).

Why this exists: reportlab only embeds TrueType (glyf) outlines, and no PyPI or Debian package we can reach ships a
*static* glyf Noto Sans SC. The only glyf Noto Sans SC we found is Google Fonts' variable font, and its default
instance is Thin (wght 100), which both reportlab and Qt would render, so we pin it to Regular (400) and Bold (700)
once and commit the results. See docs in resources/fonts/SOURCE.md and /work/shared/tech.md §2a.

Not a runtime dependency: needs fontTools only while running this script (`pip install fonttools`).

Usage:
    python scripts/make_font.py [--wheel PATH]   # without --wheel, runs `pip download` into a temp dir

The input wheel and the variable TTF inside it are checked against pinned sha256 values, and head.modified is kept
from the source, so the outputs are byte-identical on every run with the same fontTools version (4.68.0 made the
committed files).
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

WHEEL_NAME = "justmytype-intl-cjk==0.1.0"
WHEEL_SHA256 = "06d9665542bfcad373716bb80583aa2d9bb2086a054fe11f706b9bd41e03f256"
MEMBER_DIR = "justmytype_intl_cjk/fonts/ofl/notosanssc/"
VF_MEMBER = MEMBER_DIR + "NotoSansSC[wght].ttf"
VF_SHA256 = "a3041811a78c361b1de50f953c805e0244951c21c5bd412f7232ef0d899af0da"
OFL_MEMBER = MEMBER_DIR + "OFL.txt"

OUT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
# (file name, wght, style name) - the style names match the fvar named instances so updateFontNames can use STAT.
INSTANCES = [("NotoSansSC-Regular.ttf", 400, "Regular"), ("NotoSansSC-Bold.ttf", 700, "Bold")]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch_wheel(dest: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", WHEEL_NAME, "-d", str(dest)],
        check=True,
    )
    return next(dest.glob("justmytype_intl_cjk-0.1.0-*.whl"))


def make_instance(vf_path: Path, wght: int, style: str, out: Path) -> None:
    font = TTFont(vf_path)
    # Keep the source's head.modified so re-running gives identical bytes (fontTools would stamp "now").
    font.recalcTimestamp = False
    static = instancer.instantiateVariableFont(font, {"wght": wght}, updateFontNames=True)
    os2 = static["OS/2"]
    head = static["head"]
    # Make style linking explicit so Qt/Windows and reportlab's registerFontFamily pair Regular with Bold:
    # fsSelection bit 0 = ITALIC, 5 = BOLD, 6 = REGULAR; macStyle bit 0 = bold.
    if style == "Bold":
        os2.fsSelection = (os2.fsSelection & ~((1 << 6) | 1)) | (1 << 5)
        head.macStyle |= 1
    else:
        os2.fsSelection = (os2.fsSelection & ~((1 << 5) | 1)) | (1 << 6)
        head.macStyle &= ~1
    # Name ID 25 (variations PostScript name prefix) only means something with fvar; drop it from a static font.
    static["name"].removeNames(nameID=25)
    static.save(out)
    check_output(out, wght, style)


def check_output(path: Path, wght: int, style: str) -> None:
    font = TTFont(path, lazy=True)
    assert "glyf" in font and "CFF " not in font and "CFF2" not in font, "reportlab needs glyf outlines"
    assert "fvar" not in font and "gvar" not in font, "instance is still variable"
    assert font["OS/2"].usWeightClass == wght
    # fsType 0 = installable embedding: reportlab refuses fonts that forbid embedding.
    assert font["OS/2"].fsType in (0, 8)
    names = {r.nameID: r.toUnicode() for r in font["name"].names if r.platformID == 3 and r.langID == 0x409}
    assert names[1] == "Noto Sans SC" and names[2] == style, names
    assert 25 not in names
    assert ord("现") in font.getBestCmap()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wheel", type=Path, help="local copy of justmytype_intl_cjk-0.1.0-py3-none-any.whl")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        wheel = args.wheel or fetch_wheel(tmp)
        if sha256(wheel.read_bytes()) != WHEEL_SHA256:
            sys.exit(f"{wheel}: sha256 differs from the pinned value; refusing to build from an unknown input")
        with zipfile.ZipFile(wheel) as zf:
            vf_bytes = zf.read(VF_MEMBER)
            ofl = zf.read(OFL_MEMBER)
        if sha256(vf_bytes) != VF_SHA256:
            sys.exit("variable TTF sha256 differs from the pinned value")
        vf_path = tmp / "NotoSansSC-VF.ttf"
        vf_path.write_bytes(vf_bytes)

        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "OFL.txt").write_bytes(ofl)
        for name, wght, style in INSTANCES:
            out = args.out / name
            make_instance(vf_path, wght, style, out)
            print(f"{out}  {out.stat().st_size} bytes  sha256 {sha256(out.read_bytes())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
