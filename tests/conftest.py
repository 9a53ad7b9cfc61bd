from __future__ import annotations

import os

# Before anything imports Qt or reads the language.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["FIELDSAFE_LANG"] = "zh"

import threading  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from app.models.workspace import Workspace  # noqa: E402


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace(tmp_path / "data", author="tester") as workspace:
        yield workspace


# Threads that live for the whole process on purpose: the PDF preview's renderer (one, shared by every preview).
_LASTING_THREADS = ("fieldsafe-preview",)


@pytest.fixture(autouse=True)
def no_thread_left_running() -> Iterator[None]:
    """A test leaves no thread behind (an op runner ends with its Workspace, a batch with its pool): a thread still
    running would write into a later test's data or hold its files open."""
    before = set(threading.enumerate())
    yield
    left = [t.name for t in threading.enumerate()
            if t not in before and t.is_alive() and not t.name.startswith(_LASTING_THREADS)]
    assert left == [], f"threads left running: {left}"
