"""Before Qt starts on Linux: is there a display, and does Qt's X11 plugin find its system libraries?

Without them Qt prints "could not load the Qt platform plugin xcb" and aborts, which names no library. Loading the
plugin first with ctypes makes the dynamic linker name the first missing one, and the message says which Debian /
Ubuntu package has it. No Qt is imported here: Qt must not be initialised before this check.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

from app.errors import localized

# The libraries Qt's xcb plugin needs that a bare Debian / Ubuntu desktop may lack, by the package that has them.
PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1", "libxcb-image.so.0": "libxcb-image0",
    "libxcb-randr.so.0": "libxcb-randr0", "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0", "libxcb-xfixes.so.0": "libxcb-xfixes0", "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0", "libxkbcommon.so.0": "libxkbcommon0", "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1", "libfontconfig.so.1": "libfontconfig1", "libdbus-1.so.3": "libdbus-1-3",
    "libX11-xcb.so.1": "libx11-xcb1",
}
_MISSING = re.compile(r"([\w.+-]+\.so[\w.]*): cannot open shared object file")


def xcb_plugin() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return path if path.exists() else None


def problem(environ: dict[str, str] | None = None, plugin: Path | None = None,
            load: Callable[[str], object] = ctypes.CDLL) -> str | None:
    """What stops the window from opening here, in the user's language; None when nothing is known to."""
    env = os.environ if environ is None else environ
    platform = env.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or platform not in ("", "xcb"):
        return None
    if not platform and env.get("WAYLAND_DISPLAY"):
        return None  # Qt picks Wayland, which needs none of these
    if not env.get("DISPLAY"):
        return localized("没有图形显示（未设置 DISPLAY）：请在桌面会话中启动，或用命令行命令（python -m app --help）",
                         "No graphical display (DISPLAY is not set): start from a desktop session, or use the "
                         "command line (python -m app --help)")
    plugin = plugin or xcb_plugin()
    if plugin is None:
        return None
    try:
        load(str(plugin))
    except OSError as exc:
        # The linker names the first library it misses; the others of the list are tried one by one.
        match = _MISSING.search(str(exc))
        first = match.group(1) if match else str(exc)
        missing = [first, *(lib for lib in PACKAGES if lib != first and not _loads(load, lib))]
        packages = [PACKAGES[lib] for lib in missing if lib in PACKAGES] or sorted(set(PACKAGES.values()))
        libraries, install = "、".join(missing), "sudo apt-get install -y " + " ".join(packages)
        return localized(f"无法打开窗口：缺少系统库 {libraries}。Debian/Ubuntu 上安装：{install}",
                         f"Cannot open the window: missing system libraries {libraries}. On Debian/Ubuntu: "
                         f"{install}")
    return None


def _loads(load: Callable[[str], object], library: str) -> bool:
    try:
        load(library)
    except OSError:
        return False
    return True


__all__ = ["PACKAGES", "problem", "xcb_plugin"]
