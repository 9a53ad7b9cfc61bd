from __future__ import annotations

import os

# Before anything imports Qt or reads the language.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["FIELDSAFE_LANG"] = "zh"

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from app.models.workspace import Workspace  # noqa: E402


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace(tmp_path / "data", author="tester") as workspace:
        yield workspace
