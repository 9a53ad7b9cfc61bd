"""Township batch printing of issued documents: per enterprise or one file, progress, cancel, CLI."""

from __future__ import annotations

from datetime import date

import pypdfium2 as pdfium
import pytest

from app.cli import main
from app.documents.batch import print_batch
from app.documents.issuing import Documents
from app.models.demo import generate_demo

TODAY = date(2026, 11, 20)


@pytest.fixture
def issued(ws):
    generate_demo(ws, landlords=3, tenants=9, inspections=3, seed=1, today=TODAY)
    docs = Documents(ws)
    pairs = ws.store.query("SELECT DISTINCT inspection_id, enterprise_id FROM hazard "
                           "WHERE deleted = 0 AND rectified_on_site = 0 ORDER BY inspection_id, enterprise_id")
    ids = [docs.issue("ORDER", p["inspection_id"], p["enterprise_id"], issued_on=TODAY) for p in pairs[:5]]
    assert len(ids) >= 3
    docs.void(ids[-1], "测试作废")
    return ws, docs, ids


def pages(path) -> int:
    doc = pdfium.PdfDocument(path)
    try:
        return len(doc)
    finally:
        doc.close()


def test_one_file_per_enterprise_with_progress(issued, tmp_path):
    ws, docs, ids = issued
    live = [docs.get(i) for i in ids[:-1]]
    calls = []
    result = print_batch(ws, out=tmp_path / "out", one_file=False, workers=1,
                         progress=lambda done, total: calls.append((done, total)))
    assert result.total == result.documents == len(live) and not result.cancelled
    assert len(result.files) == result.enterprises == len({r["enterprise_id"] for r in live})
    assert all(f.exists() for f in result.files)
    assert sum(pages(f) for f in result.files) == sum(pages(docs.pdf(r["id"])) for r in live)
    assert calls[-1] == (len(live), len(live)) and len(calls) == len(result.files)


def test_one_merged_file_on_two_processes_and_filters(issued, tmp_path):
    ws, docs, ids = issued
    live = [docs.get(i) for i in ids[:-1]]
    result = print_batch(ws, out=tmp_path / "all", one_file=True, workers=2)
    [merged] = result.files
    assert merged.name == "责令限期整改指令书汇总.pdf"
    assert pages(merged) == sum(pages(docs.pdf(r["id"])) for r in live)
    per = print_batch(ws, out=tmp_path / "per", one_file=False, workers=2)
    assert per.documents == len(live) and len(per.files) == per.enterprises
    assert print_batch(ws, out=tmp_path / "none", one_file=True, date_from=date(2027, 1, 1)).total == 0
    assert print_batch(ws, out=tmp_path / "rec", one_file=True, doc_type="RECORD").files == []
    township = ws.store.query("SELECT township_id FROM enterprise WHERE id = ?", (live[0]["enterprise_id"],))
    only = print_batch(ws, out=tmp_path / "town", one_file=False, workers=1,
                       township_id=township[0]["township_id"])
    assert 1 <= only.documents <= len(live)


def test_cancel_stops_early(issued, tmp_path):
    ws, _docs, _ids = issued
    checks = []

    def cancel() -> bool:
        checks.append(1)
        return len(checks) > 1

    result = print_batch(ws, out=tmp_path / "out", one_file=False, workers=1, cancel=cancel)
    assert result.cancelled and len(result.files) == 1 and result.documents < result.total
    merged = print_batch(ws, out=tmp_path / "m", one_file=True, workers=1, cancel=lambda: True)
    assert merged.cancelled and merged.files == [] and not list((tmp_path / "m").iterdir())


def test_cli_issue_and_batch(issued, tmp_path, capsys):
    ws, _docs, _ids = issued
    pair = ws.store.query(
        "SELECT inspection_id, enterprise_id FROM hazard WHERE deleted = 0 AND rectified_on_site = 0"
    )[0]
    data = str(ws.data_dir)
    out = tmp_path / "order.pdf"
    assert (
        main(
            [
                "--data-dir",
                data,
                "issue",
                "--type",
                "ORDER",
                "--inspection",
                pair["inspection_id"],
                "--enterprise",
                pair["enterprise_id"],
                "--date",
                "2026-11-20",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "（鄞）应急责改〔2026〕" in printed and out.read_bytes().startswith(b"%PDF")
    assert (
        main(
            [
                "--data-dir",
                data,
                "batch",
                "--type",
                "ORDER",
                "--from",
                "2020-01-01",
                "--to",
                "2030-12-31",
                "--out",
                str(tmp_path / "b"),
                "--one-file",
                "--workers",
                "1",
            ]
        )
        == 0
    )
    captured = capsys.readouterr()
    assert "汇总.pdf" in captured.out and "/" in captured.err
    assert main(["--data-dir", data, "batch", "--township", "没有这个镇", "--out", str(tmp_path / "c")]) == 1
