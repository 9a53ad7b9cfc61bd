"""Before Qt starts: no display, or a system library Qt's X11 plugin needs, is said in words and by package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.ui.display_check import problem

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb plugin is Linux only")


def loader(missing: set[str]):
    def load(name: str) -> object:
        base = Path(name).name
        if base == "libqxcb.so" and missing:
            first = sorted(missing)[0]
            raise OSError(f"{first}: cannot open shared object file: No such file or directory")
        if base in missing:
            raise OSError(f"{base}: cannot open shared object file")
        return object()

    return load


def test_every_missing_library_is_named_with_its_package():
    said = problem({"DISPLAY": ":0"}, Path("libqxcb.so"), loader({"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}))
    assert "libxcb-icccm.so.4" in said and "libxcb-keysyms.so.1" in said
    assert said.endswith("sudo apt-get install -y libxcb-icccm4 libxcb-keysyms1")


def test_nothing_is_said_when_the_plugin_loads_or_qt_is_not_on_x11():
    assert problem({"DISPLAY": ":0"}, Path("libqxcb.so"), loader(set())) is None
    assert problem({"QT_QPA_PLATFORM": "offscreen"}, Path("libqxcb.so"), loader({"libGL.so.1"})) is None
    assert problem({"WAYLAND_DISPLAY": "wayland-0"}, Path("libqxcb.so"), loader({"libGL.so.1"})) is None


def test_no_display_is_said_before_qt_would_abort():
    assert "DISPLAY" in problem({}, Path("libqxcb.so"), loader(set()))


def test_the_app_says_it_and_exits_instead_of_aborting(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "FIELDSAFE_LANG": "en"}  # no DISPLAY, no platform
    done = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(tmp_path / "data")], env=env,
                          capture_output=True, text=True, timeout=60, cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 1 and "No graphical display" in done.stderr
