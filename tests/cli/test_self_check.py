"""`self-check`: every step passes on a sound installation, and a broken piece fails it with the step named."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.cli import main
from app.errors import set_language
from app.resources import resource_path


@pytest.fixture(autouse=True)
def _chinese_after() -> Iterator[None]:
    yield
    set_language("zh")  # `--lang en` of an in-process call must not leak into other tests


def test_self_check_passes_and_leaves_nothing_behind(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # TMPDIR is read again
    assert main(["--lang", "en", "self-check"]) == 0
    out = capsys.readouterr().out
    assert out.count("✓") == 4 and "Self-check passed" in out
    assert "22 items" in out and "fieldsafe_zh_CN.qm" in out
    assert list(tmp_path.iterdir()) == []


def test_a_missing_resource_fails_the_check_naming_the_step(capsys, monkeypatch):
    import app.resources

    real = app.resources.resource_path

    def without_translations(*parts):
        return real("no-such-folder") if parts == ("translations",) else real(*parts)

    monkeypatch.setattr(app.resources, "resource_path", without_translations)
    assert main(["--lang", "en", "self-check"]) == 1
    out = capsys.readouterr().out
    assert "✗ resources" in out and "translations []" in out
    assert resource_path("translations").exists()
