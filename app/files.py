"""Files the user asked for (an export, a report, a blank list) written whole: filled under a sibling `.part` name and
then renamed over the target, so a failed write never leaves a half file where the user looks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def write_whole(path: Path, write: Callable[[Path], object]) -> Path:
    part = path.with_name(path.name + ".part")
    write(part)
    part.replace(path)
    return path
