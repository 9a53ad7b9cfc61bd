"""A mutated bundle is imported whole (exactly as the original would be) or refused with the database unchanged."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.models.workspace import Workspace
from app.sync.exchange import IMPORTED, REFUSED, Sync


def _view(ws: Workspace) -> str:
    return hashlib.sha256("\n".join(ws.db.conn.iterdump()).encode()).hexdigest()


def _imported(ws: Workspace) -> str:
    """The entries the bundle brought (the receiver's own enrolment of the sender left out)."""
    rows = ws.db.execute(
        "SELECT hlc, device, tbl, row_id, col, value FROM change WHERE tbl != 'enrolled_device' ORDER BY hlc, device"
    ).fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, str]:
    root = tmp_path_factory.mktemp("fuzz")
    with Workspace(root / "src") as src:
        firm = src.registry.create_enterprise(name="模糊测试厂")
        src.registry.update_enterprise(firm, phone="0574-88888888", address="鄞州区某路 1 号")
        path = Sync(src).export(root, everything=True).path
    data = path.read_bytes()
    with Workspace(root / "ref") as ref:
        assert Sync(ref).import_file(path, enrol=lambda _m: True).status == IMPORTED
        return data, _imported(ref)


mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**9), st.integers(1, 255)),
    st.tuples(st.just("truncate"), st.integers(0, 10**9), st.just(0)),
    st.tuples(st.just("insert"), st.integers(0, 10**9), st.integers(0, 255)),
)


def mutate(data: bytes, kind: str, offset: int, value: int) -> bytes:
    if not data:
        return data
    at = offset % len(data)
    if kind == "flip":
        return data[:at] + bytes([data[at] ^ value]) + data[at + 1 :]
    if kind == "truncate":
        return data[:at]
    return data[:at] + bytes([value]) + data[at:]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(mutation, min_size=1, max_size=3))
def test_a_mutated_bundle_is_imported_whole_or_refused_leaving_nothing(original, mutations):
    data, reference = original
    for kind, offset, value in mutations:
        data = mutate(data, kind, offset, value)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutated.fsb"
        path.write_bytes(data)
        with Workspace(Path(folder) / "dst") as dst:
            before = _view(dst)
            [report] = Sync(dst).import_files([path], enrol=lambda _m: True)
            if report.status == REFUSED:
                assert _view(dst) == before, report.message
            else:
                assert report.status == IMPORTED
                assert _imported(dst) == reference
