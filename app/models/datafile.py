"""Reading the TOML data files in resources/ (checklists, question banks, calendars, document wording)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from app.errors import ContentError


def read_toml(path: Path) -> dict[str, Any]:
    """The parsed file; anything wrong with it is a ContentError naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ContentError(path.name, "-", "文件不存在", "file not found") from exc
    except UnicodeDecodeError as exc:
        raise ContentError(path.name, "-", "不是 UTF-8 编码的文本文件", "not a UTF-8 text file") from exc
    except OSError as exc:
        raise ContentError(path.name, "-", f"无法读取：{exc}", f"cannot be read: {exc}") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(path.name, "-", f"TOML 语法错误：{exc}", f"TOML syntax error: {exc}") from exc
