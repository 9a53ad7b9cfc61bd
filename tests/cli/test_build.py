"""The one-folder build (build.spec): PyInstaller makes it, and the built program passes its own self-check and
opens its window, headless — what an installer on a bare laptop relies on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="built and run here on Linux; "
                                "the Windows build is made on Windows the same way")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build")
    done = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(out / "dist"),
         "--workpath", str(out / "work"), str(ROOT / "build.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    program = out / "dist" / "FieldSafe" / "FieldSafe"
    assert program.is_file()
    return program


def run(program: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
           "TMPDIR": str(home)}
    return subprocess.run([str(program), *args], env=env, capture_output=True, text=True, timeout=300, cwd=home)


def test_the_built_program_passes_its_self_check(built, tmp_path):
    done = run(built, "self-check", home=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("✓") == 4 and "自检通过" in done.stdout


def test_the_built_program_opens_its_window_on_a_demo(built, tmp_path):
    done = run(built, "--data-dir", str(tmp_path / "data"), "--demo", "--exit-when-ready", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "data" / "fieldsafe.sqlite").is_file()
