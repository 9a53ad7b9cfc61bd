"""A township's batch of the rectification orders not yet made: which visits need one, issued on a render pool, a
chunk at a time, all-or-nothing per chunk, cancellable; and from the command line."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
import zxingcpp

from app.cli import main
from app.documents import batch_issue
from app.documents.batch_issue import issue_orders, pending_orders
from app.documents.issuing import Documents, document_hash
from app.documents.qr import make_payload
from app.models.demo import generate_demo
from tests.documents.test_batch import TODAY


@pytest.fixture
def issued(ws):
    """Demo visits with one order in force and one voided."""
    generate_demo(ws, landlords=3, tenants=9, inspections=8, seed=1, today=TODAY)
    docs = Documents(ws)
    first, second = pending_orders(ws)[:2]
    live = docs.issue("ORDER", first.inspection_id, first.enterprise_id, issued_on=TODAY)
    void = docs.issue("ORDER", second.inspection_id, second.enterprise_id, issued_on=TODAY)
    docs.void(void, "测试作废")
    return ws, docs, [live, void]


def needing_orders(ws):
    """What pending_orders should find, worked out in Python from the rows."""
    live = {(d["inspection_id"], d["enterprise_id"]) for d in ws.store.query(
        "SELECT * FROM document WHERE doc_type = 'ORDER' AND status != 'VOID' AND deleted = 0")}
    return {(h["inspection_id"], h["enterprise_id"]) for h in ws.store.query("SELECT * FROM hazard WHERE deleted = 0")
            if h["status"] == "OPEN" and not h["rectified_on_site"]} - live


def test_the_visits_without_an_order_are_found_and_a_void_one_does_not_count(issued):
    ws, docs, ids = issued
    found = pending_orders(ws)
    assert {(p.inspection_id, p.enterprise_id) for p in found} == needing_orders(ws)
    assert len(found) >= 4
    void = docs.get(ids[-1])
    assert (void["inspection_id"], void["enterprise_id"]) in {(p.inspection_id, p.enterprise_id) for p in found}
    assert [p.enterprise_name for p in found] == sorted(p.enterprise_name for p in found)
    town = ws.registry.get_enterprise(found[0].enterprise_id)["township_id"]
    assert {ws.registry.get_enterprise(p.enterprise_id)["township_id"] for p in pending_orders(ws, township_id=town)} \
        == {town}


def test_orders_are_numbered_in_turn_rendered_on_the_pool_and_read_back(issued, monkeypatch):
    ws, docs, _ids = issued
    monkeypatch.setattr(batch_issue, "POOL_FROM", 1)  # the pool even for the few of the demo
    monkeypatch.setattr(batch_issue, "CHUNK", 2)
    pending = pending_orders(ws)
    calls = []
    made = issue_orders(docs, pending, issued_on=TODAY, workers=2, progress=lambda *a: calls.append(a))
    assert len(made) == len(pending) and calls[-1] == (len(pending), len(pending))
    assert pending_orders(ws) == [] and needing_orders(ws) == set()
    rows = [docs.get(i) for i in made]
    serials = [r["serial"] for r in rows]
    assert serials == list(range(serials[0], serials[0] + len(rows)))
    assert {r["status"] for r in rows} == {"DRAFT"}
    assert [(r["inspection_id"], r["enterprise_id"]) for r in rows] == [(p.inspection_id, p.enterprise_id)
                                                                      for p in pending]
    # what the paper says: the QR code on the first page carries the number and the hash of the gathered data
    row = rows[0]
    data = Documents(ws)._gather("ORDER", row["inspection_id"], row["enterprise_id"], row["doc_no"], TODAY,
                                 row["id"], {})
    pdf = pdfium.PdfDocument(docs.pdf(row["id"]))
    page = pdf[0].render(scale=3).to_pil().convert("L")
    pdf.close()
    assert [r.text for r in zxingcpp.read_barcodes(page)] == [make_payload(row["doc_no"], document_hash(data))]


def test_a_failure_keeps_the_chunks_made_and_loses_the_one_being_made(issued, monkeypatch):
    ws, docs, _ids = issued
    monkeypatch.setattr(batch_issue, "CHUNK", 2)
    pending = pending_orders(ws)
    assert len(pending) >= 3
    before = ws.store.query("SELECT count(*) AS n FROM document")[0]["n"]
    rendered = []

    def render(data, config, qr_payload):
        if len(rendered) == 2:
            raise OSError("disk full")
        rendered.append(data.doc_no)
        return b"%PDF-1.7 fake"

    monkeypatch.setattr(batch_issue, "render", render)
    with pytest.raises(OSError):
        issue_orders(docs, pending, issued_on=TODAY, workers=1)
    assert ws.store.query("SELECT count(*) AS n FROM document")[0]["n"] == before + 2
    assert len(pending_orders(ws)) == len(pending) - 2
    # the failed chunk's number was not used: the next order takes it
    monkeypatch.undo()
    last = ws.store.query("SELECT max(serial) AS n FROM document WHERE doc_type = 'ORDER'")[0]["n"]
    [made] = issue_orders(docs, pending_orders(ws)[:1], issued_on=TODAY, workers=1)
    assert docs.get(made)["serial"] == last + 1


def test_a_cancel_stops_between_chunks(issued, monkeypatch):
    ws, docs, _ids = issued
    monkeypatch.setattr(batch_issue, "CHUNK", 1)
    pending = pending_orders(ws)
    done = []
    made = issue_orders(docs, pending, issued_on=TODAY, workers=1, progress=lambda n, _t: done.append(n),
                        cancel=lambda: len(done) >= 2)
    assert len(made) == 2 and len(pending_orders(ws)) == len(pending) - 2


def test_the_command_line_issues_the_missing_orders_of_a_township(issued, capsys):
    ws, _docs, _ids = issued
    pending = pending_orders(ws)
    town = ws.registry.get_enterprise(pending[0].enterprise_id)["township_id"]
    mine = pending_orders(ws, township_id=town)
    ws.close()
    args = ["--data-dir", str(ws.data_dir), "issue-orders", "--township", town, "--workers", "1"]
    assert main([*args, "--dry-run"]) == 0
    assert f"{len(mine)}" in capsys.readouterr().out
    assert main(args) == 0
    assert f"{len(mine)}" in capsys.readouterr().out
    from app.models.workspace import Workspace

    with Workspace(ws.data_dir) as again:
        assert pending_orders(again, township_id=town) == []
        assert len(pending_orders(again)) == len(pending) - len(mine)


def test_a_block_used_up_inside_a_chunk_is_followed_by_the_next(issued, monkeypatch):
    """A chunk numbers its orders before storing them: each number counts as taken, and a standalone laptop takes
    its next block when the numbers of the chunk use one up."""
    from app.documents import numbering

    ws, docs, _ids = issued
    monkeypatch.setattr(numbering, "SELF_SIZE", 3)  # the blocks taken from now on; the first holds 50
    [block] = docs.numbering.blocks("ORDER", docs.issuer(), TODAY.year, device=docs.numbering.device_id)
    pending = pending_orders(ws)
    left = block.size - 2
    again = [pending[i % len(pending)] for i in range(left + 4)]  # a second order for a visit is allowed
    made = issue_orders(docs, again, issued_on=TODAY, workers=1)
    numbers = [docs.get(i)["doc_no"] for i in [*_ids, *made]]
    assert len(set(numbers)) == len(numbers) == left + 6
    blocks = docs.numbering.blocks("ORDER", docs.issuer(), TODAY.year, device=docs.numbering.device_id)
    assert sorted(b.size for b in blocks) == [3, 3, 50]
